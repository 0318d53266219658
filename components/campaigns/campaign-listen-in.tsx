"use client";

import { useAgents } from "@/hooks/use-agents";
import { useLiveMonitors, useSupervisorPhone } from "@/hooks/use-monitors";
import { useRealtimeState } from "@/hooks/use-realtime";
import type { Campaign } from "@/lib/api-types";
import { usesAgents } from "@/lib/campaign-rules";
import { Elapsed } from "@/components/agents/agent-state-badge";
import { MonitorButtons, MonitorPanel } from "@/components/agents/monitor-controls";

/**
 * Listening in from the campaign's own page: its agents on a call, each with Listen, Whisper and
 * Barge, and the sessions on its calls. The same requests as the Agents page makes.
 */
export function CampaignListenIn({ campaign }: { campaign: Campaign }) {
  const live = useRealtimeState() === "live";
  const agents = useAgents({ campaignId: campaign.id, live });
  const monitors = useLiveMonitors({ live });
  const [phone, setPhone] = useSupervisorPhone();
  if (!usesAgents(campaign.dial_mode)) return null;
  const onCall = (agents.data ?? []).filter((a) => a.state === "on_call");
  const ids = new Set((agents.data ?? []).map((a) => a.id));
  const sessions = monitors.data?.filter((s) => s.agent_id !== null && ids.has(s.agent_id));

  return (
    <MonitorPanel phone={phone} onPhoneChange={setPhone} sessions={sessions}>
      {onCall.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400" data-testid="listen-in-empty">
          {agents.isPending ? "Loading the agents…" : "No agent of this campaign is on a call right now."}
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800" aria-label="Agents on a call">
          {onCall.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2">
              <span className="text-sm">
                <span className="font-medium">{a.name}</span>{" "}
                <span className="text-xs text-slate-500 dark:text-slate-400">
                  on a call for <Elapsed since={a.state_since} />
                </span>
              </span>
              <MonitorButtons agent={a} phone={phone} sessions={monitors.data} />
            </li>
          ))}
        </ul>
      )}
    </MonitorPanel>
  );
}
