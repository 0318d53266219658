import type { Campaign, CampaignSchedule, DialMode, RetryOutcome, RetryRules } from "./api-types";
import { RETRY_OUTCOMES } from "./api-types";
import { RETRY_OUTCOME_NAMES } from "./campaign-rules";
import type { FieldErrors } from "./form-errors";

/** What the form keeps for the optional schedule; `enabled: false` sends `schedule: null`. */
export type ScheduleFormValues = {
  enabled: boolean;
  /** ISO weekdays 1 (Monday) … 7 (Sunday); all seven are sent as "every day" (no `days`). */
  days: number[];
  /** "HH:MM" or blank (no limit on that side). */
  start: string;
  end: string;
  /** "YYYY-MM-DD" or blank. */
  from: string;
  until: string;
  exceptions: string[];
};

/** One retry rule row as typed; both blank = the outcome follows the default rule. */
export type RetryRuleFormValues = { cooldown_min: string; max_attempts: string };

/** The campaign form as typed: numbers stay strings until they pass the checks below. */
export type CampaignFormValues = {
  name: string;
  description: string;
  trunk_type: Campaign["trunk_type"];
  trunk_value: string;
  callerid: string;
  agent_dest_type: Campaign["agent_dest_type"];
  agent_dest_value: string;
  dial_mode: DialMode;
  dial_timeout: string;
  concurrent_calls: string;
  /** Calls started per minute; blank = no limit. */
  frequency: string;
  /** Seconds an answered call may last; 0 = no limit. */
  call_max_duration: string;
  wrapup_sec: string;
  /** The queue whose agents take the answered calls, as its id; blank = the campaign's own agents. */
  queue_id: string;
  agent_drop_action: Campaign["agent_drop_action"];
  preview_timeout_sec: string;
  preview_timeout_action: Campaign["preview_timeout_action"];
  amd_enabled: boolean;
  machine_action: Campaign["machine_action"];
  machine_message: string;
  /** A percentage as typed (3 = 3 %); the API stores the fraction (0.03). */
  abandon_cap: string;
  abandon_rule: Campaign["abandon_rule"];
  /** A percentage as typed, like abandon_cap. */
  amd_false_positive_rate: string;
  abandon_message: string;
  record_calls: boolean;
  timezone: string;
  calling_hours_start: string;
  calling_hours_end: string;
  schedule: ScheduleFormValues;
  retry_times: string;
  retry_delay: string;
  retry_rules: Record<RetryOutcome, RetryRuleFormValues>;
};

export type CampaignField = keyof CampaignFormValues;

export const CAMPAIGN_FIELD_LABELS: Record<CampaignField, string> = {
  name: "Name",
  description: "Description",
  trunk_type: "Trunk type",
  trunk_value: "Trunk value",
  callerid: "Caller ID",
  agent_dest_type: "Destination type",
  agent_dest_value: "Destination value",
  dial_mode: "Dial mode",
  dial_timeout: "Ring timeout (seconds)",
  concurrent_calls: "Concurrent calls (agentless cap)",
  frequency: "Calls per minute",
  call_max_duration: "Max call duration (seconds, 0 = none)",
  wrapup_sec: "Wrap-up (seconds)",
  queue_id: "Queue",
  agent_drop_action: "If the agent's phone drops",
  preview_timeout_sec: "Preview time limit (seconds, 0 = none)",
  preview_timeout_action: "When the time limit runs out",
  amd_enabled: "Answering machine detection",
  machine_action: "On a machine",
  machine_message: "Machine message",
  abandon_cap: "Abandon cap (%)",
  abandon_rule: "Abandonment rule",
  amd_false_positive_rate: "AMD false positives (%)",
  abandon_message: "Abandon message",
  record_calls: "Record calls",
  timezone: "Time zone",
  calling_hours_start: "Calling hours from",
  calling_hours_end: "Calling hours until",
  schedule: "Schedule",
  retry_times: "Retries",
  retry_delay: "Retry delay (seconds)",
  retry_rules: "Retry rules",
};

/** Form order, so the first invalid field can take focus. */
export const CAMPAIGN_FIELDS = Object.keys(CAMPAIGN_FIELD_LABELS) as CampaignField[];

export const RETRY_OUTCOME_LABELS: Record<RetryOutcome, string> = RETRY_OUTCOME_NAMES;

