ALTER TABLE "call_attempts" ADD COLUMN "connected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "call_attempts" ADD COLUMN "evidence" jsonb;--> statement-breakpoint
CREATE INDEX "dnc_scope_created_idx" ON "dnc_numbers" USING btree (coalesce("campaign_id", 0),"created_at");