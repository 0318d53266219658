import type { CallAttempt } from "@/db/schema";
import { logger } from "../logger";
import type { DialablePbx } from "../pbx/manager";
import { seekAgent } from "./agent-bridging";
import { hangup } from "./call-control";
import { finish } from "./call-end";
import { amdOn } from "./campaign-runtime";
import { CONNECT_GRACE_SEC, LEASE_SEC, NODE_STALE_SEC, type CampaignRuntime, type DialerContext } from "./dialer-context";
import { liveCall, type LiveCall } from "./live-call";
import { adoptAttempts, expiredLeaseAttemptIds, liveNodes, openAttempts, releaseOrphanLeads, releaseUnplaced, UNPLACED_STATES } from "./queries";

const RECONCILE_MS = 10_000;

/**
 * What the database says is in flight against what the PBX has: attempts left by a dialer that
 * is gone (or by this one before a restart) are given back, adopted, or settled.
 */
export class Reconciler {
  private readonly reconciledKeys = new Set<string>();
  private lastReconcile = 0;
  /** Adopted answered calls waiting for their campaign to be loaded (resumeAdopted). */
  private adoptedPending: LiveCall[] = [];

  constructor(
    private readonly ctx: DialerContext,
    /** PGlite: this is the only dialer there can be, so every other one that left attempts is gone. */
    private readonly singleProcess: boolean,
  ) {}

  /** A PBX connection came back: what it has is looked at again on the next tick. */
  forget(pbxKey: string) {
    this.reconciledKeys.delete(pbxKey);
  }

  /**
   * Settles attempts whose dialer is gone. On a PBX this process holds, an attempt whose channel
   * is still up is adopted (followed to its end); one the PBX no longer has ended while nobody
   * was listening, so it is closed as `lost` (its lead follows the retry rules; it is never
   * silently dialed again). Attempts on a built-in simulator of a process that is gone died with it.
   */
  async reconcile(pbxs: DialablePbx[]) {
    const ctx = this.ctx;
    const due = Date.now() - this.lastReconcile > RECONCILE_MS;
    const fresh = pbxs.filter((p) => !this.reconciledKeys.has(p.key));
    if (!due && fresh.length === 0) return;
    this.lastReconcile = Date.now();
    const alive = new Set(this.singleProcess ? [] : await liveNodes(ctx.db, NODE_STALE_SEC));
    alive.add(ctx.nodeId);
    const expired = new Set(await expiredLeaseAttemptIds(ctx.db, new Date()));
    const open = await openAttempts(ctx.db, { notOwner: ctx.nodeId });
    const held = new Map(pbxs.map((p) => [p.key, p]));
    // Holding a PBX's lock means its previous holder is gone or handed it over with no calls left
    // on it: whatever another dialer left open there is ours to settle, heartbeat or not.
    const orphaned = open.filter((a) => held.has(a.pbxKey) || !alive.has(a.owner) || expired.has(a.id));
    // Claimed and never sent to the PBX: give the leads back untouched.
    const unplaced = orphaned.filter((a) => UNPLACED_STATES.includes(a.state));
    await releaseUnplaced(ctx.db, unplaced);
    if (unplaced.length) logger.info({ attempts: unplaced.length }, "gave back leads claimed by a dialer that stopped before calling them");
    const byKey = new Map<string, CallAttempt[]>();
    for (const a of orphaned) if (!UNPLACED_STATES.includes(a.state)) byKey.set(a.pbxKey, [...(byKey.get(a.pbxKey) ?? []), a]);
    for (const [key, attempts] of byKey) {
      const p = held.get(key);
      if (p) {
        let live: Set<string>;
        try {
          live = new Set((await p.driver.listChannels()).map((ch) => ch.id));
        } catch {
          continue;
        }
        const adopt = attempts.filter((a) => live.has(a.channelId) && !ctx.calls.has(a.channelId));
        const lost = attempts.filter((a) => !live.has(a.channelId));
        await this.adopt(p, adopt);
        this.settleLost(lost);
      } else if (key.startsWith("sim:") || !this.pbxKeyExists(key)) {
        this.settleLost(attempts);
      }
    }
    for (const p of fresh) this.reconciledKeys.add(p.key);
    await releaseOrphanLeads(ctx.db, new Date());
  }

