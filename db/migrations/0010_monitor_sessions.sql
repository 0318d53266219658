CREATE TABLE "monitor_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"agent_id" integer,
	"agent_name" text NOT NULL,
	"user_id" integer,
	"username" text NOT NULL,
	"campaign_id" integer,
	"attempt_id" integer NOT NULL,
	"phone" text NOT NULL,
	"mode" text NOT NULL,
	"requested_mode" text,
	"stop_requested_by" text,
	"state" text DEFAULT 'requested' NOT NULL,
	"node" text NOT NULL,
	"channel_id" text,
	"end_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "monitor_sessions" ADD CONSTRAINT "monitor_sessions_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_sessions" ADD CONSTRAINT "monitor_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitor_sessions_node_idx" ON "monitor_sessions" USING btree ("node","state");--> statement-breakpoint
CREATE INDEX "monitor_sessions_agent_idx" ON "monitor_sessions" USING btree ("agent_id","state");--> statement-breakpoint
CREATE INDEX "monitor_sessions_user_idx" ON "monitor_sessions" USING btree ("user_id");