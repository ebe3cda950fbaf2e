-- What was submitted, and what the trainer decided, is the portfolio's history: never changed or removed.
-- An admin who overrides a decision adds a new review with a reason; the old one stays.
CREATE OR REPLACE FUNCTION evidence_history_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never changed once written: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER evidence_versions_no_update_delete
  BEFORE UPDATE OR DELETE ON evidence_versions
  FOR EACH ROW EXECUTE FUNCTION evidence_history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER evidence_reviews_no_update_delete
  BEFORE UPDATE OR DELETE ON evidence_reviews
  FOR EACH ROW EXECUTE FUNCTION evidence_history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER evidence_ksb_decisions_no_update_delete
  BEFORE UPDATE OR DELETE ON evidence_ksb_decisions
  FOR EACH ROW EXECUTE FUNCTION evidence_history_refuse_change();
--> statement-breakpoint
-- A signed witness statement is the witness's word: once signed it cannot be changed or removed.
CREATE OR REPLACE FUNCTION witness_statements_refuse_change_after_signing() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'signed' THEN
    RAISE EXCEPTION 'a signed witness statement is never changed: % is not allowed', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER witness_statements_signed_is_final
  BEFORE UPDATE OR DELETE ON witness_statements
  FOR EACH ROW EXECUTE FUNCTION witness_statements_refuse_change_after_signing();
--> statement-breakpoint
-- Off-the-job time is logged in quarter-hours, never more than a day in one entry.
ALTER TABLE otj_entries ADD CONSTRAINT otj_entries_quarter_hours CHECK (minutes > 0 AND minutes <= 1440 AND minutes % 15 = 0);
