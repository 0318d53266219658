/** Page sizes the dashboard offers; the API caps pages at 100 rows. */
export const PER_PAGE_OPTIONS = [20, 50, 100] as const;
