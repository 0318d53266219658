import type { z } from "zod";
import { getDb, inTransaction } from "@/db/client";
import type { Trunk, TrunkHealth } from "@/db/schema";
import { formatTime } from "../api/format";
import type { Caller } from "../api/caller";
import { ApiError, orNotFound } from "../api/errors";
import { recordAudit } from "../audit/queries";
import { findTrunk, trunkFigures, type TrunkFigures } from "../trunks/queries";
import { allTrunkRows, findHealth, healthCauses, healthFigures, healthStates, requestProbe, HEALTH_WINDOWS, type HealthCauseRow, type HealthFigureRow, type HealthWindow } from "./queries";
import type { probeOut, providerHealthOut } from "./validation";

/**
 * Provider (trunk) health: the rolling figures of each trunk and its place in the dialer's
 * rotation, and probes on demand. The rotation itself is run by the dialers (server/dialer/trunk-health.ts).
 */

type HealthDto = z.output<typeof providerHealthOut>;
type WindowDto = HealthDto["windows"]["5m"];

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : 0);

function windowOf(fig: HealthFigureRow | undefined, causes: HealthCauseRow[]): WindowDto {
  const sip: Record<string, number> = {};
  const q850: Record<string, number> = {};
  for (const c of causes) {
    if (c.sip_code !== null) sip[String(c.sip_code)] = (sip[String(c.sip_code)] ?? 0) + c.calls;
    if (c.hangup_cause !== null) q850[String(c.hangup_cause)] = (q850[String(c.hangup_cause)] ?? 0) + c.calls;
  }
  const attempts = fig?.attempts ?? 0;
  const answered = fig?.answered ?? 0;
  return {
    attempts,
    answered,
    asr: ratio(answered, attempts),
    acd_sec: answered ? Math.round(((fig?.billsec ?? 0) / answered) * 10) / 10 : 0,
    pdd_ms: fig?.pdd_ms ?? null,
    sip,
    q850,
  };
}

function toHealthDto(t: Trunk, h: TrunkHealth | undefined, figures: TrunkFigures, rows: HealthFigureRow[], causes: HealthCauseRow[]): HealthDto {
  const win = (w: HealthWindow) => windowOf(rows.find((r) => r.window === w), causes.filter((c) => c.window === w));
  const windows = { "5m": win("5m"), "1h": win("1h") };
  return {
    id: t.id,
    name: t.name,
    enabled: t.enabled,
    in_rotation: h?.inRotation ?? true,
    rotation_reason: h?.reason ?? null,
    rotation_changed_at: formatTime(h?.changedAt ?? null),
    consecutive_failures: h?.consecutiveFailures ?? 0,
    min_asr_pct: t.minAsrPct,
    max_consecutive_failures: t.maxConsecutiveFailures,
    min_samples: t.minSamples,
    probe_number: t.probeNumber,
    asr_5m: windows["5m"].asr,
    acd_5m_sec: windows["5m"].acd_sec,
    pdd_ms: windows["5m"].pdd_ms,
    sip: windows["5m"].sip,
    cps: figures.cps,
    cps_max: t.maxCps,
    live_channels: figures.liveChannels,
    max_channels: t.maxChannels,
    windows,
    last_probe: h?.lastProbeAt ? { at: formatTime(h.lastProbeAt)!, ok: h.lastProbeOk ?? false, detail: h.lastProbeDetail } : null,
    probe_pending: h?.probeRequestedAt != null,
  };
}

async function healthOf(rows: Trunk[]): Promise<HealthDto[]> {
  const db = await getDb();
  const ids = rows.map((t) => t.id);
  const [states, figures, figs, causes] = await Promise.all([healthStates(db, ids), trunkFigures(db, ids), healthFigures(db, ids), healthCauses(db, ids)]);
  return rows.map((t) =>
    toHealthDto(
      t,
      states.get(t.id),
      figures.get(t.id)!,
      figs.filter((f) => f.trunk_id === t.id),
      causes.filter((c) => c.trunk_id === t.id),
    ),
  );
}

/** Every trunk's health, by name. */
export async function providersHealth(): Promise<HealthDto[]> {
  return healthOf(await allTrunkRows(await getDb()));
}

export async function providerHealth(id: number): Promise<HealthDto> {
  const t = orNotFound(await findTrunk(await getDb(), id), "Trunk");
  return (await healthOf([t]))[0];
}

/** How long a probe asked for through the API is waited for before the reply says it is pending. */
const PROBE_WAIT_MS = 20_000;

/**
 * Asks the dialers for a probe call through the trunk now (audited) and waits for its result: a
 * trunk out of rotation whose probe gets through comes back at once.
 */
export async function probeProvider(caller: Caller, id: number): Promise<{ status: number; data: z.output<typeof probeOut> }> {
  const requested = await inTransaction(async (tx) => {
    const t = orNotFound(await findTrunk(tx, id, { forUpdate: true }), "Trunk");
    if (!t.probeNumber) throw ApiError.conflict(`Trunk '${t.name}' has no probe number: set probe_number (a test line to dial through it) first`);
    if (!t.enabled) throw ApiError.conflict(`Trunk '${t.name}' is disabled: enable it to probe it`);
    const row = await requestProbe(tx, id);
    await recordAudit(tx, caller, { action: "trunk.probe", entityType: "trunk", entityId: id, details: { name: t.name, probe_number: t.probeNumber, in_rotation: row.inRotation } });
    return row;
  });
  const since = requested.probeRequestedAt!.getTime();
  const db = await getDb();
  const deadline = Date.now() + PROBE_WAIT_MS;
  for (;;) {
    const h = await findHealth(db, id);
    if (!h) throw ApiError.notFound("Trunk");
    const answered = h.lastProbeAt !== null && h.lastProbeAt.getTime() >= since && h.probeRequestedAt === null;
    if (answered) return { status: 200, data: { trunk_id: id, pending: false, ok: h.lastProbeOk, detail: h.lastProbeDetail, in_rotation: h.inRotation } };
    if (Date.now() > deadline) return { status: 202, data: { trunk_id: id, pending: true, ok: null, detail: null, in_rotation: h.inRotation } };
    await new Promise((r) => setTimeout(r, 250));
  }
}
