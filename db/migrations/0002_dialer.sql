CREATE TABLE "call_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"lead_id" integer NOT NULL,
	"phone_number" text NOT NULL,
	"attempt_no" integer NOT NULL,
	"channel_id" text NOT NULL,
	"pbx_key" text NOT NULL,
	"owner" text NOT NULL,
	"state" text DEFAULT 'claimed' NOT NULL,
	"dial_string" text NOT NULL,
	"trunk" text,
	"agent_id" integer,
	"amd_result" text,
	"abandoned" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "dnc_numbers" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer,
	"phone_number" text NOT NULL,
	"source" text DEFAULT 'api' NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agents" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer,
	"name" text NOT NULL,
	"extension" text NOT NULL,
	"campaign_id" integer,
	"state" text DEFAULT 'logged_out' NOT NULL,
	"requested_state" text,
	"state_since" timestamp with time zone DEFAULT now() NOT NULL,
	"ready_since" timestamp with time zone,
	"channel_id" text,
	"bridge_id" text,
	"pbx_key" text,
	"owner" text,
	"current_attempt_id" integer,
	"last_attempt_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dialer_nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "dial_mode" text DEFAULT 'agentless' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "dial_timeout" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "amd_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "machine_action" text DEFAULT 'hangup' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "machine_message" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "abandon_cap" double precision DEFAULT 0.03 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "abandon_message" text DEFAULT 'pacer/abandon-message' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "wrapup_sec" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "agent_drop_action" text DEFAULT 'requeue' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "timezone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "calling_hours_start" text DEFAULT '08:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "calling_hours_end" text DEFAULT '21:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "schedule" jsonb;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "retry_rules" jsonb;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "timezone" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "state" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "zip" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "skip_reason" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "current_attempt_id" integer;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "disposition" text;--> statement-breakpoint
ALTER TABLE "cdr" ADD COLUMN "attempt_id" integer;--> statement-breakpoint
ALTER TABLE "cdr" ADD COLUMN "abandoned" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cdr" ADD COLUMN "agent_id" integer;--> statement-breakpoint
ALTER TABLE "cdr" ADD COLUMN "lead_disposition" text;--> statement-breakpoint
ALTER TABLE "dnc_numbers" ADD CONSTRAINT "dnc_numbers_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dnc_numbers" ADD CONSTRAINT "dnc_numbers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_attempts_channel_uq" ON "call_attempts" USING btree ("channel_id");--> statement-breakpoint
CREATE INDEX "call_attempts_live_idx" ON "call_attempts" USING btree ("pbx_key","state") WHERE "call_attempts"."state" <> 'ended';--> statement-breakpoint
CREATE INDEX "call_attempts_campaign_idx" ON "call_attempts" USING btree ("campaign_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dnc_scope_phone_uq" ON "dnc_numbers" USING btree (coalesce("campaign_id", 0),"phone_number");--> statement-breakpoint
CREATE INDEX "dnc_phone_idx" ON "dnc_numbers" USING btree ("phone_number");--> statement-breakpoint
CREATE UNIQUE INDEX "agents_user_uq" ON "agents" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agents_name_uq" ON "agents" USING btree ("name");--> statement-breakpoint
CREATE INDEX "agents_campaign_idx" ON "agents" USING btree ("campaign_id","state");--> statement-breakpoint
CREATE INDEX "leads_dialable_idx" ON "leads" USING btree ("campaign_id","status","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cdr_attempt_uq" ON "cdr" USING btree ("attempt_id");