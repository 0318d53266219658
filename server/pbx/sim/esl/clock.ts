/** FreeSWITCH's clocks: everything is stamped in microseconds since the epoch, and shown in local time. */
export const nowUs = () => Math.round((performance.timeOrigin + performance.now()) * 1000);

const pad = (n: number) => String(n).padStart(2, "0");

/** `2026-11-22 05:57:14`, as FreeSWITCH writes local times (Event-Date-Local, *_stamp variables). */
export function localStamp(us: number): string {
  const d = new Date(us / 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
