CREATE TABLE `taxonomy_concepts` (
	`id` text PRIMARY KEY NOT NULL,
	`concept` text NOT NULL,
	`version` integer NOT NULL,
	`updated_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `taxonomy_retag_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`concept_id` text NOT NULL,
	`user_id` text NOT NULL,
	`stage` text NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`message` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `taxonomy_retag_jobs_user_idx` ON `taxonomy_retag_jobs` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `taxonomy_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`concept_id` text NOT NULL,
	`version` integer NOT NULL,
	`actor_id` text NOT NULL,
	`before` text,
	`after` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `taxonomy_revisions_concept_idx` ON `taxonomy_revisions` (`concept_id`,`version`);