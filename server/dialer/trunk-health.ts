import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { Trunk } from "@/db/schema";
import { logger } from "../logger";
import type { CallEvent } from "../pbx/driver";
import type { DialablePbx } from "../pbx/manager";
import { addLegs, asrBreaches, claimDueProbes, saveProbe, type LegFailure } from "../providers/queries";
import { changeRotation } from "../providers/rotation";
import { findTrunksByIds } from "../trunks/queries";
import { customerDialString } from "./dial-string";
import type { HangupHow, LiveCall } from "./live-call";
import { isTrunkFailure } from "./outcomes";

/**
 * Trunk rotation, this process's part of it: every leg that ends on a trunk counts (a trunk
 * failure adds to its run of failures, a call that reached the far end ends the run); a trunk
 * that reaches its `max_consecutive_failures`, or whose 5-minute ASR falls under `min_asr_pct`
 * with `min_samples` calls, is taken out (the campaigns' trunk reads skip it); trunks out of
 * rotation, and those an admin asked about, are probed with a call to their probe number, and one
 * that gets through comes back. All of it is in the database, shared by every dialer process.
 */

/** How often the ASR rule is judged, and probes looked for. */
const ASR_CHECK_MS = 5000;
const PROBE_CHECK_MS = 1000;
/** A probe that hears nothing for this long failed. */
const PROBE_TIMEOUT_MS = 30_000;
/** A claimed probe is this process's for this long (longer than a probe takes). */
const PROBE_HOLD_SEC = 45;

type Probe = { onEvent: (e: CallEvent) => void };

export class TrunkHealthWatch {
  /** Legs ended since the last flush, per trunk, in order: true = reached the far end. */
  private legs = new Map<number, boolean[]>();
  private failedOver: LegFailure[] = [];
  private lastAsrCheck = 0;
  private lastProbeCheck = 0;
  private readonly probes = new Map<string, Probe>();
  /** Trunks this process is probing now. */
  private readonly probing = new Set<number>();

  constructor(private readonly db: Db) {}

  /**
   * A leg ended on its trunk. `trunkFault`: the trunk failed it (congested, unreachable, refused);
   * `movedOn`: the call went on to another trunk (its CDR will not name this one). Calls Pacer
   * itself ended and generic failures count neither way.
   */
  noteLeg(call: LiveCall, how: HangupHow, trunkFault: boolean, movedOn: boolean) {
    const trunkId = call.attempt.trunkId;
    if (trunkId === null || call.adopted) return;
    const reached = !trunkFault && (call.answeredAt !== null || how.outcome === "answered" || how.outcome === "busy" || how.outcome === "no_answer" || how.outcome === "unavailable");
    if (!trunkFault && !reached) return;
    const list = this.legs.get(trunkId) ?? [];
    list.push(reached);
    this.legs.set(trunkId, list);
    if (movedOn) this.failedOver.push({ trunkId, attemptId: call.attempt.id, at: how.at, hangupCause: how.cause, sipCode: how.sipCode });
  }

  handles(channelId: string): boolean {
    return this.probes.has(channelId);
  }

  onEvent(e: CallEvent) {
    this.probes.get(e.channelId)?.onEvent(e);
  }

  /** Once per dialer tick: write the legs, judge the rules, start due probes. */
  async tick(pbxs: DialablePbx[]) {
    try {
      await this.flush();
      const now = Date.now();
      if (now - this.lastAsrCheck >= ASR_CHECK_MS) {
        this.lastAsrCheck = now;
        await this.judgeAsr();
      }
      if (now - this.lastProbeCheck >= PROBE_CHECK_MS) {
        this.lastProbeCheck = now;
        await this.startProbes(pbxs.filter((p) => !p.draining));
      }
    } catch (err) {
      logger.warn({ err }, "trunk health check failed; trying again");
    }
  }

  private async flush() {
    if (this.legs.size === 0 && this.failedOver.length === 0) return;
    const legs = this.legs;
    const failedOver = this.failedOver;
    this.legs = new Map();
    this.failedOver = [];
    const tallies = [...legs].map(([trunkId, list]) => {
      const lastOk = list.lastIndexOf(true);
      return { trunkId, anyOk: lastOk >= 0, trailingFailures: list.length - lastOk - 1 };
    });
    let runs: Map<number, number>;
    try {
      runs = await this.db.transaction((tx) => addLegs(tx, failedOver, tallies));
    } catch (err) {
      // Put them back in front of what came since, to be written on the next tick.
      for (const [id, list] of legs) this.legs.set(id, [...list, ...(this.legs.get(id) ?? [])]);
      this.failedOver.unshift(...failedOver);
      throw err;
    }
    const failing = [...runs].filter(([, n]) => n > 0);
    if (failing.length === 0) return;
    for (const t of await findTrunksByIds(this.db, failing.map(([id]) => id))) {
      const run = runs.get(t.id)!;
      if (t.enabled && t.maxConsecutiveFailures !== null && run >= t.maxConsecutiveFailures) {
        await changeRotation(t, false, `${run} calls in a row failed on the trunk (limit ${t.maxConsecutiveFailures})`);
      }
    }
  }

