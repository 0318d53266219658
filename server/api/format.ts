/** The contract prints times as `YYYY-MM-DD HH:MM:SS`; Pacer prints them in UTC. */
export function formatTime(value: Date | null | undefined): string | null {
  if (!value) return null;
  return value.toISOString().slice(0, 19).replace("T", " ");
}

export const bit = (value: boolean): 0 | 1 => (value ? 1 : 0);
