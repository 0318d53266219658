import { z } from "zod";
import { MONITOR_MODES, MONITOR_STATES } from "@/db/schema";
import { phoneOrDialString } from "../agents/validation";

const mode = z.enum(MONITOR_MODES, { error: "must be listen, whisper or barge" });

export const startMonitorBody = z.object({
  mode: mode.default("listen"),
  /** The supervisor's phone Pacer calls: an extension or a full dial string; the last one used when omitted. */
  phone: phoneOrDialString.optional(),
});

export const monitorModeBody = z.object({ mode });

export const monitorOut = z.object({
  id: z.number(),
  agent_id: z.number().nullable(),
  agent_name: z.string(),
  user_id: z.number().nullable(),
  username: z.string(),
  campaign_id: z.number().nullable(),
  attempt_id: z.number(),
  phone: z.string(),
  mode: mode.describe("the mode in effect"),
  requested_mode: mode.nullable().describe("a mode asked for and not yet applied"),
  state: z.enum(MONITOR_STATES).describe("requested → calling (Pacer rings the supervisor's phone) → active → ended"),
  stop_requested: z.boolean(),
  end_reason: z.string().nullable(),
  created_at: z.string(),
  answered_at: z.string().nullable(),
  ended_at: z.string().nullable(),
});

export const monitorPhoneOut = z.object({ phone: z.string().nullable().describe("the phone the caller last listened in from") });
