-- A project is held by one or more structures: the lead collective becomes its first holding
-- structure and the one to contact. Renames keep every row; the data steps below add what the new
-- rules read.
ALTER TYPE "public"."party_role" RENAME VALUE 'lead' TO 'holder';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'co_holding';--> statement-breakpoint
ALTER TABLE "project" RENAME COLUMN "lead_collective_id" TO "contact_holder_id";--> statement-breakpoint
ALTER TABLE "project" RENAME CONSTRAINT "project_lead_collective_id_organisation_id_fk" TO "project_contact_holder_id_organisation_id_fk";--> statement-breakpoint
ALTER INDEX "project_lead_collective_id_index" RENAME TO "project_contact_holder_id_index";--> statement-breakpoint
ALTER TABLE "project_party" ADD COLUMN "invited_by_id" text;--> statement-breakpoint
ALTER TABLE "stage_change" ADD COLUMN "proposed_by_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "stage_change" ADD COLUMN "decided_by_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "project_party" ADD CONSTRAINT "project_party_invited_by_id_user_id_fk" FOREIGN KEY ("invited_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_change" ADD CONSTRAINT "stage_change_proposed_by_organisation_id_organisation_id_fk" FOREIGN KEY ("proposed_by_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_change" ADD CONSTRAINT "stage_change_decided_by_organisation_id_organisation_id_fk" FOREIGN KEY ("decided_by_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Every project's contact is one of its active holders.
INSERT INTO "project_party" ("project_id", "organisation_id", "role", "status", "created_at")
SELECT p."id", p."contact_holder_id", 'holder', 'active', p."created_at" FROM "project" p
ON CONFLICT ("project_id", "organisation_id") DO UPDATE SET "role" = 'holder', "status" = 'active';--> statement-breakpoint
-- Until now one structure spoke for each side: the lead collective, the relationship's authority,
-- or the network that declared a stage for the collective.
UPDATE "stage_change" sc SET
  "proposed_by_organisation_id" = CASE
    WHEN sc."declared_by_network_id" IS NOT NULL THEN sc."declared_by_network_id"
    WHEN sc."proposed_side" = 'collective' THEN p."contact_holder_id"
    ELSE r."authority_id" END,
  "decided_by_organisation_id" = CASE
    WHEN sc."status" = 'pending' THEN NULL
    WHEN (sc."status" = 'withdrawn') = (sc."proposed_side" = 'collective') THEN p."contact_holder_id"
    ELSE r."authority_id" END
FROM "relationship" r JOIN "project" p ON p."id" = r."project_id"
WHERE r."id" = sc."relationship_id";
