"use client";

import type { Campaign } from "@/lib/api-types";

/** `global` for the system-wide list, else a campaign id: as the select's value, and as the API's `campaign_id`. */
export type DncList = "global" | number;

export const listValue = (list: DncList) => String(list);
export const parseListValue = (value: string): DncList => (value === "global" ? "global" : Number(value));

/** The system-wide list applies to every campaign; the others to one campaign each. */
export function DncListOptions({ campaigns }: { campaigns: Campaign[] | undefined }) {
  return (
    <>
      <option value="global">All campaigns (system-wide)</option>
      {campaigns?.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </>
  );
}

/** What a scope column or message calls a list. */
export function listLabel(campaignId: number | null, campaignName: string | null): string {
  return campaignId === null ? "All campaigns" : (campaignName ?? `Campaign #${campaignId}`);
}
