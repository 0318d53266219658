CREATE TABLE "trunk_failed_legs" (
	"id" serial PRIMARY KEY NOT NULL,
	"trunk_id" integer NOT NULL,
	"attempt_id" integer,
	"at" timestamp with time zone NOT NULL,
	"hangup_cause" integer,
	"sip_code" integer
);
--> statement-breakpoint
CREATE TABLE "trunk_health" (
	"trunk_id" integer PRIMARY KEY NOT NULL,
	"in_rotation" boolean DEFAULT true NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone,
	"reason" text,
	"probe_due_at" timestamp with time zone,
	"probe_requested_at" timestamp with time zone,
	"last_probe_at" timestamp with time zone,
	"last_probe_ok" boolean,
	"last_probe_detail" text
);
--> statement-breakpoint
ALTER TABLE "trunks" ADD COLUMN "min_asr_pct" integer;--> statement-breakpoint
ALTER TABLE "trunks" ADD COLUMN "max_consecutive_failures" integer;--> statement-breakpoint
ALTER TABLE "trunks" ADD COLUMN "min_samples" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "trunks" ADD COLUMN "probe_number" text;--> statement-breakpoint
ALTER TABLE "trunks" ADD COLUMN "probe_interval_sec" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "trunk_health" ADD CONSTRAINT "trunk_health_trunk_id_trunks_id_fk" FOREIGN KEY ("trunk_id") REFERENCES "public"."trunks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trunk_failed_legs_trunk_at_idx" ON "trunk_failed_legs" USING btree ("trunk_id","at");