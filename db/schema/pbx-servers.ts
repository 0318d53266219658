import { boolean, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

export const PBX_KINDS = ["asterisk", "freeswitch"] as const;
export type PbxKindName = (typeof PBX_KINDS)[number];

/**
 * Telephony servers Pacer drives. Asterisk rows use the ARI fields, FreeSWITCH rows the ESL ones.
 * Passwords are stored encrypted (AES-256-GCM under a key derived from the auth secret) and never
 * leave the server.
 */
export const pbxServers = pgTable("pbx_servers", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind").$type<PbxKindName>().notNull(),
  ariUrl: text("ari_url"),
  ariUsername: text("ari_username"),
  ariApp: text("ari_app"),
  eslHost: text("esl_host"),
  eslPort: integer("esl_port"),
  passwordEnc: text("password_enc").notNull(),
  /** Template turning an agent extension into a dial string, e.g. `PJSIP/{exten}`. */
  agentDialTemplate: text("agent_dial_template"),
  enabled: boolean("enabled").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }),
});

export type PbxServer = typeof pbxServers.$inferSelect;
