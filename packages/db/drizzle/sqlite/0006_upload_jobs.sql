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
CREATE INDEX `upload_jobs_user_idx` ON `upload_jobs` (`user_id`,`created_at`);