import { z } from "zod";
import { timestampsOut } from "../api/validation";
import { AGENT_STATES, PAUSE_REASONS } from "@/db/schema";

const text = (max: number) => z.string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") }).trim().max(max, `must be at most ${max} characters`);

/** An agent's phone: an extension (2–20 digits, dialled through the PBX's agent template) or a full dial string. */
export const phoneOrDialString = text(120)
  .min(1, "is required")
  .refine((v) => /^[0-9*#+]{2,20}$/.test(v) || /^[A-Za-z][A-Za-z0-9_.-]*\/\S+$/.test(v), "must be an extension (digits) or a dial string such as PJSIP/2001");

export const createAgentBody = z.object({
  name: text(64).min(1, "is required").regex(/^[A-Za-z0-9 _.@-]+$/, "letters, digits, spaces and _ . @ - only"),
  extension: phoneOrDialString,
  user_id: z.number({ error: "must be a user id" }).int().positive().nullish(),
});

export const updateAgentBody = z
  .object({
    name: createAgentBody.shape.name.optional(),
    extension: phoneOrDialString.optional(),
    user_id: createAgentBody.shape.user_id,
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "send at least one field to update" });

export const listAgentsQuery = z.object({
  campaign_id: z.coerce.number({ error: "must be a campaign id" }).int().positive().optional(),
});

export const agentLoginBody = z.object({
  campaign_id: z.number({ error: (i) => (i.input === undefined ? "is required" : "must be a campaign id") }).int().positive(),
});

export const agentStateBody = z
  .object({
    state: z.enum(["available", "on_break"], { error: "must be available or on_break" }),
    reason: z
      .enum(PAUSE_REASONS, { error: `must be one of ${PAUSE_REASONS.join(", ")}` })
      .optional()
      .describe("why the agent pauses (on_break only); break when omitted"),
  })
  .superRefine((v, ctx) => {
    if (v.reason && v.state !== "on_break") ctx.addIssue({ code: "custom", path: ["reason"], message: "is only for state on_break" });
  });

/** The statuses of mod_callcenter's `PATCH /agents/{id}/state` (the 004 seed), as Pacer's agent states. */
export const AGENT_STATUSES = { Available: "available", "On Break": "on_break", Wrapup: "wrapup", "Logged Out": "logged_out" } as const;
export type AgentStatusWord = keyof typeof AGENT_STATUSES;
const statusWords = Object.keys(AGENT_STATUSES) as [AgentStatusWord, ...AgentStatusWord[]];

export const agentStatusBody = z
  .object({
    status: z.enum(statusWords, { error: (i) => (i.input === undefined ? "is required" : `must be one of: ${statusWords.join(", ")}`) }),
    reason: agentStateBody.shape.reason,
  })
  .superRefine((v, ctx) => {
    if (v.reason && v.status !== "On Break") ctx.addIssue({ code: "custom", path: ["reason"], message: "is only for status On Break" });
  });

/** A wall time without a zone, `YYYY-MM-DDTHH:MM`, as a date/time picker gives it. */
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function validLocalTime(v: string): boolean {
  const m = LOCAL_TIME.exec(v);
  if (!m) return false;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60;
}

export const dispositionBody = z
  .object({
    disposition: z
      .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z][A-Z0-9_]{1,31}$/, "must be a word such as SALE, CALLBACK, NOANSWER, BUSY, VOICEMAIL, DNC (letters, digits, _)"),
    callback_at: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time with a zone, e.g. 2026-12-02T14:00:00Z" }).optional(),
    callback_local: z
      .string({ error: "must be a string" })
      .refine(validLocalTime, "must be a date and time YYYY-MM-DDTHH:MM")
      .optional()
      .describe("the callback's wall time in the lead's time zone (the zone calling hours are judged in); instead of callback_at"),
    notes: text(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.callback_at && v.callback_local) ctx.addIssue({ code: "custom", path: ["callback_local"], message: "send callback_at or callback_local, not both" });
    if (v.disposition === "CALLBACK" && !v.callback_at && !v.callback_local) ctx.addIssue({ code: "custom", path: ["callback_at"], message: "is required for a CALLBACK" });
    if (v.callback_at && Date.parse(v.callback_at) < Date.now() - 60_000) ctx.addIssue({ code: "custom", path: ["callback_at"], message: "must be in the future" });
  });

