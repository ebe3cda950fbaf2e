-- A mock attempt is evidence of what the apprentice did under time: marks and results are appended
-- (a remark is a new row with its reason), never changed or removed.
CREATE TRIGGER assessment_marks_no_update_delete
  BEFORE UPDATE OR DELETE ON assessment_marks
  FOR EACH ROW EXECUTE FUNCTION evidence_history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER assessment_results_no_update_delete
  BEFORE UPDATE OR DELETE ON assessment_results
  FOR EACH ROW EXECUTE FUNCTION evidence_history_refuse_change();
--> statement-breakpoint
-- Answers change only while their attempt is in progress and before its deadline.
CREATE OR REPLACE FUNCTION assessment_answers_only_in_time() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  a record;
BEGIN
  SELECT status, deadline INTO a FROM assessment_attempts WHERE id = COALESCE(NEW.attempt_id, OLD.attempt_id);
  IF a.status <> 'in_progress' OR a.deadline <= now() THEN
    RAISE EXCEPTION 'the attempt is no longer in progress: % of an answer is not allowed', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER assessment_answers_in_time
  BEFORE INSERT OR UPDATE OR DELETE ON assessment_answers
  FOR EACH ROW EXECUTE FUNCTION assessment_answers_only_in_time();
--> statement-breakpoint
-- What was drawn, when it started and when it must end are fixed; the status only moves forward.
CREATE OR REPLACE FUNCTION assessment_attempts_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'an assessment attempt is never removed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.items IS DISTINCT FROM OLD.items OR NEW.started_at IS DISTINCT FROM OLD.started_at
     OR NEW.deadline IS DISTINCT FROM OLD.deadline OR NEW.apprentice_id IS DISTINCT FROM OLD.apprentice_id
     OR NEW.blueprint_id IS DISTINCT FROM OLD.blueprint_id
     OR (OLD.status = 'submitted' AND NEW.status = 'in_progress')
     OR (OLD.status = 'marked' AND NEW.status <> 'marked')
     OR (OLD.submitted_at IS NOT NULL AND NEW.submitted_at IS DISTINCT FROM OLD.submitted_at) THEN
    RAISE EXCEPTION 'an assessment attempt''s paper, times and submission are fixed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER assessment_attempts_fixed
  BEFORE UPDATE OR DELETE ON assessment_attempts
  FOR EACH ROW EXECUTE FUNCTION assessment_attempts_fixed();
