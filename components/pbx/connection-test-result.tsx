import type { PbxTestResult } from "@/lib/api-types";
import { formatMilliseconds } from "@/lib/format";

/**
 * The outcome of a "Test connection" press. The live region stays in the page even when empty, so
 * screen readers announce each new result.
 */
export function ConnectionTestResult({
  id,
  pending,
  result,
  error,
  className,
}: {
  id?: string;
  pending: boolean;
  result: PbxTestResult | null;
  /** The test request itself failed (bad input, no rights), as opposed to the PBX refusing. */
  error: string | null;
  className?: string;
}) {
  let content: React.ReactNode = null;
  if (pending) {
    content = <span className="text-slate-500 dark:text-slate-400">Testing…</span>;
  } else if (error) {
    content = <span className="text-red-700 dark:text-red-400">{error}</span>;
  } else if (result?.ok) {
    content = (
      <span className="font-medium text-emerald-700 dark:text-emerald-400">
        <span aria-hidden="true">✓ </span>
        {result.rtt_ms !== null ? `Connected in ${formatMilliseconds(result.rtt_ms)}` : "Connected"}
      </span>
    );
  } else if (result) {
    content = <span className="text-red-700 dark:text-red-400">Could not connect: {result.error ?? "no reason given"}</span>;
  }
  return (
    <p id={id} role="status" className={`text-sm break-words ${className ?? ""}`}>
      {content}
    </p>
  );
}
