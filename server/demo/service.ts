import type { z } from "zod";
import { getDb, inTransaction, type DbOrTx } from "@/db/client";
import { logoutAgent } from "../agents/service";
import type { Caller } from "../api/caller";
import { ApiError } from "../api/errors";
import { recordAudit, type AuditActor } from "../audit/queries";
import { commandCampaign } from "../campaigns/service";
import { env } from "../env";
import { logger } from "../logger";
import { publish, runtime } from "../runtime/registry";
import { deleteDemoRows, demoStillLive, findDemoRows, type RemovedCounts } from "./queries";
import { insertDemo } from "./seed";
import type { demoStatusOut } from "./validation";

/** How long a removal waits for the demo's calls to end and its agents' phones to be put down. */
const SETTLE_TIMEOUT_MS = 30_000;

export async function demoStatus(db?: DbOrTx): Promise<z.output<typeof demoStatusOut>> {
  const rows = await findDemoRows(db ?? (await getDb()));
  const crew = runtime().demo;
  const campaign = rows.campaigns[0];
  return {
    installed: rows.campaigns.length + rows.agents.length > 0,
    campaign: campaign ? { id: campaign.id, name: campaign.name, status: campaign.status, dial_mode: campaign.dialMode } : null,
    agents: rows.agents.map((a) => ({ id: a.id, name: a.name, state: a.state })),
    crew: !crew?.canRun() ? "unavailable" : crew.running() ? "working" : "idle",
  };
}

/**
 * Creates the demo (audited as `actor`) and wakes the crew of simulated agents if this process
 * has one. The first start and `POST /demo` both come through here.
 */
export async function installDemo(actor: AuditActor, opts: { agents: number }) {
  const { campaign, agentIds } = await inTransaction(async (tx) => {
    if ((await findDemoRows(tx)).campaigns.length) throw ApiError.conflict("The demo is already installed");
    const made = await insertDemo(tx, actor, opts);
    await recordAudit(tx, actor, { action: "demo.install", entityType: "demo", entityId: null, details: { campaign_id: made.campaign.id, agent_ids: made.agentIds } });
    return made;
  });
  logger.info({ campaign: campaign.id, agents: agentIds.length }, "demo created: a running predictive campaign and simulated agents");
  publish({ type: "campaign.update", campaign_id: campaign.id, status: campaign.status, change: "created", ts: new Date().toISOString() });
  await runtime().demo?.resume();
  return demoStatus();
}

/** `POST /demo`: only where simulated agents can work (the built-in simulator runs in this process). */
export async function installDemoFor(caller: Caller) {
  if (!runtime().demo?.canRun()) throw ApiError.conflict("The demo needs the built-in PBX simulator and the dialer running in this Pacer process");
  return installDemo(caller, { agents: env().DEMO_AGENTS });
}

/**
 * "Remove demo": the crew stops, the campaign is stopped (its calls hang up) and the simulated
 * agents are logged out, each through its own service and audited; once the calls have ended and
 * the phones are down, every demo row goes in one transaction (campaign, list, numbers, agents,
 * their users, and the call records and attempts the dialer wrote), audited as `demo.remove`.
 */
export async function removeDemo(caller: Caller): Promise<RemovedCounts> {
  const db = await getDb();
  const found = await findDemoRows(db);
  if (found.campaigns.length + found.agents.length === 0) throw ApiError.notFound("Demo data");
  await runtime().demo?.halt();
  for (const c of found.campaigns) {
    if (c.status !== "stopped") await commandCampaign(caller, c.id, "stop").catch(ignoreConflict);
  }
  for (const a of found.agents) {
    if (a.state !== "logged_out" || a.owner || a.requestedState) await logoutAgent(caller, a.id);
  }
  const started = Date.now();
  for (;;) {
    const live = await demoStillLive(db, found);
    if (live.calls === 0 && live.agents === 0) break;
    if (Date.now() - started > SETTLE_TIMEOUT_MS) {
      logger.warn(live, "demo removal: calls or agent phones still up after the wait; removing the rows anyway");
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const removed = await inTransaction(async (tx) => {
    const rows = await findDemoRows(tx);
    const counts = await deleteDemoRows(tx, rows);
    await recordAudit(tx, caller, { action: "demo.remove", entityType: "demo", entityId: null, details: { ...counts, campaign_ids: rows.campaigns.map((c) => c.id), agent_ids: rows.agents.map((a) => a.id) } });
    return { counts, campaignIds: rows.campaigns.map((c) => c.id) };
  });
  for (const id of removed.campaignIds) publish({ type: "campaign.update", campaign_id: id, status: null, change: "deleted", ts: new Date().toISOString() });
  logger.info(removed.counts, "demo removed");
  return removed.counts;
}

/** A campaign someone else stopped meanwhile is stopped all the same. */
function ignoreConflict(err: unknown) {
  if (err instanceof ApiError && err.code === 409) return;
  throw err;
}
