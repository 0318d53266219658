"use client";

import { useId } from "react";
import { useStartMonitor, useStopMonitor, useSwitchMonitorMode } from "@/hooks/use-monitors";
import type { Agent, MonitorMode, MonitorSession } from "@/lib/api-types";
import { errorMessage } from "@/lib/form-errors";
import { TextField } from "@/components/ui/form-field";
import { Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/status-badge";
import { useToast } from "@/components/ui/toaster";

/**
 * Listening in on agents' calls: the supervisor's phone (Pacer calls it, then connects it to the
 * call), the Listen / Whisper / Barge buttons of an agent on a call, and the live sessions with
 * their mode switch and Stop. Each is a request the dialer holding the agent applies in a moment;
 * `monitor.update` brings the result.
 */
export const MODES: { mode: MonitorMode; label: string; help: string }[] = [
  { mode: "listen", label: "Listen", help: "You hear the agent and the customer; nobody hears you" },
  { mode: "whisper", label: "Whisper", help: "The agent hears you; the customer does not" },
  { mode: "barge", label: "Barge", help: "Both hear you: a three-way call" },
];

const STATE_TEXT: Record<MonitorSession["state"], string> = { requested: "Calling your phone…", calling: "Calling your phone…", active: "Connected", ended: "Ended" };

/** The Listen / Whisper / Barge buttons of an agent's row, while it is on a call. */
export function MonitorButtons({ agent, phone, sessions }: { agent: Agent; phone: string; sessions: MonitorSession[] | undefined }) {
  const start = useStartMonitor();
  const toast = useToast();
  if (agent.state !== "on_call") return null;
  const current = sessions?.find((s) => s.agent_id === agent.id);
  const blocked = current ? `${current.username} is listening in` : !phone.trim() ? "Enter your phone first" : undefined;
  return (
    <div role="group" aria-label={`Listen in on ${agent.name}`} className="flex items-center gap-1">
      {MODES.map((m) => (
        <button
          key={m.mode}
          type="button"
          className="btn-secondary px-2 py-1 text-xs"
          aria-label={`${m.label}: ${agent.name}`}
          title={blocked ?? m.help}
          disabled={start.isPending || Boolean(blocked)}
          onClick={() =>
            start.mutate(
              { agentId: agent.id, mode: m.mode, phone: phone.trim() },
              {
                onSuccess: () => toast("success", `Calling ${phone.trim()}: answer to ${m.label.toLowerCase()} on ${agent.name}'s call.`),
                onError: (err) => toast("error", `${agent.name}: ${errorMessage(err)}`),
              },
            )
          }
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}

/** The supervisor's phone and the sessions live now, each with its mode switch and Stop. */
export function MonitorPanel({
  phone,
  onPhoneChange,
  sessions,
  children,
}: {
  phone: string;
  onPhoneChange: (phone: string) => void;
  sessions: MonitorSession[] | undefined;
  /** What to listen in on, when the page lists it here (the campaign's agents on a call). */
  children?: React.ReactNode;
}) {
  const phoneId = useId();
  return (
    <Panel title="Listen in" description="Pacer calls your phone and connects it to the agent's call when you answer. Hang up, or press Stop, to leave.">
      <div className="space-y-4 p-4">
        <TextField
          id={phoneId}
          label="Your phone"
          hint="An extension (2001) or a full dial string (PJSIP/2001)."
          className="max-w-xs"
          value={phone}
          autoComplete="off"
          onChange={(e) => onPhoneChange(e.target.value)}
        />
        {children}
        {sessions && sessions.length > 0 ? (
          <ul className="space-y-3" aria-label="Live sessions">
            {sessions.map((s) => (
              <MonitorSessionRow key={s.id} session={s} />
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">Nobody is listening in. Agents on a call show Listen, Whisper and Barge.</p>
        )}
      </div>
    </Panel>
  );
}

function MonitorSessionRow({ session }: { session: MonitorSession }) {
  const switchMode = useSwitchMonitorMode();
  const stop = useStopMonitor();
  const toast = useToast();
  const groupId = useId();
  const shown = session.requested_mode ?? session.mode;
  return (
    <li className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 p-3 dark:border-slate-800" data-testid="monitor-session" aria-label={`${session.username} on ${session.agent_name}'s call`}>
      <div className="min-w-48">
        <p className="text-sm font-medium">
          {session.username} → {session.agent_name}
        </p>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          <span className="font-mono">{session.phone}</span> · <Badge tone={session.state === "active" ? "green" : "amber"} pulse={session.state !== "active"}>{session.stop_requested ? "Stopping…" : STATE_TEXT[session.state]}</Badge>
        </p>
      </div>
      <div role="radiogroup" aria-labelledby={groupId} className="flex items-center gap-1">
        <span id={groupId} className="sr-only">
          Mode
        </span>
        {MODES.map((m) => (
          <button
            key={m.mode}
            type="button"
            role="radio"
            aria-checked={shown === m.mode}
            title={m.help}
            className={shown === m.mode ? "btn-primary px-2.5 py-1 text-xs" : "btn-secondary px-2.5 py-1 text-xs"}
            disabled={switchMode.isPending || session.stop_requested}
            onClick={() => shown !== m.mode && switchMode.mutate({ id: session.id, mode: m.mode }, { onError: (err) => toast("error", errorMessage(err)) })}
          >
            {m.label}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="btn-danger px-2.5 py-1 text-xs"
        disabled={stop.isPending || session.stop_requested}
        onClick={() => stop.mutate(session.id, { onSuccess: () => toast("success", "Stopped: your phone is hung up; the call goes on."), onError: (err) => toast("error", errorMessage(err)) })}
      >
        Stop
      </button>
    </li>
  );
}
