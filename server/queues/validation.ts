import { z } from "zod";
import { AGENT_STATES, QUEUE_STRATEGIES } from "@/db/schema";
import { flagInput, intIn, timestampsOut } from "../api/validation";

/**
 * A queue and its tiers, in the shapes of mod_callcenter's API (the 004 seed's `POST /queues`,
 * `POST /queues/{q}/tiers`), with Pacer's snake_case names: `tierRules` is `tier_rules`,
 * `wrapUpSec` is `wrap_up_sec`, `noAnswerDelaySec` is `no_answer_delay_sec`.
 */

const name = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .trim()
  .min(1, "is required")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9_.@-]+$/, "letters, digits and _ . @ - only");

const strategy = z.enum(QUEUE_STRATEGIES, { error: `must be one of: ${QUEUE_STRATEGIES.join(", ")}` });

const moh = z
  .string({ error: "must be a string" })
  .trim()
  .max(255, "must be at most 255 characters")
  .regex(/^\S*$/, "must be one word: a media URI (sound:…, local_stream://moh) or a MOH class")
  .nullish()
  .transform((v) => (v === undefined ? undefined : v || null));

const tierRules = z.object(
  {
    apply: flagInput.optional().describe("tier rules on: a higher level is offered the call only after wait_second"),
    wait_second: intIn(0, 3600).optional().describe("seconds a person waits before the next level is offered the call"),
    wait_multiply_level: flagInput.optional().describe("the wait is wait_second × the level's distance from the lowest level"),
  },
  { error: "must be an object: {apply, wait_second, wait_multiply_level}" },
);

const fields = {
  strategy: strategy.describe("how a ready agent is chosen: longest-idle-agent, round-robin, fewest-calls, ring-all (every level at once; the longest idle wins) or top-down"),
  moh: moh.describe("music on hold for a person waiting for an agent"),
  tier_rules: tierRules,
  wrap_up_sec: intIn(0, 3600).describe("wrap-up after each call of the queue (replaces the campaign's wrapup_sec)"),
  no_answer_delay_sec: intIn(0, 3600).describe("an agent who does not take an offered call is passed over for this long"),
};

export const createQueueBody = z.object({
  name,
  strategy: fields.strategy.default("longest-idle-agent"),
  moh: fields.moh,
  tier_rules: fields.tier_rules.optional(),
  wrap_up_sec: fields.wrap_up_sec.default(10),
  no_answer_delay_sec: fields.no_answer_delay_sec.default(0),
});

export const updateQueueBody = z
  .object({
    name: name.optional(),
    strategy: fields.strategy.optional(),
    moh: fields.moh,
    tier_rules: fields.tier_rules.optional(),
    wrap_up_sec: fields.wrap_up_sec.optional(),
    no_answer_delay_sec: fields.no_answer_delay_sec.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "send at least one field to update" });

export const addTierBody = z.object({
  agent: z
    .union([z.number().int().positive(), z.string().trim().min(1).max(64)], { error: (i) => (i.input === undefined ? "is required" : "must be an agent id or name") })
    .describe("the agent: its id, or its name"),
  level: intIn(1, 100).default(1).describe("lower levels are offered calls first"),
  position: intIn(1, 1000).default(1).describe("order within the level (round-robin and top-down follow it)"),
});

export const queueTierOut = z.object({
  id: z.number(),
  queue_id: z.number(),
  agent_id: z.number(),
  agent_name: z.string(),
  agent_state: z.enum(AGENT_STATES),
  level: z.number(),
  position: z.number(),
  created_at: z.string(),
});

export const queueOut = z.object({
  id: z.number(),
  name: z.string(),
  strategy: strategy,
  moh: z.string().nullable(),
  tier_rules: z.object({ apply: z.boolean(), wait_second: z.number(), wait_multiply_level: z.boolean() }),
  wrap_up_sec: z.number(),
  no_answer_delay_sec: z.number(),
  tier_count: z.number().describe("how many agents the queue has"),
  campaigns: z.array(z.object({ id: z.number(), name: z.string() })).describe("campaigns whose answered calls go to this queue"),
  ...timestampsOut,
});

export const queueWithTiersOut = queueOut.extend({ tiers: z.array(queueTierOut).describe("the queue's agents by level and position") });
