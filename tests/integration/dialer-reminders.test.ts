import { describe, expect, it } from "vitest";
import type { Client } from "../support/api";
import { callLogOf, dialerRig, waitFor } from "../support/dialer";
import { reminderBody } from "../support/reminders";
import { rigForSuite } from "../support/rig-suite";

const FINAL = ["confirmed", "cancelled", "transferred", "answered", "no_answer", "busy", "failed", "not_callable", "dnc", "expired", "interrupted"];

const finalState = (api: Client, id: number, ms = 60_000) =>
  waitFor(`reminder ${id} final`, async () => {
    const r = (await api.get(`/reminders/${id}`)).body.data;
    return FINAL.includes(r.state) ? r : undefined;
  }, ms, 200);

/**
 * Reminder calls through each PBX driver: the simulator's people key scripted replies after the
 * prompt, and the reminder's state must be what they chose; unanswered calls are retried.
 */
for (const driver of ["ari", "esl"] as const) {
  describe(`reminder calls over ${driver.toUpperCase()}`, () => {
    const suite = rigForSuite({ timeScale: 0.01, seed: driver === "ari" ? 41 : 42 }, { driver });
    const base = driver === "ari" ? "1555771" : "1555772";

    it("confirm (1), cancel (2), transfer (0), no reply, and no answer after a retry", { timeout: 120_000 }, async () => {
      const { rig, api } = suite;
      const confirm = `${base}0001`;
      const cancel = `${base}0002`;
      const transfer = `${base}0003`;
      const silent = `${base}0004`;
      const unanswered = `${base}0005`;
      const onDnc = `${base}0006`;
      const replies: Record<string, string[]> = { [confirm]: ["1"], [cancel]: ["2"], [transfer]: ["0"], [silent]: ["", ""] };
      for (const [number, keys] of Object.entries(replies)) rig.sim.engine.sampler.script(number, { kind: "human", ringSec: 2, talkSec: 900, dtmf: [], replies: keys });
      rig.sim.engine.sampler.script(unanswered, { kind: "no_answer" });
      rig.sim.engine.sampler.script(onDnc, { kind: "human", ringSec: 2, talkSec: 900, dtmf: [], replies: ["1"] });
      const played: Record<string, string[]> = {};
      rig.sim.engine.on("playbackStarted", (pb) => {
        const number = rig.sim.engine.channel(pb.channelId)?.number ?? "";
        (played[number] ??= []).push(pb.media.replace(/^sound:/, ""));
      });
      const released: string[] = [];
      rig.sim.engine.on("released", (ch) => released.push(ch.number));
      expect((await api.post("/dnc", { phone_number: onDnc })).status).toBe(201);

      const ids: Record<string, number> = {};
      for (const number of [confirm, cancel, transfer, silent, unanswered, onDnc]) {
        const over = number === unanswered ? { retries: 1, retry_delay_sec: 5, ring_timeout_sec: 20 } : number === transfer ? { transfer_number: "200" } : {};
        const r = await api.post("/reminders", reminderBody(number, over));
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        expect(r.body.data.state).toBe("scheduled");
        ids[number] = r.body.data.id;
      }
      const result = async (n: string) => finalState(api, ids[n]);
      expect(await result(confirm)).toMatchObject({ state: "confirmed", digits: "1", attempts: 1 });
      expect(await result(cancel)).toMatchObject({ state: "cancelled", digits: "2", attempts: 1 });
      expect(await result(transfer)).toMatchObject({ state: "transferred", digits: "0", attempts: 1 });
      expect(await result(silent)).toMatchObject({ state: "answered", attempts: 1 });
      expect(await result(onDnc)).toMatchObject({ state: "dnc", attempts: 0 });
      const missed = await result(unanswered);
      expect(missed).toMatchObject({ state: "no_answer", attempts: 2, last_outcome: "no_answer" });

      const log = (n: string) => callLogOf(rig.sim, [n]);
      for (const n of [confirm, cancel, transfer, silent]) expect(log(n)).toHaveLength(1);
      expect(log(onDnc)).toHaveLength(0);
      const tries = log(unanswered);
      expect(tries).toHaveLength(2);
      expect(tries[1].at.getTime() - tries[0].at.getTime()).toBeGreaterThanOrEqual(5000);
      expect(tries[0].endpoint).toBe(driver === "ari" ? `PJSIP/${unanswered}@carrier` : `sofia/gateway/carrier/${unanswered}`);
      // What each person heard: the question, then the closing prompt for their choice; the silent one was asked twice.
      expect(played[confirm]).toEqual(["custom/appointment-reminder", "pacer/reminder-confirmed"]);
      expect(played[cancel]).toEqual(["custom/appointment-reminder", "pacer/reminder-cancelled"]);
      expect(played[silent]).toEqual(["custom/appointment-reminder", "custom/appointment-reminder"]);
      expect(released).toEqual([transfer]);
      // The calendar's filters find them.
      const day = new Date().toISOString().slice(0, 10);
      const confirmed = (await api.get(`/reminders?from=${day}&state=confirmed,cancelled&per_page=100`)).body.data.map((r: { id: number }) => r.id);
      expect(confirmed).toEqual(expect.arrayContaining([ids[confirm], ids[cancel]]));
      expect(confirmed).not.toContain(ids[transfer]);
    });
  });
}

describe("reminders across a restart", () => {
  it("calls a reminder that fell due while Pacer was down once, and never re-dials one in flight at a crash", { timeout: 180_000 }, async () => {
    const rig = await dialerRig({ timeScale: 0.01, seed: 43 });
    try {
      const first = await rig.start({ driver: "ari" });
      const dueDuringDowntime = "15557730001";
      const inFlight = "15557730002";
      rig.sim.engine.sampler.script(dueDuringDowntime, { kind: "human", ringSec: 2, talkSec: 900, dtmf: [], replies: ["1"] });
      // Answers and keys nothing: the question waits for a key while Pacer is killed.
      rig.sim.engine.sampler.script(inFlight, { kind: "human", ringSec: 2, talkSec: 3000, dtmf: [], replies: [] });
      const later = await first.api.post("/reminders", reminderBody(dueDuringDowntime, {}, 8));
      expect(later.status, JSON.stringify(later.body)).toBe(201);
      const now = await first.api.post("/reminders", reminderBody(inFlight));
      expect(now.status).toBe(201);
      await waitFor("the in-flight call answered", async () => [...rig.sim.engine.channels.values()].some((ch) => ch.number === inFlight && ch.answeredAt), 30_000, 50);
      expect((await first.api.get(`/reminders/${now.body.data.id}`)).body.data.state).toBe("calling");
      await first.server.kill();
      // Down past the first one's moment.
      await new Promise((r) => setTimeout(r, 10_000));
      expect(callLogOf(rig.sim, [dueDuringDowntime])).toHaveLength(0);

      const second = await rig.start({ driver: "ari" });
      expect(await finalState(second.api, later.body.data.id)).toMatchObject({ state: "confirmed", attempts: 1 });
      expect(await finalState(second.api, now.body.data.id)).toMatchObject({ state: "interrupted", attempts: 1 });
      // Some more ticks: nothing is dialed again.
      await new Promise((r) => setTimeout(r, 3000));
      expect(callLogOf(rig.sim, [dueDuringDowntime])).toHaveLength(1);
      expect(callLogOf(rig.sim, [inFlight])).toHaveLength(1);
    } finally {
      await rig.close();
    }
  });
});
