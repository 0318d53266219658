import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, callAttempts, cdr, cdrIntake } from "@/db/schema";
import { memoryDb } from "@/tests/support/memory-db";
import { fillCdrFromIntake, fillNewCdrsFromIntake, insertIntake } from "./intake-queries";
import { insertCdr } from "./queries";

let db: Db;
let close: () => Promise<void>;

beforeAll(async () => ({ db, close } = await memoryDb()));
afterAll(() => close());

async function attempt(channelId: string) {
  const [row] = await db
    .insert(callAttempts)
    .values({ campaignId: 3, leadId: 9, phoneNumber: "15550001111", attemptNo: 1, channelId, pbxKey: "sim", owner: "test", dialString: "sofia/gateway/carrier/15550001111", state: "ended" })
    .returning();
  return row;
}

const switchRecord = (uuid: string, attemptId: number, over: Partial<typeof cdrIntake.$inferInsert> = {}) => ({
  uuid,
  attemptId,
  campaignId: 3,
  leadId: 9,
  callerIdNumber: "15550009999",
  startTime: new Date("2026-01-05T10:00:00Z"),
  answerTime: new Date("2026-01-05T10:00:04Z"),
  endTime: new Date("2026-01-05T10:00:46Z"),
  duration: 46,
  billsec: 42,
  hangupCause: "NORMAL_CLEARING",
  hangupCauseCode: 16,
  sipCode: 200,
  variables: {},
  ...over,
});

describe("CDR intake against Pacer's CDR", () => {
  it("fills only what Pacer's record lacks and never overwrites what it measured", async () => {
    const a = await attempt("intake-fill-1");
    // Pacer lost sight of this call (no cause, no talk time) but knew its caller ID.
    const pacer = await insertCdr(db, { campaignId: 3, attemptId: a.id, channelId: a.channelId, startTime: new Date("2026-01-05T10:00:00Z"), answerTime: new Date("2026-01-05T10:00:04Z"), disposition: "answered", callerid: "18005550100", billsec: 0, duration: 45 });
    const row = (await insertIntake(db, switchRecord(a.channelId, a.id)))!;
    const filled = await fillCdrFromIntake(db, pacer, row);
    expect(filled.sort()).toEqual(["billsec", "end_time", "hangup_cause", "hangup_cause_text"]);
    const [after] = await db.select().from(cdr).where(eq(cdr.id, pacer.id));
    expect(after).toMatchObject({ billsec: 42, duration: 45, callerid: "18005550100", hangupCause: 16, hangupCauseText: "NORMAL_CLEARING", sipCode: null });
    expect(after.endTime?.toISOString()).toBe("2026-01-05T10:00:46.000Z");
    const [linked] = await db.select().from(cdrIntake).where(eq(cdrIntake.id, row.id));
    expect(linked.cdrId).toBe(pacer.id);
  });

  it("a failure's SIP code fills an empty one; a 200 does not", async () => {
    const a = await attempt("intake-fill-2");
    const pacer = await insertCdr(db, { campaignId: 3, attemptId: a.id, channelId: a.channelId, startTime: new Date(), disposition: "busy", hangupCause: 17, hangupCauseText: "User busy" });
    const row = (await insertIntake(db, switchRecord(a.channelId, a.id, { sipCode: 486, hangupCause: "USER_BUSY", hangupCauseCode: 17, billsec: 0, answerTime: null })))!;
    expect(await fillCdrFromIntake(db, pacer, row)).toEqual(expect.arrayContaining(["sip_code"]));
    const [after] = await db.select().from(cdr).where(eq(cdr.id, pacer.id));
    expect(after).toMatchObject({ sipCode: 486, hangupCause: 17, hangupCauseText: "User busy", billsec: 0 });
  });

  it("a record that arrived before the attempt closed fills the CDR the dialer writes, audited as the system", async () => {
    const a = await attempt("intake-early-1");
    const other = await attempt("intake-early-2");
    const early = (await insertIntake(db, switchRecord(a.channelId, a.id)))!;
    const pacer = await insertCdr(db, { campaignId: 3, attemptId: a.id, channelId: a.channelId, startTime: new Date(), disposition: "answered" });
    const untouched = await insertCdr(db, { campaignId: 3, attemptId: other.id, channelId: other.channelId, startTime: new Date(), disposition: "answered" });
    await fillNewCdrsFromIntake(db, [a.channelId, other.channelId]);
    const [after] = await db.select().from(cdr).where(eq(cdr.id, pacer.id));
    expect(after).toMatchObject({ billsec: 42, duration: 46, hangupCause: 16, callerid: "15550009999" });
    const [still] = await db.select().from(cdr).where(eq(cdr.id, untouched.id));
    expect(still).toMatchObject({ billsec: 0, hangupCause: null });
    const [linked] = await db.select().from(cdrIntake).where(eq(cdrIntake.id, early.id));
    expect(linked.cdrId).toBe(pacer.id);
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "cdr.intake_matched"));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ username: "system", entityType: "cdr_intake", entityId: String(early.id) });
    // Done once: a second pass finds nothing waiting.
    await fillNewCdrsFromIntake(db, [a.channelId]);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "cdr.intake_matched"))).toHaveLength(1);
  });

  it("stores one record per uuid", async () => {
    const a = await attempt("intake-once");
    expect(await insertIntake(db, switchRecord(a.channelId, a.id))).toBeDefined();
    expect(await insertIntake(db, switchRecord(a.channelId, a.id, { billsec: 1 }))).toBeUndefined();
    expect(await db.select().from(cdrIntake).where(eq(cdrIntake.uuid, a.channelId))).toHaveLength(1);
  });
});
