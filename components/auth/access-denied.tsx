import Link from "next/link";

export function AccessDenied({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div role="alert" className="card mx-auto mt-10 max-w-lg p-6 text-center">
      <h1 className="text-lg font-semibold">{title}</h1>
      {children && <div className="mt-2 text-sm text-slate-600 dark:text-slate-400">{children}</div>}
      <Link href="/settings/tokens" className="btn-secondary mt-5">
        Go to your API tokens
      </Link>
    </div>
  );
}
