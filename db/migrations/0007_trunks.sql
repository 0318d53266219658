CREATE TABLE "campaign_trunks" (
	"campaign_id" integer NOT NULL,
	"trunk_id" integer NOT NULL,
	"weight" integer,
	"priority" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_trunks_campaign_id_trunk_id_pk" PRIMARY KEY("campaign_id","trunk_id")
);
--> statement-breakpoint
CREATE TABLE "trunk_usage" (
	"trunk_id" integer PRIMARY KEY NOT NULL,
	"second" bigint DEFAULT 0 NOT NULL,
	"used" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trunks" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"value" text NOT NULL,
	"max_channels" integer,
	"max_cps" integer,
	"weight" integer DEFAULT 1 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"pbx_server_id" integer,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "cdr" ADD COLUMN "trunk_id" integer;--> statement-breakpoint
ALTER TABLE "call_attempts" ADD COLUMN "trunk_id" integer;--> statement-breakpoint
ALTER TABLE "call_attempts" ADD COLUMN "failovers" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "call_attempts" ADD COLUMN "dialed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_trunks" ADD CONSTRAINT "campaign_trunks_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_trunks" ADD CONSTRAINT "campaign_trunks_trunk_id_trunks_id_fk" FOREIGN KEY ("trunk_id") REFERENCES "public"."trunks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trunk_usage" ADD CONSTRAINT "trunk_usage_trunk_id_trunks_id_fk" FOREIGN KEY ("trunk_id") REFERENCES "public"."trunks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trunks" ADD CONSTRAINT "trunks_pbx_server_id_pbx_servers_id_fk" FOREIGN KEY ("pbx_server_id") REFERENCES "public"."pbx_servers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_trunks_trunk_idx" ON "campaign_trunks" USING btree ("trunk_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trunks_name_uq" ON "trunks" USING btree ("name");--> statement-breakpoint
CREATE INDEX "call_attempts_trunk_live_idx" ON "call_attempts" USING btree ("trunk_id") WHERE "call_attempts"."state" <> 'ended';--> statement-breakpoint
CREATE INDEX "call_attempts_trunk_dialed_idx" ON "call_attempts" USING btree ("trunk_id","dialed_at");