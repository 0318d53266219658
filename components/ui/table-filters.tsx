import type { Campaign } from "@/lib/api-types";

/** One option a campaign, for the selects that filter a table by campaign. */
export function CampaignOptions({ campaigns }: { campaigns: Pick<Campaign, "id" | "name">[] | undefined }) {
  return campaigns?.map((c) => (
    <option key={c.id} value={c.id}>
      {c.name}
    </option>
  ));
}

/** Clears every filter of a table: beside the filters, and in the empty state when nothing matches them. */
export function ClearFiltersButton({ onClick, disabled, className = "btn-secondary" }: { onClick: () => void; disabled?: boolean; className?: string }) {
  return (
    <button type="button" className={className} disabled={disabled} onClick={onClick}>
      Clear filters
    </button>
  );
}
