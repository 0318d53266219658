import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/csv";
import { adminClient, adminSession, baseUrl, sampleCampaign, tokenClient, type Client } from "../support/api";
import { agentUser, allPages, dialCounts, dialerCampaign, waitFor } from "../support/dialer";
import { rigForSuite } from "../support/rig-suite";

/**
 * Compliance evidence: every attempt carries the decision that let it out (the called party's zone
 * and where it came from, their local time, the window, the DNC lists checked, abandonment, pacing,
 * ring timeout); the summary and the CSV ledger are judged from it.
 */

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Wall-clock "HH:MM" in `zone` at `at`, by Intl (independently of the dialer's own clock code). */
function localHHMM(zone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get("hour")}:${get("minute")}`;
}

async function fetchCsv(base: string, cookie: string, path: string) {
  const res = await fetch(`${base}/api${path}`, { headers: { Cookie: cookie } });
  const text = await res.text();
  const [header, ...rows] = parseCsv(text).map((r) => r.fields);
  return { res, text, rows: rows.map((fields) => Object.fromEntries(header.map((c, i) => [c, fields[i]]))) };
}

describe("compliance API: bad input", () => {
  let api: Client;
  let campaignId: number;
  beforeAll(async () => {
    api = await adminClient();
    const created = await api.post("/campaigns", sampleCampaign());
    expect(created.status).toBe(201);
    campaignId = created.body.data.id;
  });

  it("answers an empty period with zeros", async () => {
    const r = await api.get(`/campaigns/${campaignId}/compliance?from=2025-01-01&to=2025-01-31`);
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({
      campaign_id: campaignId,
      from: "2025-01-01T00:00:00.000Z",
      to: "2025-01-31T23:59:59.999Z",
      attempts: 0,
      with_evidence: 0,
      outside_window: 0,
      dnc_dialed: 0,
      zone_sources: {},
      connect: { applies: false, human_answers: 0, within_2s: 0, rate: null },
    });
    expect(r.body.data.abandonment.window_24h).toEqual({ live_answers: 0, abandoned: 0, rate: 0 });
  });

  it.each([
    ["from=yesterday", "from"],
    ["from=2025-02-30", "from"],
    ["to=2025-13-01", "to"],
    ["from=2025-03-01&to=2025-02-01", "to"],
    ["from=2020-01-01&to=2025-01-01", "to"],
    ["format=xml", "format"],
  ])("refuses %s with a 400 naming %s", async (query, field) => {
    const r = await api.get(`/campaigns/${campaignId}/compliance?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[field]).toBeDefined();
  });

  it("404s an unknown or malformed campaign id, on both routes, and writes nothing", async () => {
    const auditBefore = (await api.get(`/audit?entity_type=campaign&per_page=100`)).body.data.filter((a: any) => a.action === "campaign.compliance_export").length;
    expect((await api.get(`/campaigns/99999999/compliance`)).status).toBe(404);
    expect((await api.get(`/campaigns/abc/compliance`)).status).toBe(404);
    const cookie = await adminSession();
    for (const path of [`/campaigns/99999999/compliance/ledger.csv`, `/campaigns/99999999/compliance?format=csv`, `/campaigns/0/compliance/ledger.csv`, `/campaigns/${campaignId}/compliance/ledger.csv?from=nope`]) {
      const res = await fetch(`${baseUrl()}/api${path}`, { headers: { Cookie: cookie } });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect((await res.json()).success).toBe(false);
    }
    const auditAfter = (await api.get(`/audit?entity_type=campaign&per_page=100`)).body.data.filter((a: any) => a.action === "campaign.compliance_export").length;
    expect(auditAfter).toBe(auditBefore);
  });

  it("needs the campaigns/compliance permission, and audits each ledger download", async () => {
    expect((await (await tokenClient(["campaigns/stats"])).get(`/campaigns/${campaignId}/compliance`)).status).toBe(403);
    expect((await (await tokenClient(["campaigns/compliance"])).get(`/campaigns/${campaignId}/compliance`)).status).toBe(200);
    const { res, rows, text } = await fetchCsv(baseUrl(), await adminSession(), `/campaigns/${campaignId}/compliance/ledger.csv?from=2025-01-01&to=2025-01-02`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain(`compliance_campaign-${campaignId}_2025-01-01_2025-01-02.csv`);
    expect(rows).toHaveLength(0);
    expect(text.split("\r\n")[0]).toContain("zone_source");
    const audit = (await api.get(`/audit?entity_type=campaign&per_page=100`)).body.data as any[];
    expect(audit.find((a) => a.action === "campaign.compliance_export" && a.entity_id === String(campaignId))).toBeDefined();
  });

  it("is described in /api/openapi.json", async () => {
    const doc = await (await fetch(`${baseUrl()}/api/openapi.json`)).json();
    const summary = doc.paths["/campaigns/{id}/compliance"].get;
    expect(summary.description).toContain("campaigns/compliance");
    expect(summary.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["id", "from", "to", "format"]));
    expect(summary.responses["200"].content["application/json"].schema.properties.data.properties.outside_window).toBeDefined();
    expect(doc.paths["/campaigns/{id}/compliance/ledger.csv"].get.responses["200"].content["text/csv"]).toBeDefined();
  });
});

