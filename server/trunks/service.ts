import type { z } from "zod";
import { getDb, inTransaction, type DbOrTx } from "@/db/client";
import type { Trunk } from "@/db/schema";
import type { Caller } from "../api/caller";
import { ApiError, orNotFound, type FieldErrors } from "../api/errors";
import { pagination } from "../api/envelope";
import { recordAudit } from "../audit/queries";
import { findCampaign } from "../campaigns/queries";
import { findPbxServer } from "../pbx/queries";
import {
  campaignCounts,
  campaignTrunkRows,
  campaignsUsingTrunk,
  deleteTrunkRow,
  findTrunk,
  findTrunksByIds,
  insertTrunk,
  listTrunkRows,
  replaceCampaignTrunks,
  toTrunkDto,
  trunkFigures,
  trunkNameTaken,
  updateTrunkRow,
  type CampaignTrunkRow,
} from "./queries";
import { rotationProblem, trunkValueProblem, type campaignTrunksBody, type createTrunkBody, type listTrunksQuery, type updateTrunkBody } from "./validation";

/** The audit trail records settings, not live figures. */
const settingsOf = (t: Trunk) => {
  const { live_channels: _l, cps: _c, campaigns: _n, ...rest } = toTrunkDto(t);
  return rest;
};

async function dtoOf(db: DbOrTx, t: Trunk) {
  const [figures, counts] = await Promise.all([trunkFigures(db, [t.id]), campaignCounts(db, [t.id])]);
  return toTrunkDto(t, figures.get(t.id), counts.get(t.id) ?? 0);
}

async function checkPbx(db: DbOrTx, id: number | null | undefined) {
  if (!id) return;
  if (!(await findPbxServer(db, id))) throw ApiError.badRequest("Validation failed: pbx_server_id: no such PBX server", { pbx_server_id: [`no PBX server with id ${id}`] });
}

async function checkName(db: DbOrTx, name: string, exceptId?: number) {
  if (await trunkNameTaken(db, name, exceptId)) throw ApiError.conflict(`A trunk named '${name}' already exists`);
}

export async function listTrunks(query: z.output<typeof listTrunksQuery>) {
  const db = await getDb();
  const { rows, total } = await listTrunkRows(db, { search: query.search || undefined, enabled: query.enabled, page: query.page, perPage: query.per_page });
  const ids = rows.map((r) => r.id);
  const [figures, counts] = await Promise.all([trunkFigures(db, ids), campaignCounts(db, ids)]);
  return { data: rows.map((r) => toTrunkDto(r, figures.get(r.id), counts.get(r.id) ?? 0)), pagination: pagination(total, query.page, query.per_page) };
}

export async function getTrunk(id: number) {
  const db = await getDb();
  const row = orNotFound(await findTrunk(db, id), "Trunk");
  return dtoOf(db, row);
}

/** The columns a create or an update sets from the input; an update leaves what it omits alone. */
function columnsOf<I extends z.output<typeof updateTrunkBody>>(input: I) {
  const columns: Pick<I, "name" | "type" | "value"> & Partial<Trunk> = {
    name: input.name,
    type: input.type,
    value: input.value,
    maxChannels: input.max_channels,
    maxCps: input.max_cps,
    removePrefix: input.remove_prefix,
    addPrefix: input.add_prefix,
    weight: input.weight,
    enabled: input.enabled,
    pbxServerId: input.pbx_server_id,
    description: input.description,
    minAsrPct: input.min_asr_pct,
    maxConsecutiveFailures: input.max_consecutive_failures,
    minSamples: input.min_samples,
    probeNumber: input.probe_number,
    probeIntervalSec: input.probe_interval_sec,
  };
  return columns;
}

export async function createTrunk(caller: Caller, input: z.output<typeof createTrunkBody>) {
  return inTransaction(async (tx) => {
    await checkPbx(tx, input.pbx_server_id);
    await checkName(tx, input.name);
    const row = await insertTrunk(tx, { ...columnsOf(input), pbxServerId: input.pbx_server_id ?? null, description: input.description ?? null });
    if (!row) throw ApiError.conflict(`A trunk named '${input.name}' already exists`);
    await recordAudit(tx, caller, { action: "trunk.create", entityType: "trunk", entityId: row.id, details: settingsOf(row) });
    return dtoOf(tx, row);
  });
}