  private async judgeAsr() {
    const breaches = await asrBreaches(this.db);
    if (breaches.length === 0) return;
    const byId = new Map((await findTrunksByIds(this.db, breaches.map((b) => b.trunk_id))).map((t) => [t.id, t]));
    for (const b of breaches) {
      const t = byId.get(b.trunk_id);
      if (!t) continue;
      const pct = Math.round((b.answered / b.attempts) * 1000) / 10;
      await changeRotation(t, false, `ASR ${pct}% over the last ${b.attempts} calls, under its ${b.min_asr_pct}% (5 min)`);
    }
  }

  private async startProbes(pbxs: DialablePbx[]) {
    if (pbxs.length === 0) return;
    const held = pbxs.map((p) => /^db:(\d+)$/.exec(p.key)).filter((m) => m !== null).map((m) => Number(m[1]));
    const due = (await claimDueProbes(this.db, held, PROBE_HOLD_SEC)).filter((d) => !this.probing.has(d.trunkId));
    for (const d of due) {
      const pbx = pbxs.find((p) => d.trunk.pbxServerId === null || p.key === `db:${d.trunk.pbxServerId}`);
      if (!pbx) continue;
      this.probing.add(d.trunkId);
      void this.probe(d.trunk, pbx)
        .catch((err) => logger.warn({ err, trunk: d.trunk.name }, "trunk probe failed to run"))
        .finally(() => this.probing.delete(d.trunkId));
    }
  }

  private async probe(trunk: Trunk, pbx: DialablePbx) {
    const result = await this.probeCall(trunk, pbx);
    logger.info({ trunk: trunk.name, ok: result.ok, detail: result.detail }, "trunk probe");
    // Back in first, then the result: whoever waits for the result (POST …/probe) then sees the trunk back.
    if (result.ok) await changeRotation(trunk, true, `probe call got through (${result.detail})`);
    await saveProbe(this.db, trunk.id, result.ok, result.detail, trunk.probeIntervalSec);
  }

  /**
   * A call to the trunk's probe number: it got through when the far end rings, answers, or says
   * busy, no answer or no such number (all answers from beyond the trunk), and is hung up at once.
   * It failed when the trunk refuses, congests or cannot be reached, or nothing happens in time.
   */
  private probeCall(trunk: Trunk, pbx: DialablePbx): Promise<{ ok: boolean; detail: string }> {
    const channelId = randomUUID();
    const endpoint = customerDialString(pbx.kind, trunk.type, trunk.value, trunk.probeNumber ?? "");
    return new Promise((resolve) => {
      let settled = false;
      const done = (ok: boolean, detail: string, hangUp: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.probes.delete(channelId);
        if (hangUp) void pbx.driver.hangup(channelId).catch(() => {});
        resolve({ ok, detail });
      };
      const timer = setTimeout(() => done(false, `no answer from the PBX within ${PROBE_TIMEOUT_MS / 1000} s`, true), PROBE_TIMEOUT_MS);
      this.probes.set(channelId, {
        onEvent: (e) => {
          if (e.type === "ringing" || e.type === "progress" || e.type === "answered") done(true, e.type === "answered" ? "answered" : "ringing", true);
          else if (e.type === "hangup") {
            const what = [e.outcome, e.sipCode ? `SIP ${e.sipCode}` : null, e.cause ? `cause ${e.cause}` : null].filter(Boolean).join(", ");
            done(!isTrunkFailure(e.outcome, e.cause) && e.outcome !== "failed" && e.outcome !== "cancelled", what, false);
          }
        },
      });
      pbx.driver
        .originate({ channelId, endpoint, ringTimeoutSec: 15, onAnswer: { kind: "control", args: ["probe", String(trunk.id)] }, variables: { PACER_PROBE: String(trunk.id) } })
        .catch((err: unknown) => done(false, `the PBX refused the call: ${err instanceof Error ? err.message : String(err)}`, false));
    });
  }
}
