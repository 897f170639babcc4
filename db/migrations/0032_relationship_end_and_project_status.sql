CREATE TYPE "public"."project_status" AS ENUM('active', 'paused', 'archived');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'relationship_ended';--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "status" "project_status" DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "relationship" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "relationship" ADD COLUMN "ended_side" "side";--> statement-breakpoint
ALTER TABLE "relationship" ADD COLUMN "ended_by_id" text;--> statement-breakpoint
ALTER TABLE "relationship" ADD COLUMN "ended_by_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "relationship" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "relationship" ADD CONSTRAINT "relationship_ended_by_id_user_id_fk" FOREIGN KEY ("ended_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship" ADD CONSTRAINT "relationship_ended_by_organisation_id_organisation_id_fk" FOREIGN KEY ("ended_by_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;