CREATE TABLE "pbx_servers" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"ari_url" text,
	"ari_username" text,
	"ari_app" text,
	"esl_host" text,
	"esl_port" integer,
	"password_enc" text NOT NULL,
	"agent_dial_template" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
