ALTER TABLE "invitation" ALTER COLUMN "authority_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "invitation" ALTER COLUMN "office" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "invitation" ADD COLUMN "collective_id" uuid;--> statement-breakpoint
ALTER TABLE "invitation" ADD COLUMN "collective_role" "membership_role";--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_collective_id_organisation_id_fk" FOREIGN KEY ("collective_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitation_collective_id_email_index" ON "invitation" USING btree ("collective_id","email");--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_one_organisation" CHECK (("invitation"."authority_id" is not null and "invitation"."office" is not null and "invitation"."collective_id" is null and "invitation"."collective_role" is null)
        or ("invitation"."collective_id" is not null and "invitation"."collective_role" is not null and "invitation"."authority_id" is null and "invitation"."office" is null));