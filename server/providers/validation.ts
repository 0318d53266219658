import { z } from "zod";

/** One rolling window of a trunk's legs (its CDRs and the legs it failed that went on to another trunk). */
const windowOut = z.object({
  attempts: z.number().describe("legs through the trunk that ended in the window"),
  answered: z.number(),
  asr: z.number().describe("answered / attempts, 0..1"),
  acd_sec: z.number().describe("mean talk time of the answered calls, seconds"),
  pdd_ms: z.number().nullable().describe("mean post-dial delay (originate to first ring) of the calls that rang"),
  sip: z.record(z.string(), z.number()).describe("unanswered legs by SIP status"),
  q850: z.record(z.string(), z.number()).describe("unanswered legs by Q.850 cause"),
});

export const providerHealthOut = z.object({
  id: z.number().describe("the trunk's id"),
  name: z.string(),
  enabled: z.boolean(),
  in_rotation: z.boolean().describe("whether the dialer may pick it; false: failing, probed until it recovers"),
  rotation_reason: z.string().nullable().describe("why it went out (or came back) last"),
  rotation_changed_at: z.string().nullable(),
  consecutive_failures: z.number().describe("trunk failures in a row, across every dialer process"),
  min_asr_pct: z.number().nullable(),
  max_consecutive_failures: z.number().nullable(),
  min_samples: z.number(),
  probe_number: z.string().nullable(),
  asr_5m: z.number().describe("the 5-minute window's ASR, 0..1"),
  acd_5m_sec: z.number(),
  pdd_ms: z.number().nullable().describe("the 5-minute window's mean post-dial delay"),
  sip: z.record(z.string(), z.number()).describe("the 5-minute window's unanswered legs by SIP status"),
  cps: z.number().describe("calls started per second over the last 10 s"),
  cps_max: z.number().nullable(),
  live_channels: z.number(),
  max_channels: z.number().nullable(),
  windows: z.object({ "5m": windowOut, "1h": windowOut }),
  last_probe: z.object({ at: z.string(), ok: z.boolean(), detail: z.string().nullable() }).nullable(),
  probe_pending: z.boolean().describe("a probe is asked for and not yet answered"),
});

export const probeOut = z.object({
  trunk_id: z.number(),
  pending: z.boolean().describe("true: no dialer answered in time; the result comes later (GET …/health, Socket.IO trunk.rotation)"),
  ok: z.boolean().nullable().describe("the probe call got through (rang, answered, or an answer from the far end)"),
  detail: z.string().nullable(),
  in_rotation: z.boolean(),
});
