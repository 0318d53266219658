import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { callAttempts } from "@/db/schema";
import { parseCsv } from "@/lib/csv";
import { memoryDb } from "@/tests/support/memory-db";
import { CDR_CSV_COLUMNS, cdrCsvStream, cdrExportFileName } from "./export";
import { insertCdr, listCdrRows, type CdrFilter } from "./queries";

let db: Db;
let close: () => Promise<void>;

async function exportRows(f: CdrFilter, batchRows: number) {
  const text = await new Response(cdrCsvStream(db, f, batchRows)).text();
  const [header, ...rows] = parseCsv(text).map((r) => r.fields);
  return { header, rows: rows.map((fields) => Object.fromEntries(CDR_CSV_COLUMNS.map((c, i) => [c, fields[i]]))) };
}

async function attempt(outcome: (typeof callAttempts.$inferInsert)["outcome"], n: number) {
  const [row] = await db
    .insert(callAttempts)
    .values({ campaignId: 1, leadId: n, phoneNumber: `555${n}`, attemptNo: 1, channelId: `exp-${n}`, pbxKey: "sim:test", owner: "test", dialString: "x", state: "ended", outcome })
    .returning();
  return row.id;
}

beforeAll(async () => {
  ({ db, close } = await memoryDb());
  // Many records share a start time (ties the cursor must break by id), and a few carry
  // microseconds, which a cursor kept as a JavaScript Date would lose.
  for (let i = 0; i < 23; i++) {
    await insertCdr(db, {
      campaignId: i % 2 ? 1 : 2,
      startTime: new Date(Date.UTC(2024, 11, 10, 9, Math.floor(i / 5))),
      disposition: i % 3 ? "no_answer" : "answered",
      destination: `1555000${String(i).padStart(4, "0")}`,
      callerid: "15559990000",
      agentId: i % 4 === 0 ? 7 : null,
      agent: i % 4 === 0 ? "Ada" : null,
    });
  }
  await db.execute(sql`insert into cdr (campaign_id, start_time, disposition, destination, callerid)
    values (3, '2024-12-10 09:02:00.000100+00', 'busy', '+15551110001', '15559990000'),
           (3, '2024-12-10 09:02:00.000900+00', 'busy', '15551110002', '"Acme, Inc" <15559990001>')`);
  await insertCdr(db, { campaignId: 4, startTime: new Date("2024-12-11T10:00:00Z"), disposition: "answered", destination: "15552220001", attemptId: await attempt("machine", 1), amdResult: "MACHINE" });
  await insertCdr(db, { campaignId: 4, startTime: new Date("2024-12-11T10:01:00Z"), disposition: "answered", destination: "15552220002", attemptId: await attempt("abandoned", 2), abandoned: true });
  await insertCdr(db, { campaignId: 4, startTime: new Date("2024-12-11T10:02:00Z"), disposition: "failed", destination: "15552220003", attemptId: await attempt("unavailable", 3), sipCode: 404 });
});
afterAll(() => close());

describe("CDR CSV export", () => {
  it("streams every record once, newest first, across batch boundaries, ties and microseconds", async () => {
    const listed = (await listCdrRows(db, {}, 1, 100)).rows.map((r) => String(r.id));
    expect(listed).toHaveLength(28);
    for (const batch of [1, 4, 27, 28, 1000]) {
      const { header, rows } = await exportRows({}, batch);
      expect(header, `batch ${batch}`).toEqual([...CDR_CSV_COLUMNS]);
      expect(rows.map((r) => r.id), `batch ${batch}`).toEqual(listed);
    }
  });

  it("applies the list's filters and writes the attempt's outcome", async () => {
    const { rows } = await exportRows({ campaignId: 4 }, 2);
    expect(rows.map((r) => [r.destination, r.disposition, r.outcome])).toEqual([
      ["15552220003", "failed", "unavailable"],
      ["15552220002", "answered", "abandoned"],
      ["15552220001", "answered", "machine"],
    ]);
    expect((await exportRows({ outcome: "machine" }, 5)).rows.map((r) => r.amd_result)).toEqual(["MACHINE"]);
    expect((await exportRows({ agentId: 7, startDate: "2024-12-10", endDate: "2024-12-10" }, 2)).rows.map((r) => r.agent)).toEqual(["Ada", "Ada", "Ada", "Ada", "Ada", "Ada"]);
    expect((await exportRows({ disposition: "busy", campaignId: 1 }, 2)).rows).toEqual([]);
  });

  it("quotes what needs quoting, so a caller ID with a comma stays one field", async () => {
    const { rows } = await exportRows({ number: "15551110002" }, 10);
    expect(rows.map((r) => r.callerid)).toEqual(['"Acme, Inc" <15559990001>']);
    expect(rows[0].outcome).toBe("");
  });

  it("names the file after its campaign and days", () => {
    expect(cdrExportFileName({ campaignId: 3, startDate: "2024-12-01", endDate: "2024-12-09" })).toBe("cdr_campaign-3_2024-12-01_2024-12-09.csv");
    expect(cdrExportFileName({})).toBe("cdr_all.csv");
  });
});

describe("CDR filters: number, agent, outcome", () => {
  const dests = async (f: CdrFilter) => (await listCdrRows(db, f, 1, 100)).rows.map((r) => r.destination);

  it("matches a number exactly, with or without its +, on the destination or the caller ID", async () => {
    expect(await dests({ number: "15551110001" })).toEqual(["+15551110001"]);
    expect(await dests({ number: "15550000012" })).toEqual(["15550000012"]);
    // Part of a number is not a match (that is what search is for)...
    expect(await dests({ number: "5550000012" })).toEqual([]);
    // ...unless asked for as a prefix.
    expect(await dests({ number: "1555111*" })).toEqual(["15551110002", "+15551110001"]);
    expect((await listCdrRows(db, { number: "15559990000" }, 1, 100)).total).toBe(24);
  });

  it("filters by the agent who took the call and by the attempt's outcome", async () => {
    expect((await listCdrRows(db, { agentId: 7 }, 1, 100)).total).toBe(6);
    expect((await listCdrRows(db, { agentId: 8 }, 1, 100)).total).toBe(0);
    expect(await dests({ outcome: "abandoned" })).toEqual(["15552220002"]);
    expect(await dests({ outcome: "answered" })).toEqual([]);
  });
});
