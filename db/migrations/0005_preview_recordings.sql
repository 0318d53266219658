ALTER TABLE "campaigns" ADD COLUMN "preview_timeout_sec" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "preview_timeout_action" text DEFAULT 'skip' NOT NULL;--> statement-breakpoint
ALTER TABLE "pbx_servers" ADD COLUMN "recording_path" text;--> statement-breakpoint
ALTER TABLE "pbx_servers" ADD COLUMN "recording_url" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "preview_action" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "preview_attempt_id" integer;