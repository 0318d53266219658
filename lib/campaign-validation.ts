import type { Campaign } from "./api-types";
import type { FieldErrors } from "./form-errors";

/** The campaign form as typed: numbers stay strings until they pass the checks below. */
export type CampaignFormValues = {
  name: string;
  description: string;
  trunk_type: Campaign["trunk_type"];
  trunk_value: string;
  callerid: string;
  agent_dest_type: Campaign["agent_dest_type"];
  agent_dest_value: string;
  concurrent_calls: string;
  retry_times: string;
  retry_delay: string;
  record_calls: boolean;
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
  concurrent_calls: "Max concurrent calls",
  retry_times: "Retries",
  retry_delay: "Retry delay (seconds)",
  record_calls: "Record calls",
};

/** Form order, so the first invalid field can take focus. */
export const CAMPAIGN_FIELDS = Object.keys(CAMPAIGN_FIELD_LABELS) as CampaignField[];

/** Limits of server/campaigns/validation.ts. */
export const CAMPAIGN_LIMITS = {
  name: 255,
  description: 2000,
  trunk_value: 255,
  callerid: 80,
  agent_dest_value: 255,
  concurrent_calls: { min: 1, max: 1000 },
  retry_times: { min: 0, max: 100 },
  retry_delay: { min: 0, max: 7 * 24 * 3600 },
} as const;

export const CAMPAIGN_DEFAULTS: CampaignFormValues = {
  name: "",
  description: "",
  trunk_type: "pjsip",
  trunk_value: "",
  callerid: "",
  agent_dest_type: "exten",
  agent_dest_value: "",
  concurrent_calls: "1",
  retry_times: "0",
  retry_delay: "300",
  record_calls: false,
};

export function campaignToFormValues(c: Campaign): CampaignFormValues {
  return {
    name: c.name,
    description: c.description ?? "",
    trunk_type: c.trunk_type,
    trunk_value: c.trunk_value,
    callerid: c.callerid ?? "",
    agent_dest_type: c.agent_dest_type,
    agent_dest_value: c.agent_dest_value,
    concurrent_calls: String(c.concurrent_calls),
    retry_times: String(c.retry_times),
    retry_delay: String(c.retry_delay),
    record_calls: c.record_calls === 1,
  };
}

const CALLER_ID = [/^\+?[0-9]{2,20}$/, /^"?[^"<>]{1,60}"?\s*<\+?[0-9]{2,20}>$/];
const CUSTOM_DIAL_STRING = /\$\{EXTEN\}|\{number\}/;

function wholeNumberProblem(label: string, raw: string, { min, max }: { min: number; max: number }): string | null {
  const value = raw.trim();
  if (value === "") return `${label} is required.`;
  if (!/^-?\d+$/.test(value)) return `${label} must be a whole number.`;
  const n = Number(value);
  if (n < min || n > max) return `${label} must be between ${min} and ${max.toLocaleString("en-US")}.`;
  return null;
}

/** The server's rules, checked before sending so mistakes show at once, field by field. */
export function validateCampaign(v: CampaignFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: CampaignField, message: string | null) => {
    if (message) errors[field] = [message];
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
  add("concurrent_calls", wholeNumberProblem(L.concurrent_calls, v.concurrent_calls, CAMPAIGN_LIMITS.concurrent_calls));
  add("retry_times", wholeNumberProblem(L.retry_times, v.retry_times, CAMPAIGN_LIMITS.retry_times));
  add("retry_delay", wholeNumberProblem(L.retry_delay, v.retry_delay, CAMPAIGN_LIMITS.retry_delay));
  return errors;
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
    retry_times: Number(v.retry_times),
    retry_delay: Number(v.retry_delay),
  };
}
