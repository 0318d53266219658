/**
 * Local wall-clock time in an IANA zone, and daily windows on it (the called party's permitted
 * calling hours). Runs for every lead the dialer claims, so the hot path avoids Intl entirely: the
 * zone's UTC offset is measured with Intl once per span of time and reused until the span ends.
 */

/** "HH:MM" (24 h); `end` may be "24:00"; `end <= start` wraps past midnight (equal = all day). */
export type DailyWindow = { start: string; end: string };

export type LocalTimeParts = {
  /** Local calendar date, "YYYY-MM-DD". */
  date: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight, 0 … 1439. */
  minutes: number;
};

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/**
 * An offset measured at both ends of a span is trusted for all of it. Real zones never change
 * offset twice within a few hours, so six hours keeps that true while the cache rarely misses.
 */
const SPAN = 6 * HOUR;
const SPANS_PER_ZONE = 8;
const DAY_MINUTES = 1440;
/** Days nextWindowStart looks ahead: one DST gap can swallow at most one day's opening. */
const WINDOW_SEARCH_DAYS = 4;

/** `offset` (local minus UTC, ms) holds for instants in [start, end). */
type OffsetSpan = { start: number; end: number; offset: number };

type ZoneClock = {
  format: Intl.DateTimeFormat;
  /**
   * A few recent spans: a search for a local opening reads offsets around the day it looks at
   * while the dialer keeps asking about now, and one span would keep evicting the other.
   */
  spans: OffsetSpan[];
  /** The span that answered last, tried first. */
  last: number;
  /** Where the next measured span goes once `spans` is full. */
  next: number;
  /** The last local day number seen and its "YYYY-MM-DD", as consecutive calls share a date. */
  day: number;
  date: string;
};

const clocks = new Map<string, ZoneClock>();

/** Throws RangeError for a zone Intl does not know. */
function clockFor(zone: string): ZoneClock {
  let clock = clocks.get(zone);
  if (clock === undefined) {
    const format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    // An empty span to start with, so the hot path needs no check for a first call.
    clock = { format, spans: [{ start: 0, end: 0, offset: 0 }], last: 0, next: 0, day: Number.NaN, date: "" };
    clocks.set(zone, clock);
  }
  return clock;
}

/**
 * Names Intl refused. Asking Intl again costs about 70 µs, and a lead list with a bad zone column
 * would ask once per lead; the bound keeps junk input from growing it without limit.
 */
const unknownZones = new Set<string>();
const UNKNOWN_ZONES_KEPT = 1024;

/** Whether Intl accepts `zone`; builds (and keeps) the zone's formatter as a side effect. */
export function zoneKnownToIntl(zone: string): boolean {
  if (typeof zone !== "string" || zone.trim() === "" || zone !== zone.trim()) return false;
  if (clocks.has(zone)) return true;
  if (unknownZones.has(zone)) return false;
  try {
    clockFor(zone);
    return true;
  } catch {
    if (unknownZones.size >= UNKNOWN_ZONES_KEPT) unknownZones.clear();
    unknownZones.add(zone);
    return false;
  }
}

function measureOffset(format: Intl.DateTimeFormat, t: number): number {
  const local = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of format.formatToParts(t)) {
    if (Object.hasOwn(local, part.type)) local[part.type as keyof typeof local] = Number(part.value);
  }
  // setUTCFullYear rather than Date.UTC, which reads years 0…99 as 1900…1999.
  const wall = new Date(0);
  wall.setUTCFullYear(local.year, local.month - 1, local.day);
  wall.setUTCHours(local.hour, local.minute, local.second, 0);
  return wall.getTime() - Math.floor(t / SECOND) * SECOND;
}

function offsetAt(clock: ZoneClock, t: number): number {
  const hot = clock.spans[clock.last];
  if (t >= hot.start && t < hot.end) return hot.offset;
  for (let i = 0; i < clock.spans.length; i++) {
    const span = clock.spans[i];
    if (t >= span.start && t < span.end) {
      clock.last = i;
      return span.offset;
    }
  }
  const span = measureSpan(clock.format, t);
  if (clock.spans.length < SPANS_PER_ZONE) {
    clock.last = clock.spans.push(span) - 1;
  } else {
    clock.spans[clock.next] = span;
    clock.last = clock.next;
    clock.next = (clock.next + 1) % SPANS_PER_ZONE;
  }
  return span.offset;
}

function measureSpan(format: Intl.DateTimeFormat, t: number): OffsetSpan {
  const start = Math.floor(t / SPAN) * SPAN;
  const end = start + SPAN;
  const first = measureOffset(format, start);
  const last = measureOffset(format, end - 1);
  if (first === last) return { start, end, offset: first };
  // The span holds a transition: find its second, and keep the side `t` is on.
  let lo = start / SECOND;
  let hi = (end - 1) / SECOND;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (measureOffset(format, mid * SECOND) === first) lo = mid;
    else hi = mid;
  }
  const transition = hi * SECOND;
  return t < transition ? { start, end: transition, offset: first } : { start: transition, end, offset: last };
}

function instantMs(at: Date): number {
  const t = at instanceof Date ? at.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError("expected a valid Date");
  return t;
}