export const SCHEDULE_PARTS = ["days", "start", "end", "from", "until", "exceptions"] as const;
export type SchedulePart = (typeof SCHEDULE_PARTS)[number];
const SCHEDULE_PART_LABELS: Record<SchedulePart, string> = {
  days: "Days",
  start: "Daily window start",
  end: "Daily window end",
  from: "First day",
  until: "Last day",
  exceptions: "Exception dates",
};

/**
 * Error keys finer than a form field: `schedule.<part>` and `retry_rules.<OUTCOME>.<cooldown_sec|max_attempts>`,
 * the API's own paths, so server and browser errors land on the same control.
 */
export const retryErrorKey = (outcome: RetryOutcome, part: "cooldown_sec" | "max_attempts") => `retry_rules.${outcome}.${part}`;
export const scheduleErrorKey = (part: SchedulePart) => `schedule.${part}`;

/** Labels for every error key the form can show, for the API's field messages. */
export const CAMPAIGN_ERROR_LABELS: Record<string, string> = {
  ...CAMPAIGN_FIELD_LABELS,
  ...Object.fromEntries(SCHEDULE_PARTS.map((p) => [scheduleErrorKey(p), SCHEDULE_PART_LABELS[p]])),
  ...Object.fromEntries(
    RETRY_OUTCOMES.flatMap((o) => [
      [retryErrorKey(o, "cooldown_sec"), `${RETRY_OUTCOME_LABELS[o]} cooldown`],
      [retryErrorKey(o, "max_attempts"), `${RETRY_OUTCOME_LABELS[o]} max attempts`],
    ]),
  ),
};

/** Every error key in form order (for focusing the first invalid control). */
export const CAMPAIGN_ERROR_KEYS: string[] = CAMPAIGN_FIELDS.flatMap((f) =>
  f === "schedule"
    ? ["schedule", ...SCHEDULE_PARTS.map(scheduleErrorKey)]
    : f === "retry_rules"
      ? ["retry_rules", ...RETRY_OUTCOMES.flatMap((o) => [retryErrorKey(o, "cooldown_sec"), retryErrorKey(o, "max_attempts")])]
      : [f],
);

/** Folds an API error path (`retry_rules.BUSY.cooldown_sec`, `schedule.days.0`) into an error key the form shows. */
export function campaignErrorKey(path: string): string {
  const [head, second, third] = path.split(".");
  if (head === "schedule") return (SCHEDULE_PARTS as readonly string[]).includes(second) ? scheduleErrorKey(second as SchedulePart) : "schedule";
  if (head === "retry_rules") {
    if (!(RETRY_OUTCOMES as readonly string[]).includes(second)) return "retry_rules";
    return retryErrorKey(second as RetryOutcome, third === "max_attempts" ? "max_attempts" : "cooldown_sec");
  }
  return path;
}

/** Limits of server/campaigns/validation.ts. */
export const CAMPAIGN_LIMITS = {
  name: 255,
  description: 2000,
  trunk_value: 255,
  callerid: 80,
  agent_dest_value: 255,
  media: 255,
  concurrent_calls: { min: 1, max: 1000 },
  frequency: { min: 1, max: 10_000 },
  call_max_duration: { min: 0, max: 24 * 3600 },
  retry_times: { min: 0, max: 100 },
  retry_delay: { min: 0, max: 7 * 24 * 3600 },
  dial_timeout: { min: 15, max: 300 },
  wrapup_sec: { min: 0, max: 3600 },
  preview_timeout_sec: { min: 0, max: 3600 },
  /** Percent; the API's fraction is 0 … 0.5. */
  abandon_cap: { min: 0, max: 50 },
  /** Percent; the API's fraction is 0 … 1. */
  amd_false_positive_rate: { min: 0, max: 100 },
  /** Minutes; the API's cooldown_sec is 0 … 30 days. */
  retry_cooldown_min: { min: 0, max: 30 * 24 * 60 },
  retry_max_attempts: { min: 1, max: 100 },
} as const;

const emptyRetryRules = (): Record<RetryOutcome, RetryRuleFormValues> =>
  Object.fromEntries(RETRY_OUTCOMES.map((o) => [o, { cooldown_min: "", max_attempts: "" }])) as Record<RetryOutcome, RetryRuleFormValues>;

