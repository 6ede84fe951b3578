CREATE TABLE `document_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` text NOT NULL,
	`version` integer NOT NULL,
	`actor_id` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `document_revisions_document_idx` ON `document_revisions` (`document_id`,`version`);--> statement-breakpoint
CREATE TABLE `tag_decisions` (
	`document_id` text NOT NULL,
	`concept_id` text NOT NULL,
	`decision` text NOT NULL,
	`page` integer,
	`actor_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`document_id`, `concept_id`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `upload_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`file_name` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`stage` text NOT NULL,
	`target_status` text NOT NULL,
	`error_code` text,
	`message` text,
	`document_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `upload_jobs_user_idx` ON `upload_jobs` (`user_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `documents` ADD `summary` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `status` text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE `documents` ADD `status_reason` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `published_at` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `submitted_by` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `submitted_for_party` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `documents_status_idx` ON `documents` (`status`,`created_at`);--> statement-breakpoint
ALTER TABLE `notifications` ADD `document_id` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `decision` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `reason` text;--> statement-breakpoint
UPDATE `documents` SET `published_at` = `created_at` WHERE `status` = 'published';