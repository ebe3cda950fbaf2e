CREATE TABLE "classification_editions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme" "code_scheme" NOT NULL,
	"name" text NOT NULL,
	"origin" text NOT NULL,
	"source" text NOT NULL,
	"release_date" date,
	"attribution" text NOT NULL,
	"code_count" integer DEFAULT 0 NOT NULL,
	"content_hash" text,
	"active" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "code_usage" (
	"scheme" "code_scheme" NOT NULL,
	"code" text NOT NULL,
	"episodes" integer NOT NULL,
	CONSTRAINT "code_usage_scheme_code_pk" PRIMARY KEY("scheme","code")
);
--> statement-breakpoint
CREATE TABLE "dagger_asterisk_refs" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"paired" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coding_remarks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attempt_id" uuid NOT NULL,
	"icd10_edition_id" uuid NOT NULL,
	"opcs4_edition_id" uuid NOT NULL,
	"rules" jsonb NOT NULL,
	"expected" jsonb NOT NULL,
	"findings" jsonb NOT NULL,
	"pd_correct" integer,
	"pd_of" integer,
	"sd_correct" integer,
	"sd_of" integer,
	"pp_correct" integer,
	"pp_of" integer,
	"sp_correct" integer,
	"sp_of" integer,
	"marked_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The old lists' rows are content, reloaded by the seed into the shipped editions: clear them and the
-- record that they were loaded.
DELETE FROM "classification_codes";--> statement-breakpoint
DELETE FROM "content_versions" WHERE "name" = 'classifications';--> statement-breakpoint
DROP INDEX "classification_codes_category_idx";--> statement-breakpoint
ALTER TABLE "classification_codes" DROP CONSTRAINT "classification_codes_scheme_code_pk";--> statement-breakpoint
ALTER TABLE "classification_codes" ADD COLUMN "edition_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "classification_codes" ADD CONSTRAINT "classification_codes_edition_id_code_pk" PRIMARY KEY("edition_id","code");--> statement-breakpoint
ALTER TABLE "classification_codes" ADD COLUMN "usage" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "classification_codes" ADD COLUMN "modifier" text;--> statement-breakpoint
ALTER TABLE "classification_codes" ADD COLUMN "sex" text;--> statement-breakpoint
ALTER TABLE "classification_codes" ADD COLUMN "min_age" integer;--> statement-breakpoint
ALTER TABLE "classification_codes" ADD COLUMN "max_age" integer;--> statement-breakpoint
ALTER TABLE "coding_attempts" ADD COLUMN "icd10_edition_id" uuid;--> statement-breakpoint
ALTER TABLE "coding_attempts" ADD COLUMN "opcs4_edition_id" uuid;--> statement-breakpoint
ALTER TABLE "coding_attempts" ADD COLUMN "rules" jsonb;--> statement-breakpoint
ALTER TABLE "question_answers" ADD COLUMN "edition_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "patient" jsonb;--> statement-breakpoint
ALTER TABLE "written_items" ADD COLUMN "codes" jsonb;--> statement-breakpoint
ALTER TABLE "classification_editions" ADD CONSTRAINT "classification_editions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_remarks" ADD CONSTRAINT "coding_remarks_attempt_id_coding_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."coding_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_remarks" ADD CONSTRAINT "coding_remarks_icd10_edition_id_classification_editions_id_fk" FOREIGN KEY ("icd10_edition_id") REFERENCES "public"."classification_editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_remarks" ADD CONSTRAINT "coding_remarks_opcs4_edition_id_classification_editions_id_fk" FOREIGN KEY ("opcs4_edition_id") REFERENCES "public"."classification_editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_remarks" ADD CONSTRAINT "coding_remarks_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "classification_editions_name_idx" ON "classification_editions" USING btree ("scheme","name");--> statement-breakpoint
CREATE UNIQUE INDEX "classification_editions_one_active_idx" ON "classification_editions" USING btree ("scheme") WHERE "classification_editions"."active";--> statement-breakpoint
CREATE INDEX "classification_editions_created_by_idx" ON "classification_editions" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "coding_remarks_attempt_idx" ON "coding_remarks" USING btree ("attempt_id","created_at");--> statement-breakpoint
CREATE INDEX "coding_remarks_marked_by_idx" ON "coding_remarks" USING btree ("marked_by");--> statement-breakpoint
ALTER TABLE "classification_codes" ADD CONSTRAINT "classification_codes_edition_id_classification_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."classification_editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_attempts" ADD CONSTRAINT "coding_attempts_icd10_edition_id_classification_editions_id_fk" FOREIGN KEY ("icd10_edition_id") REFERENCES "public"."classification_editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_attempts" ADD CONSTRAINT "coding_attempts_opcs4_edition_id_classification_editions_id_fk" FOREIGN KEY ("opcs4_edition_id") REFERENCES "public"."classification_editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_answers" ADD CONSTRAINT "question_answers_edition_id_classification_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."classification_editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "classification_codes_category_idx" ON "classification_codes" USING btree ("edition_id","category");--> statement-breakpoint
CREATE INDEX "coding_attempts_icd10_edition_idx" ON "coding_attempts" USING btree ("icd10_edition_id");--> statement-breakpoint
CREATE INDEX "coding_attempts_opcs4_edition_idx" ON "coding_attempts" USING btree ("opcs4_edition_id");--> statement-breakpoint
CREATE INDEX "coding_remarks_icd10_edition_idx" ON "coding_remarks" USING btree ("icd10_edition_id");--> statement-breakpoint
CREATE INDEX "coding_remarks_opcs4_edition_idx" ON "coding_remarks" USING btree ("opcs4_edition_id");--> statement-breakpoint
CREATE INDEX "question_answers_edition_idx" ON "question_answers" USING btree ("edition_id");--> statement-breakpoint
-- Attempts marked before editions existed were marked against these lists (content/classifications/SOURCES.md,
-- before December 2026). They hold no codes and cannot be activated; they name what old marks were made under.
INSERT INTO "classification_editions" ("scheme", "name", "origin", "source", "attribution", "active") VALUES
  ('icd10', 'WHO ICD-10 2019 (list used before UK editions)', 'legacy', 'WHO ICD-10 2019 as published in the WHO online browser; not the UK edition.', 'ICD-10 © World Health Organization.', false),
  ('opcs4', 'OPCS-4, release unknown (list used before UK editions)', 'legacy', 'An OPCS-4 list of unconfirmed release (probably 4.7 or 4.8) redistributed by UK Biobank.', 'Contains OPCS-4 © Crown copyright, NHS England.', false);