export const EMPTY_SCHEDULE: ScheduleFormValues = { enabled: false, days: [1, 2, 3, 4, 5, 6, 7], start: "", end: "", from: "", until: "", exceptions: [] };

export const CAMPAIGN_DEFAULTS: CampaignFormValues = {
  name: "",
  description: "",
  trunk_type: "pjsip",
  trunk_value: "",
  callerid: "",
  agent_dest_type: "exten",
  agent_dest_value: "",
  dial_mode: "agentless",
  dial_timeout: "30",
  concurrent_calls: "1",
  frequency: "",
  call_max_duration: "0",
  wrapup_sec: "10",
  queue_id: "",
  agent_drop_action: "requeue",
  preview_timeout_sec: "60",
  preview_timeout_action: "skip",
  amd_enabled: false,
  machine_action: "hangup",
  machine_message: "",
  abandon_cap: "3",
  abandon_rule: "us",
  amd_false_positive_rate: "0",
  abandon_message: "pacer/abandon-message",
  record_calls: false,
  timezone: "UTC",
  calling_hours_start: "08:00",
  calling_hours_end: "21:00",
  schedule: EMPTY_SCHEDULE,
  retry_times: "0",
  retry_delay: "300",
  retry_rules: emptyRetryRules(),
};

/** 0.03 → "3"; rounded so float noise (0.07 × 100 = 7.000000000000001) does not show. */
export const fractionToPercent = (fraction: number) => String(Number((fraction * 100).toFixed(4)));
export const percentToFraction = (percent: string) => Number((Number(percent) / 100).toFixed(6));
/** Seconds to minutes as typed; three decimals keep every whole second on the way back. */
export const secondsToMinutes = (seconds: number) => String(Number((seconds / 60).toFixed(3)));
export const minutesToSeconds = (minutes: string) => Math.round(Number(minutes) * 60);

/**
 * A time input cannot show "24:00", which the API accepts as an end of day. A window ending at
 * midnight means the same as one ending at 24:00 (an end at or before the start wraps past
 * midnight, and equal times mean all day), so it is shown as 00:00.
 */
const clockForInput = (value: unknown) => (value === "24:00" ? "00:00" : typeof value === "string" ? value : "");

/** The API's schedule (a loose object on the way out) in the editor's shape. */
export function scheduleToFormValues(schedule: Campaign["schedule"]): ScheduleFormValues {
  if (!schedule) return EMPTY_SCHEDULE;
  const s = schedule as CampaignSchedule;
  const days = Array.isArray(s.days) ? s.days.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7) : EMPTY_SCHEDULE.days;
  return {
    enabled: true,
    days: [...new Set(days)].sort((a, b) => a - b),
    start: clockForInput(s.start),
    end: clockForInput(s.end),
    from: typeof s.from === "string" ? s.from : "",
    until: typeof s.until === "string" ? s.until : "",
    exceptions: Array.isArray(s.exceptions) ? s.exceptions.filter((d): d is string => typeof d === "string") : [],
  };
}

export function campaignToFormValues(c: Campaign): CampaignFormValues {
  const rules = emptyRetryRules();
  for (const outcome of RETRY_OUTCOMES) {
    const rule = c.retry_rules?.[outcome];
    if (rule) rules[outcome] = { cooldown_min: secondsToMinutes(rule.cooldown_sec), max_attempts: String(rule.max_attempts) };
  }
  return {
    name: c.name,
    description: c.description ?? "",
    trunk_type: c.trunk_type,
    trunk_value: c.trunk_value,
    callerid: c.callerid ?? "",
    agent_dest_type: c.agent_dest_type,
    agent_dest_value: c.agent_dest_value,
    dial_mode: c.dial_mode,
    dial_timeout: String(c.dial_timeout),
    concurrent_calls: String(c.concurrent_calls),
    frequency: c.frequency === null ? "" : String(c.frequency),
    call_max_duration: String(c.call_max_duration),
    wrapup_sec: String(c.wrapup_sec),
    queue_id: c.queue_id === null ? "" : String(c.queue_id),
    agent_drop_action: c.agent_drop_action,
    preview_timeout_sec: String(c.preview_timeout_sec),
    preview_timeout_action: c.preview_timeout_action,
    amd_enabled: c.amd_enabled === 1,
    machine_action: c.machine_action,
    machine_message: c.machine_message ?? "",
    abandon_cap: fractionToPercent(c.abandon_cap),
    abandon_rule: c.abandon_rule,
    amd_false_positive_rate: fractionToPercent(c.amd_false_positive_rate),
    abandon_message: c.abandon_message,
    record_calls: c.record_calls === 1,
    timezone: c.timezone,
    calling_hours_start: clockForInput(c.calling_hours_start),
    calling_hours_end: clockForInput(c.calling_hours_end),
    schedule: scheduleToFormValues(c.schedule),
    retry_times: String(c.retry_times),
    retry_delay: String(c.retry_delay),
    retry_rules: rules,
  };
}

