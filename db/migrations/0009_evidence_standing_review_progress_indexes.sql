DROP INDEX "coding_attempts_apprentice_created_idx";--> statement-breakpoint
DROP INDEX "question_answers_apprentice_created_idx";--> statement-breakpoint
DROP INDEX "evidence_apprentice_status_idx";--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "standing_review_id" uuid;--> statement-breakpoint
CREATE INDEX "evidence_standing_review_idx" ON "evidence" USING btree ("standing_review_id");--> statement-breakpoint
CREATE INDEX "evidence_apprentice_updated_idx" ON "evidence" USING btree ("apprentice_id","updated_at");
--> statement-breakpoint
-- Every new review becomes its piece's standing decision, unless a later one is already standing
-- (bulk loads may insert reviews out of order). Whoever writes reviews, the column stays right.
CREATE OR REPLACE FUNCTION evidence_reviews_set_standing() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE evidence e SET standing_review_id = NEW.id
  WHERE e.id = NEW.evidence_id
    AND (e.standing_review_id IS NULL
         OR (SELECT r.created_at FROM evidence_reviews r WHERE r.id = e.standing_review_id) <= NEW.created_at);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER evidence_reviews_standing
  AFTER INSERT ON evidence_reviews
  FOR EACH ROW EXECUTE FUNCTION evidence_reviews_set_standing();
--> statement-breakpoint
UPDATE evidence e SET standing_review_id = latest.id
FROM (SELECT DISTINCT ON (evidence_id) id, evidence_id FROM evidence_reviews ORDER BY evidence_id, created_at DESC) latest
WHERE latest.evidence_id = e.id;
--> statement-breakpoint
-- Covering indexes for the progress figures (issue 6): each apprentice's latest cases, latest answers and
-- off-the-job minutes are read from the index alone. They replace the plain indexes on the same keys.
CREATE INDEX coding_attempts_apprentice_created_cover_idx ON coding_attempts (apprentice_id, created_at)
  INCLUDE (pd_correct, pd_of, sd_correct, sd_of, pp_correct, pp_of, sp_correct, sp_of);
--> statement-breakpoint
CREATE INDEX question_answers_apprentice_created_cover_idx ON question_answers (apprentice_id, created_at) INCLUDE (correct);
--> statement-breakpoint
CREATE INDEX otj_entries_apprentice_created_cover_idx ON otj_entries (apprentice_id, created_at) INCLUDE (minutes, status);
--> statement-breakpoint
CREATE INDEX evidence_ksb_decisions_review_met_idx ON evidence_ksb_decisions (review_id) INCLUDE (ksb_code, met);
--> statement-breakpoint
CREATE INDEX evidence_apprentice_status_cover_idx ON evidence (apprentice_id, status) INCLUDE (standing_review_id);
