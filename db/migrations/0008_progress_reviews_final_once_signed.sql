-- A review signed by all three (trainer by recording it, apprentice and employer contact) is a record of
-- what was agreed: it never changes. Before then only the signatures and comments are added, by the DAL.
CREATE OR REPLACE FUNCTION progress_reviews_refuse_change_after_signing() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.apprentice_signed_at IS NOT NULL AND OLD.employer_signed_at IS NOT NULL THEN
    RAISE EXCEPTION 'a signed progress review is never changed: % is not allowed', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER progress_reviews_signed_is_final
  BEFORE UPDATE OR DELETE ON progress_reviews
  FOR EACH ROW EXECUTE FUNCTION progress_reviews_refuse_change_after_signing();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gateway_confirmations_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'gateway confirmations are never changed once given: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER gateway_confirmations_no_update_delete
  BEFORE UPDATE OR DELETE ON gateway_confirmations
  FOR EACH ROW EXECUTE FUNCTION gateway_confirmations_refuse_change();
