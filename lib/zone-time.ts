/**
 * Wall time in an IANA zone, as a `datetime-local` input reads and writes it (`YYYY-MM-DDTHH:MM`).
 * The browser's own zone plays no part: a callback is picked in the lead's zone.
 */
export function wallTimeIn(zone: string, ms: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** "Mon 14:05" in `zone`: the lead's clock on the screen pop. */
export function clockIn(zone: string, ms: number): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(ms));
}
