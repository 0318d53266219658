"use client";

/** Unexpected failures while rendering a dashboard page; API errors are shown by the pages themselves. */
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <div role="alert" className="card mx-auto mt-10 max-w-lg p-6 text-center">
      <h1 className="text-lg font-semibold">This page failed to load</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Something went wrong on our side. Try again; if it keeps happening, tell your administrator
        {digest ? (
          <>
            {" "}
            and quote <code className="font-mono">{digest}</code>
          </>
        ) : null}
        .
      </p>
      <button type="button" className="btn-primary mt-5" onClick={() => retry()}>
        Try again
      </button>
    </div>
  );
}