export const agentOut = z.object({
  id: z.number(),
  user_id: z.number().nullable(),
  name: z.string(),
  extension: z.string(),
  campaign_id: z.number().nullable(),
  state: z.enum(AGENT_STATES),
  requested_state: z.string().nullable(),
  state_since: z.string(),
  ready_since: z.string().nullable(),
  current_attempt_id: z.number().nullable(),
  last_attempt_id: z.number().nullable(),
  break_reason: z.enum(PAUSE_REASONS).nullable().describe("why the agent is on break (or asked to be); null otherwise"),
  demo: z.boolean().describe("a simulated agent of the demo: the built-in simulator answers its phone and talks"),
  ...timestampsOut,
});

/** The time zone the lead is called in, and what it was told from (as the calling-hours rules judge it). */
const leadZoneOut = z.object({ zone: z.string(), source: z.enum(["lead", "state", "zip", "area_code", "country", "fallback"]) });

/** What the agent console shows: the agent, its campaign's queue, and the lead on the line (screen pop). */
export const agentConsoleOut = z.object({
  agent: agentOut.nullable(),
  campaign: z.object({ id: z.number(), name: z.string(), dial_mode: z.string(), wrapup_sec: z.number() }).nullable(),
  call: z
    .object({
      attempt_id: z.number(),
      channel_id: z.string(),
      state: z.string(),
      phone_number: z.string(),
      started_at: z.string(),
      answered_at: z.string().nullable(),
      ended_at: z.string().nullable(),
      preview: z
        .object({ expires_at: z.string().nullable(), on_timeout: z.enum(["skip", "dial"]) })
        .nullable()
        .describe("set while the lead is shown to the agent (preview mode), not yet dialed or skipped"),
      lead: z.object({
        id: z.number(),
        phone_number: z.string(),
        attempts: z.number(),
        data: z.record(z.string(), z.unknown()).nullable(),
        disposition: z.string().nullable(),
        status: z.string().optional(),
        phones: z.array(z.object({ phone_number: z.string() })).optional().describe("the lead's numbers in dialing order, phone 1 first"),
        time_zone: leadZoneOut.optional(),
      }),
    })
    .nullable(),
  queue: z.object({ available: z.number(), on_call: z.number(), wrapup: z.number(), on_break: z.number(), logged_out: z.number() }).nullable(),
});

export const dispositionOut = z.object({
  lead_id: z.number(),
  attempt_id: z.number(),
  disposition: z.string(),
  lead_status: z.string(),
  next_attempt_at: z.string().nullable(),
  /** Given while the call was still up (202): kept on the call and applied when it ends. */
  pending: z.literal(true).optional(),
});

export const previewChoiceOut = z.object({
  agent_id: z.number(),
  attempt_id: z.number(),
  lead_id: z.number(),
  phone_number: z.string(),
  action: z.enum(["dial", "skip"]),
});

/** One earlier (or the current) call to the agent's lead, for the screen pop. */
export const leadHistoryOut = z.object({
  lead_id: z.number(),
  attempts: z.array(
    z.object({
      attempt_id: z.number(),
      attempt_no: z.number(),
      phone_number: z.string(),
      started_at: z.string(),
      answered_at: z.string().nullable(),
      ended_at: z.string().nullable(),
      talk_sec: z.number().nullable(),
      outcome: z.string().nullable().describe("how the call ended: answered, busy, no_answer, …; null while it is up"),
      disposition: z.string().nullable().describe("the agent's or IVR's word (SALE, CALLBACK, …)"),
      callback_at: z.string().nullable(),
      notes: z.string().nullable(),
      agent: z.string().nullable(),
    }),
  ),
});

export const hangupOut = z.object({ agent_id: z.number(), attempt_id: z.number(), phone_number: z.string() });
