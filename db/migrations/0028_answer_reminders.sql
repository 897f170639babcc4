CREATE TABLE "answer_reminder" (
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"after_days" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "answer_reminder_subject_kind_subject_id_after_days_pk" PRIMARY KEY("subject_kind","subject_id","after_days")
);
