"use client";

import { useAgents } from "@/hooks/use-agents";
import { useLiveMonitors, useSupervisorPhone } from "@/hooks/use-monitors";
import { useCampaigns } from "@/hooks/use-campaigns";
import { useRealtimeState } from "@/hooks/use-realtime";
import { useTableCreateForm } from "@/hooks/use-table-create-form";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/notice";
import { CardSection, Panel } from "@/components/ui/panel";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";
import { CreateFormButton, TablePageHeader } from "@/components/ui/table-page-header";
import { AgentForm } from "./agent-form";
import { AgentsChart } from "./agents-chart";
import { AgentsTable } from "./agents-table";
import { MonitorPanel } from "./monitor-controls";

/**
 * Supervisors' view of the agents: live states (kept current by `agent.update`), creating and
 * editing agents, logging them in, on break, ready or out on their behalf, and listening in on
 * their calls (listen, whisper, barge; kept current by `monitor.update`).
 */
export function AgentsAdmin({ canPickUser }: { canPickUser: boolean }) {
  const live = useRealtimeState() === "live";
  const { data: agents, isPending, error, refetch } = useAgents({ live });
  const campaigns = useCampaigns();
  const create = useTableCreateForm();
  const monitors = useLiveMonitors({ live });
  const [phone, setPhone] = useSupervisorPhone();

  return (
    <div className="space-y-5">
      <TablePageHeader title="Agents" actions={<CreateFormButton form={create}>New agent</CreateFormButton>}>
        People who take calls. An agent is a phone Pacer calls once at log-in and keeps open; campaigns in progressive, predictive or preview mode
        put their answered calls through to agents who are available.
      </TablePageHeader>

      {create.creating && (
        <Panel title="New agent">
          <AgentForm agents={agents ?? []} canPickUser={canPickUser} onCancel={create.close} onSaved={create.close} />
        </Panel>
      )}

      {agents && agents.length > 0 && (
        <CardSection title="Agents by state">
          <AgentsChart agents={agents} />
        </CardSection>
      )}
      {isPending && <Skeleton className="h-40" />}

      <MonitorPanel phone={phone} onPhoneChange={setPhone} sessions={monitors.data} />

      <section aria-labelledby="agents-heading" className="card">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
          <div>
            <h2 id="agents-heading" className="font-semibold">
              All agents
            </h2>
            <p className="text-xs text-slate-500 dark:text-slate-400">States change live as the dialer reports them.</p>
          </div>
        </div>
        {error && !agents ? (
          <div className="p-4">
            <ErrorState title="Could not load the agents" error={error} onRetry={() => refetch()} />
          </div>
        ) : isPending ? (
          <TableSkeleton columns={7} rows={4} label="Loading agents" />
        ) : agents.length === 0 ? (
          <div className="p-4">
            <EmptyState
              compact
              title="No agents yet"
              description="Create an agent for each person who takes calls: a name, and the extension Pacer calls when they log in to a campaign."
              action={
                !create.creating && (
                  <button type="button" className="btn-primary" onClick={create.open}>
                    New agent
                  </button>
                )
              }
            />
          </div>
        ) : (
          <AgentsTable agents={agents} campaigns={campaigns.data} canPickUser={canPickUser} monitor={{ phone, sessions: monitors.data }} />
        )}
      </section>
    </div>
  );
}
