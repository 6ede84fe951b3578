CREATE TABLE `ocr_jobs` (
	`document_id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`languages` text NOT NULL,
	`pages` text NOT NULL,
	`pages_done` integer DEFAULT 0 NOT NULL,
	`low_confidence_pages` text DEFAULT '[]' NOT NULL,
	`message` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ocr_jobs_status_idx` ON `ocr_jobs` (`status`);--> statement-breakpoint
ALTER TABLE `pages` ADD `ocr_confidence` real;