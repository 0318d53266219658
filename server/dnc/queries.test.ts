import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { MIGRATIONS_DIR, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import { memoryDb } from "@/tests/support/memory-db";
import { insertCampaign } from "../campaigns/queries";
import { addDncNumber, dncNumbersAmong, dncScopesOf, insertDncNumbers, listDncRows } from "./queries";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await memoryDb()));
afterAll(() => close());

const campaign = () =>
  insertCampaign(db, { name: "c", trunkType: "pjsip", trunkValue: "t", agentDestType: "exten", agentDestValue: "100" });

describe("dnc queries", () => {
  it("adds a number once per list: system-wide and each campaign's are separate lists", async () => {
    const a = await campaign();
    const b = await campaign();
    expect(await addDncNumber(db, { campaignId: null, phoneNumber: "5550100", source: "api" })).toEqual({ added: true });
    expect(await addDncNumber(db, { campaignId: null, phoneNumber: "5550100", source: "ivr", note: "again" })).toEqual({ added: false });
    expect(await addDncNumber(db, { campaignId: a.id, phoneNumber: "5550100", source: "agent" })).toEqual({ added: true });
    expect(await addDncNumber(db, { campaignId: a.id, phoneNumber: "5550100", source: "agent" })).toEqual({ added: false });
    expect(await addDncNumber(db, { campaignId: b.id, phoneNumber: "5550100", source: "dashboard", createdBy: null })).toEqual({ added: true });
    const { rows } = await listDncRows(db, { scope: undefined, search: "5550100", page: 1, perPage: 20 });
    expect(rows.map((r) => r.campaignId).sort()).toEqual([null, a.id, b.id].sort());
    expect(rows.find((r) => r.campaignId === null)).toMatchObject({ source: "api", note: null });
  });

  it("finds, in one call, the numbers a campaign must not dial: its own list and the system-wide one", async () => {
    const a = await campaign();
    const b = await campaign();
    await addDncNumber(db, { campaignId: null, phoneNumber: "+15550001", source: "api" });
    await addDncNumber(db, { campaignId: a.id, phoneNumber: "+15550002", source: "api" });
    await addDncNumber(db, { campaignId: b.id, phoneNumber: "+15550003", source: "api" });
    const asked = ["+15550001", "+15550002", "+15550003", "+15550004", "+15550001"];
    expect(await dncNumbersAmong(db, a.id, asked)).toEqual(new Set(["+15550001", "+15550002"]));
    expect(await dncNumbersAmong(db, b.id, asked)).toEqual(new Set(["+15550001", "+15550003"]));
    expect(await dncNumbersAmong(db, 999_999, asked)).toEqual(new Set(["+15550001"]));
    expect(await dncNumbersAmong(db, a.id, [])).toEqual(new Set());
    expect(await dncNumbersAmong(db, a.id, ["+15559999"])).toEqual(new Set());
  });

  it("a number on both lists is reported once", async () => {
    const a = await campaign();
    await addDncNumber(db, { campaignId: null, phoneNumber: "5551111", source: "api" });
    await addDncNumber(db, { campaignId: a.id, phoneNumber: "5551111", source: "api" });
    expect([...(await dncNumbersAmong(db, a.id, ["5551111"]))]).toEqual(["5551111"]);
    expect(await dncScopesOf(db, "5551111", a.id)).toEqual([null, a.id]);
    expect(await dncScopesOf(db, "5551111", a.id + 1)).toEqual([null]);
  });

  it("bulk inserts in chunks and counts only what was new", async () => {
    const a = await campaign();
    const rows = Array.from({ length: 2500 }, (_, i) => ({ campaignId: a.id, phoneNumber: String(7_000_000 + i), source: "import" as const }));
    expect(await insertDncNumbers(db, rows)).toBe(2500);
    expect(await insertDncNumbers(db, [...rows.slice(0, 10), { campaignId: a.id, phoneNumber: "7999999", source: "import" }])).toBe(1);
    const among = await dncNumbersAmong(db, a.id, rows.map((r) => r.phoneNumber));
    expect(among.size).toBe(2500);
  });

  it("looks numbers up through an index, not by scanning the table", async () => {
    // The dialer's query as it is sent, captured from a logging handle on a database of its own.
    const client = new PGlite();
    const sent: { query: string; params: unknown[] }[] = [];
    const logged = drizzle(client, { schema, logger: { logQuery: (query, params) => void sent.push({ query, params }) } });
    try {
      await migrate(logged, { migrationsFolder: MIGRATIONS_DIR });
      const c = await insertCampaign(logged as unknown as Db, { name: "c", trunkType: "pjsip", trunkValue: "t", agentDestType: "exten", agentDestValue: "100" });
      sent.length = 0;
      await dncNumbersAmong(logged as unknown as Db, c.id, ["5550001", "5550002"]);
      expect(sent).toHaveLength(1);
      // The table is tiny, so the planner would scan it anyway: forbid that, then read the plan.
      await client.exec("set enable_seqscan = off");
      const plan = (await client.query<{ "QUERY PLAN": string }>(`explain ${sent[0].query}`, sent[0].params)).rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).toMatch(/Index.* Scan .*on dnc_phone_idx|Index.* Scan .*on dnc_scope_phone_uq/);
      expect(plan).not.toMatch(/Seq Scan/);
    } finally {
      await client.close();
    }
  });
});
