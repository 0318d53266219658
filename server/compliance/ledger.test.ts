import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { callAttempts, dncNumbers, type AttemptEvidence } from "@/db/schema";
import { parseCsv } from "@/lib/csv";
import { memoryDb } from "@/tests/support/memory-db";
import { minutesInWindow, parseClock } from "../dialer/compliance/calling-hours";
import { LEDGER_CSV_COLUMNS, ledgerCsvStream } from "./ledger";
import { ledgerTotals } from "./queries";

let db: Db;
let close: () => Promise<void>;
const CAMPAIGN = 7;
const T0 = Date.parse("2026-03-02T15:00:00Z");
const range = { from: new Date(T0 - 3_600_000), to: new Date(T0 + 86_400_000) };

function evidence(localTime: string, window: { start: string; end: string }, source: AttemptEvidence["zone_source"] = "area_code"): AttemptEvidence {
  return {
    v: 1,
    decided_at: new Date(T0).toISOString(),
    zone: "America/New_York",
    zone_source: source,
    local_date: "2026-03-02",
    local_time: localTime,
    local_weekday: 1,
    calling_window: window,
    campaign_zone: "America/New_York",
    schedule: null,
    dnc_lists: [{ scope: "system", campaign_id: null, updated_at: null }],
    abandonment: null,
    pacing: null,
    ring_timeout_sec: 30,
  };
}

let n = 0;
async function attempt(over: Partial<typeof callAttempts.$inferInsert> & { at?: number }) {
  n += 1;
  const { at, ...rest } = over;
  const [row] = await db
    .insert(callAttempts)
    .values({ campaignId: CAMPAIGN, leadId: n, phoneNumber: `1212555${String(n).padStart(4, "0")}`, attemptNo: 1, channelId: `ledger-${n}`, pbxKey: "sim", owner: "test", dialString: "x", state: "ended", startedAt: new Date(at ?? T0 + n * 1000), ...rest })
    .returning();
  return row;
}

const DAY = { start: "08:00", end: "21:00" };
const NIGHT = { start: "22:00", end: "06:00" };

beforeAll(async () => {
  ({ db, close } = await memoryDb());
});
afterAll(() => close());

describe("compliance ledger", () => {
  it("judges the window from the evidence, the DNC lists as of the attempt, and connect within 2 s", async () => {
    await attempt({ evidence: evidence("09:30", DAY) });
    const late = await attempt({ evidence: evidence("21:00", DAY, "lead") });
    await attempt({ evidence: evidence("23:30", NIGHT, "state") });
    const early = await attempt({ evidence: evidence("06:00", NIGHT, "state") });
    await attempt({ evidence: null });
    // Never dialed: only claimed, or shown to an agent in preview.
    await attempt({ evidence: evidence("03:00", DAY), state: "claimed" });
    await attempt({ evidence: evidence("03:00", DAY), state: "preview" });
    // Listed before it was dialed (counts), and one listed only afterwards (does not).
    const listed = await attempt({ evidence: evidence("10:00", DAY) });
    const listedLater = await attempt({ evidence: evidence("10:00", DAY) });
    await db.insert(dncNumbers).values([
      { campaignId: null, phoneNumber: listed.phoneNumber, createdAt: new Date(listed.startedAt.getTime() - 60_000) },
      { campaignId: null, phoneNumber: listedLater.phoneNumber, createdAt: new Date(listedLater.startedAt.getTime() + 60_000) },
    ]);
    // People who answered: put through in 1.5 s, in 3 s, never (abandoned); a machine does not count.
    const answered = (ms: number | null, extra: Partial<typeof callAttempts.$inferInsert> = {}) =>
      attempt({ evidence: evidence("11:00", DAY), outcome: "answered", answeredAt: new Date(T0), connectedAt: ms === null ? null : new Date(T0 + ms), ...extra });
    const quick = await answered(1500);
    await answered(3000);
    await answered(null, { outcome: "abandoned", abandoned: true });
    await answered(null, { outcome: "machine", amdResult: "MACHINE" });
    // Another campaign's attempt, and one of this campaign's outside the period.
    await attempt({ evidence: evidence("03:00", DAY), campaignId: CAMPAIGN + 1 });
    await attempt({ evidence: evidence("03:00", DAY), at: T0 - 7_200_000 });

    const t = await ledgerTotals(db, CAMPAIGN, range);
    expect(t).toMatchObject({ attempts: 11, withEvidence: 10, outsideWindow: 2, dncDialed: 1, humanAnswers: 3, within2s: 1, abandoned: 1 });
    expect(Object.fromEntries(t.sources.map((s) => [s.source, s.n]))).toEqual({ area_code: 7, lead: 1, state: 2, none: 1 });

    // The ledger: every attempt of the period once, oldest first, across batch boundaries.
    for (const batch of [1, 3, 100]) {
      const text = await new Response(ledgerCsvStream(db, CAMPAIGN, range, batch)).text();
      const [header, ...rows] = parseCsv(text).map((r) => r.fields);
      expect(header).toEqual([...LEDGER_CSV_COLUMNS]);
      const byId = new Map(rows.map((r) => [Number(r[0]), Object.fromEntries(header.map((c, i) => [c, r[i]]))]));
      expect(rows, `batch ${batch}`).toHaveLength(11);
      expect(rows.map((r) => Number(r[0]))).toEqual([...byId.keys()].sort((a, b) => a - b));
      expect(byId.get(late.id)).toMatchObject({ within_window: "0", zone_source: "lead", local_time: "21:00", window_start: "08:00", window_end: "21:00" });
      expect(byId.get(early.id)?.within_window).toBe("0");
      expect(byId.get(listed.id)?.on_dnc_at_dial).toBe("1");
      expect(byId.get(listedLater.id)?.on_dnc_at_dial).toBe("0");
      expect(byId.get(quick.id)?.connect_ms).toBe("1500");
      expect(byId.get(quick.id)?.dnc_lists).toBe("system@empty");
    }
  });

  it("reads windows exactly as the dialer does (wrapping, 24:00, all day)", async () => {
    const windows = [DAY, NIGHT, { start: "00:00", end: "24:00" }, { start: "09:00", end: "09:00" }, { start: "20:00", end: "00:00" }];
    const times = ["00:00", "05:59", "06:00", "07:59", "08:00", "09:00", "12:34", "20:59", "21:00", "22:00", "23:59"];
    const campaign = CAMPAIGN + 10;
    for (const w of windows) for (const time of times) await attempt({ campaignId: campaign, evidence: evidence(time, w) });
    const text = await new Response(ledgerCsvStream(db, campaign, range)).text();
    const [header, ...rows] = parseCsv(text).map((r) => r.fields);
    const col = (c: string) => header.indexOf(c);
    expect(rows).toHaveLength(windows.length * times.length);
    let outside = 0;
    for (const r of rows) {
      const inside = minutesInWindow(parseClock(r[col("window_start")], false)!, parseClock(r[col("window_end")], true)!, parseClock(r[col("local_time")], false)!);
      if (!inside) outside += 1;
      expect(r[col("within_window")], `${r[col("local_time")]} in ${r[col("window_start")]}–${r[col("window_end")]}`).toBe(inside ? "1" : "0");
    }
    expect((await ledgerTotals(db, campaign, range)).outsideWindow).toBe(outside);
  });
});
