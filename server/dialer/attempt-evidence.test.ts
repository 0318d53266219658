import { describe, expect, it } from "vitest";
import type { Campaign } from "@/db/schema";
import { attemptEvidence, evidenceBasis } from "./attempt-evidence";
import type { CampaignRuntime } from "./dialer-context";

const campaign = {
  id: 3,
  callingHoursStart: "08:00",
  callingHoursEnd: "21:00",
  timezone: "America/New_York",
  schedule: { days: [1, 2, 3, 4, 5] },
  abandonCap: 0.03,
  abandonRule: "us",
  dialTimeout: 10,
} as unknown as Campaign;

const runtime = {
  abandonment: { window24h: { liveAnswers: 200, abandoned: 3 }, window30d: { liveAnswers: 0, abandoned: 0 }, lastHour: { liveAnswers: 10, abandoned: 1 } },
  decision: { lines: 6, mode: "predictive", reason: "paced", answerRate: 0.4, amd: false },
} as unknown as CampaignRuntime;

describe("attempt evidence", () => {
  const at = new Date("2025-06-10T15:04:30Z");
  const lists = [{ scope: "system" as const, campaign_id: null, updated_at: "2025-06-01T00:00:00.000Z" }, { scope: "campaign" as const, campaign_id: 3, updated_at: null }];

  it("records the decision's inputs and the called party's wall clock", () => {
    const e = attemptEvidence(evidenceBasis(runtime, campaign, lists, 4, at), "America/Los_Angeles", "area_code", at);
    expect(e).toEqual({
      v: 1,
      decided_at: "2025-06-10T15:04:30.000Z",
      zone: "America/Los_Angeles",
      zone_source: "area_code",
      local_date: "2025-06-10",
      local_time: "08:04",
      local_weekday: 2,
      calling_window: { start: "08:00", end: "21:00" },
      campaign_zone: "America/New_York",
      schedule: { days: [1, 2, 3, 4, 5] },
      dnc_lists: lists,
      abandonment: {
        window_24h: { live_answers: 200, abandoned: 3, rate: 0.015 },
        window_30d: { live_answers: 0, abandoned: 0, rate: 0 },
        last_hour: { live_answers: 10, abandoned: 1, rate: 0.1 },
        cap: 0.03,
        rule: "us",
      },
      pacing: { mode: "predictive", lines: 6, ready_agents: 4, ratio: 1.5, answer_rate: 0.4, reason: "paced" },
      // The campaign asks for 10 s; the originate never rings for less than the legal floor.
      ring_timeout_sec: 15,
    });
  });

  it("has no pacing or abandonment before the dialer has any, and no ratio without ready agents", () => {
    const bare = evidenceBasis(null, campaign, lists, 0, at);
    expect(bare.pacing).toBeNull();
    expect(bare.abandonment).toBeNull();
    expect(evidenceBasis(runtime, campaign, lists, 0, at).pacing?.ratio).toBeNull();
    // Tokyo is a day ahead: the local date and weekday are its own.
    expect(attemptEvidence(bare, "Asia/Tokyo", "country", new Date("2025-06-10T20:00:00Z"))).toMatchObject({ local_date: "2025-06-11", local_time: "05:00", local_weekday: 3 });
  });
});
