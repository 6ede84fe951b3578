CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`document_id` text,
	`query` text,
	`useful` integer,
	`category` text,
	`comment` text DEFAULT '' NOT NULL,
	`ui_lang` text NOT NULL,
	`reporter_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`answer` text,
	`answered_by` text,
	`answered_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `feedback_status_idx` ON `feedback` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `feedback_document_idx` ON `feedback` (`document_id`);--> statement-breakpoint
CREATE TABLE `search_clicks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`search_id` text NOT NULL,
	`document_id` text NOT NULL,
	`rank` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `search_clicks_search_idx` ON `search_clicks` (`search_id`);--> statement-breakpoint
CREATE INDEX `search_clicks_created_idx` ON `search_clicks` (`created_at`);--> statement-breakpoint
CREATE TABLE `search_events` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`query` text NOT NULL,
	`ui_lang` text NOT NULL,
	`filters` text NOT NULL,
	`result_count` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `search_events_created_idx` ON `search_events` (`created_at`);