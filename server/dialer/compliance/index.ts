import { nextWindowStart, withinWindow, type DailyWindow } from "./calling-hours";
import { nextScheduleOpening, scheduleOpen, type CampaignSchedule } from "./schedule";
import { zoneForLead, type LeadLocation, type ZoneSource } from "./time-zones";

export {
  localTimeParts,
  withinWindow,
  nextWindowStart,
  instantAtLocal,
  type DailyWindow,
  type LocalTimeParts,
} from "./calling-hours";
export { scheduleOpen, nextScheduleOpening, scheduleProblems, validZone, type CampaignSchedule } from "./schedule";
export {
  zoneForLead,
  zoneForRegion,
  zoneForZip,
  zoneForPhoneNumber,
  type LeadLocation,
  type ZoneSource,
} from "./time-zones";

export type CallableInput = {
  lead: LeadLocation;
  /** The campaign's zone: its schedule runs on it, and it stands in for a lead's unknown zone. */
  campaignZone: string;
  /** The called party's permitted hours, in the called party's zone. */
  callingHours: DailyWindow;
  schedule?: CampaignSchedule | null;
  at: Date;
};

/** `zone` and `source`: the called party's zone and what it was told from (see zoneForLead). */
export type CallableResult =
  | { ok: true; zone: string; source: ZoneSource }
  | { ok: false; reason: "outside_hours" | "schedule"; zone: string; source: ZoneSource; retryAt: Date | null };

/**
 * Each step below moves to the earliest instant that satisfies one of the two rules, so no
 * instant before the result satisfies both; a handful of steps settles any real schedule.
 */
const JOINT_SEARCH_STEPS = 16;

/**
 * Whether the lead may be called at `at`: the campaign's schedule must be open (in the campaign's
 * zone) and the called party must be within calling hours (in the lead's zone). When not, when to
 * try again: the schedule's next opening, or the next instant both rules allow; null when the
 * schedule never opens again.
 */
export function callableAt(input: CallableInput): CallableResult {
  const { lead, campaignZone, callingHours, schedule, at } = input;
  const { zone, source } = zoneForLead(lead, campaignZone);
  if (!scheduleOpen(schedule, campaignZone, at)) {
    return { ok: false, reason: "schedule", zone, source, retryAt: nextScheduleOpening(schedule, campaignZone, at) };
  }
  if (withinWindow(zone, at, callingHours)) return { ok: true, zone, source };

  let candidate = nextWindowStart(zone, at, callingHours);
  for (let step = 0; step < JOINT_SEARCH_STEPS; step++) {
    const opening = nextScheduleOpening(schedule, campaignZone, candidate);
    if (opening === null) return { ok: false, reason: "outside_hours", zone, source, retryAt: null };
    if (opening.getTime() === candidate.getTime()) break;
    candidate = nextWindowStart(zone, opening, callingHours);
  }
  // If the steps run out, the candidate is still a lower bound: the dialer simply checks again then.
  return { ok: false, reason: "outside_hours", zone, source, retryAt: candidate };
}
