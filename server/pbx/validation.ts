import { z } from "zod";
import { flagInput, timestampsOut } from "../api/validation";

const requiredText = (max: number) =>
  z
    .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
    .trim()
    .min(1, "is required")
    .max(max, `must be at most ${max} characters`);
const name = requiredText(100);
const username = requiredText(100);
const password = z.string({ error: "must be a string" }).min(1, "is required").max(200);
const ariUrl = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .trim()
  .url("must be a URL like http://pbx.example.com:8088")
  .refine((u) => /^https?:\/\//.test(u), "must start with http:// or https://")
  .transform((u) => u.replace(/\/+$/, "").replace(/\/ari$/, ""));
const host = z.string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") }).trim().min(1, "is required").max(255).regex(/^[A-Za-z0-9.:_-]+$/, "must be a host name or IP address");
const port = z.coerce.number({ error: "must be a port number" }).int("must be a whole number").min(1, "must be 1 to 65535").max(65535, "must be 1 to 65535");
const template = z.string().trim().max(200, "must be at most 200 characters").refine((t) => t.includes("{exten}"), "must contain {exten}");
/** Where Pacer reads FreeSWITCH's recordings: an absolute directory, or an HTTP(S) base URL serving it. */
const recordingPath = z.string({ error: "must be a string" }).trim().max(500, "must be at most 500 characters").refine((v) => v === "" || (v.startsWith("/") && !v.includes("..")), "must be an absolute directory such as /var/lib/freeswitch/recordings");
const recordingUrl = z.string({ error: "must be a string" }).trim().max(500, "must be at most 500 characters").refine((v) => v === "" || /^https?:\/\/[^\s]+$/.test(v), "must be a URL starting with http:// or https://").transform((u) => u.replace(/\/+$/, ""));
const app = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, _ and - only");

export const asteriskInput = z.object({
  kind: z.literal("asterisk"),
  name,
  ari_url: ariUrl,
  ari_username: username,
  password,
  ari_app: app.default("pacer"),
  agent_dial_template: template.default("PJSIP/{exten}"),
  enabled: flagInput.default(true),
});

export const freeswitchInput = z.object({
  kind: z.literal("freeswitch"),
  name,
  esl_host: host,
  esl_port: port.default(8021),
  password,
  agent_dial_template: template.default("user/{exten}"),
  recording_path: recordingPath.nullish(),
  recording_url: recordingUrl.nullish(),
  enabled: flagInput.default(true),
});

export const createPbxBody = z.discriminatedUnion("kind", [asteriskInput, freeswitchInput], {
  error: "kind must be asterisk or freeswitch",
});

/** Updates name the fields to change; a missing password keeps the stored one. */
export const updatePbxBody = z
  .object({
    name: name.optional(),
    ari_url: ariUrl.optional(),
    ari_username: username.optional(),
    ari_app: app.optional(),
    esl_host: host.optional(),
    esl_port: port.optional(),
    password: password.optional(),
    agent_dial_template: template.optional(),
    recording_path: recordingPath.nullish(),
    recording_url: recordingUrl.nullish(),
    enabled: flagInput.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "send at least one field to update" });

/** Testing a connection before saving takes the same fields as creating. */
export const testPbxBody = createPbxBody;

export const pbxServerOut = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(["asterisk", "freeswitch"]),
  ari_url: z.string().nullable(),
  ari_username: z.string().nullable(),
  ari_app: z.string().nullable(),
  esl_host: z.string().nullable(),
  esl_port: z.number().nullable(),
  agent_dial_template: z.string().nullable(),
  recording_path: z.string().nullable().describe("FreeSWITCH: the directory its recordings are written to and read from"),
  recording_url: z.string().nullable().describe("FreeSWITCH: an HTTP base URL serving its recordings directory"),
  enabled: z.union([z.literal(0), z.literal(1)]),
  has_password: z.union([z.literal(0), z.literal(1)]),
  ...timestampsOut,
  health: z.object({ connected: z.boolean(), last_error: z.string().nullable(), rtt_ms: z.number().nullable(), since: z.string().nullable() }).nullable(),
});

/** `GET /pbx`: the servers, and the built-in simulator's state. */
export const pbxListOut = z.object({
  servers: z.array(pbxServerOut),
  simulator: z.object({ running: z.boolean(), ari_url: z.string().nullable(), esl_port: z.number().nullable(), connected: z.boolean(), rtt_ms: z.number().nullable(), last_error: z.string().nullable() }),
});

export const pbxTestOut = z.object({ ok: z.boolean(), rtt_ms: z.number().nullable(), error: z.string().nullable() });
