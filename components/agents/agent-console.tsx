"use client";

import { useRef, useState } from "react";
import { useAgentCommand, useAgentConsole, useAgentHangup, type AgentCommand } from "@/hooks/use-agents";
import { useRealtimeState } from "@/hooks/use-realtime";
import type { AgentConsole as ConsoleData, AgentState, PauseReason } from "@/lib/api-types";
import { pauseReasonLabel } from "@/lib/pause-reasons";
import { errorMessage } from "@/lib/form-errors";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState, Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { Elapsed, LargeStateBadge } from "./agent-state-badge";
import { allowedActions, isAgentMode, isConnecting, isLoggedIn, pendingRequest, secondsSince } from "@/lib/agent-states";
import { CampaignLoginForm, type CampaignLoginHandle } from "./campaign-login-form";
import { DispositionForm } from "./disposition-form";
import { PauseDialog } from "./pause-dialog";
import { PreviewCard } from "./preview-card";
import { QueueBar } from "./queue-bar";
import { ScreenPop } from "./screen-pop";
import { Kbd, useShortcuts } from "./shortcuts";
import { useNow } from "@/hooks/use-now";

/**
 * The agent's own screen: its state, logging in and out, ready and break, the screen pop while on a
 * call and the disposition after it. `agent.update` events refresh it; polling is only a fallback.
 */
export function AgentConsole({ canListCampaigns }: { canListCampaigns: boolean }) {
  const live = useRealtimeState() === "live";
  const { data, isPending, error, refetch } = useAgentConsole({ live });

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">My console</h1>
        <p className="mt-0.5 text-sm text-slate-500 dark:text-slate-400">
          {data?.agent ? (
            <>
              Agent <span className="font-medium text-slate-700 dark:text-slate-200">{data.agent.name}</span> · phone{" "}
              <span className="font-mono">{data.agent.extension}</span>
            </>
          ) : (
            "Take calls: log in to a campaign, and Pacer puts its answered calls through to your phone."
          )}
        </p>
      </div>
      {error && !data ? (
        <ErrorState title="Could not load your console" error={error} onRetry={() => refetch()} />
      ) : isPending ? (
        <div role="status" aria-label="Loading your console" className="grid gap-5 lg:grid-cols-[minmax(0,24rem)_minmax(0,1fr)]">
          <Skeleton className="h-64" />
          <Skeleton className="h-64" />
        </div>
      ) : !data.agent ? (
        <EmptyState
          title="You are not an agent yet"
          description="Ask a supervisor to create an agent for you: an agent ties your user to the phone Pacer calls when you log in to a campaign."
        />
      ) : (
        <ConsoleBody data={data as ConsoleData & { agent: NonNullable<ConsoleData["agent"]> }} canListCampaigns={canListCampaigns} />
      )}
    </div>
  );
}

const WAITING_TEXT: Record<AgentState, string> = {
  logged_out: "Log in to a campaign to take calls.",
  available: "Waiting for a call… The next answered call comes straight to your phone.",
  on_call: "Connecting the call…",
  wrapup: "Wrap-up: finish your notes. You are ready again when it ends, or press Ready.",
  on_break: "Paused: no calls come to you. Press Ready (R) when you are back, or P to change the reason.",
};

