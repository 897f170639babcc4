CREATE TABLE "relationship_summary" (
	"relationship_id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"stage_activity_at" timestamp with time zone,
	"widest_stage" "stage",
	"widest_gap" double precision,
	"reading_from" timestamp with time zone NOT NULL,
	"reading_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_move" (
	"stage_change_id" uuid PRIMARY KEY NOT NULL,
	"relationship_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"from_stage" "stage",
	"to_stage" "stage" NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"previous_at" timestamp with time zone,
	"next_at" timestamp with time zone,
	"levers" text[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "relationship_summary" ADD CONSTRAINT "relationship_summary_relationship_id_relationship_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationship"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_move" ADD CONSTRAINT "stage_move_stage_change_id_stage_change_id_fk" FOREIGN KEY ("stage_change_id") REFERENCES "public"."stage_change"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_move" ADD CONSTRAINT "stage_move_relationship_id_relationship_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationship"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relationship_summary_project_id_index" ON "relationship_summary" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "stage_move_project_id_decided_at_index" ON "stage_move" USING btree ("project_id","decided_at");--> statement-breakpoint
CREATE INDEX "stage_move_relationship_id_index" ON "stage_move" USING btree ("relationship_id");