CREATE TABLE "cdr_intake" (
	"id" serial PRIMARY KEY NOT NULL,
	"uuid" text NOT NULL,
	"call_id" text,
	"direction" text,
	"caller_id_name" text,
	"caller_id_number" text,
	"destination_number" text,
	"start_time" timestamp with time zone,
	"answer_time" timestamp with time zone,
	"end_time" timestamp with time zone,
	"duration" integer,
	"billsec" integer,
	"hangup_cause" text,
	"hangup_cause_code" integer,
	"sip_code" integer,
	"sip_hangup_disposition" text,
	"campaign_id" integer,
	"lead_id" integer,
	"attempt_id" integer,
	"cdr_id" integer,
	"switch_name" text,
	"variables" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "cdr_intake_uuid_uq" ON "cdr_intake" USING btree ("uuid");--> statement-breakpoint
CREATE INDEX "cdr_intake_attempt_idx" ON "cdr_intake" USING btree ("attempt_id");--> statement-breakpoint
CREATE INDEX "cdr_intake_received_idx" ON "cdr_intake" USING btree ("created_at");