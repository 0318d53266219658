import { StatusBadge, statusFill } from "@/components/ui/status-badge";

/**
 * Numbers on the do-not-call list get a colour of their own (violet), apart from the statuses of
 * calls: nobody failed to reach them, they are never to be dialed.
 */
export const DNC_FILL = "#8b5cf6";

export function numberStatusFill(status: string): string {
  return status === "dnc" ? DNC_FILL : statusFill(status);
}

export function numberStatusLabel(status: string): string | undefined {
  return status === "dnc" ? "Do not call" : undefined;
}

export function NumberStatusBadge({ status }: { status: string }) {
  if (status !== "dnc") return <StatusBadge status={status} />;
  return (
    <span
      title="On the do-not-call list: this number is never dialed"
      className="inline-flex items-center gap-1.5 rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-violet-700 ring-1 ring-violet-600/25 ring-inset dark:bg-violet-500/10 dark:text-violet-300 dark:ring-violet-400/30"
    >
      <svg aria-hidden="true" viewBox="0 0 12 12" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="1.6">
        <circle cx="6" cy="6" r="4.6" />
        <path d="M2.8 9.2 9.2 2.8" />
      </svg>
      Do not call
    </span>
  );
}
