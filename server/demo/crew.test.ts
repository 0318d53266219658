import { describe, expect, it } from "vitest";
import { pickDisposition } from "./crew";

describe("the demo crew's dispositions", () => {
  const now = new Date("2026-12-07T10:00:00Z");

  it("mix sales, callbacks, voicemail, do-not-call and the rest across the draw", () => {
    const words = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const d = pickDisposition(i / 1000, now).disposition;
      words.set(d, (words.get(d) ?? 0) + 1);
    }
    expect(Object.fromEntries(words)).toEqual({ SALE: 200, CALLBACK: 150, VOICEMAIL: 100, DNC: 20, INFO_SENT: 130, NOT_INTERESTED: 400 });
  });

  it("ask for a callback 10 to 30 minutes later, as the API requires one in the future", () => {
    const early = pickDisposition(0.3, now, 0);
    const late = pickDisposition(0.3, now, 0.999);
    expect(early).toEqual({ disposition: "CALLBACK", callback_at: "2026-12-07T10:10:00.000Z" });
    expect(late.callback_at).toBe("2026-12-07T10:29:00.000Z");
  });
});
