import { afterAll, describe, expect, it } from "vitest";
import { onPostgres } from "../support/api";
import { expectNothingLostNothingTwice } from "../support/chaos";
import { campaignCompleted, campaignWithNumbers, dialerCampaign, dialerRig, waitFor, type DialerRig } from "../support/dialer";
import { postgresBinaries, startPrivatePostgres, type PrivatePostgres } from "../support/private-postgres";

/**
 * Chaos: PostgreSQL restarted mid-campaign. The test runs a cluster of its own (the shared one must
 * not be restarted), with a web-only Pacer and two dialer processes (`npm run dialer`) on it, and
 * stops it (fast shutdown: every session cut) for a few seconds while calls are up. Every process
 * must come back without anyone touching it: the API answers again, the campaign goes on and
 * finishes, no lead is lost and none is dialed twice on the switch's own call log.
 *
 * There is one PBX, so one dialer holds it (a session advisory lock) and the other stands by. The
 * restart ends the holder's session and frees its lock: the holder must notice and take it again
 * (or, when the standby got it first, let the PBX go: one handover), never both dialers connected
 * to it, dialing through it and each settling the other's calls as a dead dialer's.
 */
const NUMBERS = 400;
const DOWN_MS = 5_000;
const binaries = postgresBinaries();

describe.runIf(onPostgres())("PostgreSQL restarted mid-campaign", () => {
  let rig: DialerRig;
  let pg: PrivatePostgres | undefined;
  afterAll(async () => {
    await rig?.close().catch(() => {});
    pg?.destroy();
  });

  it.skipIf("missing" in binaries)(`recovers by itself, loses no lead, dials none twice${"missing" in binaries ? ` (skipped: ${binaries.missing})` : ""}`, { timeout: 240_000 }, async () => {
    if ("missing" in binaries) return;
    const t0 = Date.now();
    pg = await startPrivatePostgres(binaries.bin);
    rig = await dialerRig({ timeScale: 0.02, seed: 71, postgresUrl: pg.url });
    const web = await rig.start({ driver: "none", env: { DIALER: "false" } });
    const dialers = await Promise.all([rig.startDialer({ driver: "ari", env: { LOG_LEVEL: "info" } }), rig.startDialer({ driver: "ari", env: { LOG_LEVEL: "info" } })]);

    const numbers = Array.from({ length: NUMBERS }, (_, i) => `1555${String(7_300_000 + i)}`);
    const id = await campaignWithNumbers(web.api, dialerCampaign("DB restart", { concurrent_calls: 20, retry_times: 0 }), numbers);
    expect((await web.api.post(`/campaigns/${id}/start`)).status).toBe(200);

    await waitFor("calls under way", async () => rig.callLog().length >= NUMBERS / 4 && rig.sim.engine.channels.size >= 5, 60_000, 20);
    const dialedAtStop = rig.callLog().length;
    const upAtStop = rig.sim.engine.channels.size;
    pg.stop();
    const stoppedAt = Date.now();
    // While it is down the API says so (a 5xx, not a hang), and calls already up go on ending.
    const whileDown = await web.api.get(`/campaigns/${id}`).catch((err: Error) => ({ status: err.message }));
    await new Promise((r) => setTimeout(r, Math.max(0, DOWN_MS - (Date.now() - stoppedAt))));
    pg.start();
    const backAt = Date.now();

    await waitFor("the API answering again", async () => (await web.api.get(`/campaigns/${id}`)).status === 200, 30_000, 250);
    const apiBackMs = Date.now() - backAt;
    await waitFor("dialing again after the restart", async () => rig.callLog().length > dialedAtStop + 20, 60_000, 100);
    const dialingBackMs = Date.now() - backAt;
    await campaignCompleted(web.api, id, 150_000);
    const ledger = await expectNothingLostNothingTwice(rig, web.api, id, numbers);
    await waitFor("the switch idle", async () => rig.sim.engine.channels.size === 0, 30_000);
    // One dialer holds the PBX after the restart: the holder took its lock again, or the standby got
    // it first and the holder let the PBX go (then the standby took the holder's calls over as a
    // gone dialer's: those still ringing are cancelled, those that ended meanwhile settled `lost`;
    // the invariants above hold either way).
    await waitFor("one dialer on the PBX", async () => rig.sim.ariEventClients() === 1, 10_000, 200).catch(() => {});
    const lines = (re: RegExp) => dialers.flatMap((d) => d.output().split("\n").filter((l) => re.test(l)));
    const relocked = lines(/PBX lock lost/).map((l) => JSON.parse(l).msg as string);
    console.log(
      `db restart: ${upAtStop} calls up and ${dialedAtStop} dialed at the stop; down ${Math.round((backAt - stoppedAt) / 100) / 10} s (API meanwhile: ${whileDown.status}); ` +
        `API back ${apiBackMs} ms and dialing ${dialingBackMs} ms after the start; ${ledger.dialed} dialed once, ${ledger.neverDialed} never reached the switch; ` +
        `outcomes ${JSON.stringify(ledger.outcomes)}; PBX lock: ${JSON.stringify(relocked)}; takeovers: ${JSON.stringify(lines(/adopted calls|settled calls that ended/))}; ` +
        `${Math.round((Date.now() - t0) / 1000)} s`,
    );
    for (const d of dialers) expect(d.child.exitCode, `a dialer process exited; its last output:\n${d.output().slice(-4000)}`).toBeNull();
    expect(rig.sim.ariEventClients(), "dialers connected to the one PBX").toBe(1);
  });
});
