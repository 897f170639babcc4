CREATE TYPE "public"."collective_stage" AS ENUM('idea', 'creation', 'running');--> statement-breakpoint
CREATE TYPE "public"."funding_source" AS ENUM('state', 'region', 'departement', 'epci', 'commune', 'eu', 'private_funder', 'citizens', 'scic_shares', 'own_revenue');--> statement-breakpoint
CREATE TYPE "public"."funding_status" AS ENUM('requested', 'granted', 'paid');--> statement-breakpoint
CREATE TYPE "public"."project_visibility" AS ENUM('parties', 'territory', 'public');--> statement-breakpoint
CREATE TABLE "funding_line" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"source" "funding_source" NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"amount_euros" integer NOT NULL,
	"status" "funding_status" NOT NULL,
	CONSTRAINT "funding_amount_positive" CHECK ("funding_line"."amount_euros" >= 0)
);
--> statement-breakpoint
CREATE TABLE "project_commune" (
	"project_id" uuid NOT NULL,
	"commune_id" text NOT NULL,
	CONSTRAINT "project_commune_project_id_commune_id_pk" PRIMARY KEY("project_id","commune_id")
);
--> statement-breakpoint
CREATE TABLE "change_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "change_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"project_id" uuid,
	"action" text NOT NULL,
	"version" integer,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "sector" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "collective_stage" "collective_stage" DEFAULT 'idea' NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "jobs_now" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "jobs_potential" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "needs" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "links" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "contacts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "visibility" "project_visibility" DEFAULT 'territory' NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_line" ADD CONSTRAINT "funding_line_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_commune" ADD CONSTRAINT "project_commune_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_commune" ADD CONSTRAINT "project_commune_commune_id_territory_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."territory"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_log" ADD CONSTRAINT "change_log_actor_id_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_line_project_id_position_index" ON "funding_line" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "project_commune_commune_id_index" ON "project_commune" USING btree ("commune_id");--> statement-breakpoint
CREATE INDEX "change_log_project_id_at_index" ON "change_log" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "change_log_entity_entity_id_index" ON "change_log" USING btree ("entity","entity_id");--> statement-breakpoint
-- Every project acts at least in the commune it is based in.
INSERT INTO "project_commune" ("project_id", "commune_id") SELECT "id", "commune_id" FROM "project" ON CONFLICT DO NOTHING;