/** What a blank half of a retry rule row stands for: the campaign's default rule. */
export function defaultRetryRule(v: Pick<CampaignFormValues, "retry_times" | "retry_delay">): RetryRuleFormValues {
  const times = Number(v.retry_times);
  const delay = Number(v.retry_delay);
  return {
    cooldown_min: Number.isInteger(delay) && delay >= 0 ? secondsToMinutes(delay) : "5",
    max_attempts: String(Number.isInteger(times) && times >= 0 ? Math.min(CAMPAIGN_LIMITS.retry_max_attempts.max, times + 1) : 1),
  };
}

const CALLER_ID = [/^\+?[0-9]{2,20}$/, /^"?[^"<>]{1,60}"?\s*<\+?[0-9]{2,20}>$/];
const CUSTOM_DIAL_STRING = /\$\{EXTEN\}|\{number\}/;
const MEDIA = /^[A-Za-z0-9_./:-]+$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function wholeNumberProblem(label: string, raw: string, { min, max }: { min: number; max: number }): string | null {
  const value = raw.trim();
  if (value === "") return `${label} is required.`;
  if (!/^-?\d+$/.test(value)) return `${label} must be a whole number.`;
  const n = Number(value);
  if (n < min || n > max) return `${label} must be between ${min} and ${max.toLocaleString("en-US")}.`;
  return null;
}

function decimalProblem(label: string, raw: string, { min, max }: { min: number; max: number }, unit = ""): string | null {
  const value = raw.trim();
  if (value === "") return `${label} is required.`;
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(value)) return `${label} must be a number.`;
  const n = Number(value);
  if (n < min || n > max) return `${label} must be between ${min}${unit} and ${max.toLocaleString("en-US")}${unit}.`;
  return null;
}

function mediaProblem(label: string, raw: string, required: boolean): string | null {
  const value = raw.trim();
  if (value === "") return required ? `${label} is required.` : null;
  if (value.length > CAMPAIGN_LIMITS.media) return `${label} must be at most ${CAMPAIGN_LIMITS.media} characters.`;
  if (!MEDIA.test(value)) return `${label} must be a sound or recording name: letters, digits and _ . / : - only.`;
  return null;
}

