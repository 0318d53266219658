import { statusFill } from "./status-badge";

export function StatCard({
  label,
  value,
  hint,
  status,
}: {
  label: string;
  value: React.ReactNode;
  hint?: React.ReactNode;
  /** Colours the card's marker like the badge of that status. */
  status?: string;
}) {
  return (
    <div className="card px-4 py-3">
      <dt className="flex items-center gap-1.5 text-xs font-medium text-slate-500 dark:text-slate-400">
        {status && <span aria-hidden="true" className="h-2 w-2 rounded-full" style={{ backgroundColor: statusFill(status) }} />}
        {label}
      </dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900 dark:text-slate-50">{value}</dd>
      {hint && <dd className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{hint}</dd>}
    </div>
  );
}

/** A grid of StatCards as one description list. */
export function StatGrid({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <dl aria-label={label} className={`grid gap-3 ${className ?? "grid-cols-2 sm:grid-cols-3 lg:grid-cols-5"}`}>
      {children}
    </dl>
  );
}
