import { humanize } from "@/lib/format";
import type { Tone } from "@/lib/tone";

export type { Tone };

const TONE_CLASSES: Record<Tone, { badge: string; dot: string }> = {
  green: {
    badge: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/30",
    dot: "bg-emerald-500",
  },
  amber: {
    badge: "bg-amber-50 text-amber-800 ring-amber-600/25 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/30",
    dot: "bg-amber-500",
  },
  slate: {
    badge: "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-500/15 dark:text-slate-300 dark:ring-slate-400/25",
    dot: "bg-slate-400",
  },
  blue: {
    badge: "bg-blue-50 text-blue-700 ring-blue-600/20 dark:bg-blue-500/10 dark:text-blue-300 dark:ring-blue-400/30",
    dot: "bg-blue-500",
  },
  red: {
    badge: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/30",
    dot: "bg-red-500",
  },
  orange: {
    badge: "bg-orange-50 text-orange-700 ring-orange-600/20 dark:bg-orange-500/10 dark:text-orange-300 dark:ring-orange-400/30",
    dot: "bg-orange-500",
  },
  sky: {
    badge: "bg-sky-50 text-sky-700 ring-sky-600/20 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-400/30",
    dot: "bg-sky-500",
  },
};

/** One colour per status word across campaigns, numbers and call records, so "answered" always looks the same. */
const STATUS_TONES: Record<string, Tone> = {
  running: "green",
  paused: "amber",
  stopped: "slate",
  completed: "blue",
  pending: "slate",
  calling: "sky",
  answered: "green",
  no_answer: "amber",
  busy: "orange",
  failed: "red",
  cancelled: "slate",
  active: "green",
  revoked: "slate",
  expired: "amber",
  delivering: "sky",
  delivered: "green",
};

/** Chart fills matching the badge tones (the 500 shades of Tailwind's palette). */
const TONE_FILLS: Record<Tone, string> = {
  green: "#10b981",
  amber: "#f59e0b",
  slate: "#94a3b8",
  blue: "#3b82f6",
  red: "#ef4444",
  orange: "#f97316",
  sky: "#0ea5e9",
};

/** Statuses where something is happening right now get a pulsing dot. */
const LIVE_STATUSES = new Set(["running", "calling"]);

export function statusTone(status: string): Tone {
  return STATUS_TONES[status] ?? "slate";
}

export function statusFill(status: string): string {
  return TONE_FILLS[statusTone(status)];
}

export function Badge({ tone, children, pulse = false }: { tone: Tone; children: React.ReactNode; pulse?: boolean }) {
  const classes = TONE_CLASSES[tone];
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${classes.badge}`}>
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full ${classes.dot} ${pulse ? "animate-pulse" : ""}`} />
      {children}
    </span>
  );
}

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return (
    <Badge tone={statusTone(status)} pulse={LIVE_STATUSES.has(status)}>
      {label ?? humanize(status)}
    </Badge>
  );
}
