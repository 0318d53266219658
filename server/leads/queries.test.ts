import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { leads } from "@/db/schema";
import { memoryDb } from "@/tests/support/memory-db";
import { insertCampaign } from "../campaigns/queries";
import { ensureDefaultList } from "../lists/queries";
import { insertLeads, resetLeadsOnStop } from "./queries";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await memoryDb()));
afterAll(() => close());

const campaign = async () => {
  const c = await insertCampaign(db, { name: "c", trunkType: "pjsip", trunkValue: "t", agentDestType: "exten", agentDestValue: "100" });
  const list = await ensureDefaultList(db, c);
  return { ...c, target: { campaignId: c.id, listId: list.id } };
};

describe("lead queries", () => {
  it("skips numbers a campaign already has and reports them", async () => {
    const c = await campaign();
    expect(await insertLeads(db, c.target, [{ phoneNumber: "1", data: null }, { phoneNumber: "2", data: { a: 1 } }])).toEqual({ inserted: 2, existing: new Set() });
    const again = await insertLeads(db, c.target, [{ phoneNumber: "2", data: null }, { phoneNumber: "3", data: null }]);
    expect(again.inserted).toBe(1);
    expect([...again.existing]).toEqual(["2"]);
    const other = await campaign();
    expect((await insertLeads(db, other.target, [{ phoneNumber: "2", data: null }])).inserted).toBe(1);
  });

  it("inserts large lists in chunks", async () => {
    const c = await campaign();
    const rows = Array.from({ length: 2500 }, (_, i) => ({ phoneNumber: String(1_000_000 + i), data: null }));
    expect((await insertLeads(db, c.target, rows)).inserted).toBe(2500);
  });

  it("on stop, resets pending and calling numbers to pending with no attempts, and leaves finished ones", async () => {
    const c = await campaign();
    await insertLeads(db, c.target, ["a", "b", "c", "d"].map((p) => ({ phoneNumber: p, data: null })));
    const set = (phone: string, values: Partial<typeof leads.$inferInsert>) => db.update(leads).set(values).where(eq(leads.phoneNumber, phone));
    await set("a", { status: "calling", attempts: 1, nextAttemptAt: new Date() });
    await set("b", { status: "pending", attempts: 2, nextAttemptAt: new Date() });
    await set("c", { status: "busy", attempts: 3 });
    await set("d", { status: "completed", attempts: 1 });
    expect(await resetLeadsOnStop(db, c.id)).toBe(2);
    const rows = Object.fromEntries((await db.select().from(leads).where(eq(leads.campaignId, c.id))).map((l) => [l.phoneNumber, l]));
    expect(rows.a).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: null });
    expect(rows.b).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: null });
    expect(rows.c).toMatchObject({ status: "busy", attempts: 3 });
    expect(rows.d).toMatchObject({ status: "completed", attempts: 1 });
  });
});
