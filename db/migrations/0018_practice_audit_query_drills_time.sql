CREATE TYPE "public"."query_attempt_status" AS ENUM('submitted', 'marked');--> statement-breakpoint
CREATE TABLE "audit_episodes" (
	"id" text PRIMARY KEY NOT NULL,
	"origin" text NOT NULL,
	"case_id" text,
	"title" text NOT NULL,
	"notes" jsonb NOT NULL,
	"patient" jsonb NOT NULL,
	"ksbs" text[] NOT NULL,
	"coded" jsonb NOT NULL,
	"key" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_practice_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"episode_id" text NOT NULL,
	"answer" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"correct" integer NOT NULL,
	"of" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drill_cards" (
	"apprentice_id" uuid NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" text NOT NULL,
	"reason" text NOT NULL,
	"due" timestamp with time zone NOT NULL,
	"stability" real NOT NULL,
	"difficulty" real NOT NULL,
	"elapsed_days" integer NOT NULL,
	"scheduled_days" integer NOT NULL,
	"learning_steps" integer NOT NULL,
	"reps" integer NOT NULL,
	"lapses" integer NOT NULL,
	"state" smallint NOT NULL,
	"last_review" timestamp with time zone,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drill_cards_apprentice_id_item_kind_item_id_pk" PRIMARY KEY("apprentice_id","item_kind","item_id"),
	CONSTRAINT "drill_cards_kind" CHECK ("drill_cards"."item_kind" in ('case', 'question'))
);
--> statement-breakpoint
CREATE TABLE "practice_time" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ref_id" text NOT NULL,
	"activity_date" date NOT NULL,
	"active_seconds" integer NOT NULL,
	"ksbs" text[] NOT NULL,
	"otj_entry_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_time_kind" CHECK ("practice_time"."kind" in ('coding', 'question', 'audit', 'query', 'mock')),
	CONSTRAINT "practice_time_seconds" CHECK ("practice_time"."active_seconds" > 0)
);
--> statement-breakpoint
CREATE TABLE "query_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"scenario_id" text NOT NULL,
	"query_needed" boolean NOT NULL,
	"addressed_to" text,
	"query_text" text,
	"reasoning" text NOT NULL,
	"prechecks" jsonb NOT NULL,
	"status" "query_attempt_status" DEFAULT 'submitted' NOT NULL,
	"rubric" jsonb,
	"feedback" text,
	"marked_by" uuid,
	"marked_at" timestamp with time zone,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "query_scenarios" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"specialty" text NOT NULL,
	"notes" jsonb NOT NULL,
	"ksbs" text[] NOT NULL,
	"query_needed" boolean NOT NULL,
	"gap" text NOT NULL,
	"changes" text NOT NULL,
	"model_query" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coding_attempts" ADD COLUMN "four_step" jsonb;--> statement-breakpoint
ALTER TABLE "audit_episodes" ADD CONSTRAINT "audit_episodes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_practice_attempts" ADD CONSTRAINT "audit_practice_attempts_apprentice_id_users_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_practice_attempts" ADD CONSTRAINT "audit_practice_attempts_episode_id_audit_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."audit_episodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_cards" ADD CONSTRAINT "drill_cards_apprentice_id_users_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_time" ADD CONSTRAINT "practice_time_apprentice_id_users_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_time" ADD CONSTRAINT "practice_time_otj_entry_id_otj_entries_id_fk" FOREIGN KEY ("otj_entry_id") REFERENCES "public"."otj_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "query_attempts" ADD CONSTRAINT "query_attempts_apprentice_id_users_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "query_attempts" ADD CONSTRAINT "query_attempts_scenario_id_query_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."query_scenarios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "query_attempts" ADD CONSTRAINT "query_attempts_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_episodes_case_idx" ON "audit_episodes" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "audit_practice_attempts_apprentice_idx" ON "audit_practice_attempts" USING btree ("apprentice_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_practice_attempts_episode_idx" ON "audit_practice_attempts" USING btree ("episode_id","apprentice_id");--> statement-breakpoint
CREATE INDEX "drill_cards_due_idx" ON "drill_cards" USING btree ("apprentice_id","due");--> statement-breakpoint
CREATE UNIQUE INDEX "practice_time_ref_idx" ON "practice_time" USING btree ("kind","ref_id");--> statement-breakpoint
CREATE INDEX "practice_time_otj_entry_idx" ON "practice_time" USING btree ("otj_entry_id");--> statement-breakpoint
CREATE INDEX "practice_time_unclaimed_idx" ON "practice_time" USING btree ("apprentice_id","activity_date") WHERE "practice_time"."otj_entry_id" is null;--> statement-breakpoint
CREATE INDEX "query_attempts_apprentice_idx" ON "query_attempts" USING btree ("apprentice_id","created_at");--> statement-breakpoint
CREATE INDEX "query_attempts_scenario_idx" ON "query_attempts" USING btree ("scenario_id","apprentice_id");--> statement-breakpoint
CREATE INDEX "query_attempts_marked_by_idx" ON "query_attempts" USING btree ("marked_by");--> statement-breakpoint
CREATE INDEX "query_attempts_waiting_idx" ON "query_attempts" USING btree ("created_at") WHERE "query_attempts"."status" = 'submitted';--> statement-breakpoint
-- An audit of an episode is a record of what the apprentice judged and how it was marked: never changed (as coding attempts).
CREATE OR REPLACE FUNCTION audit_practice_attempts_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_practice_attempts are never changed once saved: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_practice_attempts_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_practice_attempts
  FOR EACH ROW EXECUTE FUNCTION audit_practice_attempts_refuse_change();
