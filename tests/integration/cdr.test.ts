import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, createToken, directSql, onPostgres, sampleCampaign, tokenClient } from "../support/api";

const CDR_KEYS = [
  "id", "campaign_id", "campaign_number_id", "channel_id", "uniqueid", "callerid", "destination", "agent", "start_time",
  "answer_time", "end_time", "duration", "billsec", "disposition", "recording_file", "recording_leg1", "recording_leg2", "created_at",
];

describe("CDR endpoints", () => {
  it("answers with empty lists and zero stats, and validates filters", async () => {
    const api = await tokenClient(["cdr/*"]);
    const list = await api.get("/cdr?campaign_id=999999");
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ success: true, message: "CDR records retrieved successfully", data: [] });
    expect(list.body.pagination).toEqual({ total: 0, per_page: 20, current_page: 1, total_pages: 1, from: null, to: null });
    const stats = await api.get("/cdr/stats?campaign_id=999999");
    expect(stats.body).toMatchObject({ message: "CDR statistics retrieved successfully" });
    expect(stats.body.data).toEqual({
      total_calls: 0, answered: 0, no_answer: 0, busy: 0, failed: 0, cancelled: 0, avg_duration: 0, avg_billsec: 0, total_duration: 0, total_billsec: 0,
    });
    for (const q of ["disposition=ringing", "start_date=2024-13-45", "start_date=yesterday", "start_date=2024-02-02&end_date=2024-02-01", "campaign_id=x"]) {
      const r = await api.get(`/cdr?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.success).toBe(false);
    }
    expect((await api.get("/cdr/stats?end_date=nope")).status).toBe(400);
    for (const bad of ["x", "0", "-3", "1.5"]) {
      const r = await api.get(`/cdr?trunk_id=${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.errors, bad).toEqual({ trunk_id: ["must be a trunk id"] });
    }
    expect((await api.get("/cdr/999999")).body).toMatchObject({ code: 404, message: "CDR record not found" });
  });
});

