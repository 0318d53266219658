CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"email" text NOT NULL,
	"full_name" text,
	"password_hash" text NOT NULL,
	"role" text DEFAULT 'supervisor' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"api_access" boolean DEFAULT true NOT NULL,
	"last_login" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_hint" text NOT NULL,
	"permissions" jsonb,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_used" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"trunk_type" text NOT NULL,
	"trunk_value" text NOT NULL,
	"callerid" text,
	"agent_dest_type" text NOT NULL,
	"agent_dest_value" text NOT NULL,
	"record_calls" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'stopped' NOT NULL,
	"concurrent_calls" integer DEFAULT 1 NOT NULL,
	"retry_times" integer DEFAULT 0 NOT NULL,
	"retry_delay" integer DEFAULT 300 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"phone_number" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_attempt" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cdr" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer,
	"campaign_number_id" integer,
	"channel_id" text,
	"uniqueid" text,
	"callerid" text,
	"destination" text,
	"agent" text,
	"start_time" timestamp with time zone NOT NULL,
	"answer_time" timestamp with time zone,
	"end_time" timestamp with time zone,
	"duration" integer DEFAULT 0 NOT NULL,
	"billsec" integer DEFAULT 0 NOT NULL,
	"disposition" text NOT NULL,
	"hangup_cause" integer,
	"hangup_cause_text" text,
	"sip_code" integer,
	"amd_result" text,
	"trunk" text,
	"recording_file" text,
	"recording_leg1" text,
	"recording_leg2" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ivr_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"ivr_menu_id" integer NOT NULL,
	"dtmf_digit" text NOT NULL,
	"action_type" text NOT NULL,
	"action_value" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ivr_menus" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer,
	"name" text NOT NULL,
	"audio_file" text,
	"timeout" integer DEFAULT 10 NOT NULL,
	"max_digits" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"username" text,
	"auth_method" text NOT NULL,
	"token_id" integer,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"details" jsonb,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ivr_actions" ADD CONSTRAINT "ivr_actions_ivr_menu_id_ivr_menus_id_fk" FOREIGN KEY ("ivr_menu_id") REFERENCES "public"."ivr_menus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ivr_menus" ADD CONSTRAINT "ivr_menus_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "campaigns_status_idx" ON "campaigns" USING btree ("status");--> statement-breakpoint
CREATE INDEX "leads_campaign_status_idx" ON "leads" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_campaign_phone_uq" ON "leads" USING btree ("campaign_id","phone_number");--> statement-breakpoint
CREATE INDEX "cdr_campaign_start_idx" ON "cdr" USING btree ("campaign_id","start_time");--> statement-breakpoint
CREATE INDEX "cdr_start_idx" ON "cdr" USING btree ("start_time");--> statement-breakpoint
CREATE UNIQUE INDEX "ivr_actions_menu_digit_uq" ON "ivr_actions" USING btree ("ivr_menu_id","dtmf_digit");--> statement-breakpoint
CREATE INDEX "ivr_menus_campaign_idx" ON "ivr_menus" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");