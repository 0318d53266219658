import type { z } from "zod";
import { getDb, inTransaction, type DbOrTx } from "@/db/client";
import type { Campaign, CampaignStatus } from "@/db/schema";
import type { Caller } from "../api/caller";
import { ApiError, orNotFound } from "../api/errors";
import { recordAudit } from "../audit/queries";
import { findIvrMenu } from "../ivr/queries";
import { findSurvey } from "../surveys/queries";
import { findQueue } from "../queues/queries";
import { resetLeadsOnStop } from "../leads/queries";
import { publish, runtime } from "../runtime/registry";
import { emitCampaignStatusChanged } from "../webhooks/outbox";
import {
  deleteCampaignRow,
  findCampaign,
  insertCampaign,
  listCampaignRows,
  statsFor,
  toCampaignDto,
  transitionCampaign,
  updateCampaignRow,
} from "./queries";
import type { createCampaignBody, updateCampaignBody } from "./validation";

type CreateInput = z.output<typeof createCampaignBody>;
type UpdateInput = z.output<typeof updateCampaignBody>;

/** The dialer's own campaign settings, API names → columns (undefined leaves a column alone). */
function dialerSettings(input: Partial<CreateInput> | UpdateInput) {
  return {
    dialMode: input.dial_mode,
    dialTimeout: input.dial_timeout,
    amdEnabled: input.amd_enabled,
    machineAction: input.machine_action,
    machineMessage: input.machine_message === undefined ? undefined : input.machine_message || null,
    abandonCap: input.abandon_cap,
    abandonRule: input.abandon_rule,
    amdFalsePositiveRate: input.amd_false_positive_rate,
    abandonMessage: input.abandon_message,
    wrapupSec: input.wrapup_sec,
    agentDropAction: input.agent_drop_action,
    previewTimeoutSec: input.preview_timeout_sec,
    previewTimeoutAction: input.preview_timeout_action,
    timezone: input.timezone,
    callingHoursStart: input.calling_hours_start,
    callingHoursEnd: input.calling_hours_end,
    schedule: input.schedule === undefined ? undefined : (input.schedule ?? null),
    retryRules: input.retry_rules === undefined ? undefined : (input.retry_rules ?? null),
    frequency: input.frequency,
    callMaxDuration: input.call_max_duration,
    queueId: input.queue_id,
  };
}

function announce(campaignId: number, status: CampaignStatus | null, change: "created" | "updated" | "deleted" | "status") {
  publish({ type: "campaign.update", campaign_id: campaignId, status, change, ts: new Date().toISOString() });
}

async function withStats(db: DbOrTx, c: Campaign) {
  const stats = await statsFor(db, [c.id]);
  return toCampaignDto(c, stats.get(c.id)!);
}

export async function listCampaigns(status?: CampaignStatus) {
  const db = await getDb();
  const rows = await listCampaignRows(db, status);
  const stats = await statsFor(db, rows.map((r) => r.id));
  return rows.map((r) => toCampaignDto(r, stats.get(r.id)!));
}

export async function getCampaign(id: number) {
  const db = await getDb();
  const row = orNotFound(await findCampaign(db, id), "Campaign");
  return withStats(db, row);
}

export async function getCampaignStats(id: number) {
  const db = await getDb();
  if (!(await findCampaign(db, id))) throw ApiError.notFound("Campaign");
  return (await statsFor(db, [id])).get(id)!;
}

/** An `ivr` or `survey` destination must name an IVR menu or a survey that exists (by id). */
async function checkDestination(db: DbOrTx, type: string, value: string) {
  if (type !== "ivr" && type !== "survey") return;
  const id = Number(value);
  const what = type === "ivr" ? "IVR menu" : "survey";
  const found = Number.isInteger(id) && id > 0 && (type === "ivr" ? await findIvrMenu(db, id) : await findSurvey(db, id));
  if (!found) {
    throw ApiError.badRequest(`Validation failed: agent_dest_value: no ${what} with that id`, {
      agent_dest_value: [`no ${what} with id '${value}'`],
    });
  }
}

