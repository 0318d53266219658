import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { memoryDb } from "@/tests/support/memory-db";
import { insertCdr } from "../cdr/queries";
import { agentStateLog } from "@/db/schema";
import { agentTimeRows, dispositionRows, summaryRows, trunkCauseRows, trunkRows } from "./queries";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await memoryDb());
  const call = (at: string, over: Partial<Parameters<typeof insertCdr>[1]> = {}) =>
    insertCdr(db, { campaignId: 1, startTime: new Date(at), disposition: "answered", duration: 30, billsec: 20, ...over });
  // 23:30 UTC on the 9th is 00:30 on the 10th at +01:00.
  await call("2024-12-09T23:30:00Z", { abandoned: true });
  await call("2024-12-09T12:00:00Z", { disposition: "busy", billsec: 0, sipCode: 486, hangupCause: 17, hangupCauseText: "USER_BUSY", trunk: "a", trunkId: 7, postDialDelayMs: 1000 });
  await call("2024-12-09T12:10:00Z", { amdResult: "MACHINE", trunk: "a", trunkId: 7, postDialDelayMs: 2000 });
  // Twenty days earlier: outside the range, inside the 30-day window.
  await call("2024-11-20T10:00:00Z", { abandoned: true });
  await call("2024-11-20T10:05:00Z");
  await call("2024-12-10T08:00:00Z", { campaignId: 2 });
});
afterAll(() => close());

describe("report queries", () => {
  it("groups days in the report's time zone: 23:30 UTC is the next day at +01:00", async () => {
    const utc = await summaryRows(db, { campaignId: 1, tz: "UTC", from: "2024-12-09", to: "2024-12-10" }, "day");
    expect(utc.map((r) => [r.bucket, r.attempts])).toEqual([["2024-12-09", 3], ["2024-12-10", 0]]);
    const paris = await summaryRows(db, { campaignId: 1, tz: "Europe/Paris", from: "2024-12-09", to: "2024-12-10" }, "day");
    expect(paris.map((r) => [r.bucket, r.attempts])).toEqual([["2024-12-09", 2], ["2024-12-10", 1]]);
  });

  it("fills every hour of the range and counts the abandonment windows back 24 h and 30 d", async () => {
    const rows = await summaryRows(db, { campaignId: 1, tz: "Europe/Paris", from: "2024-12-09", to: "2024-12-10" }, "hour");
    expect(rows).toHaveLength(48);
    const at = (bucket: string) => rows.find((r) => r.bucket === bucket)!;
    expect(at("2024-12-09 13:00")).toMatchObject({ attempts: 2, connects: 1, live_answers: 0, abandoned: 0 });
    expect(at("2024-12-10 00:00")).toMatchObject({ attempts: 1, connects: 1, live_answers: 1, abandoned: 1, live24: 1, ab24: 1, live30: 3, ab30: 2 });
    // The last hour still sees the abandoned call of 00:30 in its 24 h, and the one of 20 November in its 30 d.
    expect(at("2024-12-10 23:00")).toMatchObject({ attempts: 0, live24: 1, ab24: 1, live30: 3, ab30: 2 });
    const all = await summaryRows(db, { tz: "UTC", from: "2024-12-10", to: "2024-12-10" }, "day");
    expect(all).toEqual([expect.objectContaining({ bucket: "2024-12-10", attempts: 1, live30: 4, ab30: 2 })]);
  });

  it("counts dispositions and AMD outcomes per bucket, and trunks with their failure causes", async () => {
    const scope = { campaignId: 1, tz: "UTC", from: "2024-12-09", to: "2024-12-09" };
    expect(await dispositionRows(db, scope, "day")).toEqual([
      { bucket: "2024-12-09", answered: 2, no_answer: 0, busy: 1, failed: 0, cancelled: 0, amd_human: 0, amd_machine: 1, amd_notsure: 0 },
    ]);
    expect(await trunkRows(db, scope)).toEqual([
      { trunk_id: 7, trunk: "a", attempts: 2, answered: 1, billsec: 20, pdd_ms: 1500 },
      { trunk_id: null, trunk: "", attempts: 1, answered: 1, billsec: 20, pdd_ms: null },
    ]);
    expect(await trunkCauseRows(db, scope)).toEqual([
      { trunk_id: 7, trunk: "a", disposition: "busy", sip_code: 486, hangup_cause: 17, hangup_cause_text: "USER_BUSY", calls: 1 },
    ]);
  });

  it("cuts agents' state stretches at the range's ends", async () => {
    const at = (t: string) => new Date(t);
    await db.insert(agentStateLog).values([
      // Starts an hour before the range (UTC day 2024-12-09): only its last hour counts.
      { agentId: 5, campaignId: 1, state: "available", startedAt: at("2024-12-08T23:00:00Z"), endedAt: at("2024-12-09T01:00:00Z") },
      { agentId: 5, campaignId: 1, state: "on_call", startedAt: at("2024-12-09T01:00:00Z"), endedAt: at("2024-12-09T01:05:00Z") },
      { agentId: 5, campaignId: 1, state: "wrapup", startedAt: at("2024-12-09T01:05:00Z"), endedAt: at("2024-12-09T01:05:30Z") },
      // Still going: counts to the end of the range.
      { agentId: 5, campaignId: 1, state: "on_break", startedAt: at("2024-12-09T23:00:00Z"), endedAt: null },
      { agentId: 6, campaignId: 2, state: "available", startedAt: at("2024-12-09T10:00:00Z"), endedAt: at("2024-12-09T10:00:10Z") },
    ]);
    const rows = await agentTimeRows(db, { campaignId: 1, tz: "UTC", from: "2024-12-09", to: "2024-12-09" });
    expect(Object.fromEntries(rows.map((r) => [r.state, r.sec]))).toEqual({ available: 3600, on_call: 300, wrapup: 30, on_break: 3600 });
    expect(rows.every((r) => r.agent === "#5")).toBe(true);
  });
});
