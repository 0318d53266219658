import type { PauseReason } from "@/db/schema";

/**
 * The reason codes an agent pauses with, in the order the console numbers them (P, then 1–7). The
 * set itself is the schema's `PAUSE_REASONS`; this record must name each one.
 */
export const PAUSE_REASON_LABELS: Record<PauseReason, string> = {
  break: "Break",
  lunch: "Lunch",
  training: "Training",
  meeting: "Meeting",
  coaching: "Coaching",
  technical: "Technical issue",
  other: "Other",
};

export const PAUSE_REASON_LIST = Object.keys(PAUSE_REASON_LABELS) as PauseReason[];

export function pauseReasonLabel(reason: string | null | undefined): string | null {
  return reason && reason in PAUSE_REASON_LABELS ? PAUSE_REASON_LABELS[reason as PauseReason] : null;
}
