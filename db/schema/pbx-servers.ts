import { boolean, integer, pgTable, text } from "drizzle-orm/pg-core";
import { serialId, timestamps } from "./columns";

export const PBX_KINDS = ["asterisk", "freeswitch"] as const;
export type PbxKindName = (typeof PBX_KINDS)[number];

/**
 * Telephony servers Pacer drives. Asterisk rows use the ARI fields, FreeSWITCH rows the ESL ones.
 * Passwords are stored encrypted (AES-256-GCM under a key derived from the auth secret) and never
 * leave the server.
 */
export const pbxServers = pgTable("pbx_servers", {
  id: serialId(),
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
  /**
   * FreeSWITCH: where its recordings can be read. A directory (FreeSWITCH writes `<dir>/<name>.wav`
   * there, so it must be the same path on both machines, or FreeSWITCH's box itself), and/or an HTTP
   * base URL serving that directory (`<url>/<name>.wav`). Asterisk recordings are read over ARI.
   */
  recordingPath: text("recording_path"),
  recordingUrl: text("recording_url"),
  enabled: boolean("enabled").notNull().default(true),
  ...timestamps(),
});

export type PbxServer = typeof pbxServers.$inferSelect;