/** Whether the browser's Intl knows the zone, as the server checks it. */
export function validTimeZone(zone: string): boolean {
  if (zone.trim() === "" || zone !== zone.trim()) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A real calendar date "YYYY-MM-DD" (not 2025-02-30). */
export function validDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function validateSchedule(s: ScheduleFormValues, add: (key: string, message: string | null) => void) {
  if (!s.enabled) return;
  if (s.days.length === 0) add(scheduleErrorKey("days"), "Choose at least one day, or turn the schedule off to dial every day.");
  if (s.start && !CLOCK.test(s.start)) add(scheduleErrorKey("start"), "Daily window start must be a time (HH:MM).");
  if (s.end && !CLOCK.test(s.end)) add(scheduleErrorKey("end"), "Daily window end must be a time (HH:MM).");
  const fromOk = !s.from || validDate(s.from);
  const untilOk = !s.until || validDate(s.until);
  if (!fromOk) add(scheduleErrorKey("from"), "First day must be a date.");
  if (!untilOk) add(scheduleErrorKey("until"), "Last day must be a date.");
  if (fromOk && untilOk && s.from && s.until && s.from > s.until) add(scheduleErrorKey("until"), "Last day must not be before the first day.");
  const bad = s.exceptions.filter((d) => !validDate(d));
  if (bad.length) add(scheduleErrorKey("exceptions"), `Not a date: ${bad.join(", ")}.`);
}

function validateRetryRules(v: CampaignFormValues, add: (key: string, message: string | null) => void) {
  for (const outcome of RETRY_OUTCOMES) {
    const row = v.retry_rules[outcome];
    if (row.cooldown_min.trim() === "" && row.max_attempts.trim() === "") continue;
    const label = RETRY_OUTCOME_LABELS[outcome];
    if (row.cooldown_min.trim() !== "") {
      add(retryErrorKey(outcome, "cooldown_sec"), decimalProblem(`${label} cooldown`, row.cooldown_min, CAMPAIGN_LIMITS.retry_cooldown_min, " min"));
    }
    if (row.max_attempts.trim() !== "") {
      add(retryErrorKey(outcome, "max_attempts"), wholeNumberProblem(`${label} max attempts`, row.max_attempts, CAMPAIGN_LIMITS.retry_max_attempts));
    }
  }
}

/** The server's rules, checked before sending so mistakes show at once, field by field. */
export function validateCampaign(v: CampaignFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string | null) => {
    if (message && !errors[field]) errors[field] = [message];
  };
  const L = CAMPAIGN_FIELD_LABELS;
  const required = (field: "name" | "trunk_value" | "agent_dest_value", max: number) => {
    const value = v[field].trim();
    if (value === "") return `${L[field]} is required.`;
    if (value.length > max) return `${L[field]} must be at most ${max} characters.`;
    return null;
  };

  add("name", required("name", CAMPAIGN_LIMITS.name));
  if (v.description.trim().length > CAMPAIGN_LIMITS.description) {
    add("description", `Description must be at most ${CAMPAIGN_LIMITS.description} characters.`);
  }
  add("trunk_value", required("trunk_value", CAMPAIGN_LIMITS.trunk_value));
  if (!errors.trunk_value && v.trunk_type === "custom" && !CUSTOM_DIAL_STRING.test(v.trunk_value)) {
    add("trunk_value", "A custom trunk must contain ${EXTEN} where the number goes, e.g. PJSIP/${EXTEN}@carrier.");
  }
  const callerid = v.callerid.trim();
  if (callerid.length > CAMPAIGN_LIMITS.callerid) add("callerid", `Caller ID must be at most ${CAMPAIGN_LIMITS.callerid} characters.`);
  else if (callerid && !CALLER_ID.some((re) => re.test(callerid))) {
    add("callerid", 'Caller ID must be digits (optionally starting with +) or "Name" <digits>.');
  }
  add("agent_dest_value", required("agent_dest_value", CAMPAIGN_LIMITS.agent_dest_value));
  if (!errors.agent_dest_value && v.agent_dest_type === "ivr" && !/^[1-9]\d*$/.test(v.agent_dest_value.trim())) {
    add("agent_dest_value", "Choose an IVR menu (its id).");
  }
  if (!errors.agent_dest_value && v.agent_dest_type === "survey" && !/^[1-9]\d*$/.test(v.agent_dest_value.trim())) {
    add("agent_dest_value", "Choose a survey (its id).");
  }

  add("dial_timeout", wholeNumberProblem(L.dial_timeout, v.dial_timeout, CAMPAIGN_LIMITS.dial_timeout));
  add("concurrent_calls", wholeNumberProblem(L.concurrent_calls, v.concurrent_calls, CAMPAIGN_LIMITS.concurrent_calls));
  if (v.frequency.trim() !== "") add("frequency", wholeNumberProblem(L.frequency, v.frequency, CAMPAIGN_LIMITS.frequency));
  add("call_max_duration", wholeNumberProblem(L.call_max_duration, v.call_max_duration, CAMPAIGN_LIMITS.call_max_duration));
  add("wrapup_sec", wholeNumberProblem(L.wrapup_sec, v.wrapup_sec, CAMPAIGN_LIMITS.wrapup_sec));
  add("preview_timeout_sec", wholeNumberProblem(L.preview_timeout_sec, v.preview_timeout_sec, CAMPAIGN_LIMITS.preview_timeout_sec));
  // Stricter than the API, which accepts "message" without a sound (and then simply hangs up).
  add("machine_message", mediaProblem(L.machine_message, v.machine_message, v.amd_enabled && v.machine_action === "message"));
  add("abandon_cap", decimalProblem("Abandon cap", v.abandon_cap, CAMPAIGN_LIMITS.abandon_cap, " %"));
  add("amd_false_positive_rate", decimalProblem("AMD false positives", v.amd_false_positive_rate, CAMPAIGN_LIMITS.amd_false_positive_rate, " %"));
  add("abandon_message", mediaProblem(L.abandon_message, v.abandon_message, true));

  if (!validTimeZone(v.timezone)) add("timezone", "Choose a time zone from the list, e.g. America/New_York.");
  add("calling_hours_start", CLOCK.test(v.calling_hours_start) ? null : "Calling hours need a start time (HH:MM).");
  add("calling_hours_end", CLOCK.test(v.calling_hours_end) ? null : "Calling hours need an end time (HH:MM).");
  validateSchedule(v.schedule, add);

  add("retry_times", wholeNumberProblem(L.retry_times, v.retry_times, CAMPAIGN_LIMITS.retry_times));
  add("retry_delay", wholeNumberProblem(L.retry_delay, v.retry_delay, CAMPAIGN_LIMITS.retry_delay));
  validateRetryRules(v, add);
  return errors;
}