/** Caps, weight and enabled may change while campaigns dial: the dialer reads them on its next tick. */
export async function updateTrunk(caller: Caller, id: number, input: z.output<typeof updateTrunkBody>) {
  return inTransaction(async (tx) => {
    const before = orNotFound(await findTrunk(tx, id, { forUpdate: true }), "Trunk");
    const type = input.type ?? before.type;
    const value = input.value ?? before.value;
    const problem = trunkValueProblem(type, value);
    if (problem) throw ApiError.badRequest(`Validation failed: value: ${problem}`, { value: [problem] });
    const rotation = rotationProblem({
      min_asr_pct: input.min_asr_pct === undefined ? before.minAsrPct : input.min_asr_pct,
      max_consecutive_failures: input.max_consecutive_failures === undefined ? before.maxConsecutiveFailures : input.max_consecutive_failures,
      probe_number: input.probe_number === undefined ? before.probeNumber : input.probe_number,
    });
    if (rotation) throw ApiError.badRequest(`Validation failed: probe_number: ${rotation}`, { probe_number: [rotation] });
    if (input.pbx_server_id) await checkPbx(tx, input.pbx_server_id);
    if (input.name && input.name !== before.name) await checkName(tx, input.name, id);
    const after = (await updateTrunkRow(tx, id, columnsOf(input)))!;
    const b = settingsOf(before);
    const a = settingsOf(after);
    const changed = (Object.keys(a) as (keyof typeof a)[]).filter((k) => k !== "updated_at" && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    await recordAudit(tx, caller, { action: "trunk.update", entityType: "trunk", entityId: id, details: { changed, before: b, after: a } });
    return dtoOf(tx, after);
  });
}

/** A trunk a running or paused campaign dials through cannot go (its calls may be up); disable it instead. */
export async function deleteTrunk(caller: Caller, id: number) {
  await inTransaction(async (tx) => {
    const row = orNotFound(await findTrunk(tx, id, { forUpdate: true }), "Trunk");
    const users = await campaignsUsingTrunk(tx, id);
    const active = users.filter((c) => c.status === "running" || c.status === "paused");
    if (active.length) {
      throw ApiError.conflict(
        `Trunk '${row.name}' is in use by ${active.length === 1 ? "a" : active.length} ${active.map((c) => c.status).includes("running") ? "running" : "paused"} campaign${active.length === 1 ? "" : "s"} (${active.map((c) => c.name).join(", ")}). Stop ${active.length === 1 ? "it" : "them"} or disable the trunk instead.`,
      );
    }
    await deleteTrunkRow(tx, id);
    await recordAudit(tx, caller, { action: "trunk.delete", entityType: "trunk", entityId: id, details: { ...settingsOf(row), campaigns: users.map((c) => c.id) } });
  });
}

function toCampaignTrunkDto(r: CampaignTrunkRow) {
  return { trunk_id: r.trunkId, name: r.name, type: r.type, value: r.value, enabled: r.enabled, weight: r.weight, effective_weight: r.weight ?? r.trunkWeight, priority: r.priority };
}

export async function getCampaignTrunks(campaignId: number) {
  const db = await getDb();
  if (!(await findCampaign(db, campaignId))) throw ApiError.notFound("Campaign");
  return { campaign_id: campaignId, trunks: (await campaignTrunkRows(db, campaignId)).map(toCampaignTrunkDto) };
}

/**
 * Replaces a campaign's trunks (all or nothing). Allowed while the campaign runs: routing is
 * read on every tick, so a failing carrier can be swapped out without stopping. Calls already up
 * stay on their trunk.
 */
export async function setCampaignTrunks(caller: Caller, campaignId: number, input: z.output<typeof campaignTrunksBody>) {
  const errors: FieldErrors = {};
  const first = new Map<number, number>();
  input.trunks.forEach((t, i) => {
    const seen = first.get(t.trunk_id);
    if (seen !== undefined) errors[`trunks.${i}.trunk_id`] = [`duplicates trunks.${seen}`];
    else first.set(t.trunk_id, i);
  });
  if (Object.keys(errors).length) throw ApiError.badRequest("Validation failed: a trunk is listed twice", errors);
  return inTransaction(async (tx) => {
    orNotFound(await findCampaign(tx, campaignId, { forUpdate: true }), "Campaign");
    const found = new Set((await findTrunksByIds(tx, input.trunks.map((t) => t.trunk_id))).map((t) => t.id));
    input.trunks.forEach((t, i) => {
      if (!found.has(t.trunk_id)) errors[`trunks.${i}.trunk_id`] = [`no trunk with id ${t.trunk_id}`];
    });
    if (Object.keys(errors).length) throw ApiError.badRequest("Validation failed: no such trunk", errors);
    const before = (await campaignTrunkRows(tx, campaignId)).map(toCampaignTrunkDto);
    await replaceCampaignTrunks(tx, campaignId, input.trunks.map((t) => ({ trunkId: t.trunk_id, weight: t.weight, priority: t.priority })));
    const after = (await campaignTrunkRows(tx, campaignId)).map(toCampaignTrunkDto);
    await recordAudit(tx, caller, {
      action: "campaign.trunks",
      entityType: "campaign",
      entityId: campaignId,
      details: { before: before.map(({ trunk_id, weight, priority }) => ({ trunk_id, weight, priority })), after: after.map(({ trunk_id, weight, priority }) => ({ trunk_id, weight, priority })) },
    });
    return { campaign_id: campaignId, trunks: after };
  });
}

/** Per-trunk live channels and starts per second, for monitoring (every process's calls). */
export async function trunkMonitor() {
  const db = await getDb();
  const { rows } = await listTrunkRows(db, { page: 1, perPage: 1000 });
  const figures = await trunkFigures(db, rows.map((r) => r.id));
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    enabled: t.enabled,
    live_channels: figures.get(t.id)!.liveChannels,
    max_channels: t.maxChannels,
    cps: figures.get(t.id)!.cps,
    max_cps: t.maxCps,
  }));
}
