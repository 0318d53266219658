import { z } from "zod";
import { timestampsOut } from "../api/validation";
import { IVR_ACTION_TYPES, IVR_DIGITS } from "@/db/schema";

const actionInput = z
  .object({
    dtmf_digit: z.enum(IVR_DIGITS, { error: "must be one of 0-9, *, #, t (timeout) or i (invalid)" }),
    action_type: z.enum(IVR_ACTION_TYPES, { error: `must be one of: ${IVR_ACTION_TYPES.join(", ")}` }),
    action_value: z.string().trim().max(255).nullish(),
  })
  .refine((a) => ["hangup", "dnc"].includes(a.action_type) || !!a.action_value, {
    message: "is required for this action type",
    path: ["action_value"],
    // Report it alongside other errors in the row, not only once the row is otherwise valid.
    when: (payload) => typeof (payload.value as { action_type?: unknown })?.action_type === "string",
  });

const actions = z
  .array(actionInput, { error: "must be a list of actions" })
  .max(14)
  .superRefine(
    (list, ctx) => {
      const seen = new Map<string, number>();
      list.forEach((a, i) => {
        const digit = (a as { dtmf_digit?: unknown } | null)?.dtmf_digit;
        if (typeof digit !== "string") return;
        const first = seen.get(digit);
        if (first !== undefined) ctx.addIssue({ code: "custom", message: `digit '${digit}' is already used by actions.${first}`, path: [i, "dtmf_digit"] });
        else seen.set(digit, i);
      });
    },
    // Runs even when some rows are invalid, so one reply lists every problem.
    { when: (payload) => Array.isArray(payload.value) },
  );

const menuFields = {
  campaign_id: z.coerce.number({ error: "must be a campaign id" }).int().positive().nullish(),
  name: z
    .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
    .trim()
    .min(1, "is required")
    .max(255),
  audio_file: z.string().trim().max(255).nullish(),
  timeout: z.coerce.number({ error: "must be a number" }).int().min(1).max(120),
  max_digits: z.coerce.number({ error: "must be a number" }).int().min(1).max(20),
};

export const createIvrBody = z.object({
  ...menuFields,
  timeout: menuFields.timeout.default(10),
  max_digits: menuFields.max_digits.default(1),
  actions: actions.default([]),
});

/** `actions`, when sent, replaces the menu's actions. */
export const updateIvrBody = z
  .object({
    campaign_id: menuFields.campaign_id,
    name: menuFields.name.optional(),
    audio_file: menuFields.audio_file,
    timeout: menuFields.timeout.optional(),
    max_digits: menuFields.max_digits.optional(),
    actions: actions.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "send at least one field to update" });

export const listIvrQuery = z.object({
  campaign_id: z.coerce.number({ error: "must be a campaign id" }).int().positive().optional(),
});

export const ivrMenuOut = z.object({
  id: z.number(),
  campaign_id: z.number().nullable(),
  name: z.string(),
  audio_file: z.string().nullable(),
  timeout: z.number(),
  max_digits: z.number(),
  ...timestampsOut,
});

export const ivrActionOut = z.object({
  id: z.number(),
  ivr_menu_id: z.number(),
  dtmf_digit: z.string(),
  action_type: z.enum(IVR_ACTION_TYPES),
  action_value: z.string().nullable(),
  created_at: z.string(),
});

export const ivrMenuWithActionsOut = ivrMenuOut.extend({ actions: z.array(ivrActionOut) });
