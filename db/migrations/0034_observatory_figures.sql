CREATE TABLE "observatory_figure" (
	"level" text NOT NULL,
	"code" text NOT NULL,
	"figures" jsonb NOT NULL,
	"counted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "observatory_figure_level_code_pk" PRIMARY KEY("level","code")
);
--> statement-breakpoint
CREATE INDEX "project_public_latest_index" ON "project" USING btree ("updated_at" DESC NULLS LAST,"id") WHERE "project"."visibility" = 'public';