/** A queue_id must name a queue that exists. */
async function checkQueue(db: DbOrTx, queueId: number | null | undefined) {
  if (queueId && !(await findQueue(db, queueId))) throw ApiError.badRequest("Validation failed: queue_id: no such queue", { queue_id: [`no queue with id ${queueId}`] });
}

/**
 * The columns a create or an update sets from the input; an update leaves what it omits alone. An
 * empty caller ID is stored as none.
 */
function columnsOf<I extends UpdateInput>(input: I) {
  const columns: Pick<I, "name"> & { trunkType: I["trunk_type"]; trunkValue: I["trunk_value"]; agentDestType: I["agent_dest_type"]; agentDestValue: I["agent_dest_value"] } & Partial<Campaign> = {
    name: input.name,
    description: input.description,
    trunkType: input.trunk_type,
    trunkValue: input.trunk_value,
    callerid: input.callerid === undefined ? undefined : input.callerid || null,
    agentDestType: input.agent_dest_type,
    agentDestValue: input.agent_dest_value,
    recordCalls: input.record_calls,
    concurrentCalls: input.concurrent_calls,
    retryTimes: input.retry_times,
    retryDelay: input.retry_delay,
    ...dialerSettings(input),
  };
  return columns;
}

export async function createCampaign(caller: Caller, input: CreateInput) {
  const dto = await inTransaction(async (tx) => {
    await checkDestination(tx, input.agent_dest_type, input.agent_dest_value);
    await checkQueue(tx, input.queue_id);
    const row = await insertCampaign(tx, { ...columnsOf(input), description: input.description ?? null, createdBy: caller.user.id });
    const dto = await withStats(tx, row);
    const { stats: _stats, ...details } = dto;
    await recordAudit(tx, caller, { action: "campaign.create", entityType: "campaign", entityId: row.id, details });
    return dto;
  });
  announce(dto.id, dto.status, "created");
  return dto;
}

export async function updateCampaign(caller: Caller, id: number, input: UpdateInput) {
  const dto = await inTransaction(async (tx) => {
    const before = orNotFound(await findCampaign(tx, id, { forUpdate: true }), "Campaign");
    if (before.status === "running") throw ApiError.conflict("Cannot update a running campaign. Stop or pause it first.");
    const destType = input.agent_dest_type ?? before.agentDestType;
    const destValue = input.agent_dest_value ?? before.agentDestValue;
    if (input.agent_dest_type !== undefined || input.agent_dest_value !== undefined) await checkDestination(tx, destType, destValue);
    await checkQueue(tx, input.queue_id);
    const trunkType = input.trunk_type ?? before.trunkType;
    const trunkValue = input.trunk_value ?? before.trunkValue;
    if (trunkType === "custom" && !/\$\{EXTEN\}|\{number\}/.test(trunkValue)) {
      throw ApiError.badRequest("Validation failed: trunk_value: a custom trunk needs ${EXTEN} or {number}", {
        trunk_value: ["a custom trunk must contain ${EXTEN} or {number} where the number goes"],
      });
    }
    const after = await updateCampaignRow(tx, id, columnsOf(input));
    const dto = await withStats(tx, after!);
    const { stats: _s1, ...beforeDto } = toCampaignDto(before, dto.stats);
    const { stats: _s2, ...afterDto } = dto;
    const changed = Object.keys(afterDto).filter(
      (k) => k !== "updated_at" && JSON.stringify(afterDto[k as keyof typeof afterDto]) !== JSON.stringify(beforeDto[k as keyof typeof beforeDto]),
    );
    await recordAudit(tx, caller, {
      action: "campaign.update",
      entityType: "campaign",
      entityId: id,
      details: { changed, before: beforeDto, after: afterDto },
    });
    return dto;
  });
  announce(id, dto.status, "updated");
  return dto;
}

export async function deleteCampaign(caller: Caller, id: number) {
  await inTransaction(async (tx) => {
    const row = orNotFound(await findCampaign(tx, id, { forUpdate: true }), "Campaign");
    if (row.status === "running" || row.status === "paused") {
      throw ApiError.conflict(`Cannot delete a ${row.status} campaign. Stop it first.`);
    }
    const { stats, ...details } = await withStats(tx, row);
    await deleteCampaignRow(tx, id);
    await recordAudit(tx, caller, {
      action: "campaign.delete",
      entityType: "campaign",
      entityId: id,
      details: { ...details, numbers: stats.total },
    });
  });
  announce(id, null, "deleted");
}

