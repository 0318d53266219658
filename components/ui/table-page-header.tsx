import type { TableCreateForm } from "@/hooks/use-table-create-form";

/**
 * The title of a page that manages a table, with what the page is for and, at the right, its
 * actions (e.g. the button that opens the create form).
 */
export function TablePageHeader({ title, actions, children }: { title: string; actions?: React.ReactNode; children: React.ReactNode }) {
  const heading = (
    <div>
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-0.5 max-w-3xl text-sm text-slate-500 dark:text-slate-400">{children}</p>
    </div>
  );
  if (actions === undefined) return heading;
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      {heading}
      {actions}
    </div>
  );
}

/** The "New …" button of a page's create form; it gives way to the form while the form is open. */
export function CreateFormButton({ form, children }: { form: TableCreateForm; children: React.ReactNode }) {
  if (form.creating) return null;
  return (
    <button ref={form.buttonRef} type="button" className="btn-primary" onClick={form.open}>
      {children}
    </button>
  );
}