export function toSchedule(s: ScheduleFormValues): CampaignSchedule | null {
  if (!s.enabled) return null;
  const out: CampaignSchedule = {};
  if (s.days.length < 7) out.days = [...s.days].sort((a, b) => a - b);
  if (s.start) out.start = s.start;
  if (s.end) out.end = s.end;
  if (s.from) out.from = s.from;
  if (s.until) out.until = s.until;
  if (s.exceptions.length) out.exceptions = [...new Set(s.exceptions)].sort();
  // A schedule with no limits is the same as none.
  return Object.keys(out).length ? out : null;
}

export function toRetryRules(v: CampaignFormValues): RetryRules | null {
  const fallback = defaultRetryRule(v);
  const rules: RetryRules = {};
  for (const outcome of RETRY_OUTCOMES) {
    const row = v.retry_rules[outcome];
    const cooldown = row.cooldown_min.trim();
    const attempts = row.max_attempts.trim();
    if (cooldown === "" && attempts === "") continue;
    rules[outcome] = {
      cooldown_sec: minutesToSeconds(cooldown || fallback.cooldown_min),
      max_attempts: Number(attempts || fallback.max_attempts),
    };
  }
  return Object.keys(rules).length ? rules : null;
}

export function toCampaignInput(v: CampaignFormValues) {
  return {
    name: v.name.trim(),
    description: v.description.trim() || null,
    trunk_type: v.trunk_type,
    trunk_value: v.trunk_value.trim(),
    callerid: v.callerid.trim() || null,
    agent_dest_type: v.agent_dest_type,
    agent_dest_value: v.agent_dest_value.trim(),
    record_calls: v.record_calls ? (1 as const) : (0 as const),
    concurrent_calls: Number(v.concurrent_calls),
    frequency: v.frequency.trim() === "" ? null : Number(v.frequency),
    call_max_duration: Number(v.call_max_duration),
    retry_times: Number(v.retry_times),
    retry_delay: Number(v.retry_delay),
    dial_mode: v.dial_mode,
    dial_timeout: Number(v.dial_timeout),
    amd_enabled: v.amd_enabled ? (1 as const) : (0 as const),
    machine_action: v.machine_action,
    machine_message: v.machine_message.trim() || null,
    abandon_cap: percentToFraction(v.abandon_cap),
    abandon_rule: v.abandon_rule,
    amd_false_positive_rate: percentToFraction(v.amd_false_positive_rate),
    abandon_message: v.abandon_message.trim(),
    wrapup_sec: Number(v.wrapup_sec),
    queue_id: v.queue_id === "" ? null : Number(v.queue_id),
    agent_drop_action: v.agent_drop_action,
    preview_timeout_sec: Number(v.preview_timeout_sec),
    preview_timeout_action: v.preview_timeout_action,
    timezone: v.timezone,
    calling_hours_start: v.calling_hours_start,
    calling_hours_end: v.calling_hours_end,
    schedule: toSchedule(v.schedule),
    retry_rules: toRetryRules(v),
  };
}