  private pbxKeyExists(key: string): boolean {
    // A configured PBX held by another live process is theirs to reconcile; one that no longer
    // exists leaves its attempts to us. health() lists both kinds.
    return this.ctx.pbx.health().some((h) => h.id !== null && `db:${h.id}` === key);
  }

  private async adopt(p: DialablePbx, attempts: CallAttempt[]) {
    const ctx = this.ctx;
    if (attempts.length === 0) return;
    await adoptAttempts(ctx.db, attempts.map((a) => a.id), ctx.nodeId, LEASE_SEC);
    for (const attempt of attempts) {
      const rt = ctx.campaigns.get(attempt.campaignId);
      const call = liveCall(attempt, p, { phase: attempt.answeredAt ? "destination" : "ringing", adopted: true });
      ctx.calls.set(attempt.channelId, call);
      if (rt) rt.calls.add(call);
      if (attempt.answeredAt) this.adoptedPending.push(call);
      try {
        await p.driver.adopt(attempt.channelId, { answered: Boolean(attempt.answeredAt) });
      } catch {
        ctx.calls.delete(attempt.channelId);
        rt?.calls.delete(call);
        this.settleLost([attempt]);
        continue;
      }
      // Nobody is left to take a call still ringing from before the restart: it is cancelled
      // rather than let a person answer into silence.
      if (!attempt.answeredAt) {
        call.outcome = "cancelled";
        hangup(ctx, call);
      }
    }
    logger.info({ pbx: p.name, adopted: attempts.length }, "adopted calls left by a previous dialer");
  }

  /**
   * Picks up where the previous dialer left adopted calls that were answered and not yet with an
   * agent, once their campaign is loaded again (reconciliation runs before it is): one still in
   * AMD takes its verdict as usual; a person who was waiting for an agent looks for one again,
   * and past the grace hears the abandon message and counts as abandoned, as they would have.
   * Calls with an agent, in an IVR or sent to the dialplan are followed to their end.
   */
  resumeAdopted(rt: CampaignRuntime) {
    const ctx = this.ctx;
    if (this.adoptedPending.length === 0) return;
    const mine = this.adoptedPending.filter((c) => c.campaignId === rt.row.id || !ctx.calls.has(c.attempt.channelId));
    if (mine.length === 0) return;
    this.adoptedPending = this.adoptedPending.filter((c) => !mine.includes(c));
    for (const call of mine) {
      if (!ctx.calls.has(call.attempt.channelId) || call.campaignId !== rt.row.id) continue;
      rt.calls.add(call);
      if (call.attempt.state !== "answered") continue;
      if (amdOn(rt.row) && !call.amdResult) {
        call.phase = "amd";
        continue;
      }
      if (rt.row.dialMode !== "agentless") seekAgent(ctx, rt, call, CONNECT_GRACE_SEC, true);
    }
  }

  private settleLost(attempts: CallAttempt[]) {
    for (const attempt of attempts) {
      if (this.ctx.calls.has(attempt.channelId)) continue;
      const call = liveCall(attempt, { key: attempt.pbxKey } as DialablePbx, { phase: "ending", adopted: true });
      call.outcome = attempt.answeredAt ? "answered" : "lost";
      finish(this.ctx, call, { outcome: "failed", cause: null, causeText: "dialer restarted; the call ended unobserved", sipCode: null, at: new Date() }, true);
    }
    if (attempts.length) logger.info({ attempts: attempts.length }, "settled calls that ended while no dialer was following them");
  }
}
