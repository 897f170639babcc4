CREATE TYPE "public"."email_frequency" AS ENUM('immediate', 'weekly', 'never');--> statement-breakpoint
CREATE TABLE "digest_claim" (
	"user_id" text NOT NULL,
	"week_start" date NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"notification_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "digest_claim_user_id_week_start_pk" PRIMARY KEY("user_id","week_start")
);
--> statement-breakpoint
CREATE TABLE "email_preference" (
	"user_id" text NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"frequency" "email_frequency" NOT NULL,
	CONSTRAINT "email_preference_user_id_kind_pk" PRIMARY KEY("user_id","kind")
);
--> statement-breakpoint
ALTER TABLE "outbox_email" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "emailed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "digest_claim" ADD CONSTRAINT "digest_claim_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_preference" ADD CONSTRAINT "email_preference_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_emailed_at_index" ON "notification" USING btree ("emailed_at");