CREATE TABLE `oai_tombstones` (
	`document_id` text PRIMARY KEY NOT NULL,
	`datestamp` text NOT NULL,
	`sets` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `oai_tombstones_datestamp_idx` ON `oai_tombstones` (`datestamp`,`document_id`);