import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { leads } from "@/db/schema";
import { memoryDb } from "@/tests/support/memory-db";
import { insertCampaign } from "../campaigns/queries";
import { insertLeads, resetLeadsOnStop } from "../leads/queries";
import { adoptUnlistedLeads, ensureDefaultList, insertList, listStatsFor } from "./queries";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await memoryDb()));
afterAll(() => close());

const campaign = (name = "c") => insertCampaign(db, { name, trunkType: "pjsip", trunkValue: "t", agentDestType: "exten", agentDestValue: "100" });

describe("list queries", () => {
  it("creates a campaign's default list once", async () => {
    const c = await campaign("Sales");
    const a = await ensureDefaultList(db, c);
    const b = await ensureDefaultList(db, c);
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({ campaignId: c.id, isDefault: true, name: "Sales — numbers" });
  });

  it("dedupes within a list, not across lists, and counts leads by status per list", async () => {
    const c = await campaign();
    const one = await insertList(db, { name: "one", campaignId: c.id });
    const two = await insertList(db, { name: "two", campaignId: c.id });
    expect((await insertLeads(db, { campaignId: c.id, listId: one.id }, [{ phoneNumber: "5550001", data: null }, { phoneNumber: "5550002", data: null, extraPhones: ["5550003"], dncPhones: new Set(["5550002", "5550003"]) }])).inserted).toBe(2);
    const again = await insertLeads(db, { campaignId: c.id, listId: one.id }, [{ phoneNumber: "5550001", data: null }]);
    expect([...again.existing]).toEqual(["5550001"]);
    expect((await insertLeads(db, { campaignId: c.id, listId: two.id }, [{ phoneNumber: "5550001", data: null }])).inserted).toBe(1);
    const stats = await listStatsFor(db, [one.id, two.id]);
    // Every number of the second lead is barred: it is on the do-not-call list from the start.
    expect(stats.get(one.id)).toMatchObject({ total: 2, pending: 1, dnc: 1 });
    expect(stats.get(two.id)).toMatchObject({ total: 1, pending: 1 });
  });

  it("moves leads from before lists into their campaign's default list", async () => {
    const c = await campaign();
    await db.insert(leads).values([{ campaignId: c.id, phoneNumber: "5551001" }, { campaignId: c.id, phoneNumber: "5551002" }]);
    expect(await adoptUnlistedLeads(db)).toBeGreaterThanOrEqual(2);
    const def = await ensureDefaultList(db, c);
    const rows = await db.select().from(leads).where(eq(leads.campaignId, c.id));
    expect(rows.map((r) => r.listId)).toEqual([def.id, def.id]);
    expect(await adoptUnlistedLeads(db)).toBe(0);
  });

  it("a stop starts every number of a lead over, barred numbers staying barred", async () => {
    const c = await campaign();
    const l = await insertList(db, { name: "l", campaignId: c.id });
    await insertLeads(db, { campaignId: c.id, listId: l.id }, [{ phoneNumber: "5552001", extraPhones: ["5552002", "5552003"], dncPhones: new Set(["5552003"]), data: null }]);
    await db.execute(sql`update leads set status = 'calling', attempts = 3, phone_position = 2,
      phones = jsonb_set(jsonb_set(phones, '{0,attempts}', '2'), '{1,attempts}', '1') where campaign_id = ${c.id}`);
    expect(await resetLeadsOnStop(db, c.id)).toBe(1);
    const [lead] = await db.select().from(leads).where(eq(leads.campaignId, c.id));
    expect(lead).toMatchObject({ status: "pending", attempts: 0, phonePosition: 1 });
    expect(lead.phones!.map((p) => [p.number, p.attempts, p.state])).toEqual([
      ["5552001", 0, "pending"],
      ["5552002", 0, "pending"],
      ["5552003", 0, "dnc"],
    ]);
  });
});
