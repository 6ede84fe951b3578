ALTER TABLE `posts` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `posts_author_idempotency_key_idx` ON `posts` (`author_id`,`idempotency_key`);