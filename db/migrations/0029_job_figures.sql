CREATE TABLE "job_figure" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "job_figure_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"jobs_now" integer NOT NULL,
	"jobs_potential" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "job_figure" ADD CONSTRAINT "job_figure_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_figure_project_id_at_index" ON "job_figure" USING btree ("project_id","at");--> statement-breakpoint
-- What each project says today, from its last save: the history starts there.
INSERT INTO "job_figure" ("project_id", "at", "jobs_now", "jobs_potential")
  SELECT id, updated_at, jobs_now, jobs_potential FROM "project" WHERE jobs_now <> 0 OR jobs_potential <> 0;--> statement-breakpoint
-- Every later change of either figure, whatever writes it. A restore (db/backup.ts) brings the
-- history back from its own rows and says so, so that the projects it puts back add none.
CREATE FUNCTION project_job_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('maillage.restore', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.jobs_now <> 0 OR NEW.jobs_potential <> 0 THEN
      INSERT INTO job_figure (project_id, at, jobs_now, jobs_potential) VALUES (NEW.id, NEW.updated_at, NEW.jobs_now, NEW.jobs_potential);
    END IF;
  ELSIF NEW.jobs_now IS DISTINCT FROM OLD.jobs_now OR NEW.jobs_potential IS DISTINCT FROM OLD.jobs_potential THEN
    INSERT INTO job_figure (project_id, at, jobs_now, jobs_potential) VALUES (NEW.id, now(), NEW.jobs_now, NEW.jobs_potential);
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER project_job_figures AFTER INSERT OR UPDATE OF jobs_now, jobs_potential ON project
  FOR EACH ROW EXECUTE FUNCTION project_job_figures();
