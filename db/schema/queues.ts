import { boolean, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { agents } from "./agents";
import { createdAt, parentRef, serialId, timestamps } from "./columns";

/**
 * How a queue chooses among its ready agents (mod_callcenter's strategies): the longest idle,
 * the next in turn after the last one given a call, the one with the fewest calls since logging
 * in, every agent at once (ring-all: with nailed-up phones the longest idle of all levels wins),
 * or always the first by level and position (top-down).
 */
export const QUEUE_STRATEGIES = ["longest-idle-agent", "round-robin", "fewest-calls", "ring-all", "top-down"] as const;
export type QueueStrategy = (typeof QUEUE_STRATEGIES)[number];

/**
 * A queue (mod_callcenter's): the agents a campaign's answered calls go to, through its tiers,
 * chosen by its strategy. Campaigns point at it with `campaigns.queue_id`.
 */
export const queues = pgTable(
  "queues",
  {
    id: serialId(),
    name: text("name").notNull(),
    strategy: text("strategy").$type<QueueStrategy>().notNull().default("longest-idle-agent"),
    /** Music on hold for a person waiting for an agent (a media URI or a MOH class). */
    moh: text("moh"),
    /** Tier rules: a higher level is offered the call only after the wait. */
    tierRulesApply: boolean("tier_rules_apply").notNull().default(false),
    tierRuleWaitSec: integer("tier_rule_wait_sec").notNull().default(0),
    tierRuleWaitMultiplyLevel: boolean("tier_rule_wait_multiply_level").notNull().default(false),
    /** Wrap-up after each call of the queue (replaces the campaign's wrapup_sec). */
    wrapUpSec: integer("wrap_up_sec").notNull().default(10),
    /** An agent who does not take an offered call is passed over for this long. */
    noAnswerDelaySec: integer("no_answer_delay_sec").notNull().default(0),
    ...timestamps(),
  },
  (t) => [uniqueIndex("queues_name_uq").on(t.name)],
);

/** An agent's place in a queue: its level (lower first) and position within the level. */
export const queueTiers = pgTable(
  "queue_tiers",
  {
    id: serialId(),
    queueId: parentRef("queue_id", () => queues.id),
    agentId: parentRef("agent_id", () => agents.id),
    level: integer("level").notNull().default(1),
    position: integer("position").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("queue_tiers_queue_agent_uq").on(t.queueId, t.agentId), index("queue_tiers_agent_idx").on(t.agentId)],
);

export type Queue = typeof queues.$inferSelect;
export type QueueTier = typeof queueTiers.$inferSelect;
