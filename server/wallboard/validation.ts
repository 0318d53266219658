import { z } from "zod";

/** At most this many campaigns named in one subscription. */
const MAX_CAMPAIGNS = 100;

/**
 * `wallboard.subscribe`'s payload: every running or paused campaign, or only those named. Nothing
 * (or `{}`) means all; anything else must be exactly this shape.
 */
export const wallboardSubscribe = z
  .object({
    campaign_ids: z
      .array(z.number({ error: "each campaign id must be a number" }).int("each campaign id must be a whole number").positive("each campaign id must be positive"), {
        error: "campaign_ids must be an array of campaign ids",
      })
      .max(MAX_CAMPAIGNS, `at most ${MAX_CAMPAIGNS} campaign ids`)
      .optional(),
  }, { error: "the payload must be an object such as {} or { campaign_ids: [1, 2] }" })
  .strict();

export type WallboardSubscription = z.infer<typeof wallboardSubscribe>;

/** The payload read, or one line saying what is wrong with it (field path first). */
export function parseSubscription(payload: unknown): { ok: true; value: WallboardSubscription } | { ok: false; error: string } {
  const parsed = wallboardSubscribe.safeParse(payload ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  const message = issue.code === "unrecognized_keys" ? `unknown field(s) ${issue.keys.join(", ")}; expected {} or { campaign_ids: [...] }` : issue.message;
  return { ok: false, error: `invalid wallboard.subscribe payload: ${where}${message}` };
}
