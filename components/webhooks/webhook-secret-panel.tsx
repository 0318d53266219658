"use client";

import type { WebhookWithSecret } from "@/lib/api-types";
import { SecretField, ShownOncePanel } from "@/components/ui/shown-once";

/** The signing secret of a new (or rotated) subscription: the one time Pacer shows it. */
export function WebhookSecretPanel({ webhook, rotated, onDone }: { webhook: WebhookWithSecret; rotated: boolean; onDone: () => void }) {
  return (
    <ShownOncePanel
      id="webhook-secret"
      title={rotated ? `New signing secret for “${webhook.name}”` : `Webhook “${webhook.name}” created`}
      note={`Copy the signing secret into the receiver now: it will not be shown again. ${rotated ? "The old secret no longer signs anything." : "Rotate it to get a new one."}`}
      focusKey={webhook.secret}
      onDone={onDone}
    >
      <SecretField id="webhook-secret-value" label="Signing secret" value={webhook.secret} />
      <p className="mt-3 text-sm text-amber-900 dark:text-amber-200">
        Each delivery carries <code className="font-mono">X-Pacer-Timestamp</code> and <code className="font-mono">X-Pacer-Signature: v1=…</code>, the hex
        HMAC-SHA256 of <code className="font-mono">timestamp.body</code> with this secret. Recompute it over the raw body and compare.
      </p>
    </ShownOncePanel>
  );
}
