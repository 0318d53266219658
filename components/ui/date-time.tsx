import { formatLocalDateTime, parseApiTime } from "@/lib/format";

/** A time from the API (UTC), shown in the viewer's time zone with the UTC value on hover. */
export function DateTime({ value, seconds = false, empty = "—" }: { value: string | null; seconds?: boolean; empty?: string }) {
  if (!value) return <span className="text-slate-500 dark:text-slate-400">{empty}</span>;
  const date = parseApiTime(value);
  return (
    <time dateTime={Number.isNaN(date.getTime()) ? undefined : date.toISOString()} title={`${value} UTC`} className="tabular-nums">
      {formatLocalDateTime(value, { seconds })}
    </time>
  );
}
