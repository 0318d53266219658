"use client";

import { useState } from "react";
import { useAgentCommand, type AgentCommand } from "@/hooks/use-agents";
import type { Agent, Campaign } from "@/lib/api-types";
import { errorMessage } from "@/lib/form-errors";
import { useToast } from "@/components/ui/toaster";
import { allowedActions, isLoggedIn } from "@/lib/agent-states";
import { AgentCampaignOptions } from "./campaign-login-form";

/**
 * What a supervisor may do to an agent from its row: log it in to a campaign, or put it on break,
 * make it ready and log it out. Each is a request the dialer applies in a moment; the state badge
 * shows the result when `agent.update` arrives.
 */
export function AgentRowActions({ agent, campaigns }: { agent: Agent; campaigns: Campaign[] | undefined }) {
  const command = useAgentCommand();
  const toast = useToast();
  const [campaignId, setCampaignId] = useState("");
  const actions = allowedActions(agent);
  const busy = command.isPending;

  function run(c: AgentCommand, done: string) {
    command.mutate(
      { id: agent.id, command: c },
      {
        onSuccess: () => toast("success", done),
        onError: (err) => toast("error", `${agent.name}: ${errorMessage(err)}`),
      },
    );
  }

  if (!isLoggedIn(agent)) {
    const chosen = campaigns?.find((c) => String(c.id) === campaignId);
    return (
      <form
        className="flex items-center justify-end gap-2"
        aria-label={`Log ${agent.name} in`}
        onSubmit={(e) => {
          e.preventDefault();
          if (!chosen || busy) return;
          run({ kind: "login", campaignId: chosen.id }, `Logging ${agent.name} in to ${chosen.name}: Pacer is calling ${agent.extension}.`);
        }}
      >
        <select
          aria-label={`Campaign for ${agent.name}`}
          className="input w-44 py-1 text-xs"
          value={campaignId}
          disabled={busy || !campaigns}
          onChange={(e) => setCampaignId(e.target.value)}
        >
          <option value="">Campaign…</option>
          <AgentCampaignOptions campaigns={campaigns ?? []} withAgentsLabel="With agents" optionText={(c) => c.name} />
        </select>
        <button
          type="submit"
          className="btn-primary px-2.5 py-1 text-xs"
          disabled={busy || !chosen}
          title={chosen ? undefined : "Choose a campaign first"}
          aria-label={`Log ${agent.name} in`}
        >
          {busy ? "Logging in…" : "Log in"}
        </button>
      </form>
    );
  }

  const buttons: { label: string; aria: string; allowed: boolean; c: AgentCommand; done: string }[] = [
    { label: "Ready", aria: `Make ${agent.name} ready`, allowed: actions.ready, c: { kind: "state", state: "available" }, done: `${agent.name} made ready.` },
    {
      label: "Break",
      aria: `Put ${agent.name} on break`,
      allowed: actions.break,
      c: { kind: "state", state: "on_break", reason: "break" },
      done: agent.state === "on_call" ? `${agent.name} goes on break after this call.` : `${agent.name} put on break.`,
    },
    {
      label: "Log out",
      aria: `Log ${agent.name} out`,
      allowed: actions.logout,
      c: { kind: "logout" },
      done: agent.state === "on_call" ? `${agent.name} logs out after this call.` : `Logging ${agent.name} out.`,
    },
  ];
  return (
    <div className="flex items-center justify-end gap-2">
      {buttons.map((b) => (
        <button key={b.label} type="button" className="btn-secondary px-2.5 py-1 text-xs" aria-label={b.aria} disabled={busy || !b.allowed} onClick={() => run(b.c, b.done)}>
          {b.label}
        </button>
      ))}
    </div>
  );
}