describe.runIf(onPostgres())("CDR filters and stats over recorded calls (PostgreSQL)", () => {
  const sql = directSql()!;
  let campaignId: number;
  let other: number;
  let trunkA: number;
  let trunkB: number;
  const api = () => client({ token });
  let token: string;

  beforeAll(async () => {
    token = (await createToken({ permissions: ["cdr/*", "campaigns/*"] })).token;
    campaignId = (await api().post("/campaigns", sampleCampaign())).body.data.id;
    other = (await api().post("/campaigns", sampleCampaign())).body.data.id;
    // Trunk ids that no trunk row holds: a CDR keeps the id of the trunk that carried it even after
    // the trunk is deleted, and the filter reads the records alone.
    [{ n: trunkA }] = await sql`select coalesce(max(id), 0) + 1000 as n from trunks`;
    trunkB = trunkA + 1;
    const rows = [
      { c: campaignId, at: "2024-12-09T10:30:00Z", disp: "answered", dur: 300, bill: 295, dest: "15551230001", agent: "100", rec: "recording-1.wav", trunk: trunkA },
      { c: campaignId, at: "2024-12-09T11:00:00Z", disp: "no_answer", dur: 30, bill: 0, dest: "15551230002", agent: null, rec: null, trunk: trunkB },
      { c: campaignId, at: "2024-12-10T09:00:00Z", disp: "busy", dur: 4, bill: 0, dest: "15551230003", agent: null, rec: null, trunk: trunkA },
      { c: campaignId, at: "2024-12-11T09:00:00Z", disp: "answered", dur: 100, bill: 91, dest: "15551230004", agent: "200", rec: null, trunk: null },
      { c: other, at: "2024-12-09T12:00:00Z", disp: "failed", dur: 1, bill: 0, dest: "15559990000", agent: null, rec: null, trunk: trunkA },
    ];
    for (const r of rows) {
      await sql`insert into cdr (campaign_id, channel_id, uniqueid, callerid, destination, agent, start_time, answer_time, end_time, duration, billsec, disposition, recording_file, trunk_id)
        values (${r.c}, ${"chan-" + r.dest}, ${"uid-" + r.dest}, '1234567890', ${r.dest}, ${r.agent}, ${r.at}, ${r.disp === "answered" ? r.at : null}, ${r.at}, ${r.dur}, ${r.bill}, ${r.disp}, ${r.rec}, ${r.trunk})`;
    }
  });
  afterAll(() => sql.end({ timeout: 5 }));

  it("lists newest first in the documented shape", async () => {
    const r = await api().get(`/cdr?campaign_id=${campaignId}`);
    expect(r.body.pagination.total).toBe(4);
    expect(r.body.data.map((x: { destination: string }) => x.destination)).toEqual(["15551230004", "15551230003", "15551230002", "15551230001"]);
    const first = r.body.data[3];
    expect(Object.keys(first)).toEqual(expect.arrayContaining(CDR_KEYS));
    expect(first).toMatchObject({ campaign_id: campaignId, start_time: "2024-12-09 10:30:00", answer_time: "2024-12-09 10:30:00", duration: 300, billsec: 295, disposition: "answered", recording_file: "recording-1.wav" });
    const one = await api().get(`/cdr/${first.id}`);
    expect(one.body).toMatchObject({ success: true, message: "CDR record retrieved successfully", data: first });
  });

  it("filters by disposition, inclusive date range, search and page", async () => {
    const ids = async (q: string) => (await api().get(`/cdr?campaign_id=${campaignId}&${q}`)).body.data.map((x: { destination: string }) => x.destination.slice(-1));
    expect(await ids("disposition=answered")).toEqual(["4", "1"]);
    expect(await ids("start_date=2024-12-09&end_date=2024-12-09")).toEqual(["2", "1"]);
    expect(await ids("start_date=2024-12-10")).toEqual(["4", "3"]);
    expect(await ids("end_date=2024-12-10")).toEqual(["3", "2", "1"]);
    expect(await ids("search=200")).toEqual(["4"]);
    expect(await ids("search=1230003")).toEqual(["3"]);
    expect(await ids("per_page=2&page=2")).toEqual(["2", "1"]);
    const all = await api().get(`/cdr?start_date=2024-12-09&end_date=2024-12-09`);
    expect(all.body.data.map((x: { campaign_id: number }) => x.campaign_id)).toEqual(expect.arrayContaining([campaignId, other]));
  });

  it("filters by the trunk that carried the call, in the list and its stats", async () => {
    const dests = async (q: string) => (await api().get(`/cdr?${q}`)).body.data.map((x: { destination: string }) => x.destination);
    expect(await dests(`trunk_id=${trunkA}`)).toEqual(["15551230003", "15559990000", "15551230001"]);
    expect(await dests(`trunk_id=${trunkA}&campaign_id=${campaignId}`)).toEqual(["15551230003", "15551230001"]);
    expect(await dests(`trunk_id=${trunkB}`)).toEqual(["15551230002"]);
    expect(await dests(`trunk_id=${trunkB + 1}`)).toEqual([]);
    const stats = (await api().get(`/cdr/stats?campaign_id=${campaignId}&trunk_id=${trunkA}`)).body.data;
    expect(stats).toMatchObject({ total_calls: 2, answered: 1, busy: 1, total_duration: 304 });
  });

  it("computes stats for a campaign and a date range", async () => {
    const s = (await api().get(`/cdr/stats?campaign_id=${campaignId}`)).body.data;
    expect(s).toEqual({ total_calls: 4, answered: 2, no_answer: 1, busy: 1, failed: 0, cancelled: 0, avg_duration: 108.5, avg_billsec: 96.5, total_duration: 434, total_billsec: 386 });
    const day = (await api().get(`/cdr/stats?campaign_id=${campaignId}&start_date=2024-12-09&end_date=2024-12-09`)).body.data;
    expect(day).toMatchObject({ total_calls: 2, answered: 1, no_answer: 1, total_duration: 330 });
    const c = (await api().get(`/campaigns/${campaignId}/stats`)).body.data;
    expect(c).toMatchObject({ total_calls: 4, answered_calls: 2 });
  });
});
