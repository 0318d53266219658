/**
 * Display helpers. The API prints times as `YYYY-MM-DD HH:MM:SS` in UTC; the dashboard shows them in
 * the viewer's time zone, in the same sortable shape so columns of times line up.
 */
export function parseApiTime(value: string): Date {
  return new Date(`${value.replace(" ", "T")}Z`);
}

const pad = (n: number) => String(n).padStart(2, "0");

export function formatLocalDateTime(value: string, opts: { seconds?: boolean } = {}): string {
  const d = parseApiTime(value);
  if (Number.isNaN(d.getTime())) return value;
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${opts.seconds ? `:${pad(d.getSeconds())}` : ""}`;
  return `${date} ${time}`;
}

const countFormat = new Intl.NumberFormat("en-US");

export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** Call lengths as `m:ss` (or `h:mm:ss`), the way telephony reports print them. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}

/** Human wording for a delay given in seconds, e.g. 300 → "5 min", 5400 → "1 h 30 min". */
export function formatDelay(totalSeconds: number): string {
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const d = Math.floor(totalSeconds / 86400);
  const h = Math.floor((totalSeconds % 86400) / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return [d && `${d} d`, h && `${h} h`, m && `${m} min`, s && `${s} s`].filter(Boolean).join(" ");
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

/** `no_answer` → `No answer`. */
export function humanize(value: string): string {
  const words = value.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Round-trip times: a tenth of a millisecond matters on a LAN, not beyond 10 ms. */
export function formatMilliseconds(ms: number): string {
  return `${ms < 10 ? Math.round(ms * 10) / 10 : Math.round(ms)} ms`;
}
