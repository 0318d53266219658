/** A record id from a URL segment, by the API's rule (a positive 32-bit integer); null if it cannot name one. */
export function parseRecordId(raw: string): number | null {
  if (!/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 && id <= 2_147_483_647 ? id : null;
}
