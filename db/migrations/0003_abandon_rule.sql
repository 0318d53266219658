ALTER TABLE "campaigns" ADD COLUMN "abandon_rule" text DEFAULT 'us' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "amd_false_positive_rate" double precision DEFAULT 0 NOT NULL;