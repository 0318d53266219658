CREATE TABLE "agent_state_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agent_id" integer NOT NULL,
	"campaign_id" integer,
	"state" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "agent_state_log_started_idx" ON "agent_state_log" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "agent_state_log_open_idx" ON "agent_state_log" USING btree ("agent_id") WHERE "agent_state_log"."ended_at" is null;