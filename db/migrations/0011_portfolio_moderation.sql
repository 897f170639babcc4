CREATE TYPE "public"."report_status" AS ENUM('open', 'dismissed', 'acted');--> statement-breakpoint
CREATE TYPE "public"."reported_content" AS ENUM('comment', 'milestone');--> statement-breakpoint
ALTER TYPE "public"."party_status" ADD VALUE 'invited';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'moderation';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'portfolio';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'mediation';--> statement-breakpoint
CREATE TABLE "content_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"content_kind" "reported_content" NOT NULL,
	"content_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"reporter_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "report_status" DEFAULT 'open' NOT NULL,
	"decided_by_id" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text
);
--> statement-breakpoint
CREATE TABLE "network_setting" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"stuck_after_days" integer DEFAULT 90 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_identifier" (
	"network_id" uuid NOT NULL,
	"identifier" text NOT NULL,
	"project_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portfolio_identifier_networkId_identifier_unique" UNIQUE("network_id","identifier"),
	CONSTRAINT "portfolio_identifier_networkId_projectId_unique" UNIQUE("network_id","project_id")
);
--> statement-breakpoint
ALTER TABLE "mediation_note" ALTER COLUMN "stage_change_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "mediation_note" ADD COLUMN "milestone_id" uuid;--> statement-breakpoint
ALTER TABLE "mediation_note" ADD COLUMN "relationship_id" uuid;--> statement-breakpoint
ALTER TABLE "milestone" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stage_change" ADD COLUMN "declared_by_network_id" uuid;--> statement-breakpoint
ALTER TABLE "comment" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "content_report" ADD CONSTRAINT "content_report_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_report" ADD CONSTRAINT "content_report_reporter_id_user_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_report" ADD CONSTRAINT "content_report_decided_by_id_user_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_setting" ADD CONSTRAINT "network_setting_network_id_organisation_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_identifier" ADD CONSTRAINT "portfolio_identifier_network_id_organisation_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_identifier" ADD CONSTRAINT "portfolio_identifier_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "content_report_project_id_status_index" ON "content_report" USING btree ("project_id","status");--> statement-breakpoint
CREATE INDEX "content_report_content_kind_content_id_index" ON "content_report" USING btree ("content_kind","content_id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_report_one_open_idx" ON "content_report" USING btree ("content_kind","content_id","reporter_id") WHERE "content_report"."status" = 'open';--> statement-breakpoint
ALTER TABLE "mediation_note" ADD CONSTRAINT "mediation_note_milestone_link_fk" FOREIGN KEY ("milestone_id","relationship_id") REFERENCES "public"."milestone_relationship"("milestone_id","relationship_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_change" ADD CONSTRAINT "stage_change_declared_by_network_id_organisation_id_fk" FOREIGN KEY ("declared_by_network_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mediation_note_milestone_id_relationship_id_index" ON "mediation_note" USING btree ("milestone_id","relationship_id");--> statement-breakpoint
ALTER TABLE "mediation_note" ADD CONSTRAINT "mediation_note_one_subject" CHECK (("mediation_note"."stage_change_id" is null) <> ("mediation_note"."milestone_id" is null) and ("mediation_note"."milestone_id" is null) = ("mediation_note"."relationship_id" is null));