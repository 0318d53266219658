import { z } from "zod";
import { WEBHOOK_DELIVERY_STATUSES } from "@/db/schema";
import { isWebhookEventType, WEBHOOK_EVENT_TYPES } from "@/lib/webhook-events";
import { flagInput, pageQuery, timestampsOut } from "../api/validation";

/** An absolute http(s) URL without credentials in it (the signature is how a receiver trusts us). */
const webhookUrl = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(2000, "must be at most 2000 characters")
  .superRefine((s, ctx) => {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be an absolute URL like https://example.com/hooks/pacer" });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") ctx.addIssue({ code: "custom", message: "must be an http:// or https:// URL" });
    else if (url.username || url.password) ctx.addIssue({ code: "custom", message: "must not contain a user name or password (verify the signature instead)" });
    else if (url.hash) ctx.addIssue({ code: "custom", message: "must not contain a #fragment" });
  });

const eventTypes = z
  .array(
    z.string({ error: "must be an event type" }).refine(isWebhookEventType, {
      error: (issue) => `unknown event type '${String(issue.input)}' (one of ${WEBHOOK_EVENT_TYPES.join(", ")})`,
    }),
    { error: "must be a list of event types" },
  )
  .min(1, "must name at least one event type")
  .max(WEBHOOK_EVENT_TYPES.length * 2)
  .transform((list) => [...new Set(list)])
  .describe(`any of: ${WEBHOOK_EVENT_TYPES.join(", ")}`);

const name = z.string({ error: "is required" }).trim().min(1, "is required").max(100, "must be at most 100 characters");

export const createWebhookBody = z.object({
  name,
  url: webhookUrl,
  event_types: eventTypes,
  is_active: flagInput.optional().default(true),
});

export const updateWebhookBody = z
  .object({ name: name.optional(), url: webhookUrl.optional(), event_types: eventTypes.optional(), is_active: flagInput.optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { error: "nothing to change: give name, url, event_types or is_active" });

export const listDeliveriesQuery = z.object({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES, { error: `must be one of ${WEBHOOK_DELIVERY_STATUSES.join(", ")}` }).optional(),
  ...pageQuery,
});

export const webhookOut = z.object({
  id: z.number(),
  name: z.string(),
  url: z.string(),
  event_types: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  is_active: z.union([z.literal(0), z.literal(1)]),
  secret_hint: z.string().describe("the secret's last characters; the secret itself is shown only when created or rotated"),
  secret_rotated_at: z.string().nullable(),
  deliveries: z.object({ pending: z.number(), delivered: z.number(), failed: z.number() }),
  ...timestampsOut,
});

export const webhookWithSecretOut = webhookOut.extend({
  secret: z.string().describe("the signing secret, shown this once"),
  message: z.string(),
});

export const deliveryOut = z.object({
  id: z.number(),
  subscription_id: z.number(),
  event_id: z.string(),
  event_type: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number(),
  response_code: z.number().nullable(),
  last_error: z.string().nullable(),
  duration_ms: z.number().nullable().describe("how long the last attempt took"),
  next_attempt_at: z.string().nullable().describe("when a pending delivery is tried next"),
  last_attempt_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  created_at: z.string(),
  payload: z.record(z.string(), z.unknown()).describe("the JSON body sent: id, type, created_at, data"),
});
