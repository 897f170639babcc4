ALTER TABLE "user" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
-- Erasure may blank the personal values inside `changes`, nothing else: who acted, on what and when stay.
CREATE OR REPLACE FUNCTION change_log_append_only() RETURNS trigger AS $$
BEGIN
  IF current_setting('maillage.erasure', true) = 'on' AND TG_OP = 'UPDATE'
     AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
     AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id
     AND NEW.project_id IS NOT DISTINCT FROM OLD.project_id AND NEW.action = OLD.action
     AND NEW.version IS NOT DISTINCT FROM OLD.version THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'change_log is append-only (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
