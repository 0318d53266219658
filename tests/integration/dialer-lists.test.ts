import { describe, expect, it } from "vitest";
import { allPages, dialCounts, dialerCampaign, waitFor } from "../support/dialer";
import { rigForSuite } from "../support/rig-suite";

/**
 * Lists and leads with several numbers, dialed through the simulator, checked against its call
 * log: each number gets its own attempts under the campaign's retry rules, the next number is
 * tried only when the one before is done, a barred number is never dialed, a person reached ends
 * the lead, and a campaign dials every active list it has and no inactive one.
 */
for (const driver of ["ari", "esl"] as const) {
  describe(`lists and extra numbers over ${driver.toUpperCase()}`, () => {
    const suite = rigForSuite({ timeScale: 0.01, seed: driver === "ari" ? 31 : 32 }, { driver });

    it("tries a lead's numbers in order, each by its own retry rule, never a barred one, and completes", { timeout: 180_000 }, async () => {
      const { rig, api } = suite;
      const base = driver === "ari" ? 1_555_300_0000 : 1_555_310_0000;
      const n = (i: number) => String(base + i);
      const sampler = rig.sim.engine.sampler;
      const human = { kind: "human" as const, ringSec: 2, talkSec: 30, dtmf: [] };
      const busy = { kind: "busy" as const, ringSec: 1 };
      const unallocated = { kind: "unallocated" as const, ringSec: 0.5 };
      // Lead A: phone 1 busy (retried by rule), then phone 2 answers.
      sampler.script(n(1), busy);
      sampler.script(n(2), human);
      // Lead B: phone 1 answers; phone 2 is never dialed.
      sampler.script(n(11), human);
      sampler.script(n(12), human);
      // Lead C: phone 1 busy, phone 2 on the DNC list, phone 3 answers.
      sampler.script(n(21), busy);
      sampler.script(n(22), human);
      sampler.script(n(23), human);
      // Lead D: phone 1 does not exist (not retried), phone 2 busy to the end: the lead ends busy.
      sampler.script(n(31), unallocated);
      sampler.script(n(32), busy);
      // Leads in a second active list and in an inactive one.
      sampler.script(n(41), human);
      sampler.script(n(51), human);

      const created = await api.post(
        "/campaigns",
        dialerCampaign(`Lists ${driver}`, {
          concurrent_calls: 4,
          retry_times: 0,
          retry_rules: { BUSY: { cooldown_sec: 1, max_attempts: 2 } },
          calling_hours_start: "00:00",
          calling_hours_end: "24:00",
        }),
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.data.id as number;
      const list = async (name: string, active = 1) => {
        const r = await api.post("/lists", { name, campaign_id: id, active });
        expect(r.status).toBe(201);
        return r.body.data.id as number;
      };
      const main = await list("Main");
      const second = await list("Second");
      const inactive = await list("Parked", 0);
      const add = async (listId: number, numbers: string[]) => {
        const r = await api.post(`/lists/${listId}/leads`, { phone_number: numbers[0], phones: numbers.slice(1) });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        return r.body.data.id as number;
      };
      const leadA = await add(main, [n(1), n(2)]);
      const leadB = await add(main, [n(11), n(12)]);
      // Barred after the lead was added: the dialer's own check finds it.
      const leadC = await add(main, [n(21), n(22), n(23)]);
      expect((await api.post("/dnc", { phone_number: n(22), campaign_id: id })).status).toBe(201);
      const leadD = await add(main, [n(31), n(32)]);
      const leadE = await add(second, [n(41)]);
      const leadF = await add(inactive, [n(51)]);

      expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
      await waitFor("campaign completed", async () => (await api.get(`/campaigns/${id}`)).body.data.status === "completed", 120_000, 300);

      const counts = dialCounts(rig.sim);
      const dialed = (i: number) => counts.get(n(i)) ?? 0;
      expect([dialed(1), dialed(2)]).toEqual([2, 1]);
      expect([dialed(11), dialed(12)]).toEqual([1, 0]);
      expect([dialed(21), dialed(22), dialed(23)]).toEqual([2, 0, 1]);
      expect([dialed(31), dialed(32)]).toEqual([1, 2]);
      expect(dialed(41)).toBe(1);
      expect(dialed(51)).toBe(0);
      // Phone 2 of lead A only after phone 1 had used its attempts.
      const log = rig.sim.engine.callLog.map((c) => c.number);
      expect(log.lastIndexOf(n(1))).toBeLessThan(log.indexOf(n(2)));

      const leads = new Map((await allPages(api, `/campaigns/${id}/numbers`)).map((l) => [l.id, l]));
      const phones = (leadId: number) => leads.get(leadId).phones.map((p: any) => [p.status, p.attempts, p.last_outcome]);
      expect(leads.get(leadA)).toMatchObject({ status: "answered", attempts: 3, phone_position: 2 });
      expect(phones(leadA)).toEqual([["done", 2, "busy"], ["pending", 1, "answered"]]);
      expect(leads.get(leadB)).toMatchObject({ status: "answered", attempts: 1, phone_position: 1 });
      expect(phones(leadB)).toEqual([["pending", 1, "answered"], ["pending", 0, null]]);
      expect(leads.get(leadC)).toMatchObject({ status: "answered", attempts: 3, phone_position: 3 });
      expect(phones(leadC)).toEqual([["done", 2, "busy"], ["dnc", 0, null], ["pending", 1, "answered"]]);
      expect(leads.get(leadD)).toMatchObject({ status: "busy", attempts: 3 });
      expect(phones(leadD)).toEqual([["done", 1, "unavailable"], ["done", 2, "busy"]]);
      expect(leads.get(leadE)).toMatchObject({ status: "answered", attempts: 1 });
      expect(leads.get(leadF)).toMatchObject({ status: "pending", attempts: 0 });

      // One CDR per call, naming the number dialed and its position; the stats recount exactly.
      const cdr = await allPages(api, `/cdr?campaign_id=${id}`);
      expect(cdr).toHaveLength([...counts.entries()].filter(([k]) => k.startsWith(String(base).slice(0, 7))).reduce((a, [, v]) => a + v, 0));
      for (const r of cdr) {
        const lead = leads.get(r.campaign_number_id);
        expect(lead.phones[r.phone_position - 1].phone_number).toBe(r.destination);
      }
      const byLead = (leadId: number) => cdr.filter((r) => r.campaign_number_id === leadId).sort((a, b) => a.id - b.id).map((r) => [r.phone_position, r.disposition]);
      expect(byLead(leadA)).toEqual([[1, "busy"], [1, "busy"], [2, "answered"]]);
      expect(byLead(leadD)).toEqual([[1, "failed"], [2, "busy"], [2, "busy"]]);
      const stats = (await api.get(`/campaigns/${id}/stats`)).body.data;
      expect(stats).toMatchObject({ total: 6, total_calls: cdr.length, answered_calls: cdr.filter((r) => r.disposition === "answered").length, answered: 4, busy: 1, pending: 1, calling: 0 });
      for (const l of leads.values()) expect(cdr.filter((r) => r.campaign_number_id === l.id)).toHaveLength(l.attempts);

      const listStats = new Map((await allPages(api, `/lists?campaign_id=${id}`)).map((l) => [l.id, l.stats]));
      expect(listStats.get(main)).toMatchObject({ total: 4, answered: 3, busy: 1 });
      expect(listStats.get(second)).toMatchObject({ total: 1, answered: 1 });
      expect(listStats.get(inactive)).toMatchObject({ total: 1, pending: 1 });
    });
  });
}
