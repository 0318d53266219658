import { boolean, index, integer, pgTable, primaryKey, serial, text, uniqueIndex, bigint } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns";
import { pbxServers } from "./pbx-servers";
import { optionalRef, parentRef, serialId, timestampTz, timestamps } from "./columns";

/**
 * How a trunk becomes a dial string. `pjsip` → PJSIP/{number}@{value} (Asterisk) or
 * sofia/gateway/{value}/{number} (FreeSWITCH); `sip` → SIP/{value}/{number} or the gateway;
 * `gateway` → a FreeSWITCH sofia gateway (PJSIP endpoint of that name on Asterisk); `custom` →
 * the value itself with `${EXTEN}` or `{number}` replaced.
 */
export const TRUNK_KINDS = ["pjsip", "sip", "gateway", "custom"] as const;
export type TrunkKind = (typeof TRUNK_KINDS)[number];

/** Carriers and gateways the dialer sends calls out through, with their capacity. */
export const trunks = pgTable(
  "trunks",
  {
    id: serialId(),
    name: text("name").notNull(),
    type: text("type").$type<TrunkKind>().notNull(),
    /** Endpoint / gateway name, or the custom dial string template. */
    value: text("value").notNull(),
    /** Calls up at once through this trunk, across every campaign and process; null = no limit. */
    maxChannels: integer("max_channels"),
    /** Calls started per second, across every campaign and process; null = no limit. */
    maxCps: integer("max_cps"),
    /**
     * Number rewriting before the dial string is built (Newfies' gateway `removeprefix` /
     * `addprefix`): a number starting with `remove_prefix` loses it, then `add_prefix` goes in front.
     */
    removePrefix: text("remove_prefix").notNull().default(""),
    addPrefix: text("add_prefix").notNull().default(""),
    /** Default share of a campaign's calls (a campaign may set its own). */
    weight: integer("weight").notNull().default(1),
    enabled: boolean("enabled").notNull().default(true),
    /** Only usable through this PBX; null = any. */
    pbxServerId: optionalRef("pbx_server_id", () => pbxServers.id),
    description: text("description"),
    /** Rotation: below this answer-seizure ratio (%, over 5 min, with `minSamples` calls) the trunk is taken out; null = no ASR rule. */
    minAsrPct: integer("min_asr_pct"),
    /** Rotation: this many trunk failures in a row (congested, unreachable, refused) take it out; null = no such rule. */
    maxConsecutiveFailures: integer("max_consecutive_failures"),
    /** Calls the ASR rule needs in its window before it judges. */
    minSamples: integer("min_samples").notNull().default(20),
    /** The number a probe call dials through this trunk (a test line); needed for either rule. */
    probeNumber: text("probe_number"),
    /** Seconds between probes of a trunk out of rotation. */
    probeIntervalSec: integer("probe_interval_sec").notNull().default(60),
    ...timestamps(),
  },
  (t) => [uniqueIndex("trunks_name_uq").on(t.name)],
);

export type Trunk = typeof trunks.$inferSelect;

/**
 * The trunks a campaign dials through. Calls go to the lowest `priority` that has room, split by
 * weight; higher priorities take the overflow and the failover. No rows: the campaign's own
 * trunk_type/trunk_value (the ARI Dialer contract's behaviour).
 */
export const campaignTrunks = pgTable(
  "campaign_trunks",
  {
    campaignId: parentRef("campaign_id", () => campaigns.id),
    trunkId: parentRef("trunk_id", () => trunks.id),
    /** null: the trunk's own weight. */
    weight: integer("weight"),
    priority: integer("priority").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.trunkId] }), index("campaign_trunks_trunk_idx").on(t.trunkId)],
);

export type CampaignTrunk = typeof campaignTrunks.$inferSelect;

/**
 * The rate counter of each trunk, shared by every dialer process: the second (epoch) whose
 * start slots are being handed out and how many of them are taken. Read and written only while
 * the trunk's row is locked, so two processes never hand out the same slot.
 */
export const trunkUsage = pgTable("trunk_usage", {
  trunkId: integer("trunk_id")
    .primaryKey()
    .references(() => trunks.id, { onDelete: "cascade" }),
  second: bigint("second", { mode: "number" }).notNull().default(0),
  used: integer("used").notNull().default(0),
});

/**
 * Each trunk's rotation state, shared by every dialer process: whether the dialer may pick it, the
 * trunk failures in a row (each process adds its own), and its probes. One row per trunk, written
 * when something happens; no row = in rotation, nothing counted yet.
 */
export const trunkHealth = pgTable("trunk_health", {
  trunkId: integer("trunk_id")
    .primaryKey()
    .references(() => trunks.id, { onDelete: "cascade" }),
  inRotation: boolean("in_rotation").notNull().default(true),
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  /** When it last went out or came back (the ASR rule only counts calls since it came back). */
  changedAt: timestampTz("changed_at"),
  /** Why it is out (or what brought it back). */
  reason: text("reason"),
  /** The next probe is due (out of rotation, or asked for); a dialer claims it by moving this on. */
  probeDueAt: timestampTz("probe_due_at"),
  /** An on-demand probe asked for and not yet answered. */
  probeRequestedAt: timestampTz("probe_requested_at"),
  lastProbeAt: timestampTz("last_probe_at"),
  lastProbeOk: boolean("last_probe_ok"),
  lastProbeDetail: text("last_probe_detail"),
});

export type TrunkHealth = typeof trunkHealth.$inferSelect;

/**
 * Legs a trunk failed that went on to another trunk: the call's CDR names the trunk that carried
 * it, so without these a failing trunk's failed-over calls would not count in its health.
 */
export const trunkFailedLegs = pgTable(
  "trunk_failed_legs",
  {
    id: serial("id").primaryKey(),
    trunkId: integer("trunk_id").notNull(),
    attemptId: integer("attempt_id"),
    at: timestampTz("at").notNull(),
    hangupCause: integer("hangup_cause"),
    sipCode: integer("sip_code"),
  },
  (t) => [index("trunk_failed_legs_trunk_at_idx").on(t.trunkId, t.at)],
);