type Transition = { from: CampaignStatus[]; to: CampaignStatus; action: string; conflict: (c: Campaign) => string };

const TRANSITIONS = {
  start: {
    from: ["stopped", "paused", "completed"],
    to: "running",
    action: "campaign.start",
    conflict: () => "Campaign is already running",
  },
  stop: {
    from: ["running", "paused", "completed"],
    to: "stopped",
    action: "campaign.stop",
    conflict: () => "Campaign is already stopped",
  },
  pause: {
    from: ["running"],
    to: "paused",
    action: "campaign.pause",
    conflict: (c) => (c.status === "paused" ? "Campaign is already paused" : `Cannot pause a ${c.status} campaign: only a running campaign can be paused`),
  },
  resume: {
    from: ["paused"],
    to: "running",
    action: "campaign.resume",
    conflict: (c) => (c.status === "running" ? "Campaign is already running" : `Cannot resume a ${c.status} campaign: only a paused campaign can be resumed`),
  },
} satisfies Record<string, Transition>;

export type CampaignCommand = keyof typeof TRANSITIONS;

/**
 * start / stop / pause / resume. The status change is one conditional UPDATE, so two racing
 * commands cannot both win. Stop also resets pending and calling numbers (the contract's rule);
 * pause leaves numbers alone.
 */
export async function commandCampaign(caller: Caller, id: number, command: CampaignCommand) {
  const t: Transition = TRANSITIONS[command];
  const result = await inTransaction(async (tx) => {
    const before = orNotFound(await findCampaign(tx, id, { forUpdate: true }), "Campaign");
    const row = await transitionCampaign(tx, id, t.from, t.to);
    if (!row) throw ApiError.conflict(t.conflict(before));
    const reset = command === "stop" ? await resetLeadsOnStop(tx, id) : undefined;
    await emitCampaignStatusChanged(tx, row, before.status, row.status, "command", caller.user.id);
    await recordAudit(tx, caller, {
      action: t.action,
      entityType: "campaign",
      entityId: id,
      details: { from: before.status, to: row.status, ...(reset !== undefined ? { numbers_reset: reset } : {}) },
    });
    return { campaign_id: id, status: row.status };
  });
  announce(id, result.status, "status");
  return result;
}

/**
 * What the dialer is doing with a campaign right now (`004_*`'s runtime view): pacing, rates,
 * concurrent calls, agents. Figures come from the dialer of this process; with none dialing the
 * campaign here they are zero, and the abandonment windows still come from the records.
 */
export async function getCampaignRuntime(id: number) {
  const db = await getDb();
  const row = orNotFound(await findCampaign(db, id), "Campaign");
  const stats = (await statsFor(db, [id])).get(id)!;
  const live = runtime().dialer?.campaignRuntime(id) ?? null;
  return {
    campaign_id: id,
    status: row.status,
    dial_mode: row.dialMode,
    pacing: live?.decision ? { mode: live.decision.mode, lines: live.decision.lines, reason: live.decision.reason, answer_rate: Math.round(live.decision.answerRate * 1000) / 1000, amd: live.decision.amd } : null,
    asr5m: live?.kpis.asr5m ?? 0,
    acd: live?.kpis.acd ?? 0,
    cps: live?.kpis.cps ?? 0,
    cc: live?.calls ?? 0,
    abandon60s: live?.kpis.abandon60s ?? 0,
    human_rate: live?.kpis.humanRate ?? 0,
    waiting: live?.waiting ?? 0,
    agents: live ? { available: live.agents.available, on_call: live.agents.onCall, wrapup: live.agents.wrapup, on_break: live.agents.onBreak } : { available: 0, on_call: 0, wrapup: 0, on_break: 0 },
    abandon_rate_24h: stats.abandon_rate_24h,
    abandon_rate_30d: stats.abandon_rate_30d,
    abandon_cap: row.abandonCap,
    dialer_node: live ? (runtime().dialer?.nodeId ?? null) : null,
  };
}
