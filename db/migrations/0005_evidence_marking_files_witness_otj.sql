CREATE TYPE "public"."otj_activity_type" AS ENUM('teaching', 'practical_training', 'shadowing', 'mentoring', 'learning_support', 'writing_assignments', 'other');--> statement-breakpoint
CREATE TYPE "public"."otj_status" AS ENUM('logged', 'accepted', 'queried');--> statement-breakpoint
CREATE TYPE "public"."evidence_review_outcome" AS ENUM('accepted', 'referred');--> statement-breakpoint
CREATE TYPE "public"."witness_status" AS ENUM('requested', 'signed');--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evidence_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "evidence_files_storageKey_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "evidence_ksb_decisions" (
	"review_id" uuid NOT NULL,
	"ksb_code" text NOT NULL,
	"met" boolean NOT NULL,
	CONSTRAINT "evidence_ksb_decisions_review_id_ksb_code_pk" PRIMARY KEY("review_id","ksb_code")
);
--> statement-breakpoint
CREATE TABLE "evidence_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evidence_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"outcome" "evidence_review_outcome" NOT NULL,
	"feedback" text NOT NULL,
	"override_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_versions" (
	"evidence_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"title" text NOT NULL,
	"type" "evidence_type" NOT NULL,
	"activity_date" date NOT NULL,
	"account" text NOT NULL,
	"ksbs" text[] NOT NULL,
	"files" jsonb NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_versions_evidence_id_version_no_pk" PRIMARY KEY("evidence_id","version_no")
);
--> statement-breakpoint
CREATE TABLE "otj_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"activity_date" date NOT NULL,
	"minutes" integer NOT NULL,
	"activity_type" "otj_activity_type" NOT NULL,
	"description" text NOT NULL,
	"ksbs" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "otj_status" DEFAULT 'logged' NOT NULL,
	"reviewer_id" uuid,
	"review_comment" text,
	"reviewed_at" timestamp with time zone,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "witness_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evidence_id" uuid NOT NULL,
	"witness_id" uuid NOT NULL,
	"request_message" text NOT NULL,
	"status" "witness_status" DEFAULT 'requested' NOT NULL,
	"statement" text,
	"signed_name" text,
	"signed_job_title" text,
	"signed_on" date,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_at" timestamp with time zone,
	"row_version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "submission_no" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_ksb_decisions" ADD CONSTRAINT "evidence_ksb_decisions_review_id_evidence_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."evidence_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_reviews" ADD CONSTRAINT "evidence_reviews_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_reviews" ADD CONSTRAINT "evidence_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_versions" ADD CONSTRAINT "evidence_versions_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "otj_entries" ADD CONSTRAINT "otj_entries_apprentice_id_users_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "otj_entries" ADD CONSTRAINT "otj_entries_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "witness_statements" ADD CONSTRAINT "witness_statements_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "witness_statements" ADD CONSTRAINT "witness_statements_witness_id_users_id_fk" FOREIGN KEY ("witness_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_files_evidence_idx" ON "evidence_files" USING btree ("evidence_id");--> statement-breakpoint
CREATE INDEX "evidence_files_uploaded_by_idx" ON "evidence_files" USING btree ("uploaded_by");--> statement-breakpoint
CREATE INDEX "evidence_ksb_decisions_ksb_idx" ON "evidence_ksb_decisions" USING btree ("ksb_code");--> statement-breakpoint
CREATE INDEX "evidence_reviews_evidence_idx" ON "evidence_reviews" USING btree ("evidence_id","created_at");--> statement-breakpoint
CREATE INDEX "evidence_reviews_reviewer_idx" ON "evidence_reviews" USING btree ("reviewer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_reviews_one_decision_per_version" ON "evidence_reviews" USING btree ("evidence_id","version_no") WHERE override_reason is null;--> statement-breakpoint
CREATE INDEX "otj_entries_apprentice_date_idx" ON "otj_entries" USING btree ("apprentice_id","activity_date");--> statement-breakpoint
CREATE INDEX "otj_entries_reviewer_idx" ON "otj_entries" USING btree ("reviewer_id");--> statement-breakpoint
CREATE INDEX "witness_statements_evidence_idx" ON "witness_statements" USING btree ("evidence_id");--> statement-breakpoint
CREATE INDEX "witness_statements_witness_idx" ON "witness_statements" USING btree ("witness_id","status");