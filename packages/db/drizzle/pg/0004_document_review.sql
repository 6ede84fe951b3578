CREATE TABLE "document_revisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"version" integer NOT NULL,
	"actor_id" text NOT NULL,
	"before" text NOT NULL,
	"after" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tag_decisions" (
	"document_id" text NOT NULL,
	"concept_id" text NOT NULL,
	"decision" text NOT NULL,
	"page" integer,
	"actor_id" text NOT NULL,
	"created_at" text NOT NULL,
	CONSTRAINT "tag_decisions_document_id_concept_id_pk" PRIMARY KEY("document_id","concept_id")
);
--> statement-breakpoint
CREATE TABLE "upload_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"file_name" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"stage" text NOT NULL,
	"target_status" text NOT NULL,
	"error_code" text,
	"message" text,
	"document_id" text,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "summary" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "status" text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "published_at" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "submitted_by" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "submitted_for_party" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "document_id" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "decision" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tag_decisions" ADD CONSTRAINT "tag_decisions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_revisions_document_idx" ON "document_revisions" USING btree ("document_id","version");--> statement-breakpoint
CREATE INDEX "upload_jobs_user_idx" ON "upload_jobs" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "documents_status_idx" ON "documents" USING btree ("status","created_at");--> statement-breakpoint
UPDATE "documents" SET "published_at" = "created_at" WHERE "status" = 'published';