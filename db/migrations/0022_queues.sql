CREATE TABLE "queue_tiers" (
	"id" serial PRIMARY KEY NOT NULL,
	"queue_id" integer NOT NULL,
	"agent_id" integer NOT NULL,
	"level" integer DEFAULT 1 NOT NULL,
	"position" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queues" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"strategy" text DEFAULT 'longest-idle-agent' NOT NULL,
	"moh" text,
	"tier_rules_apply" boolean DEFAULT false NOT NULL,
	"tier_rule_wait_sec" integer DEFAULT 0 NOT NULL,
	"tier_rule_wait_multiply_level" boolean DEFAULT false NOT NULL,
	"wrap_up_sec" integer DEFAULT 10 NOT NULL,
	"no_answer_delay_sec" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "queue_id" integer;--> statement-breakpoint
ALTER TABLE "queue_tiers" ADD CONSTRAINT "queue_tiers_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tiers" ADD CONSTRAINT "queue_tiers_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tiers_queue_agent_uq" ON "queue_tiers" USING btree ("queue_id","agent_id");--> statement-breakpoint
CREATE INDEX "queue_tiers_agent_idx" ON "queue_tiers" USING btree ("agent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "queues_name_uq" ON "queues" USING btree ("name");