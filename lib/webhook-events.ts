/**
 * The events a webhook subscription can ask for, shared by the server (validation, OpenAPI) and
 * the browser (the subscription form). Each names what happened, past tense.
 */
export const WEBHOOK_EVENT_TYPES = [
  "call.finished",
  "lead.disposed",
  "campaign.status_changed",
  "import.finished",
  "campaign.abandon_cap_reached",
  "trunk.out_of_rotation",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "call.finished": "Call finished (its call record is written)",
  "lead.disposed": "Lead disposed by an agent",
  "campaign.status_changed": "Campaign started, paused, resumed, stopped or completed",
  "import.finished": "CSV import finished (completed or failed)",
  "campaign.abandon_cap_reached": "Campaign reached its abandonment cap (pacing falls back to progressive)",
  "trunk.out_of_rotation": "Trunk taken out of rotation",
};

export const isWebhookEventType = (s: string): s is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(s);

/** The headers every delivery carries; the signature is HMAC-SHA256 over `<timestamp>.<body>`. */
export const WEBHOOK_HEADERS = {
  event: "X-Pacer-Event",
  delivery: "X-Pacer-Delivery",
  timestamp: "X-Pacer-Timestamp",
  signature: "X-Pacer-Signature",
} as const;
