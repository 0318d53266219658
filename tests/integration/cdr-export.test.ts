import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/csv";
import { allPages, dialerCampaign, waitFor } from "../support/dialer";
import { client } from "../support/api";
import { rigForSuite } from "../support/rig-suite";

/**
 * The CSV export over HTTP, against call records the dialer wrote while dialing the simulator
 * (two campaigns, one on a trunk): the file must hold exactly what the list shows for the same
 * filters, on PGlite and on PostgreSQL.
 */
const NUMBERS = 40;

describe("CDR export", () => {
  const suite = rigForSuite({ timeScale: 0.01, seed: 33 }, {});
  let token: string;
  let campaign: number;
  let other: number;
  let trunk: number;

  async function download(query: string, auth: string = token) {
    const res = await fetch(`${suite.base}/api/cdr/export${query}`, { headers: { Authorization: `Bearer ${auth}` } });
    const text = await res.text();
    return { res, text, rows: parseCsv(text).map((r) => r.fields) };
  }

  /** The export's rows for a query, as objects keyed by its header. */
  async function exported(query: string) {
    const { res, rows } = await download(query);
    expect(res.status, query).toBe(200);
    const [header, ...body] = rows;
    return body.map((fields) => Object.fromEntries(header.map((h, i) => [h, fields[i]])));
  }

  const listed = (query: string) => allPages(suite.api, `/cdr${query}`);

  beforeAll(async () => {
    const api = suite.api;
    token = (await api.post("/tokens", { name: "cdr export", permissions: ["cdr/list"] })).body.data.token;
    trunk = (await api.post("/trunks", { name: "export-carrier", type: "pjsip", value: "carrier" })).body.data.id;
    campaign = (await api.post("/campaigns", dialerCampaign("Export", { concurrent_calls: 20, retry_times: 0 }))).body.data.id;
    other = (await api.post("/campaigns", dialerCampaign("Export other", { concurrent_calls: 10, retry_times: 0 }))).body.data.id;
    expect((await api.put(`/campaigns/${campaign}/trunks`, { trunks: [{ trunk_id: trunk }] })).status).toBe(200);
    const numbers = (base: number, n: number) => Array.from({ length: n }, (_, i) => ({ phone_number: `1555${base + i}` }));
    expect((await api.post(`/campaigns/${campaign}/numbers/bulk`, { numbers: numbers(7_300_000, NUMBERS) })).status).toBe(201);
    expect((await api.post(`/campaigns/${other}/numbers/bulk`, { numbers: numbers(7_400_000, 10) })).status).toBe(201);
    for (const id of [campaign, other]) expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
    for (const id of [campaign, other]) {
      await waitFor(`campaign ${id} completed`, async () => (await api.get(`/campaigns/${id}`)).body.data.status === "completed", 120_000, 500);
    }
  }, 240_000);

  it("streams a CSV download with a header row and every record of the campaign, as the list has them", async () => {
    const { res, rows } = await download(`?campaign_id=${campaign}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="cdr_campaign-${campaign}.csv"`);
    expect(rows[0].slice(0, 8)).toEqual(["id", "start_time", "answer_time", "end_time", "campaign_id", "campaign_number_id", "destination", "dialed_number"]);
    expect(rows[0]).toEqual(expect.arrayContaining(["disposition", "outcome", "trunk_id", "recording_file", "hangup_cause_text", "sip_code"]));
    const list = await listed(`?campaign_id=${campaign}`);
    expect(list.length).toBeGreaterThanOrEqual(NUMBERS);
    const csv = await exported(`?campaign_id=${campaign}`);
    expect(csv.map((r) => r.id)).toEqual(list.map((r) => String(r.id)));
    for (const [i, r] of list.entries()) {
      for (const k of ["start_time", "destination", "disposition", "duration", "billsec", "trunk_id", "hangup_cause", "sip_code"]) {
        expect(csv[i][k], `${r.id}.${k}`).toBe(r[k] === null ? "" : String(r[k]));
      }
    }
    // The dialer's outcome for each record: one of its words, and consistent with the CDR disposition.
    expect(new Set(csv.map((r) => r.outcome)).size).toBeGreaterThan(1);
    for (const r of csv.filter((x) => x.outcome === "busy")) expect(r.disposition).toBe("busy");
  });

  it("applies the same filters as the list: trunk, disposition, outcome, number, dates", async () => {
    const day = (await listed(`?campaign_id=${campaign}`))[0].start_time.slice(0, 10);
    const one = (await listed(`?campaign_id=${other}`))[3].destination as string;
    const queries = [
      `?trunk_id=${trunk}`,
      `?campaign_id=${campaign}&disposition=answered`,
      `?campaign_id=${campaign}&disposition=busy&trunk_id=${trunk}`,
      `?outcome=busy`,
      `?outcome=no_answer&campaign_id=${other}`,
      `?number=${one}`,
      `?number=15557300*`,
      `?start_date=${day}&end_date=${day}&campaign_id=${other}`,
      `?campaign_id=${campaign}&trunk_id=${trunk + 1000}`,
    ];
    for (const q of queries) {
      const list = await listed(q);
      expect((await exported(q)).map((r) => r.id), q).toEqual(list.map((r) => String(r.id)));
    }
    // The filters really narrow: the trunk carried only the first campaign's calls, and one number is one lead's calls.
    expect((await exported(`?trunk_id=${trunk}`)).every((r) => r.campaign_id === String(campaign))).toBe(true);
    expect(new Set((await exported(`?number=${one}`)).map((r) => r.destination))).toEqual(new Set([one]));
    expect((await exported(`?number=15557300*`)).length).toBe((await listed(`?campaign_id=${campaign}`)).filter((r) => r.destination.startsWith("15557300")).length);
    const busy = await exported(`?outcome=busy`);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((r) => r.outcome === "busy")).toBe(true);
  });

  it("rejects bad filters with a 400 naming each field, before any file starts", async () => {
    const { res, text } = await download(`?number=call-me&outcome=happy&agent_id=0&start_date=2024-02-02&end_date=2024-02-01`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ success: false, code: 400 });
    expect(Object.keys(body.errors).sort()).toEqual(["agent_id", "number", "outcome"]);
    expect(body.errors.number[0]).toMatch(/phone number/);
    expect(body.errors.outcome[0]).toMatch(/^must be one of: answered, machine, abandoned/);
    const range = await download(`?start_date=2024-02-02&end_date=2024-02-01`);
    expect(JSON.parse(range.text).errors).toEqual({ end_date: ["must not be before start_date"] });
    // The list shares the filters and their messages.
    expect((await suite.api.get(`/cdr?outcome=happy`)).body.errors).toEqual({ outcome: body.errors.outcome });
  });

  it("needs the list's permission and role, and audits each export with its filters", async () => {
    const stats = (await suite.api.post("/tokens", { name: "stats only", permissions: ["cdr/stats"] })).body.data.token;
    const denied = await download(`?campaign_id=${campaign}`, stats);
    expect(denied.res.status).toBe(403);
    expect(JSON.parse(denied.text).message).toBe("Forbidden: token lacks the 'cdr/list' permission");
    expect((await fetch(`${suite.base}/api/cdr/export`)).status).toBe(401);
    await download(`?campaign_id=${other}&disposition=answered`);
    const audit = (await suite.api.get(`/audit?entity_type=cdr&per_page=100`)).body.data as any[];
    const entry = audit.find((a) => a.action === "cdr.export" && a.details?.filters?.campaign_id === other);
    expect(entry).toMatchObject({ details: { filters: { campaign_id: other, disposition: "answered" } } });
    const anon = client({ token: "0".repeat(64) }, "/api", suite.base);
    expect((await anon.get("/cdr/export")).status).toBe(401);
  });
});