--> statement-breakpoint
-- Saved attempts are never changed, so the trigger is set aside for this one labelling of old rows only.
ALTER TABLE "coding_attempts" DISABLE TRIGGER "coding_attempts_no_update_delete";--> statement-breakpoint
UPDATE "coding_attempts" SET
  "icd10_edition_id" = (SELECT "id" FROM "classification_editions" WHERE "origin" = 'legacy' AND "scheme" = 'icd10'),
  "opcs4_edition_id" = (SELECT "id" FROM "classification_editions" WHERE "origin" = 'legacy' AND "scheme" = 'opcs4');--> statement-breakpoint
ALTER TABLE "coding_attempts" ENABLE TRIGGER "coding_attempts_no_update_delete";--> statement-breakpoint
UPDATE "question_answers" qa SET "edition_id" = e."id"
FROM "questions" q, "classification_editions" e
WHERE q."id" = qa."question_id" AND q."type" = 'code' AND e."origin" = 'legacy' AND e."scheme" = q."classification";--> statement-breakpoint
-- A re-mark is a record like the attempt it re-marks: never changed.
CREATE TRIGGER coding_remarks_no_update_delete
  BEFORE UPDATE OR DELETE ON coding_remarks
  FOR EACH ROW EXECUTE FUNCTION coding_attempts_refuse_change();
--> statement-breakpoint
-- "Latest N" is by time and then id (issue 14): the covering index keeps that order, so the window is read from it.
DROP INDEX "coding_attempts_apprentice_created_cover_idx";--> statement-breakpoint
CREATE INDEX coding_attempts_apprentice_created_cover_idx ON coding_attempts (apprentice_id, created_at, id)
  INCLUDE (pd_correct, pd_of, sd_correct, sd_of, pp_correct, pp_of, sp_correct, sp_of);
--> statement-breakpoint
DROP INDEX "question_answers_apprentice_created_cover_idx";--> statement-breakpoint
CREATE INDEX question_answers_apprentice_created_cover_idx ON question_answers (apprentice_id, created_at, id) INCLUDE (correct);
--> statement-breakpoint
-- Each attempt's standing result: its newest re-mark, or the original. Progress reads this.
CREATE VIEW coding_standing AS
SELECT ca.id, ca.apprentice_id, ca.case_id, ca.assessment_attempt_id, ca.created_at,
  (r.id IS NOT NULL) AS remarked,
  coalesce(r.findings, ca.findings) AS findings,
  CASE WHEN r.id IS NULL THEN ca.pd_correct ELSE r.pd_correct END AS pd_correct,
  CASE WHEN r.id IS NULL THEN ca.pd_of ELSE r.pd_of END AS pd_of,
  CASE WHEN r.id IS NULL THEN ca.sd_correct ELSE r.sd_correct END AS sd_correct,
  CASE WHEN r.id IS NULL THEN ca.sd_of ELSE r.sd_of END AS sd_of,
  CASE WHEN r.id IS NULL THEN ca.pp_correct ELSE r.pp_correct END AS pp_correct,
  CASE WHEN r.id IS NULL THEN ca.pp_of ELSE r.pp_of END AS pp_of,
  CASE WHEN r.id IS NULL THEN ca.sp_correct ELSE r.sp_correct END AS sp_correct,
  CASE WHEN r.id IS NULL THEN ca.sp_of ELSE r.sp_of END AS sp_of
FROM coding_attempts ca
LEFT JOIN LATERAL (
  SELECT r.id, r.findings, r.pd_correct, r.pd_of, r.sd_correct, r.sd_of, r.pp_correct, r.pp_of, r.sp_correct, r.sp_of
  FROM coding_remarks r WHERE r.attempt_id = ca.id ORDER BY r.created_at DESC, r.id DESC LIMIT 1
) r ON true;
