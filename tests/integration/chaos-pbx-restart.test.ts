import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { expectNothingLostNothingTwice } from "../support/chaos";
import { campaignCompleted, campaignWithNumbers, dialerCampaign, dialerRig, waitFor, type DialerRig } from "../support/dialer";
import { onPostgres } from "../support/api";

/**
 * Chaos: the PBX itself goes away for 10 s mid-campaign, every call on it with it, and comes back
 * empty on the same ports (the simulator stopped and a fresh one started). Pacer's driver must
 * reconnect by itself, settle every call the switch no longer has (none left "in progress" in the
 * database once the link is back), and carry the campaign to its end with no lead lost and none
 * dialed twice on the two switches' call logs. For ARI and ESL. (A link cut with the PBX still up
 * is tests/integration/dialer-reconnect.test.ts.)
 */
const NUMBERS = 200;
const DOWN_MS = 10_000;

for (const driver of ["ari", "esl"] as const) {
  describe.runIf(onPostgres())(`the PBX (${driver.toUpperCase()}) restarted mid-campaign`, () => {
    let rig: DialerRig;
    afterAll(() => rig?.close());

    it("reconnects, settles the calls it lost, and finishes the campaign by itself", { timeout: 180_000 }, async () => {
      const t0 = Date.now();
      // Calls of a second or more, so that some are up when the switch goes.
      rig = await dialerRig({ timeScale: 0.02, seed: driver === "ari" ? 61 : 62 });
      const { api, server } = await rig.start({ driver, env: { LOG_LEVEL: "info" } });
      const numbers = Array.from({ length: NUMBERS }, (_, i) => `1555${String(driver === "ari" ? 7_100_000 + i : 7_200_000 + i)}`);
      const id = await campaignWithNumbers(api, dialerCampaign(`PBX restart ${driver}`, { concurrent_calls: 20, retry_times: 0 }), numbers);
      expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);

      await waitFor("calls under way", async () => rig.callLog().length >= NUMBERS / 4 && rig.sim.engine.channels.size >= 5, 60_000, 20);
      const upAtStop = rig.sim.engine.channels.size;
      const logFrom = server.output().length;
      const stoppedAt = new Date();
      await rig.restartSimulator(DOWN_MS);

      await waitFor("the link back up", async () => server.output().slice(logFrom).includes("PBX connection restored"), 60_000, 100);
      const restoredAt = Date.now();
      // Every call placed before the switch went is settled promptly once the link is back: the
      // switch lists none of them, so they ended unseen (not left to a 90 s lease).
      const sql = postgres(rig.databaseUrl, { max: 1, onnotice: () => {} });
      let stuck: { id: number; state: string }[] = [];
      try {
        await waitFor("calls from before the restart settled", async () => {
          stuck = [...(await sql`select id, state from call_attempts where campaign_id = ${id} and state <> 'ended' and started_at < ${stoppedAt}`)] as never;
          return stuck.length === 0;
        }, 15_000, 200).catch(() => {});
      } finally {
        await sql.end({ timeout: 5 });
      }
      expect(stuck, "attempts from before the PBX restart still in progress 15 s after it was back").toEqual([]);
      const settledMs = Date.now() - restoredAt;

      await campaignCompleted(api, id, 120_000);
      const ledger = await expectNothingLostNothingTwice(rig, api, id, numbers);
      await waitFor("the switch idle", async () => rig.sim.engine.channels.size === 0, 30_000);
      const unsent = server.output().slice(logFrom).split("\n").filter((l) => l.includes("originate not sent")).length;
      console.log(
        `pbx restart ${driver}: ${upAtStop} calls up at the stop; link back ${Math.round((restoredAt - stoppedAt.getTime()) / 100) / 10} s after, ` +
          `old calls settled ${settledMs} ms later; ${unsent} originate(s) given back unsent; ${ledger.dialed} dialed once, ${ledger.neverDialed} never reached the switch; ` +
          `outcomes ${JSON.stringify(ledger.outcomes)}; ${Math.round((Date.now() - t0) / 1000)} s`,
      );
    });
  });
}
