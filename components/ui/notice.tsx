type NoticeTone = "info" | "warning" | "success" | "error";

const NOTICE_CLASSES: Record<NoticeTone, string> = {
  info: "border-sky-200 bg-sky-50 text-sky-900 dark:border-sky-900 dark:bg-sky-950/60 dark:text-sky-200",
  warning: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-200",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200",
  error: "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200",
};

/** A boxed message. Errors are announced at once (role=alert), the rest politely (role=status). */
export function Notice({
  tone,
  title,
  children,
  className,
}: {
  tone: NoticeTone;
  title?: string;
  children?: React.ReactNode;
  className?: string;
}) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md border px-3 py-2 text-sm ${NOTICE_CLASSES[tone]} ${className ?? ""}`}>
      {title && <p className="font-medium">{title}</p>}
      {children && <div className={title ? "mt-0.5" : undefined}>{children}</div>}
    </div>
  );
}

export function ErrorState({
  title = "Could not load this page",
  error,
  onRetry,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
}) {
  return (
    <div role="alert" className="card flex flex-col items-start gap-3 border-red-200 p-5 dark:border-red-900">
      <div>
        <p className="font-semibold text-red-700 dark:text-red-300">{title}</p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{error instanceof Error ? error.message : "Something went wrong."}</p>
      </div>
      {onRetry && (
        <button type="button" className="btn-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
