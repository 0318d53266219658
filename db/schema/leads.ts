import { index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns";
import { lists } from "./lists";
import { parentRef, serialId, timestamps, timestampTz } from "./columns";

/** A lead's dialing state. The contract calls leads "campaign numbers". */
export const LEAD_STATUSES = ["pending", "calling", "answered", "failed", "completed", "no_answer", "busy", "dnc"] as const;
/** Final statuses: the dialer never takes these up again (a stop or a manual reset aside). */
export const FINAL_LEAD_STATUSES = ["answered", "failed", "completed", "no_answer", "busy", "dnc"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** At most this many numbers per lead, tried in order (`003_*` dial lists: number_1 … number_8). */
export const MAX_LEAD_PHONES = 8;
/** A number's own state: still to be tried, tried to the end, or never to be called. */
export const LEAD_PHONE_STATES = ["pending", "done", "dnc"] as const;
export type LeadPhoneState = (typeof LEAD_PHONE_STATES)[number];
/** One of a lead's numbers with its own attempts; position 1 is `phone_number`. */
export type LeadPhone = { number: string; attempts: number; state: LeadPhoneState; outcome: string | null; lastAttempt: string | null };

export const leads = pgTable(
  "leads",
  {
    id: serialId(),
    campaignId: parentRef("campaign_id", () => campaigns.id),
    /** null only on leads from before lists existed; the boot gives those their campaign's default list. */
    listId: integer("list_id").references(() => lists.id, { onDelete: "cascade" }),
    /** Phone 1, the contract's number. */
    phoneNumber: text("phone_number").notNull(),
    /** Every number of the lead in dialing order, phone 1 first, each with its own attempts. */
    phones: jsonb("phones").$type<LeadPhone[] | null>(),
    /** Which of `phones` (1-based) the dialer calls next. */
    phonePosition: integer("phone_position").notNull().default(1),
    status: text("status").$type<LeadStatus>().notNull().default("pending"),
    /** Attempts over all the lead's numbers (the contract's count; one per CDR). */
    attempts: integer("attempts").notNull().default(0),
    lastAttempt: timestampTz("last_attempt"),
    /** Earliest time the next attempt may be placed (retry cooldown, callbacks). */
    nextAttemptAt: timestampTz("next_attempt_at"),
    data: jsonb("data").$type<Record<string, unknown> | null>(),
    /** IANA zone of the called party when known; else inferred from state/zip, then the number. */
    timezone: text("timezone"),
    state: text("state"),
    zip: text("zip"),
    /** Why the dialer last passed this lead over (dnc, outside_hours, schedule, …). */
    skipReason: text("skip_reason"),
    /** The attempt that holds this lead; a result for any other attempt never overwrites it. */
    currentAttemptId: integer("current_attempt_id"),
    /** The dialer process holding the lead, and until when (renewed while its call lasts). */
    leaseOwner: text("lease_owner"),
    leaseUntil: timestampTz("lease_until"),
    /** The agent's disposition (SALE, CALLBACK, …) or the IVR's, when one was given. */
    disposition: text("disposition"),
    ...timestamps(),
  },
  (t) => [
    index("leads_campaign_status_idx").on(t.campaignId, t.status),
    uniqueIndex("leads_list_phone_uq").on(t.listId, t.phoneNumber),
    index("leads_dialable_idx").on(t.campaignId, t.status, t.nextAttemptAt),
  ],
);

export type Lead = typeof leads.$inferSelect;
