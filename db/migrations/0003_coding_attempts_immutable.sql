-- A saved coding attempt is a record of what the apprentice answered and how it was marked: never changed.
CREATE OR REPLACE FUNCTION coding_attempts_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'coding_attempts are never changed once saved: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER coding_attempts_no_update_delete
  BEFORE UPDATE OR DELETE ON coding_attempts
  FOR EACH ROW EXECUTE FUNCTION coding_attempts_refuse_change();
