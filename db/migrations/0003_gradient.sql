CREATE TYPE "public"."party_status" AS ENUM('active', 'requested');--> statement-breakpoint
CREATE TYPE "public"."confirmation" AS ENUM('pending', 'confirmed', 'contested');--> statement-breakpoint
CREATE TYPE "public"."milestone_kind" AS ENUM('first_meeting', 'information_exchange', 'site_visit', 'joint_event', 'council_deliberation', 'agreement_signed', 'first_seed_action', 'land_made_available', 'funding_granted', 'authority_joins_scic', 'other');--> statement-breakpoint
CREATE TYPE "public"."milestone_status" AS ENUM('planned', 'done', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."proposal_status" AS ENUM('pending', 'confirmed', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."side" AS ENUM('collective', 'authority');--> statement-breakpoint
CREATE TYPE "public"."stage" AS ENUM('defiance', 'observation', 'collaboration', 'coportage');--> statement-breakpoint
CREATE TABLE "barometer_answer_set" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"side" "side" NOT NULL,
	"respondent_id" text NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answers" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mediation_note" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stage_change_id" uuid NOT NULL,
	"author_id" text,
	"network_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "milestone_lever" (
	"milestone_id" uuid NOT NULL,
	"lever_id" text NOT NULL,
	CONSTRAINT "milestone_lever_milestone_id_lever_id_pk" PRIMARY KEY("milestone_id","lever_id")
);
--> statement-breakpoint
CREATE TABLE "milestone_relationship" (
	"milestone_id" uuid NOT NULL,
	"relationship_id" uuid NOT NULL,
	"confirmation" "confirmation" DEFAULT 'pending' NOT NULL,
	"comment" text,
	"decided_by_id" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "milestone_relationship_milestone_id_relationship_id_pk" PRIMARY KEY("milestone_id","relationship_id")
);
--> statement-breakpoint
CREATE TABLE "milestone" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" "milestone_kind" NOT NULL,
	"title" text NOT NULL,
	"occurs_on" date NOT NULL,
	"status" "milestone_status" NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"evidence_links" text[] DEFAULT '{}'::text[] NOT NULL,
	"recorded_side" "side" NOT NULL,
	"recorded_by_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relationship" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"authority_id" uuid NOT NULL,
	"stage" "stage",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relationship_projectId_authorityId_unique" UNIQUE("project_id","authority_id")
);
--> statement-breakpoint
CREATE TABLE "stage_change_milestone" (
	"stage_change_id" uuid NOT NULL,
	"milestone_id" uuid NOT NULL,
	CONSTRAINT "stage_change_milestone_stage_change_id_milestone_id_pk" PRIMARY KEY("stage_change_id","milestone_id")
);
--> statement-breakpoint
CREATE TABLE "stage_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"from_stage" "stage",
	"to_stage" "stage" NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"proposed_side" "side" NOT NULL,
	"proposed_by_id" text,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "proposal_status" DEFAULT 'pending' NOT NULL,
	"decided_by_id" text,
	"decided_at" timestamp with time zone,
	"decision_comment" text
);
--> statement-breakpoint
ALTER TABLE "project_party" ADD COLUMN "status" "party_status" DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "public_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "public_requested_by_id" text;--> statement-breakpoint
ALTER TABLE "barometer_answer_set" ADD CONSTRAINT "barometer_answer_set_relationship_id_relationship_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationship"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "barometer_answer_set" ADD CONSTRAINT "barometer_answer_set_respondent_id_user_id_fk" FOREIGN KEY ("respondent_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_note" ADD CONSTRAINT "mediation_note_stage_change_id_stage_change_id_fk" FOREIGN KEY ("stage_change_id") REFERENCES "public"."stage_change"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_note" ADD CONSTRAINT "mediation_note_author_id_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_note" ADD CONSTRAINT "mediation_note_network_id_organisation_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_lever" ADD CONSTRAINT "milestone_lever_milestone_id_milestone_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestone"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_relationship" ADD CONSTRAINT "milestone_relationship_milestone_id_milestone_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestone"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_relationship" ADD CONSTRAINT "milestone_relationship_relationship_id_relationship_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationship"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_relationship" ADD CONSTRAINT "milestone_relationship_decided_by_id_user_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone" ADD CONSTRAINT "milestone_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone" ADD CONSTRAINT "milestone_recorded_by_id_user_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship" ADD CONSTRAINT "relationship_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship" ADD CONSTRAINT "relationship_authority_id_organisation_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_change_milestone" ADD CONSTRAINT "stage_change_milestone_stage_change_id_stage_change_id_fk" FOREIGN KEY ("stage_change_id") REFERENCES "public"."stage_change"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_change_milestone" ADD CONSTRAINT "stage_change_milestone_milestone_id_milestone_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestone"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_change" ADD CONSTRAINT "stage_change_relationship_id_relationship_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationship"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_change" ADD CONSTRAINT "stage_change_proposed_by_id_user_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_change" ADD CONSTRAINT "stage_change_decided_by_id_user_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "barometer_answer_set_relationship_id_side_answered_at_index" ON "barometer_answer_set" USING btree ("relationship_id","side","answered_at");--> statement-breakpoint
CREATE INDEX "mediation_note_stage_change_id_index" ON "mediation_note" USING btree ("stage_change_id");--> statement-breakpoint
CREATE INDEX "milestone_lever_lever_id_index" ON "milestone_lever" USING btree ("lever_id");--> statement-breakpoint
CREATE INDEX "milestone_relationship_relationship_id_index" ON "milestone_relationship" USING btree ("relationship_id");--> statement-breakpoint
CREATE INDEX "milestone_project_id_occurs_on_index" ON "milestone" USING btree ("project_id","occurs_on");--> statement-breakpoint
CREATE INDEX "relationship_authority_id_index" ON "relationship" USING btree ("authority_id");--> statement-breakpoint
CREATE INDEX "stage_change_relationship_id_proposed_at_index" ON "stage_change" USING btree ("relationship_id","proposed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stage_change_one_pending_idx" ON "stage_change" USING btree ("relationship_id") WHERE "stage_change"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_public_requested_by_id_user_id_fk" FOREIGN KEY ("public_requested_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;