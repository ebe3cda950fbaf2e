CREATE TYPE "public"."evidence_status" AS ENUM('draft', 'submitted', 'referred', 'accepted');--> statement-breakpoint
CREATE TYPE "public"."evidence_type" AS ENUM('work_product', 'reflective_account', 'witness_testimony', 'observation_record', 'professional_discussion_record', 'certificate', 'other');--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"title" text NOT NULL,
	"type" "evidence_type" NOT NULL,
	"activity_date" date NOT NULL,
	"account" text NOT NULL,
	"status" "evidence_status" DEFAULT 'draft' NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "evidence_ksbs" (
	"evidence_id" uuid NOT NULL,
	"ksb_code" text NOT NULL,
	CONSTRAINT "evidence_ksbs_evidence_id_ksb_code_pk" PRIMARY KEY("evidence_id","ksb_code")
);
--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_apprentice_id_users_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_ksbs" ADD CONSTRAINT "evidence_ksbs_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_apprentice_status_idx" ON "evidence" USING btree ("apprentice_id","status");--> statement-breakpoint
CREATE INDEX "evidence_status_submitted_idx" ON "evidence" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "evidence_ksbs_ksb_idx" ON "evidence_ksbs" USING btree ("ksb_code");