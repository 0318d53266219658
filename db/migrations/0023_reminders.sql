CREATE TABLE "reminders" (
	"id" serial PRIMARY KEY NOT NULL,
	"contact_name" text NOT NULL,
	"phone_number" text NOT NULL,
	"appointment_at" timestamp with time zone NOT NULL,
	"timezone" text NOT NULL,
	"message" text,
	"ivr_menu_id" integer,
	"call_before_min" integer NOT NULL,
	"retries" integer DEFAULT 0 NOT NULL,
	"retry_delay_sec" integer DEFAULT 300 NOT NULL,
	"ring_timeout_sec" integer DEFAULT 30 NOT NULL,
	"transfer_number" text,
	"trunk_type" text DEFAULT 'pjsip' NOT NULL,
	"trunk_value" text NOT NULL,
	"caller_id" text,
	"window_start" text DEFAULT '08:00' NOT NULL,
	"window_end" text DEFAULT '21:00' NOT NULL,
	"outside_hours" text DEFAULT 'call_earlier' NOT NULL,
	"state" text DEFAULT 'scheduled' NOT NULL,
	"call_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_by" text,
	"lease_until" timestamp with time zone,
	"channel_id" text,
	"last_outcome" text,
	"last_cause" integer,
	"digits" text,
	"note" text,
	"result_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_ivr_menu_id_ivr_menus_id_fk" FOREIGN KEY ("ivr_menu_id") REFERENCES "public"."ivr_menus"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reminders_due_idx" ON "reminders" USING btree ("state","call_at");--> statement-breakpoint
CREATE INDEX "reminders_appointment_idx" ON "reminders" USING btree ("appointment_at");