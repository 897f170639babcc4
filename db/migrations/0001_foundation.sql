CREATE TYPE "public"."territory_kind" AS ENUM('region', 'departement', 'epci', 'commune');--> statement-breakpoint
CREATE TYPE "public"."authority_office" AS ENUM('maire', 'adjoint', 'conseiller_municipal', 'president', 'vice_president', 'conseiller_communautaire', 'conseiller_departemental', 'conseiller_regional', 'agent');--> statement-breakpoint
CREATE TYPE "public"."legal_form" AS ENUM('association', 'scic', 'scop', 'sci', 'cae', 'ptce', 'informal', 'other');--> statement-breakpoint
CREATE TYPE "public"."membership_role" AS ENUM('member', 'admin', 'moderator');--> statement-breakpoint
CREATE TYPE "public"."organisation_kind" AS ENUM('collective', 'authority', 'network');--> statement-breakpoint
CREATE TYPE "public"."party_role" AS ENUM('lead', 'authority', 'network');--> statement-breakpoint
CREATE TABLE "account" (
	"user_id" text NOT NULL,
	"type" text NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"refresh_token" text,
	"access_token" text,
	"expires_at" integer,
	"token_type" text,
	"scope" text,
	"id_token" text,
	"session_state" text,
	CONSTRAINT "account_provider_provider_account_id_pk" PRIMARY KEY("provider","provider_account_id")
);
--> statement-breakpoint
CREATE TABLE "session" (
	"session_token" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"expires" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text,
	"email" text NOT NULL,
	"email_verified" timestamp with time zone,
	"image" text,
	"is_platform_admin" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "verification_token" (
	"identifier" text NOT NULL,
	"token" text NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	CONSTRAINT "verification_token_identifier_token_pk" PRIMARY KEY("identifier","token")
);
--> statement-breakpoint
CREATE TABLE "territory" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "territory_kind" NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"search_name" text NOT NULL,
	"region_code" text,
	"departement_code" text,
	"epci_code" text,
	"epci_type" text,
	"population" integer,
	"postal_codes" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"role" "membership_role" NOT NULL,
	"office" "authority_office",
	"verified_at" timestamp with time zone,
	"verified_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_organisationId_userId_unique" UNIQUE("organisation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "organisation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "organisation_kind" NOT NULL,
	"name" text NOT NULL,
	"legal_form" "legal_form",
	"territory_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_territoryId_unique" UNIQUE("territory_id"),
	CONSTRAINT "organisation_kind_fields" CHECK (("organisation"."kind" = 'authority') = ("organisation"."territory_id" is not null)
        and ("organisation"."kind" = 'collective') = ("organisation"."legal_form" is not null))
);
--> statement-breakpoint
CREATE TABLE "project_party" (
	"project_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" "party_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_party_project_id_organisation_id_pk" PRIMARY KEY("project_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "project" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"lead_collective_id" uuid NOT NULL,
	"commune_id" text NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "project_title_not_blank" CHECK (length(trim("project"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "outbox_email" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_verified_by_id_user_id_fk" FOREIGN KEY ("verified_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_territory_id_territory_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territory"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_party" ADD CONSTRAINT "project_party_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_party" ADD CONSTRAINT "project_party_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_lead_collective_id_organisation_id_fk" FOREIGN KEY ("lead_collective_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_commune_id_territory_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."territory"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_created_by_id_user_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "session_user_id_index" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "territory_kind_code_index" ON "territory" USING btree ("kind","code");--> statement-breakpoint
CREATE INDEX "territory_epci_code_index" ON "territory" USING btree ("epci_code");--> statement-breakpoint
CREATE INDEX "territory_departement_code_index" ON "territory" USING btree ("departement_code");--> statement-breakpoint
CREATE INDEX "territory_search_name_trgm_idx" ON "territory" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "territory_postal_codes_idx" ON "territory" USING gin ("postal_codes");--> statement-breakpoint
CREATE INDEX "membership_user_id_index" ON "membership" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "project_party_organisation_id_index" ON "project_party" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "project_commune_id_index" ON "project" USING btree ("commune_id");--> statement-breakpoint
CREATE INDEX "project_lead_collective_id_index" ON "project" USING btree ("lead_collective_id");--> statement-breakpoint
CREATE INDEX "outbox_email_created_at_index" ON "outbox_email" USING btree ("created_at");