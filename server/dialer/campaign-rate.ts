/**
 * A campaign's call rate (`frequency`, calls started per minute), shared by every dialer process.
 * Pure: the claim reads the campaign's rate row (locked) and its starts of the last minute, asks
 * `rateRoom` how many calls may start now, and writes `last` back in the same transaction.
 *
 * - Starts are spread `60 000 / frequency` ms apart on a schedule (`last`: when the latest start
 *   was due), so 20 a minute is one every 3 s, not 20 at once and then a minute's silence. The
 *   schedule is kept as the last start rather than the next, so a changed frequency applies to
 *   the very next call.
 * - A campaign a little behind its schedule (a slow tick) catches up, by at most one second's
 *   worth of starts; one further behind (idle, paused, waiting for agents) starts afresh: one
 *   call now, the next a gap later, never a burst of the minute it missed.
 * - Whatever the schedule says, no more than `frequency` calls start in any 60 s: the starts of
 *   the last minute, read under the same lock, are the hard cap.
 */
export type RateState = {
  /** When the campaign's latest start was due on the schedule (ms); 0 before its first call. */
  last: number;
  /** Calls of the campaign started in the last 60 s (by any process). */
  recent: number;
};

export const RATE_WINDOW_MS = 60_000;
/** How far behind its schedule a campaign may start calls to catch up. */
const CATCH_UP_MS = 1000;

export type RateRoom = { room: number; last: number };

/** How many calls (at most `wanted`) may start at `now`, and the schedule's `last` once they have. */
export function rateRoom(frequency: number | null, state: RateState, now: number, wanted: number): RateRoom {
  if (frequency === null) return { room: wanted, last: state.last };
  if (frequency <= 0) return { room: 0, last: state.last };
  const gap = RATE_WINDOW_MS / frequency;
  const next = state.last + gap;
  if (next > now) return { room: 0, last: state.last };
  const base = next >= now - CATCH_UP_MS ? next : now;
  const due = Math.floor((now - base) / gap) + 1;
  const room = Math.max(0, Math.min(wanted, due, frequency - state.recent));
  return { room, last: room > 0 ? base + (room - 1) * gap : state.last };
}
