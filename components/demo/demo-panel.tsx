"use client";

import Link from "next/link";
import { useState } from "react";
import { useCampaign } from "@/hooks/use-campaigns";
import { useDemo, useRemoveDemo } from "@/hooks/use-demo";
import { useRealtimeEvent } from "@/hooks/use-realtime";
import type { DemoStatus } from "@/lib/api-types";
import { errorMessage } from "@/lib/form-errors";
import { CampaignLivePanel } from "@/components/campaigns/campaign-live-panel";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DemoBadge } from "@/components/ui/demo-badge";
import { useToast } from "@/components/ui/toaster";

/**
 * The first page while the first-start demo exists: what it is, its campaign's live figures
 * (pacing, agents, calls) as they move, and "Remove demo", which takes every demo row away.
 */
export function DemoPanel() {
  const demo = useDemo();
  const status = demo.data;
  const refetch = demo.refetch;
  useRealtimeEvent("campaign.update", () => void refetch());
  // Who is logged in moves with agent.update; the status fetched on load says who was.
  const [liveStates, setLiveStates] = useState<Record<number, string>>({});
  useRealtimeEvent("agent.update", (e) => {
    if (status?.agents.some((a) => a.id === e.agentId)) setLiveStates((s) => (s[e.agentId] === e.status ? s : { ...s, [e.agentId]: e.status }));
  });
  const campaignId = status?.campaign?.id;
  const campaign = useCampaign(campaignId ?? 0, campaignId !== undefined);
  const remove = useRemoveDemo();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);

  if (!status?.installed) return null;
  const loggedIn = (a: DemoStatus["agents"][number]) => (a.id in liveStates ? liveStates[a.id] !== "Logged Out" : a.state !== "logged_out");
  const working = status.agents.filter(loggedIn).length;

  return (
    <section aria-label="Demo" className="space-y-4 rounded-lg border border-orange-200 bg-orange-50/60 p-4 dark:border-orange-900 dark:bg-orange-950/30">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 max-w-3xl">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="font-semibold">This is a demo</h2>
            <DemoBadge />
          </div>
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
            {status.campaign ? (
              <>
                <Link href={`/campaigns/${status.campaign.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                  {status.campaign.name}
                </Link>{" "}
                dials fictional 555-01xx numbers through the built-in PBX simulator, and{" "}
              </>
            ) : null}
            {status.agents.length} simulated agents ({working} logged in{status.crew === "unavailable" ? "; they need the built-in simulator" : ""}) answer,
            talk and set dispositions. Nobody real is called. Remove it when you are ready to set up your own campaigns.
          </p>
        </div>
        <button type="button" className="btn-danger" onClick={() => setConfirming(true)}>
          Remove demo
        </button>
      </div>

      {campaign.data && (campaign.data.status === "running" || campaign.data.status === "paused") && <CampaignLivePanel key={`demo-live-${campaign.data.id}`} campaign={campaign.data} />}

      <ConfirmDialog
        open={confirming}
        title="Remove the demo?"
        confirmLabel="Remove demo"
        pendingLabel="Removing…"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onCancel={() => {
          remove.reset();
          setConfirming(false);
        }}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: (removed) => {
              setConfirming(false);
              toast("success", `Demo removed: ${removed.campaigns} campaign, ${removed.leads} numbers, ${removed.agents} simulated agents and ${removed.call_records} call records.`);
            },
          })
        }
      >
        Its campaign stops and is deleted with its list of {status.campaign ? "300 " : ""}fictional numbers, its simulated agents are logged out and deleted with their users,
        and the calls they made leave the call records and reports. Your own data is not touched. This is recorded in the audit log.
      </ConfirmDialog>
    </section>
  );
}
