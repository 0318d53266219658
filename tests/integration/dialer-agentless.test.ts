import { describe, expect, it } from "vitest";
import { allPages, dialCounts, dialerCampaign, waitFor, zonesWithLocalHour } from "../support/dialer";
import { rigForSuite } from "../support/rig-suite";

/**
 * An agentless campaign (the ARI Dialer contract's behaviour) run to the end through each PBX
 * driver, checked against the simulator's own record of what it was asked to dial.
 */
const NUMBERS = Number(process.env.DIALER_TEST_NUMBERS ?? 600);
const DNC = 15;
const NIGHT = 15;

for (const driver of ["ari", "esl"] as const) {
  describe(`agentless campaign over ${driver.toUpperCase()}`, () => {
    const suite = rigForSuite({ timeScale: 0.01, seed: driver === "ari" ? 11 : 12 }, { driver });

    it("dials every number once plus retries by rule, never a DNC or out-of-hours number, and its stats equal the CDR", { timeout: 240_000 }, async () => {
      const { rig, api } = suite;
      const dayZone = zonesWithLocalHour(10, 18)[0];
      const nightZone = zonesWithLocalHour(0, 5)[0];
      expect(dayZone && nightZone).toBeTruthy();
      const created = await api.post("/campaigns", dialerCampaign(`Agentless ${driver}`, { concurrent_calls: 60, retry_times: 1, retry_delay: 1, timezone: dayZone }));
      expect(created.status).toBe(201);
      const id = created.body.data.id as number;
      expect(created.body.data).toMatchObject({ dial_mode: "agentless", dial_timeout: 30, calling_hours_start: "08:00", calling_hours_end: "21:00" });

      const numbers = Array.from({ length: NUMBERS }, (_, i) => ({ phone_number: `1555${String(7_000_000 + i)}` }));
      const dncNumbers = numbers.slice(0, DNC).map((n) => n.phone_number);
      const night = numbers.slice(DNC, DNC + NIGHT).map((n) => ({ ...n, timezone: nightZone }));
      const rows = [...night, ...numbers.slice(DNC + NIGHT), ...numbers.slice(0, DNC)];
      expect((await api.post(`/campaigns/${id}/numbers/bulk`, { numbers: rows })).status).toBe(201);
      // Half the DNC numbers system-wide, half on this campaign's own list.
      for (const [i, phone] of dncNumbers.entries()) {
        const r = await api.post("/dnc", { phone_number: phone, ...(i % 2 ? { campaign_id: id } : {}) });
        expect(r.status).toBe(201);
      }

      expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
      // Everything that may be called now gets settled; the night-time leads wait for their morning.
      await waitFor("every callable number settled", async () => {
        const s = (await api.get(`/campaigns/${id}/stats`)).body.data;
        return s.calling === 0 && s.pending === NIGHT && s.total_calls > 0 && s;
      }, 120_000, 500);
      const leads = await allPages(api, `/campaigns/${id}/numbers`);
      const nightLeads = leads.filter((l) => l.timezone === nightZone);
      expect(nightLeads).toHaveLength(NIGHT);
      for (const l of nightLeads) expect(l).toMatchObject({ status: "pending", attempts: 0, skip_reason: "outside_hours" });
      // They are removed so the campaign can finish; it then completes by itself.
      for (const l of nightLeads) expect((await api.del(`/numbers/${l.id}`)).status).toBe(200);
      await waitFor("campaign completed", async () => (await api.get(`/campaigns/${id}`)).body.data.status === "completed", 30_000);

      const counts = dialCounts(rig.sim);
      for (const phone of dncNumbers) expect(counts.get(phone) ?? 0).toBe(0);
      for (const l of nightLeads) expect(counts.get(l.phone_number) ?? 0).toBe(0);

      const cdr = await allPages(api, `/cdr?campaign_id=${id}`);
      const byLead = new Map<number, any[]>();
      for (const r of cdr) byLead.set(r.campaign_number_id, [...(byLead.get(r.campaign_number_id) ?? []), r]);
      const final = (await allPages(api, `/campaigns/${id}/numbers`)).filter((l) => l.timezone !== nightZone);
      expect(final).toHaveLength(NUMBERS - NIGHT);
      let retried = 0;
      for (const lead of final) {
        const calls = (byLead.get(lead.id) ?? []).sort((a, b) => a.id - b.id);
        // The switch dialled it exactly as often as Pacer says it did, once per CDR.
        expect(counts.get(lead.phone_number) ?? 0).toBe(lead.attempts);
        expect(calls.length).toBe(lead.attempts);
        if (dncNumbers.includes(lead.phone_number)) {
          expect(lead).toMatchObject({ status: "dnc", attempts: 0 });
          continue;
        }
        const first = calls[0];
        const last = calls[calls.length - 1].disposition;
        // Busy, no answer and network failures (congestion) are retried once by rule (retry_times 1);
        // an unallocated number (cause 1, 3 or 28) is not: calling it again cannot reach anyone.
        const unallocated = [1, 3, 28].includes(first.hangup_cause);
        const retriable = first.disposition === "busy" || first.disposition === "no_answer" || (first.disposition === "failed" && !unallocated);
        if (retriable) {
          expect(calls.length).toBe(2);
          retried += 1;
        } else {
          expect(calls.length).toBe(1);
        }
        const expected = { answered: "answered", busy: "busy", no_answer: "no_answer", failed: "failed", cancelled: "failed" }[last as string];
        expect(lead.status).toBe(expected);
      }
      expect(retried).toBeGreaterThan(10);

      const stats = (await api.get(`/campaigns/${id}/stats`)).body.data;
      const cdrStats = (await api.get(`/cdr/stats?campaign_id=${id}`)).body.data;
      expect(stats.total_calls).toBe(cdr.length);
      expect(cdrStats.total_calls).toBe(cdr.length);
      expect(stats.answered_calls).toBe(cdr.filter((r) => r.disposition === "answered").length);
      expect(cdrStats.busy).toBe(cdr.filter((r) => r.disposition === "busy").length);
      expect(stats.pending + stats.calling).toBe(0);
      expect(stats.dnc).toBe(DNC);
      expect(stats.answered).toBe(final.filter((l) => l.status === "answered").length);
      // Answered calls went to the campaign's extension, with the cause and SIP code recorded on refusals.
      const answered = cdr.filter((r) => r.disposition === "answered");
      expect(answered.length).toBeGreaterThan(NUMBERS * 0.3);
      for (const r of answered) expect(r).toMatchObject({ agent: "100", destination: expect.stringMatching(/^1555/) });
      const busy = cdr.find((r) => r.disposition === "busy");
      expect(busy).toMatchObject({ hangup_cause: 17 });
      expect(rig.sim.engine.channels.size).toBe(0);
    });
  });
}
