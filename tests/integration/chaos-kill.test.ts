import { afterAll, describe, expect, it } from "vitest";
import { onPostgres } from "../support/api";
import { seededRng } from "@/server/pbx/sim/random";
import { expectNothingLostNothingTwice } from "../support/chaos";
import { campaignCompleted, campaignWithNumbers, dialerCampaign, dialerRig, waitFor, type DialerRig } from "../support/dialer";
import type { RunningServer } from "../support/server-process";

/**
 * Chaos: two dialer processes (`npm run dialer`) share a 2,000-number campaign on one PostgreSQL
 * and one simulated switch (each holds one of its two faces, ARI and ESL), and one of them, picked
 * at random, is killed with SIGKILL five times at random moments and started again. At the end no
 * lead is lost, no number was dialed twice on the switch's own call log, and no attempt is left in
 * progress. CHAOS_SEED replays a run's choices (the kills' timing still depends on the machine).
 */
const NUMBERS = 2_000;
const KILLS = 5;

describe.runIf(onPostgres())("two dialers, one of them killed with SIGKILL five times", () => {
  let rig: DialerRig;
  afterAll(() => rig?.close());

  it("loses no lead, dials no number twice, and leaves no attempt in progress", { timeout: 240_000 }, async () => {
    const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
    const random = seededRng(seed);
    const started = Date.now();
    rig = await dialerRig({ timeScale: 0.01, seed: 51 });
    const web = await rig.start({ driver: "none", env: { DIALER: "false" } });
    const dialers: RunningServer[] = await Promise.all([rig.startDialer({ driver: "both" }), rig.startDialer({ driver: "both" })]);

    const numbers = Array.from({ length: NUMBERS }, (_, i) => `1555${String(7_000_000 + i)}`);
    const id = await campaignWithNumbers(web.api, dialerCampaign("Chaos kill", { concurrent_calls: 40, retry_times: 0 }), numbers);
    expect((await web.api.post(`/campaigns/${id}/start`)).status).toBe(200);

    // Five moments spread over the first two thirds of the list (by how much of it the switch has
    // seen), each a little off the mark, and which dialer dies at each. A dialer restarts in the
    // background: one picked again before it is up dies right after it started.
    const marks = Array.from({ length: KILLS }, (_, k) => Math.round(NUMBERS * (0.05 + (0.6 * (k + random())) / KILLS)));
    const kills: { at: number; victim: number; liveCalls: number }[] = [];
    const starting: (Promise<RunningServer> | null)[] = [null, null];
    for (const mark of marks) {
      await waitFor(`${mark} numbers dialed`, async () => rig.callLog().length >= mark, 120_000, 10);
      await new Promise((r) => setTimeout(r, Math.floor(random() * 300)));
      const victim = random() < 0.5 ? 0 : 1;
      if (starting[victim]) dialers[victim] = await starting[victim]!;
      kills.push({ at: rig.callLog().length, victim, liveCalls: rig.sim.engine.channels.size });
      await dialers[victim].kill();
      starting[victim] = rig.startDialer({ driver: "both" });
    }
    for (const v of [0, 1]) if (starting[v]) dialers[v] = await starting[v]!;
    const killsDone = Date.now();

    await campaignCompleted(web.api, id, 150_000);
    const ledger = await expectNothingLostNothingTwice(rig, web.api, id, numbers);
    await waitFor("the switch idle", async () => rig.sim.engine.channels.size === 0, 30_000);
    console.log(
      `chaos kill (seed ${seed}): kills at ${kills.map((k) => `${k.at}#${k.victim}(${k.liveCalls} up)`).join(", ")}; ` +
        `${ledger.dialed} dialed once, ${ledger.neverDialed} never reached the switch (failed), outcomes ${JSON.stringify(ledger.outcomes)}; ` +
        `kills over after ${Math.round((killsDone - started) / 1000)} s, all in ${Math.round((Date.now() - started) / 1000)} s`,
    );
    // Every kill fell mid-campaign: the switch had not yet been asked for the whole list.
    expect(kills.filter((k) => k.at < NUMBERS)).toHaveLength(KILLS);
    for (const d of dialers) expect(d.child.exitCode).toBeNull();
  });
});
