ALTER TABLE "territory" ADD COLUMN "siren" text;--> statement-breakpoint
CREATE UNIQUE INDEX "territory_siren_index" ON "territory" USING btree ("siren");