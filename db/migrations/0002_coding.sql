CREATE TYPE "public"."code_scheme" AS ENUM('icd10', 'opcs4');--> statement-breakpoint
CREATE TYPE "public"."difficulty" AS ENUM('foundation', 'intermediate', 'advanced');--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"specialty" text NOT NULL,
	"difficulty" "difficulty" NOT NULL,
	"ksbs" text[] NOT NULL,
	"conventions" text[] NOT NULL,
	"notes" jsonb NOT NULL,
	"expected" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "classification_codes" (
	"scheme" "code_scheme" NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"chapter" text NOT NULL,
	"block" text,
	"has_children" boolean NOT NULL,
	"asterisk" boolean DEFAULT false NOT NULL,
	CONSTRAINT "classification_codes_scheme_code_pk" PRIMARY KEY("scheme","code")
);
--> statement-breakpoint
CREATE TABLE "coding_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"case_id" text NOT NULL,
	"answer" jsonb NOT NULL,
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
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "question_answers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"apprentice_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"answer" jsonb NOT NULL,
	"correct" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" text PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"type" text NOT NULL,
	"stem" text NOT NULL,
	"options" jsonb,
	"classification" "code_scheme",
	"answer" jsonb NOT NULL,
	"explanation" text NOT NULL,
	"ksbs" text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coding_attempts" ADD CONSTRAINT "coding_attempts_apprentice_id_users_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_attempts" ADD CONSTRAINT "coding_attempts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_answers" ADD CONSTRAINT "question_answers_apprentice_id_users_id_fk" FOREIGN KEY ("apprentice_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_answers" ADD CONSTRAINT "question_answers_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_specialty_difficulty_idx" ON "cases" USING btree ("specialty","difficulty");--> statement-breakpoint
CREATE INDEX "classification_codes_category_idx" ON "classification_codes" USING btree ("scheme","category");--> statement-breakpoint
CREATE INDEX "coding_attempts_apprentice_created_idx" ON "coding_attempts" USING btree ("apprentice_id","created_at");--> statement-breakpoint
CREATE INDEX "coding_attempts_case_idx" ON "coding_attempts" USING btree ("case_id","apprentice_id");--> statement-breakpoint
CREATE INDEX "question_answers_apprentice_created_idx" ON "question_answers" USING btree ("apprentice_id","created_at");--> statement-breakpoint
CREATE INDEX "question_answers_question_idx" ON "question_answers" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "questions_topic_idx" ON "questions" USING btree ("topic");