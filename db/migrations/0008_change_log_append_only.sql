-- The change log is append-only: a trigger refuses UPDATE and DELETE (grants prove nothing when
-- the app or CI connects as a superuser). The one exception, erasing personal values when an
-- account is deleted, sets `maillage.erasure` to 'on' for its own transaction.
CREATE OR REPLACE FUNCTION change_log_append_only() RETURNS trigger AS $$
BEGIN
  IF current_setting('maillage.erasure', true) = 'on' AND TG_OP = 'UPDATE' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'change_log is append-only (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER change_log_append_only
  BEFORE UPDATE OR DELETE ON change_log
  FOR EACH ROW EXECUTE FUNCTION change_log_append_only();
