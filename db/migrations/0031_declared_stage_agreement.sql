ALTER TABLE "stage_change" ADD COLUMN "first_agreed_side" "side";--> statement-breakpoint
ALTER TABLE "stage_change" ADD COLUMN "first_agreed_by_id" text;--> statement-breakpoint
ALTER TABLE "stage_change" ADD COLUMN "first_agreed_by_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "stage_change" ADD COLUMN "first_agreed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stage_change" ADD CONSTRAINT "stage_change_first_agreed_by_id_user_id_fk" FOREIGN KEY ("first_agreed_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_change" ADD CONSTRAINT "stage_change_first_agreed_by_organisation_id_organisation_id_fk" FOREIGN KEY ("first_agreed_by_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;