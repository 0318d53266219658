"use client";

import { usePreviewChoice } from "@/hooks/use-agents";
import type { AgentCall } from "@/lib/api-types";
import { errorMessage } from "@/lib/form-errors";
import { useToast } from "@/components/ui/toaster";
import { apiTimeMs } from "@/lib/agent-states";
import { ScreenPop } from "./screen-pop";
import { Kbd, useShortcuts } from "./shortcuts";
import { useNow } from "@/hooks/use-now";

/**
 * Preview mode: the lead Pacer holds for this agent, shown before anything is dialed. Dial (D)
 * calls it and puts the customer through to this agent; Skip (S) gives it back for later without
 * counting an attempt. With a campaign timeout, a countdown says what happens when it runs out.
 */
export function PreviewCard({ agentId, call }: { agentId: number; call: AgentCall }) {
  const choice = usePreviewChoice();
  const toast = useToast();
  const busy = choice.isPending || (choice.isSuccess && choice.data?.attempt_id === call.attempt_id);

  function choose(action: "dial" | "skip") {
    if (busy) return false;
    choice.mutate({ id: agentId, action }, { onError: (err) => toast("error", errorMessage(err)) });
  }

  useShortcuts({ d: () => choose("dial"), s: () => choose("skip") });

  return (
    <div className="space-y-5" data-testid="preview-card">
      <ScreenPop call={call} agentId={agentId} />
      {call.preview?.expires_at && <PreviewCountdown expiresAt={call.preview.expires_at} onTimeout={call.preview.on_timeout} />}
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" aria-keyshortcuts="D" disabled={busy} onClick={() => choose("dial")}>
          {choice.isPending && choice.variables?.action === "dial" ? "Dialing…" : "Dial"}
          <Kbd>D</Kbd>
        </button>
        <button type="button" className="btn-secondary" aria-keyshortcuts="S" disabled={busy} onClick={() => choose("skip")}>
          {choice.isPending && choice.variables?.action === "skip" ? "Skipping…" : "Skip"}
          <Kbd>S</Kbd>
        </button>
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">Skipped leads come back later; a skip does not count as a call attempt.</p>
    </div>
  );
}

function PreviewCountdown({ expiresAt, onTimeout }: { expiresAt: string; onTimeout: "skip" | "dial" }) {
  const now = useNow();
  const left = Math.max(0, Math.ceil((apiTimeMs(expiresAt) - now) / 1000));
  return (
    <p role="timer" aria-live="off" className="text-sm text-amber-800 dark:text-amber-300">
      {left > 0 ? `${onTimeout === "dial" ? "Dialed" : "Skipped"} automatically in ${left} s.` : onTimeout === "dial" ? "Dialing…" : "Skipping…"}
    </p>
  );
}