/** Local minutes since 1970-01-01 00:00 local: comparable across days. */
function localMinuteKey(clock: ZoneClock, t: number): number {
  return Math.floor((t + offsetAt(clock, t)) / MINUTE);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * "YYYY-MM-DD" of a day number (years 0…9999), by civil-from-days arithmetic: the searches call
 * this per day looked at, and going through Date.toISOString costs several times as much.
 */
function dateOfDay(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(dayOfMonth)}`;
}

/** Day number (days since 1970-01-01) of a "YYYY-MM-DD" string already known to be valid. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** ISO weekday of a "YYYY-MM-DD" date. */
export function weekdayOf(date: string): number {
  return isoWeekday(dayNumber(date));
}

function isoWeekday(day: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * Local date, ISO weekday and minutes since local midnight in `zone` at `at`. Throws RangeError
 * for a zone Intl does not know or an invalid Date.
 */
export function localTimeParts(zone: string, at: Date): LocalTimeParts {
  const t = instantMs(at);
  const clock = clockFor(zone);
  const local = t + offsetAt(clock, t);
  const day = Math.floor(local / DAY);
  const minutes = Math.floor((local - day * DAY) / MINUTE);
  if (day !== clock.day) {
    clock.day = day;
    clock.date = dateOfDay(day);
  }
  return { date: clock.date, weekday: isoWeekday(day), minutes };
}

/**
 * The earliest instant ≥ `notBefore` at which the wall clock in `zone` reads `minutes` past
 * midnight on `date`; when a forward transition skips that wall time, the instant the clock jumps
 * past it. Of a wall time that occurs twice (clocks going back) the first occurrence ≥ `notBefore`.
 * Null when neither exists at or after `notBefore`.
 */
export function instantAtLocal(zone: string, date: string, minutes: number, notBefore?: Date): Date | null {
  const clock = clockFor(zone);
  const floor = notBefore === undefined ? Number.NEGATIVE_INFINITY : instantMs(notBefore);
  const target = dayNumber(date) * DAY_MINUTES + minutes;
  const naive = target * MINUTE;
  // Offsets lie within −12 h … +14 h, so the instant lies within these bounds; the offsets at the
  // bounds are the only two candidates (a transition, if any, separates them).
  const before = offsetAt(clock, naive - 15 * HOUR);
  const after = offsetAt(clock, naive + 13 * HOUR);
  const candidates = before === after ? [naive - before] : [naive - before, naive - after].sort((a, b) => a - b);
  for (const t of candidates) {
    if (t >= floor && localMinuteKey(clock, t) === target) return new Date(t);
  }
  if (after > before) {
    let lo = Math.floor(candidates[0] / SECOND);
    let hi = Math.ceil(candidates[1] / SECOND);
    if (localMinuteKey(clock, lo * SECOND) < target && localMinuteKey(clock, hi * SECOND) > target) {
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (localMinuteKey(clock, mid * SECOND) >= target) hi = mid;
        else lo = mid;
      }
      const t = hi * SECOND;
      if (t >= floor) return new Date(t);
    }
  }
  return null;
}

type ParsedWindow = { start: number; end: number };

/** Minutes since midnight of "HH:MM", or null; "24:00" only where an end is meant. */
export function parseClock(value: unknown, allowEndOfDay: boolean): number | null {
  if (typeof value !== "string" || value.length !== 5 || value.charCodeAt(2) !== 58) return null;
  const h1 = value.charCodeAt(0) - 48;
  const h2 = value.charCodeAt(1) - 48;
  const m1 = value.charCodeAt(3) - 48;
  const m2 = value.charCodeAt(4) - 48;
  if (h1 < 0 || h1 > 9 || h2 < 0 || h2 > 9 || m1 < 0 || m1 > 5 || m2 < 0 || m2 > 9) return null;
  const hours = h1 * 10 + h2;
  const mins = m1 * 10 + m2;
  if (hours < 24) return hours * 60 + mins;
  return allowEndOfDay && hours === 24 && mins === 0 ? DAY_MINUTES : null;
}

function parseWindow(window: DailyWindow): ParsedWindow {
  const start = parseClock(window?.start, false);
  const end = parseClock(window?.end, true);
  if (start === null) throw new RangeError(`window start must be "HH:MM" (24 h), got ${JSON.stringify(window?.start)}`);
  if (end === null) throw new RangeError(`window end must be "HH:MM" (24 h) or "24:00", got ${JSON.stringify(window?.end)}`);
  return { start, end };
}

/** Whether a time of day (minutes) lies in [start, end), wrapping past midnight when end <= start. */
export function minutesInWindow(start: number, end: number, minutes: number): boolean {
  return end > start ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** Where in a day the window's open stretches begin (a wrapping window opens at midnight too). */
export function windowOpenings(start: number, end: number): number[] {
  return end > start || end === 0 ? [start] : [0, start];
}

/** Whether `window` is open in `zone` at `at`. Throws RangeError for a malformed window or zone. */
export function withinWindow(zone: string, at: Date, window: DailyWindow): boolean {
  const { start, end } = parseWindow(window);
  return minutesInWindow(start, end, localTimeParts(zone, at).minutes);
}

/**
 * The earliest instant ≥ `at` at which `window` is open in `zone`: `at` itself when open now.
 * Each candidate is a local opening time turned into an instant and checked, so a DST gap that
 * swallows an opening moves it to when the clock jumps, or to the next day.
 */
export function nextWindowStart(zone: string, at: Date, window: DailyWindow): Date {
  const { start, end } = parseWindow(window);
  const now = localTimeParts(zone, at);
  if (minutesInWindow(start, end, now.minutes)) return at;
  const today = dayNumber(now.date);
  const openings = windowOpenings(start, end);
  for (let offset = 0; offset < WINDOW_SEARCH_DAYS; offset++) {
    // Today's earlier openings are tried too: when clocks go back, a passed wall time comes round again.
    for (const opening of openings) {
      const candidate = instantAtLocal(zone, dateOfDay(today + offset), opening, at);
      if (candidate !== null && minutesInWindow(start, end, localTimeParts(zone, candidate).minutes)) return candidate;
    }
  }
  throw new Error(`calling window ${window.start}–${window.end} does not open in ${zone} within ${WINDOW_SEARCH_DAYS} days of ${at.toISOString()}`);
}
