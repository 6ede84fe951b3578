CREATE TABLE `document_concepts` (
	`document_id` text NOT NULL,
	`concept_id` text NOT NULL,
	`score` real NOT NULL,
	`count` integer NOT NULL,
	`source` text DEFAULT 'tagger' NOT NULL,
	`evidence` text NOT NULL,
	PRIMARY KEY(`document_id`, `concept_id`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `document_concepts_concept_idx` ON `document_concepts` (`concept_id`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`kind` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`title` text NOT NULL,
	`symbol` text,
	`date` text,
	`year` integer,
	`language` text NOT NULL,
	`doctype` text NOT NULL,
	`page_count` integer NOT NULL,
	`flags` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_sha256_unique` ON `documents` (`sha256`);--> statement-breakpoint
CREATE INDEX `documents_year_idx` ON `documents` (`year`);--> statement-breakpoint
CREATE INDEX `documents_created_idx` ON `documents` (`created_at`);--> statement-breakpoint
CREATE TABLE `ingest_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`sha256` text,
	`status` text NOT NULL,
	`error_code` text,
	`message` text,
	`document_id` text,
	`flags` text DEFAULT '[]' NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text
);
--> statement-breakpoint
CREATE INDEX `ingest_jobs_status_idx` ON `ingest_jobs` (`status`);--> statement-breakpoint
CREATE TABLE `pages` (
	`document_id` text NOT NULL,
	`page` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`document_id`, `page`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