/**
 * A campaign in New York time whose calling window is the three hours around New York's hour now.
 * Leads: one placed by its number's area code (212), one by its own time-zone field (Toronto, New
 * York's clock), one by its state (IL, an hour behind: still inside), one in Tokyo (outside the
 * window: never dialed), and two on do-not-call lists (system-wide and the campaign's).
 */
for (const driver of ["ari", "esl"] as const) {
  describe(`compliance evidence over ${driver.toUpperCase()}`, () => {
    const suite = rigForSuite({ timeScale: 0.01, seed: driver === "ari" ? 61 : 62, model: { humanRate: 1, machineRate: 0 } }, { driver });

    it("records each attempt's decision and judges the summary and ledger from it", { timeout: 180_000 }, async () => {
      const { rig, api, base, cookie } = suite;
      const nyHour = Number(localHHMM("America/New_York", new Date()).slice(0, 2));
      // An hour before to two after (wrapping past midnight when it must).
      const window = { start: `${pad2((nyHour + 23) % 24)}:00`, end: `${pad2((nyHour + 2) % 24)}:00` };
      // Progressive with agents over ARI (the 2-second connect figure applies); agentless over ESL.
      const mode = driver === "ari" ? { dial_mode: "progressive", wrapup_sec: 0 } : { dial_mode: "agentless", concurrent_calls: 5 };
      const created = await api.post("/campaigns", dialerCampaign(`Evidence ${driver}`, {
        ...mode,
        timezone: "America/New_York",
        calling_hours_start: window.start,
        calling_hours_end: window.end,
        retry_times: 0,
      }));
      expect(created.status).toBe(201);
      const id = created.body.data.id as number;
      const base10 = driver === "ari" ? 5550100 : 5550200;
      const phone = (i: number) => `1212${base10 + i}`;
      const leads = [
        { phone_number: phone(1) },
        { phone_number: `1555${base10 + 2}`, timezone: "America/Toronto" },
        { phone_number: phone(3), state: "IL" },
        { phone_number: phone(4), timezone: "Asia/Tokyo" },
        { phone_number: phone(5) },
        { phone_number: phone(6) },
      ];
      expect((await api.post(`/campaigns/${id}/numbers/bulk`, { numbers: leads })).status).toBe(201);
      const systemDnc = await api.post("/dnc", { phone_number: phone(5) });
      const campaignDnc = await api.post("/dnc", { phone_number: phone(6), campaign_id: id });
      expect([systemDnc.status, campaignDnc.status]).toEqual([201, 201]);

      if (driver === "ari") {
        const agent = await agentUser(api, base, "Evidence Agent", "2101");
        expect((await api.post(`/agents/${agent.id}/login`, { campaign_id: id })).status).toBe(200);
        await waitFor("agent available", async () => (await api.get(`/agents/${agent.id}`)).body.data.state === "available", 20_000);
      }
      expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
      await waitFor("the three callable leads settled", async () => {
        const s = (await api.get(`/campaigns/${id}/stats`)).body.data;
        return s.calling === 0 && s.total_calls === 3 && s;
      }, 120_000, 300);

      const counts = dialCounts(rig.sim);
      for (const i of [4, 5, 6]) expect(counts.get(phone(i)) ?? 0).toBe(0);

      const { res, rows } = await fetchCsv(base, cookie, `/campaigns/${id}/compliance/ledger.csv`);
      expect(res.status).toBe(200);
      expect(rows).toHaveLength(3);
      const byPhone = new Map(rows.map((r) => [r.phone_number, r]));
      expect(byPhone.get(phone(1))).toMatchObject({ zone: "America/New_York", zone_source: "area_code" });
      expect(byPhone.get(`1555${base10 + 2}`)).toMatchObject({ zone: "America/Toronto", zone_source: "lead" });
      expect(byPhone.get(phone(3))).toMatchObject({ zone: "America/Chicago", zone_source: "state" });
      const dnc = (await api.get(`/dnc?per_page=100`)).body.data as any[];
      const createdAt = (phoneNumber: string) => dnc.find((d) => d.phone_number === phoneNumber).created_at as string;
      for (const r of rows) {
        // The local time is the wall clock in the recorded zone at the recorded decision, and inside the window.
        expect(r.local_time).toBe(localHHMM(r.zone, new Date(r.decided_at)));
        expect(r).toMatchObject({ window_start: window.start, window_end: window.end, within_window: "1", on_dnc_at_dial: "0", campaign_zone: "America/New_York", ring_timeout_sec: "30" });
        // Both lists checked, each with its newest entry's time (the API prints seconds).
        const lists = r.dnc_lists.split("; ");
        expect(lists).toHaveLength(2);
        expect(lists[0]).toMatch(/^system@/);
        expect(lists[0].slice("system@".length, "system@".length + 19).replace("T", " ")).toBe(createdAt(phone(5)));
        expect(lists[1].startsWith(`campaign ${id}@`)).toBe(true);
        expect(lists[1].slice(`campaign ${id}@`.length, `campaign ${id}@`.length + 19).replace("T", " ")).toBe(createdAt(phone(6)));
        expect(r.abandon_rate_24h).toBe("0");
        expect(r.abandon_rate_30d).toBe("0");
        expect(r.abandon_cap).toBe("0.03");
        expect(r.outcome).toBe("answered");
        if (driver === "ari") {
          expect(r).toMatchObject({ pacing_mode: "progressive", pacing_ready_agents: "1", pacing_lines: "1", pacing_ratio: "1" });
          expect(r.connected_at).not.toBe("");
          expect(Number(r.connect_ms)).toBeLessThanOrEqual(2000);
        }
      }

      const summary = (await api.get(`/campaigns/${id}/compliance`)).body.data;
      expect(summary).toMatchObject({
        attempts: 3,
        with_evidence: 3,
        outside_window: 0,
        dnc_dialed: 0,
        zone_sources: { area_code: 1, lead: 1, state: 1 },
        abandonment: { cap: 0.03, period: { live_answers: 3, abandoned: 0, rate: 0 }, window_24h: { live_answers: 3, abandoned: 0, rate: 0 }, max_24h_at_dial: 0 },
      });
      if (driver === "ari") expect(summary.connect).toEqual({ applies: true, human_answers: 3, within_2s: 3, rate: 1 });
      else expect(summary.connect).toMatchObject({ applies: false, rate: null });

      // A number listed after it was called was not on a list at dial time.
      expect((await api.post("/dnc", { phone_number: phone(1), campaign_id: id })).status).toBe(201);
      expect((await api.get(`/campaigns/${id}/compliance`)).body.data.dnc_dialed).toBe(0);
      expect((await fetchCsv(base, cookie, `/campaigns/${id}/compliance/ledger.csv`)).rows.find((r) => r.phone_number === phone(1))?.on_dnc_at_dial).toBe("0");

      // The same ledger through format=csv, and a period before the calls holds none of them.
      const viaFormat = await fetchCsv(base, cookie, `/campaigns/${id}/compliance?format=csv`);
      expect(viaFormat.rows.map((r) => r.attempt_id).sort()).toEqual(rows.map((r) => r.attempt_id).sort());
      expect((await api.get(`/campaigns/${id}/compliance?to=2025-01-01`)).body.data.attempts).toBe(0);
      expect((await allPages(api, `/cdr?campaign_id=${id}`)).length).toBe(3);
    });
  });
}
