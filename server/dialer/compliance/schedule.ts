import { dayNumber, addDays, instantAtLocal, localTimeParts, minutesInWindow, parseClock, weekdayOf, windowOpenings, zoneKnownToIntl } from "./calling-hours";
// A type only: the compliance rules stay free of anything that runs outside this folder.
import type { CampaignSchedule } from "@/db/schema/campaigns";

/** A campaign's own dialing schedule, read in the campaign's zone; absent fields mean no restriction. */
export type { CampaignSchedule };

const KNOWN_FIELDS = new Set(["days", "start", "end", "from", "until", "exceptions"]);
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MINUTES = 1440;

/** Whether Intl knows `zone` as an IANA (or other Intl-accepted) time zone name. */
export function validZone(zone: string): boolean {
  return zoneKnownToIntl(zone);
}

function validDate(value: unknown): value is string {
  if (typeof value !== "string" || !DATE_PATTERN.test(value)) return false;
  // Round-tripping rejects dates such as 2025-02-30 that Date.UTC would roll over.
  const day = dayNumber(value);
  return Number.isFinite(day) && addDays(value, 0) === value;
}

function describe(value: unknown): string {
  return value === undefined ? "undefined" : JSON.stringify(value) ?? String(value);
}

/** Problems with a schedule as an API would receive it; empty when it is usable. */
export function scheduleProblems(schedule: unknown): string[] {
  if (schedule === null || schedule === undefined) return [];
  if (typeof schedule !== "object" || Array.isArray(schedule)) return ["schedule must be an object"];
  const problems: string[] = [];
  const s = schedule as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    if (!KNOWN_FIELDS.has(key)) problems.push(`unknown field "${key}" (expected days, start, end, from, until, exceptions)`);
  }

  if (s.days !== undefined) {
    if (!Array.isArray(s.days)) {
      problems.push("days must be an array of ISO weekdays, 1 (Monday) to 7 (Sunday)");
    } else if (s.days.length === 0) {
      problems.push("days is empty, so the campaign would never dial; omit it to dial every day");
    } else {
      s.days.forEach((day, i) => {
        if (!Number.isInteger(day) || (day as number) < 1 || (day as number) > 7) {
          problems.push(`days[${i}] must be an ISO weekday, 1 (Monday) to 7 (Sunday), got ${describe(day)}`);
        }
      });
    }
  }

  if (s.start !== undefined && parseClock(s.start, false) === null) {
    problems.push(`start must be a time "HH:MM" (24 h, 00:00 to 23:59), got ${describe(s.start)}`);
  }
  if (s.end !== undefined && parseClock(s.end, true) === null) {
    problems.push(`end must be a time "HH:MM" (24 h, 00:00 to 24:00), got ${describe(s.end)}`);
  }

  const fromOk = s.from === undefined || validDate(s.from);
  const untilOk = s.until === undefined || validDate(s.until);
  if (!fromOk) problems.push(`from must be a date "YYYY-MM-DD", got ${describe(s.from)}`);
  if (!untilOk) problems.push(`until must be a date "YYYY-MM-DD", got ${describe(s.until)}`);
  if (fromOk && untilOk && typeof s.from === "string" && typeof s.until === "string" && s.from > s.until) {
    problems.push(`from (${s.from}) is after until (${s.until})`);
  }

  if (s.exceptions !== undefined) {
    if (!Array.isArray(s.exceptions)) {
      problems.push('exceptions must be an array of dates "YYYY-MM-DD"');
    } else {
      s.exceptions.forEach((date, i) => {
        if (!validDate(date)) problems.push(`exceptions[${i}] must be a date "YYYY-MM-DD", got ${describe(date)}`);
      });
    }
  }
  return problems;
}

type Rules = {
  days: Set<number> | null;
  start: number;
  end: number;
  from: string | null;
  until: string | null;
  exceptions: Set<string>;
};

/**
 * The schedule in checked form, or null when it is malformed: a compliance check that cannot read
 * its schedule fails closed rather than dialing around it.
 */
function rulesOf(schedule: CampaignSchedule): Rules | null {
  if (scheduleProblems(schedule).length > 0) return null;
  return {
    days: schedule.days === undefined ? null : new Set(schedule.days),
    start: schedule.start === undefined ? 0 : (parseClock(schedule.start, false) as number),
    end: schedule.end === undefined ? DAY_MINUTES : (parseClock(schedule.end, true) as number),
    from: schedule.from ?? null,
    until: schedule.until ?? null,
    exceptions: new Set(schedule.exceptions ?? []),
  };
}

function dayAllowed(rules: Rules, date: string, weekday: number): boolean {
  if (rules.from !== null && date < rules.from) return false;
  if (rules.until !== null && date > rules.until) return false;
  if (rules.exceptions.has(date)) return false;
  return rules.days === null || rules.days.has(weekday);
}

function openAt(rules: Rules, zone: string, at: Date): boolean {
  const local = localTimeParts(zone, at);
  return dayAllowed(rules, local.date, local.weekday) && minutesInWindow(rules.start, rules.end, local.minutes);
}

/**
 * Whether the schedule lets the campaign dial at `at`, read in `zone`. No schedule means always;
 * a malformed one means never (see rulesOf). Each instant is judged by its own local date, so the
 * after-midnight part of a wrapping window belongs to the day it falls on.
 */
export function scheduleOpen(schedule: CampaignSchedule | null | undefined, zone: string, at: Date): boolean {
  if (schedule === null || schedule === undefined) return true;
  const rules = rulesOf(schedule);
  return rules !== null && openAt(rules, zone, at);
}

/**
 * The earliest instant ≥ `at` at which the schedule is open (`at` itself when open now); null when
 * it never opens again (past `until`, no weekday allowed, or malformed).
 */
export function nextScheduleOpening(schedule: CampaignSchedule | null | undefined, zone: string, at: Date): Date | null {
  if (schedule === null || schedule === undefined) return at;
  const rules = rulesOf(schedule);
  if (rules === null) return null;
  if (openAt(rules, zone, at)) return at;

  const now = localTimeParts(zone, at);
  const first = rules.from !== null && rules.from > now.date ? rules.from : now.date;
  const openings = windowOpenings(rules.start, rules.end);
  // Between two allowed days lie at most six disallowed weekdays, and each exception can push the
  // next allowed day a week further; the slack covers an opening lost to a DST gap.
  const horizon = 7 * (rules.exceptions.size + 2) + 2;
  for (let i = 0; i < horizon; i++) {
    const date = addDays(first, i);
    if (rules.until !== null && date > rules.until) return null;
    if (!dayAllowed(rules, date, weekdayOf(date))) continue;
    // Today's earlier openings are tried too: when clocks go back, a passed wall time comes round again.
    for (const opening of openings) {
      const candidate = instantAtLocal(zone, date, opening, at);
      if (candidate !== null && openAt(rules, zone, candidate)) return candidate;
    }
  }
  return null;
}