function ConsoleBody({ data, canListCampaigns }: { data: ConsoleData & { agent: NonNullable<ConsoleData["agent"]> }; canListCampaigns: boolean }) {
  const { agent, campaign, call, queue } = data;
  const command = useAgentCommand();
  const hangup = useAgentHangup();
  const toast = useToast();
  const loginRef = useRef<CampaignLoginHandle>(null);
  const stateRef = useRef<HTMLElement>(null);
  const [pausing, setPausing] = useState(false);
  const actions = allowedActions(agent);
  // On break already, P changes the reason.
  const canPause = actions.break || agent.state === "on_break";
  const loggedIn = isLoggedIn(agent);
  const connecting = isConnecting(agent);
  const pending = pendingRequest(agent);

  function run(c: AgentCommand) {
    if (command.isPending) return;
    command.mutate({ id: agent.id, command: c }, { onError: (err) => toast("error", errorMessage(err)) });
  }

  function pause(reason: PauseReason) {
    setPausing(false);
    run({ kind: "state", state: "on_break", reason });
  }

  const previewing = Boolean(call?.preview && agent.state === "available");
  const callEnded = Boolean(call && !call.preview && (call.ended_at || call.state === "ended"));
  const needsDisposition = Boolean(call && callEnded && !call.lead.disposition);
  const onLiveCall = Boolean(call && !callEnded && agent.state === "on_call");

  function hangUp() {
    if (hangup.isPending || !onLiveCall) return false;
    hangup.mutate(agent.id, { onError: (err) => toast("error", errorMessage(err)) });
  }

  const openPause = () => (canPause && !command.isPending ? setPausing(true) : false);
  useShortcuts({
    r: () => (actions.ready && !command.isPending ? run({ kind: "state", state: "available" }) : false),
    p: openPause,
    // B, the key of the break button before reasons.
    b: openPause,
    h: hangUp,
    l: () => {
      if (loggedIn) return actions.logout && !command.isPending ? run({ kind: "logout" }) : false;
      loginRef.current?.submit();
    },
  });

  const buttons: { key: string; label: string; pendingLabel: string; allowed: boolean; c: AgentCommand | null; className: string }[] = [
    { key: "R", label: "Ready", pendingLabel: "Ready…", allowed: actions.ready, c: { kind: "state", state: "available" }, className: "btn-primary" },
    { key: "P", label: agent.state === "on_break" ? "Change reason" : "Pause", pendingLabel: "Pausing…", allowed: canPause, c: null, className: "btn-secondary" },
    { key: "L", label: "Log out", pendingLabel: "Logging out…", allowed: actions.logout, c: { kind: "logout" }, className: "btn-secondary" },
  ];
  const pendingKind = command.isPending ? command.variables?.command : undefined;
  const isPendingButton = (c: AgentCommand | null) =>
    pendingKind !== undefined && (c === null ? pendingKind.kind === "state" && pendingKind.state === "on_break" : JSON.stringify(pendingKind) === JSON.stringify(c));

  return (
    <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,24rem)_minmax(0,1fr)]">
      <div className="space-y-5">
        <section ref={stateRef} tabIndex={-1} aria-label="Your state" className="card space-y-4 p-5 focus:outline-none">
          <div role="status" className="space-y-1.5">
            <LargeStateBadge state={agent.state} />
            {agent.state === "on_break" && (
              <p className="text-base font-medium" data-testid="pause-reason">
                Reason: {pauseReasonLabel(agent.break_reason) ?? "Break"}
              </p>
            )}
            <p className="text-sm text-slate-600 dark:text-slate-300">
              for <Elapsed since={agent.state_since} />
              {pending && <span className="ml-2 font-medium text-brand-700 dark:text-brand-500">· {pending}</span>}
            </p>
          </div>
          {agent.state === "wrapup" && campaign && <WrapupCountdown since={agent.state_since} wrapupSec={campaign.wrapup_sec} />}
          {campaign ? (
            <p className="text-sm">
              <span className="text-slate-500 dark:text-slate-400">Campaign</span> <span className="font-medium">{campaign.name}</span>{" "}
              <span className="text-xs text-slate-500 dark:text-slate-400">({campaign.dial_mode})</span>
            </p>
          ) : null}
          {connecting && (
            <Notice tone="info" title="Answer your phone">
              Pacer is calling <span className="font-mono">{agent.extension}</span>. Keep the line open: calls come through it while you are logged in.
            </Notice>
          )}
          {campaign && !isAgentMode(campaign.dial_mode) && (
            <Notice tone="warning">{campaign.name} is agentless: its answered calls go to its dialplan destination or IVR, not to you.</Notice>
          )}
          {loggedIn ? (
            <div className="flex flex-wrap gap-2">
              {buttons.map((b) => (
                <button
                  key={b.key}
                  type="button"
                  className={b.className}
                  aria-keyshortcuts={b.key === "P" ? "P B" : b.key}
                  aria-haspopup={b.c === null ? "dialog" : undefined}
                  disabled={!b.allowed || command.isPending}
                  onClick={() => (b.c ? run(b.c) : setPausing(true))}
                >
                  {isPendingButton(b.c) ? b.pendingLabel : b.label}
                  <Kbd>{b.key}</Kbd>
                </button>
              ))}
            </div>
          ) : (
            <CampaignLoginForm ref={loginRef} agentId={agent.id} canListCampaigns={canListCampaigns} onLoggedIn={() => stateRef.current?.focus()} />
          )}
          <p className="text-xs text-slate-500 dark:text-slate-400">Shortcuts work anywhere on this page except in text fields.</p>
          <PauseDialog open={pausing} current={agent.state === "on_break" ? agent.break_reason : null} onPick={pause} onClose={() => setPausing(false)} />
        </section>
        {campaign && queue && (
          <section aria-labelledby="queue-heading" className="card space-y-3 p-4">
            <h2 id="queue-heading" className="text-sm font-semibold">
              Agents on {campaign.name}
            </h2>
            <QueueBar queue={queue} />
          </section>
        )}
      </div>

      <section aria-labelledby="call-heading" tabIndex={-1} className="card focus:outline-none">
        <div className="border-b border-slate-200 px-5 py-3 dark:border-slate-800">
          <h2 id="call-heading" className="font-semibold">
            {previewing ? "Next lead" : onLiveCall ? "On call" : needsDisposition ? "After the call" : "Calls"}
          </h2>
        </div>
        <div className="space-y-6 p-5">
          {call && previewing ? (
            <PreviewCard key={call.attempt_id} agentId={agent.id} call={call} />
          ) : call && (onLiveCall || needsDisposition) ? (
            <>
              <ScreenPop call={call} agentId={agent.id} />
              {onLiveCall && (
                <div className="flex flex-wrap items-center gap-3">
                  <button type="button" className="btn-danger" aria-keyshortcuts="H" disabled={hangup.isPending} onClick={hangUp}>
                    {hangup.isPending ? "Hanging up…" : "Hang up"}
                    <Kbd>H</Kbd>
                  </button>
                  <p className="text-xs text-slate-500 dark:text-slate-400">Your disposition is asked for when the call ends.</p>
                </div>
              )}
              {needsDisposition && (
                <div className="border-t border-slate-200 pt-5 dark:border-slate-800">
                  <DispositionForm key={call.channel_id} agentId={agent.id} call={call} />
                </div>
              )}
            </>
          ) : (
            <>
              <p className="text-sm text-slate-600 dark:text-slate-300">{connecting
                  ? "Answer your phone to start."
                  : agent.state === "available" && campaign?.dial_mode === "preview"
                    ? "Waiting for the next lead… It is shown here before anything is dialed."
                    : WAITING_TEXT[agent.state]}</p>
              {call?.lead.disposition && (
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  Last call: <span className="font-mono">{call.phone_number}</span> · {call.lead.disposition}
                </p>
              )}
            </>
          )}
        </div>
      </section>
    </div>
  );
}

function WrapupCountdown({ since, wrapupSec }: { since: string; wrapupSec: number }) {
  const now = useNow();
  const left = Math.max(0, wrapupSec - secondsSince(since, now));
  return <p className="text-sm text-amber-800 dark:text-amber-300">{left > 0 ? `Ready again in ${left} s.` : "Getting ready…"}</p>;
}
