import { z } from "zod";
import { AGENT_STATES, CAMPAIGN_STATUSES, DIAL_MODES } from "@/db/schema";

/** `GET /demo`: whether demo data exists, what it is, and whether its simulated agents are at work. */
export const demoStatusOut = z.object({
  installed: z.boolean(),
  campaign: z.object({ id: z.number(), name: z.string(), status: z.enum(CAMPAIGN_STATUSES), dial_mode: z.enum(DIAL_MODES) }).nullable(),
  agents: z.array(z.object({ id: z.number(), name: z.string(), state: z.enum(AGENT_STATES) })),
  crew: z.enum(["working", "idle", "unavailable"]).describe("working: the simulated agents are at work; idle: no demo, or the crew is stopped; unavailable: no built-in simulator in this process"),
});

/** `DELETE /demo`: what was removed. */
export const demoRemovedOut = z.object({
  campaigns: z.number(),
  lists: z.number(),
  leads: z.number(),
  agents: z.number(),
  users: z.number(),
  call_records: z.number(),
  call_attempts: z.number(),
});
