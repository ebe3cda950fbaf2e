CREATE TYPE "public"."ksb_start_rating" AS ENUM('none', 'some', 'confident');--> statement-breakpoint
ALTER TYPE "public"."gateway_role" ADD VALUE 'apprentice';--> statement-breakpoint
CREATE TABLE "gateway_pack_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pack_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"recipient" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gateway_pack_openings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"link_id" uuid NOT NULL,
	"item" text NOT NULL,
	"user_agent" text,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gateway_packs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprenticeship_id" uuid NOT NULL,
	"status" "portfolio_export_status" DEFAULT 'queued' NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"file_name" text,
	"storage_key" text,
	"summary_storage_key" text,
	"size_bytes" bigint,
	"error" text,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "initial_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprenticeship_id" uuid NOT NULL,
	"self_ratings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prior_learning" text DEFAULT '' NOT NULL,
	"experience" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"confirmed_ratings" jsonb,
	"trainer_notes" text,
	"rpl_ksbs" text[] DEFAULT '{}'::text[] NOT NULL,
	"rpl_reason" text,
	"rpl_hours" integer DEFAULT 0 NOT NULL,
	"rpl_months" integer DEFAULT 0 NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initial_assessments_rpl_bounds" CHECK ("initial_assessments"."rpl_hours" >= 0 and "initial_assessments"."rpl_months" >= 0)
);
--> statement-breakpoint
CREATE TABLE "learning_breaks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprenticeship_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"reason" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"ended_by" uuid,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learning_breaks_dates" CHECK ("learning_breaks"."end_date" is null or "learning_breaks"."end_date" > "learning_breaks"."start_date")
);
--> statement-breakpoint
CREATE TABLE "training_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprenticeship_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"planned_start_date" date NOT NULL,
	"planned_end_date" date NOT NULL,
	"duration_months" integer NOT NULL,
	"weekly_hours" numeric(4, 1) NOT NULL,
	"rules_year" text NOT NULL,
	"standard_otj_hours" integer NOT NULL,
	"rpl_hours" integer DEFAULT 0 NOT NULL,
	"rpl_months" integer DEFAULT 0 NOT NULL,
	"planned_otj_hours" integer NOT NULL,
	"activities" jsonb NOT NULL,
	"support" text DEFAULT '' NOT NULL,
	"reasonable_adjustments" text DEFAULT '' NOT NULL,
	"english_plan" text NOT NULL,
	"maths_plan" text NOT NULL,
	"change_summary" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"apprentice_signed_at" timestamp with time zone,
	"employer_signer_id" uuid,
	"employer_signed_name" text,
	"employer_signed_at" timestamp with time zone,
	"provider_signer_id" uuid,
	"provider_signed_name" text,
	"provider_signed_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	"row_version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "training_plans_dates" CHECK ("training_plans"."planned_end_date" > "training_plans"."planned_start_date"),
	CONSTRAINT "training_plans_hours" CHECK ("training_plans"."planned_otj_hours" >= 0 and "training_plans"."rpl_hours" >= 0 and "training_plans"."rpl_months" >= 0 and "training_plans"."duration_months" > 0)
);
--> statement-breakpoint
ALTER TABLE "apprenticeships" ADD COLUMN "actual_end_date" date;--> statement-breakpoint
ALTER TABLE "apprenticeships" ADD COLUMN "actual_otj_hours" numeric(7, 2);--> statement-breakpoint
ALTER TABLE "apprenticeships" ADD COLUMN "withdraw_reason" integer;--> statement-breakpoint
ALTER TABLE "progress_reviews" ADD COLUMN "english_maths" text;--> statement-breakpoint
ALTER TABLE "progress_reviews" ADD COLUMN "support_discussed" text;--> statement-breakpoint
ALTER TABLE "progress_reviews" ADD COLUMN "plan_version" integer;--> statement-breakpoint
ALTER TABLE "gateway_pack_links" ADD CONSTRAINT "gateway_pack_links_pack_id_gateway_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."gateway_packs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_pack_links" ADD CONSTRAINT "gateway_pack_links_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_pack_links" ADD CONSTRAINT "gateway_pack_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_pack_openings" ADD CONSTRAINT "gateway_pack_openings_link_id_gateway_pack_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."gateway_pack_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_packs" ADD CONSTRAINT "gateway_packs_apprenticeship_id_apprenticeships_id_fk" FOREIGN KEY ("apprenticeship_id") REFERENCES "public"."apprenticeships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_packs" ADD CONSTRAINT "gateway_packs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initial_assessments" ADD CONSTRAINT "initial_assessments_apprenticeship_id_apprenticeships_id_fk" FOREIGN KEY ("apprenticeship_id") REFERENCES "public"."apprenticeships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initial_assessments" ADD CONSTRAINT "initial_assessments_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_breaks" ADD CONSTRAINT "learning_breaks_apprenticeship_id_apprenticeships_id_fk" FOREIGN KEY ("apprenticeship_id") REFERENCES "public"."apprenticeships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_breaks" ADD CONSTRAINT "learning_breaks_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_breaks" ADD CONSTRAINT "learning_breaks_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_plans" ADD CONSTRAINT "training_plans_apprenticeship_id_apprenticeships_id_fk" FOREIGN KEY ("apprenticeship_id") REFERENCES "public"."apprenticeships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_plans" ADD CONSTRAINT "training_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_plans" ADD CONSTRAINT "training_plans_employer_signer_id_users_id_fk" FOREIGN KEY ("employer_signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_plans" ADD CONSTRAINT "training_plans_provider_signer_id_users_id_fk" FOREIGN KEY ("provider_signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "gateway_pack_links_token_hash_unique" ON "gateway_pack_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "gateway_pack_links_pack_idx" ON "gateway_pack_links" USING btree ("pack_id");--> statement-breakpoint
CREATE INDEX "gateway_pack_links_revoked_by_idx" ON "gateway_pack_links" USING btree ("revoked_by");--> statement-breakpoint
CREATE INDEX "gateway_pack_links_created_by_idx" ON "gateway_pack_links" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "gateway_pack_openings_link_idx" ON "gateway_pack_openings" USING btree ("link_id","opened_at");--> statement-breakpoint
CREATE INDEX "gateway_packs_apprenticeship_idx" ON "gateway_packs" USING btree ("apprenticeship_id","created_at");--> statement-breakpoint
CREATE INDEX "gateway_packs_requested_by_idx" ON "gateway_packs" USING btree ("requested_by");--> statement-breakpoint
CREATE UNIQUE INDEX "initial_assessments_apprenticeship_unique" ON "initial_assessments" USING btree ("apprenticeship_id");--> statement-breakpoint
CREATE INDEX "initial_assessments_confirmed_by_idx" ON "initial_assessments" USING btree ("confirmed_by");--> statement-breakpoint
CREATE INDEX "learning_breaks_apprenticeship_idx" ON "learning_breaks" USING btree ("apprenticeship_id","start_date");--> statement-breakpoint
CREATE INDEX "learning_breaks_recorded_by_idx" ON "learning_breaks" USING btree ("recorded_by");--> statement-breakpoint
CREATE INDEX "learning_breaks_ended_by_idx" ON "learning_breaks" USING btree ("ended_by");--> statement-breakpoint
CREATE UNIQUE INDEX "training_plans_apprenticeship_version_unique" ON "training_plans" USING btree ("apprenticeship_id","version");--> statement-breakpoint
CREATE INDEX "training_plans_created_by_idx" ON "training_plans" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "training_plans_employer_signer_idx" ON "training_plans" USING btree ("employer_signer_id");--> statement-breakpoint
CREATE INDEX "training_plans_provider_signer_idx" ON "training_plans" USING btree ("provider_signer_id");--> statement-breakpoint
-- A training plan version signed by all three is what was agreed: it never changes and is never deleted. The
-- only thing that may still happen to it is being superseded by a later signed version.
CREATE OR REPLACE FUNCTION training_plans_refuse_change_after_signing() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.apprentice_signed_at IS NOT NULL AND OLD.employer_signed_at IS NOT NULL AND OLD.provider_signed_at IS NOT NULL THEN
    IF TG_OP = 'DELETE' OR (to_jsonb(NEW) - 'superseded_at' - 'row_version') IS DISTINCT FROM (to_jsonb(OLD) - 'superseded_at' - 'row_version') THEN
      RAISE EXCEPTION 'a signed training plan is never changed: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER training_plans_signed_is_final
  BEFORE UPDATE OR DELETE ON training_plans
  FOR EACH ROW EXECUTE FUNCTION training_plans_refuse_change_after_signing();
--> statement-breakpoint
-- Openings of a gateway pack link are the record the assessor's access is checked against: append only.
CREATE OR REPLACE FUNCTION gateway_pack_openings_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'gateway pack openings are a log: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER gateway_pack_openings_no_update_delete
  BEFORE UPDATE OR DELETE ON gateway_pack_openings
  FOR EACH ROW EXECUTE FUNCTION gateway_pack_openings_append_only();
