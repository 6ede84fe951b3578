ALTER TABLE "posts" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "posts_author_idempotency_key_idx" ON "posts" USING btree ("author_id","idempotency_key");