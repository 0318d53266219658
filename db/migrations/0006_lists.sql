CREATE TABLE "list_import_errors" (
	"id" serial PRIMARY KEY NOT NULL,
	"import_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"kind" text NOT NULL,
	"field" text,
	"message" text NOT NULL,
	"raw" text
);
--> statement-breakpoint
CREATE TABLE "list_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"list_id" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"file_name" text,
	"file_path" text,
	"has_header" boolean NOT NULL,
	"header" jsonb,
	"mapping" jsonb NOT NULL,
	"dnc_mode" text DEFAULT 'flag' NOT NULL,
	"delimiter" text DEFAULT ',' NOT NULL,
	"total_rows" integer,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"dnc_rows" integer DEFAULT 0 NOT NULL,
	"error_rows" integer DEFAULT 0 NOT NULL,
	"message" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lists" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"campaign_id" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "leads_campaign_phone_uq";--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "list_id" integer;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "phones" jsonb;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "phone_position" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "cdr" ADD COLUMN "phone_position" integer;--> statement-breakpoint
ALTER TABLE "call_attempts" ADD COLUMN "phone_position" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "list_import_errors" ADD CONSTRAINT "list_import_errors_import_id_list_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."list_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_imports" ADD CONSTRAINT "list_imports_list_id_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_imports" ADD CONSTRAINT "list_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lists" ADD CONSTRAINT "lists_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lists" ADD CONSTRAINT "lists_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "list_import_errors_import_idx" ON "list_import_errors" USING btree ("import_id","row_no");--> statement-breakpoint
CREATE INDEX "list_imports_list_idx" ON "list_imports" USING btree ("list_id","id");--> statement-breakpoint
CREATE INDEX "lists_campaign_idx" ON "lists" USING btree ("campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lists_campaign_default_uq" ON "lists" USING btree ("campaign_id") WHERE "lists"."is_default";--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_list_id_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "leads_list_phone_uq" ON "leads" USING btree ("list_id","phone_number");