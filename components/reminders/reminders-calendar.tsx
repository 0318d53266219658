"use client";

import { useMemo, useState } from "react";
import { useReminders } from "@/hooks/use-reminders";
import type { Reminder } from "@/lib/api-types";
import { ErrorState } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { Badge } from "@/components/ui/status-badge";
import { TablePageHeader } from "@/components/ui/table-page-header";
import { REMINDER_STATE_VIEW } from "./reminder-states";
import { ReminderForm, ReminderImportForm } from "./reminder-forms";

type View = "month" | "week";
const DAY_MS = 86_400_000;
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Local midnight of the Monday on or before `d`. */
function mondayOf(d: Date): Date {
  const m = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  m.setDate(m.getDate() - ((m.getDay() + 6) % 7));
  return m;
}

const dayKey = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
const utcDate = (d: Date) => d.toISOString().slice(0, 10);
/** The API prints times in UTC as `YYYY-MM-DD HH:MM:SS`. */
const instantOf = (utc: string) => new Date(`${utc.replace(" ", "T")}Z`);

/** The days a view shows: whole weeks, Monday first. */
function gridDays(view: View, anchor: Date): Date[] {
  const first = view === "week" ? mondayOf(anchor) : mondayOf(new Date(anchor.getFullYear(), anchor.getMonth(), 1));
  const weeks = view === "week" ? 1 : Math.ceil((new Date(anchor.getFullYear(), anchor.getMonth() + 1, 0).getDate() + ((new Date(anchor.getFullYear(), anchor.getMonth(), 1).getDay() + 6) % 7)) / 7);
  return Array.from({ length: weeks * 7 }, (_, i) => new Date(first.getFullYear(), first.getMonth(), first.getDate() + i));
}

/**
 * The reminders page: a month or week grid of appointments, each with its reminder's state
 * (scheduled, calling, confirmed, cancelled, …), a form for one reminder and a CSV import.
 */
export function RemindersCalendar() {
  const [view, setView] = useState<View>("month");
  const [anchor, setAnchor] = useState(() => new Date());
  const days = useMemo(() => gridDays(view, anchor), [view, anchor]);
  // A day of margin each side: the grid is in the browser's zone, the filter in UTC dates.
  const from = utcDate(new Date(days[0].getTime() - DAY_MS));
  const to = utcDate(new Date(days[days.length - 1].getTime() + DAY_MS));
  const q = useReminders(from, to);
  const byDay = useMemo(() => {
    const map = new Map<string, Reminder[]>();
    for (const r of q.data ?? []) {
      const key = dayKey(instantOf(r.appointment_at));
      map.set(key, [...(map.get(key) ?? []), r]);
    }
    return map;
  }, [q.data]);

  const move = (step: number) => setAnchor((a) => (view === "week" ? new Date(a.getFullYear(), a.getMonth(), a.getDate() + 7 * step) : new Date(a.getFullYear(), a.getMonth() + step, 1)));
  const title =
    view === "month"
      ? anchor.toLocaleDateString(undefined, { month: "long", year: "numeric" })
      : `Week of ${days[0].toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" })}`;
  const today = dayKey(new Date());

  let grid: React.ReactNode;
  if (q.error && !q.data) grid = <div className="p-4"><ErrorState title="Could not load the reminders" error={q.error} onRetry={() => q.refetch()} /></div>;
  else if (!q.data) grid = <div role="status" aria-label="Loading reminders" className="space-y-2 p-4"><Skeleton className="h-8" /><Skeleton className="h-32" /></div>;
  else
    grid = (
      <div className="overflow-x-auto">
        <div role="grid" aria-label={`Reminders, ${title}`} className="grid min-w-[640px] grid-cols-7 text-sm">
          <div role="row" className="contents">
            {WEEKDAYS.map((d) => (
              <div role="columnheader" key={d} className="border-b border-slate-200 px-2 py-1 text-xs font-medium text-slate-600 dark:border-slate-800 dark:text-slate-300">
                {d}
              </div>
            ))}
          </div>
          {Array.from({ length: days.length / 7 }, (_, w) => (
            <div role="row" key={w} className="contents">
              {days.slice(w * 7, w * 7 + 7).map((d) => {
                const key = dayKey(d);
                const list = byDay.get(key) ?? [];
                const outside = view === "month" && d.getMonth() !== anchor.getMonth();
                return (
                  <div
                    role="gridcell"
                    key={key}
                    aria-label={`${d.toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long" })}: ${list.length} reminders`}
                    className={`min-h-24 border-b border-r border-slate-200 p-1.5 dark:border-slate-800 ${outside ? "bg-slate-50 dark:bg-slate-900/40" : ""}`}
                  >
                    <div className={`mb-1 text-xs ${key === today ? "font-bold text-brand-700 dark:text-brand-300" : "text-slate-600 dark:text-slate-300"}`}>{d.getDate()}</div>
                    <ul className="space-y-1">
                      {list.map((r) => (
                        <ReminderEntry key={r.id} reminder={r} />
                      ))}
                    </ul>
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
    );

  return (
    <div className="space-y-5">
      <TablePageHeader title="Reminders">
        Appointment reminder calls: each reminder calls its contact once, some minutes before the appointment and inside their calling hours. They press 1 to
        confirm, 2 to cancel or 0 to speak to someone (the call is transferred). Unanswered calls are retried as the reminder says.
      </TablePageHeader>
      <Panel
        title={title}
        description={`${q.data?.length ?? 0} reminders shown`}
        tools={
          <div className="flex flex-wrap items-center gap-2">
            <div role="group" aria-label="View" className="flex gap-1">
              {(["month", "week"] as const).map((v) => (
                <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)} className={`${view === v ? "btn-primary" : "btn-secondary"} px-2.5 py-1 text-xs`}>
                  {v === "month" ? "Month" : "Week"}
                </button>
              ))}
            </div>
            <button type="button" className="btn-secondary px-2.5 py-1 text-xs" onClick={() => move(-1)} aria-label={view === "month" ? "Previous month" : "Previous week"}>
              ‹
            </button>
            <button type="button" className="btn-secondary px-2.5 py-1 text-xs" onClick={() => setAnchor(new Date())}>
              Today
            </button>
            <button type="button" className="btn-secondary px-2.5 py-1 text-xs" onClick={() => move(1)} aria-label={view === "month" ? "Next month" : "Next week"}>
              ›
            </button>
          </div>
        }
      >
        {grid}
      </Panel>
      <div className="grid gap-5 lg:grid-cols-2">
        <ReminderForm />
        <ReminderImportForm />
      </div>
    </div>
  );
}

function ReminderEntry({ reminder: r }: { reminder: Reminder }) {
  const state = REMINDER_STATE_VIEW[r.state];
  const time = instantOf(r.appointment_at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return (
    <li className="rounded border border-slate-200 p-1 text-xs dark:border-slate-700" data-reminder-id={r.id} title={[r.note, r.call_at ? `calls at ${r.call_at} UTC` : null].filter(Boolean).join(" · ") || undefined}>
      <div className="truncate font-medium">
        {time} {r.contact_name}
      </div>
      <Badge tone={state.tone} pulse={r.state === "calling"}>
        {state.label}
      </Badge>
    </li>
  );
}
