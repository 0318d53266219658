import type { Db } from "@/db/client";
import type { CallAttempt, Campaign } from "@/db/schema";
import type { DialablePbx, PbxManager } from "../pbx/manager";
import type { AgentPool } from "./agent-pool";
import type { AttemptWriter } from "./attempt-writer";
import type { CallMonitors } from "./call-monitors";
import type { CampaignKpis } from "./kpis";
import type { AgentLine, LiveCall } from "./live-call";
import type { OutcomeStats, PacingDecision } from "./pacing";
import type { Candidate } from "./claim-queries";
import type { abandonWindows } from "./queries";
import type { TrunkHealthWatch } from "./trunk-health";
import type { TrunkRoute } from "./trunk-picker";

/**
 * What one dialer process knows while it runs, shared by the modules that do its work (the tick
 * loop, lead claiming, originating, call events, agent bridging, IVR, previews, failover,
 * reconciliation). Each module takes this and does its one part; none of them keeps its own copy.
 */

// Its own module so that the queue routing below the agent pool reads it too.
export { CONNECT_GRACE_SEC } from "./connect-grace";
/** The law's floor for ringing an unanswered call. */
export const MIN_DIAL_TIMEOUT_SEC = 15;
/** How long a claimed lead stays this process's without a heartbeat. */
export const LEASE_SEC = 90;
/** A dialer whose heartbeat is older than this is gone. */
export const NODE_STALE_SEC = 20;
/** A person sent to an agent queue from an IVR may wait this long (they chose to). */
export const QUEUE_WAIT_SEC = 60;
/** Where the dialplan sends a call that goes to an extension. */
export const DIALPLAN_CONTEXT = "from-internal";

export type CampaignRuntime = {
  row: Campaign;
  stats: OutcomeStats;
  calls: Set<LiveCall>;
  /** People answered, waiting for an agent, oldest first. */
  waiting: LiveCall[];
  abandonment: Awaited<ReturnType<typeof abandonWindows>> | null;
  abandonmentAt: number;
  /** The abandonment budget was spent at the last look (the webhook event fires when it becomes so). */
  abandonCapReached: boolean;
  lastDoneCheck: number;
  decision: PacingDecision | null;
  kpis: CampaignKpis;
  served: { total: number; withinGrace: number };
  /** The campaign's usable trunks as last seen (empty: it dials through its own trunk_type/trunk_value). */
  routes: TrunkRoute[];
  /** Smooth weighted round-robin state, per trunk, carried from tick to tick. */
  wrr: Map<number, number>;
  /** Calls off the PBX waiting for another trunk or a new start slot. */
  rerouting: LiveCall[];
};

/** A lead claimed for an agent to look at before it is dialed (preview mode). */
export type PreviewHold = {
  agent: AgentLine;
  attempt: CallAttempt;
  lead: Candidate;
  campaignId: number;
  pbx: DialablePbx;
  timer: NodeJS.Timeout | null;
};

export type DialerContext = {
  readonly db: Db;
  readonly pbx: PbxManager;
  readonly nodeId: string;
  readonly writer: AttemptWriter;
  readonly agents: AgentPool;
  /** Supervisors listening in on this process's agents' calls. */
  readonly monitors: CallMonitors;
  readonly campaigns: Map<number, CampaignRuntime>;
  /** Calls on a PBX, by channel id. */
  readonly calls: Map<string, LiveCall>;
  /** Preview leads in front of agents, by agent id. */
  readonly previews: Map<number, PreviewHold>;
  /** Tick durations (ms) and originate counters, for bench/dialer and the runtime view. */
  readonly metrics: { ticks: number[]; originated: number; originateErrors: number; startedAt: number };
  readonly globalKpis: CampaignKpis;
  /** Each leg's result on its trunk, the rotation rules and the probes. */
  readonly trunkHealth: TrunkHealthWatch;
};
