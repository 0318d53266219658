ALTER TABLE "agents" ADD COLUMN "hangup_attempt_id" integer;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "break_reason" text;--> statement-breakpoint
ALTER TABLE "agent_state_log" ADD COLUMN "reason" text;--> statement-breakpoint
CREATE INDEX "call_attempts_lead_idx" ON "call_attempts" USING btree ("lead_id","started_at");