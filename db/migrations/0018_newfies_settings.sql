CREATE TABLE "campaign_rate" (
	"campaign_id" integer PRIMARY KEY NOT NULL,
	"last_start" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "frequency" integer;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "call_max_duration" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cdr" ADD COLUMN "dialed_number" text;--> statement-breakpoint
ALTER TABLE "call_attempts" ADD COLUMN "dialed_number" text;--> statement-breakpoint
ALTER TABLE "trunks" ADD COLUMN "remove_prefix" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "trunks" ADD COLUMN "add_prefix" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_rate" ADD CONSTRAINT "campaign_rate_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;