CREATE TYPE "public"."gateway_role" AS ENUM('trainer', 'employer');--> statement-breakpoint
CREATE TABLE "gateway_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprenticeship_id" uuid NOT NULL,
	"role" "gateway_role" NOT NULL,
	"confirmed_by" uuid NOT NULL,
	"confirmed_name" text NOT NULL,
	"note" text,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprenticeship_id" uuid NOT NULL,
	"trainer_id" uuid NOT NULL,
	"review_date" date NOT NULL,
	"progress_summary" text NOT NULL,
	"ksbs_discussed" text[] NOT NULL,
	"targets" text NOT NULL,
	"otj_hours_logged" numeric(7, 2) NOT NULL,
	"otj_hours_planned" numeric(7, 2) NOT NULL,
	"wellbeing" text NOT NULL,
	"safeguarding_concern" boolean NOT NULL,
	"safeguarding_notes" text,
	"apprentice_comment" text,
	"apprentice_signed_at" timestamp with time zone,
	"employer_comment" text,
	"employer_signer_id" uuid,
	"employer_signed_name" text,
	"employer_signed_at" timestamp with time zone,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gateway_confirmations" ADD CONSTRAINT "gateway_confirmations_apprenticeship_id_apprenticeships_id_fk" FOREIGN KEY ("apprenticeship_id") REFERENCES "public"."apprenticeships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_confirmations" ADD CONSTRAINT "gateway_confirmations_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reviews" ADD CONSTRAINT "progress_reviews_apprenticeship_id_apprenticeships_id_fk" FOREIGN KEY ("apprenticeship_id") REFERENCES "public"."apprenticeships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reviews" ADD CONSTRAINT "progress_reviews_trainer_id_users_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reviews" ADD CONSTRAINT "progress_reviews_employer_signer_id_users_id_fk" FOREIGN KEY ("employer_signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "gateway_confirmations_one_per_role" ON "gateway_confirmations" USING btree ("apprenticeship_id","role");--> statement-breakpoint
CREATE INDEX "gateway_confirmations_confirmed_by_idx" ON "gateway_confirmations" USING btree ("confirmed_by");--> statement-breakpoint
CREATE INDEX "progress_reviews_apprenticeship_date_idx" ON "progress_reviews" USING btree ("apprenticeship_id","review_date");--> statement-breakpoint
CREATE INDEX "progress_reviews_trainer_idx" ON "progress_reviews" USING btree ("trainer_id");--> statement-breakpoint
CREATE INDEX "progress_reviews_employer_signer_idx" ON "progress_reviews" USING btree ("employer_signer_id");--> statement-breakpoint
CREATE INDEX "settings_updated_by_idx" ON "settings" USING btree ("updated_by");