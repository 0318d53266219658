import type { Lead } from "@/db/schema";
import { ApiError } from "../api/errors";
import { instantAtLocal, zoneForLead, type ZoneSource } from "../dialer/compliance";

/** The zone a lead is called in, as the calling-hours rules judge it: the lead's own, else inferred, else the campaign's. */
export function leadZone(lead: Pick<Lead, "timezone" | "state" | "zip" | "phoneNumber">, campaignZone: string | null | undefined): { zone: string; source: ZoneSource } {
  return zoneForLead({ timezone: lead.timezone, state: lead.state, zip: lead.zip, phoneNumber: lead.phoneNumber }, campaignZone || "UTC");
}

/**
 * A callback's wall time (`YYYY-MM-DDTHH:MM`, already checked for shape) in the lead's zone, as
 * the UTC instant it means. A time the clocks skip (spring forward) is the instant they jump past
 * it; a time that occurs twice (fall back) is its first occurrence.
 */
export function callbackInstant(local: string, zone: string): Date {
  const [date, clock] = local.split("T");
  const [h, m] = clock.split(":").map(Number);
  const at = instantAtLocal(zone, date, h * 60 + m);
  if (!at) throw ApiError.badRequest("Validation failed: callback_local: no such time", { callback_local: [`${local} does not exist in ${zone}`] });
  return at;
}
