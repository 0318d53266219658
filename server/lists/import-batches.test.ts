import { describe, expect, it } from "vitest";
import { BATCH_BUSY_MS, BATCH_ROWS, nextBatchRows } from "./import";

describe("import batch size", () => {
  it("aims each batch at BATCH_BUSY_MS of event-loop time: grows at most twofold, shrinks at once, within its bounds", () => {
    // Half the aimed time: double (no more).
    expect(nextBatchRows(1000, BATCH_BUSY_MS / 2)).toBe(2000);
    expect(nextBatchRows(1000, BATCH_BUSY_MS / 10)).toBe(2000);
    // Four times too slow: a quarter at once.
    expect(nextBatchRows(4000, BATCH_BUSY_MS * 4)).toBe(1000);
    expect(nextBatchRows(1000, BATCH_BUSY_MS)).toBe(1000);
    expect(nextBatchRows(300, BATCH_BUSY_MS * 100)).toBe(BATCH_ROWS.min);
    expect(nextBatchRows(BATCH_ROWS.max, 0)).toBe(BATCH_ROWS.max);
    expect(nextBatchRows(BATCH_ROWS.max, 1)).toBe(BATCH_ROWS.max);
  });
});
