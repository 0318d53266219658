import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { memoryDb } from "@/tests/support/memory-db";
import { cdrStats, insertCdr, listCdrRows } from "./queries";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await memoryDb());
  const calls = [
    { campaignId: 1, startTime: new Date("2024-12-09T23:59:59Z"), disposition: "answered" as const, duration: 60, billsec: 50, agent: "100", destination: "555100" },
    { campaignId: 1, startTime: new Date("2024-12-10T00:00:00Z"), disposition: "busy" as const, duration: 5, billsec: 0, destination: "555_%x" },
    { campaignId: 2, startTime: new Date("2024-12-10T12:00:00Z"), disposition: "cancelled" as const, duration: 2, billsec: 0, destination: "555300" },
  ];
  for (const c of calls) await insertCdr(db, c);
});
afterAll(() => close());

describe("CDR queries", () => {
  it("treats date filters as whole UTC days, inclusive", async () => {
    expect((await listCdrRows(db, { endDate: "2024-12-09" }, 1, 20)).total).toBe(1);
    expect((await listCdrRows(db, { startDate: "2024-12-10" }, 1, 20)).total).toBe(2);
    expect((await listCdrRows(db, { startDate: "2024-12-09", endDate: "2024-12-10" }, 1, 20)).total).toBe(3);
  });

  it("searches literally: % and _ in a search are not wildcards", async () => {
    expect((await listCdrRows(db, { search: "_%" }, 1, 20)).rows.map((r) => r.destination)).toEqual(["555_%x"]);
    expect((await listCdrRows(db, { search: "100" }, 1, 20)).total).toBe(1);
  });

  it("sums and averages per filter", async () => {
    expect(await cdrStats(db, { campaignId: 1 })).toEqual({
      total_calls: 2, answered: 1, no_answer: 0, busy: 1, failed: 0, cancelled: 0, avg_duration: 32.5, avg_billsec: 25, total_duration: 65, total_billsec: 50,
    });
    expect((await cdrStats(db, {})).cancelled).toBe(1);
  });
});
