CREATE TABLE "idempotent_write" (
	"user_id" text NOT NULL,
	"key" uuid NOT NULL,
	"procedure" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotent_write_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
ALTER TABLE "idempotent_write" ADD CONSTRAINT "idempotent_write_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idempotent_write_created_at_index" ON "idempotent_write" USING btree ("created_at");