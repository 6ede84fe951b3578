CREATE TABLE `national_reports` (
	`document_id` text PRIMARY KEY NOT NULL,
	`party` text,
	`party_claimed` text,
	`cycle_kind` text,
	`cycle_period` text,
	`cycle_year` integer,
	`flags` text DEFAULT '[]' NOT NULL,
	`parsed_at` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `national_reports_party_idx` ON `national_reports` (`party`);--> statement-breakpoint
CREATE TABLE `report_answers` (
	`document_id` text NOT NULL,
	`article` text NOT NULL,
	`question` text NOT NULL,
	`question_text` text NOT NULL,
	`answer` text,
	`value` real,
	`unit` text,
	`explanation` text,
	`page` integer NOT NULL,
	`confidence` real NOT NULL,
	`raw_text` text NOT NULL,
	`source` text DEFAULT 'parser' NOT NULL,
	`corrected_by` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`document_id`, `article`, `question`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `report_answers_article_idx` ON `report_answers` (`article`,`question`);