CREATE TYPE "public"."assessment_attempt_status" AS ENUM('in_progress', 'submitted', 'marked');--> statement-breakpoint
CREATE TABLE "assessment_answers" (
	"attempt_id" uuid NOT NULL,
	"item" integer NOT NULL,
	"answer" jsonb NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"client_seq" bigint NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_answers_attempt_id_item_pk" PRIMARY KEY("attempt_id","item")
);
--> statement-breakpoint
CREATE TABLE "assessment_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"blueprint_id" uuid NOT NULL,
	"blueprint_key" text NOT NULL,
	"sitting_id" uuid,
	"status" "assessment_attempt_status" DEFAULT 'in_progress' NOT NULL,
	"items" jsonb NOT NULL,
	"extra_time_percent" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" text,
	CONSTRAINT "assessment_attempts_deadline" CHECK ("assessment_attempts"."deadline" > "assessment_attempts"."started_at")
);
--> statement-breakpoint
CREATE TABLE "assessment_blueprints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"practice" boolean NOT NULL,
	"definition" jsonb NOT NULL,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_invitations" (
	"sitting_id" uuid NOT NULL,
	"apprentice_id" uuid NOT NULL,
	CONSTRAINT "assessment_invitations_sitting_id_apprentice_id_pk" PRIMARY KEY("sitting_id","apprentice_id")
);
--> statement-breakpoint
CREATE TABLE "assessment_marks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"attempt_id" uuid NOT NULL,
	"item" integer NOT NULL,
	"score" numeric(6, 2) NOT NULL,
	"out_of" integer NOT NULL,
	"detail" jsonb NOT NULL,
	"marked_by" uuid,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_results" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"attempt_id" uuid NOT NULL,
	"percent" numeric(5, 2),
	"grade" text,
	"pending" boolean NOT NULL,
	"sections" jsonb NOT NULL,
	"figures" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_sittings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"blueprint_id" uuid NOT NULL,
	"cohort_id" uuid,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_sittings_window" CHECK ("assessment_sittings"."closes_at" > "assessment_sittings"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "written_items" (
	"id" text PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"prompt" text NOT NULL,
	"ksbs" text[] NOT NULL,
	"rubric" jsonb NOT NULL,
	"guidance" text NOT NULL,
	"marks" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "apprenticeships" ADD COLUMN "extra_time_percent" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "coding_attempts" ADD COLUMN "assessment_attempt_id" uuid;--> statement-breakpoint
ALTER TABLE "question_answers" ADD COLUMN "assessment_attempt_id" uuid;--> statement-breakpoint
ALTER TABLE "assessment_answers" ADD CONSTRAINT "assessment_answers_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD CONSTRAINT "assessment_attempts_apprentice_id_users_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD CONSTRAINT "assessment_attempts_blueprint_id_assessment_blueprints_id_fk" FOREIGN KEY ("blueprint_id") REFERENCES "public"."assessment_blueprints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_attempts" ADD CONSTRAINT "assessment_attempts_sitting_id_assessment_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."assessment_sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_blueprints" ADD CONSTRAINT "assessment_blueprints_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_invitations" ADD CONSTRAINT "assessment_invitations_sitting_id_assessment_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."assessment_sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_invitations" ADD CONSTRAINT "assessment_invitations_apprentice_id_users_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_marks" ADD CONSTRAINT "assessment_marks_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_marks" ADD CONSTRAINT "assessment_marks_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_sittings" ADD CONSTRAINT "assessment_sittings_blueprint_id_assessment_blueprints_id_fk" FOREIGN KEY ("blueprint_id") REFERENCES "public"."assessment_blueprints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_sittings" ADD CONSTRAINT "assessment_sittings_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_sittings" ADD CONSTRAINT "assessment_sittings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_attempts_one_in_progress" ON "assessment_attempts" USING btree ("apprentice_id","blueprint_key") WHERE "assessment_attempts"."status" = 'in_progress';--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_attempts_one_per_sitting" ON "assessment_attempts" USING btree ("sitting_id","apprentice_id") WHERE "assessment_attempts"."sitting_id" is not null;--> statement-breakpoint
CREATE INDEX "assessment_attempts_apprentice_idx" ON "assessment_attempts" USING btree ("apprentice_id","started_at");--> statement-breakpoint
CREATE INDEX "assessment_attempts_deadline_idx" ON "assessment_attempts" USING btree ("deadline") WHERE "assessment_attempts"."status" = 'in_progress';--> statement-breakpoint
CREATE INDEX "assessment_attempts_sitting_idx" ON "assessment_attempts" USING btree ("sitting_id");--> statement-breakpoint
CREATE INDEX "assessment_attempts_blueprint_idx" ON "assessment_attempts" USING btree ("blueprint_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_blueprints_key_version_unique" ON "assessment_blueprints" USING btree ("key","version");--> statement-breakpoint
CREATE INDEX "assessment_blueprints_created_by_idx" ON "assessment_blueprints" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "assessment_invitations_apprentice_idx" ON "assessment_invitations" USING btree ("apprentice_id");--> statement-breakpoint
CREATE INDEX "assessment_marks_attempt_idx" ON "assessment_marks" USING btree ("attempt_id","item","id");--> statement-breakpoint
CREATE INDEX "assessment_marks_marked_by_idx" ON "assessment_marks" USING btree ("marked_by");--> statement-breakpoint
CREATE INDEX "assessment_results_attempt_idx" ON "assessment_results" USING btree ("attempt_id","id");--> statement-breakpoint
CREATE INDEX "assessment_results_created_by_idx" ON "assessment_results" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "assessment_sittings_opens_idx" ON "assessment_sittings" USING btree ("opens_at");--> statement-breakpoint
CREATE INDEX "assessment_sittings_blueprint_idx" ON "assessment_sittings" USING btree ("blueprint_id");--> statement-breakpoint
CREATE INDEX "assessment_sittings_cohort_idx" ON "assessment_sittings" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "assessment_sittings_created_by_idx" ON "assessment_sittings" USING btree ("created_by");--> statement-breakpoint
ALTER TABLE "coding_attempts" ADD CONSTRAINT "coding_attempts_assessment_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("assessment_attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_answers" ADD CONSTRAINT "question_answers_assessment_attempt_id_assessment_attempts_id_fk" FOREIGN KEY ("assessment_attempt_id") REFERENCES "public"."assessment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coding_attempts_assessment_idx" ON "coding_attempts" USING btree ("assessment_attempt_id") WHERE "coding_attempts"."assessment_attempt_id" is not null;--> statement-breakpoint
CREATE INDEX "question_answers_assessment_idx" ON "question_answers" USING btree ("assessment_attempt_id") WHERE "question_answers"."assessment_attempt_id" is not null;--> statement-breakpoint
ALTER TABLE "apprenticeships" ADD CONSTRAINT "apprenticeships_extra_time" CHECK ("apprenticeships"."extra_time_percent" between 0 and 100);