"use client";

import type { CreatedApiToken } from "@/lib/api-types";
import { SecretField, ShownOncePanel } from "@/components/ui/shown-once";

export function CreatedTokenPanel({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const curl = `curl -H "Authorization: Bearer ${token.token}" ${window.location.origin}/adial/api/campaigns`;
  return (
    <ShownOncePanel
      id="created-token"
      title={`Token “${token.name}” created`}
      note="Copy it now and keep it somewhere safe: it will not be shown again. If you lose it, revoke it and create a new one."
      focusKey={token.id}
      onDone={onDone}
    >
      <SecretField id="created-token-value" label="Your new token" value={token.token} />

      <label htmlFor="created-token-curl" className="label mt-4">
        Try it: list campaigns with curl
      </label>
      <textarea
        id="created-token-curl"
        readOnly
        rows={2}
        value={curl}
        spellCheck={false}
        onFocus={(e) => e.currentTarget.select()}
        className="input resize-none bg-white font-mono text-xs dark:bg-slate-950"
      />
    </ShownOncePanel>
  );
}
