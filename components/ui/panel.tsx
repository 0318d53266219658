import { useId } from "react";
import { SelectField, TextField } from "./form-field";

/**
 * A card with a titled header: the frame of every table and form section of the dashboard. The
 * heading takes focus (`headingRef`) when what was focused inside has gone, e.g. a deleted row.
 */
export function Panel({
  title,
  description,
  headingRef,
  tools,
  label,
  className = "",
  children,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  headingRef?: React.Ref<HTMLHeadingElement>;
  /** Filters or buttons at the right of the header. */
  tools?: React.ReactNode;
  /** The section's accessible name when it is not the title's text. */
  label?: string;
  className?: string;
  children: React.ReactNode;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={label ? undefined : headingId} aria-label={label} className={`card ${className}`}>
      <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <div>
          <h2 ref={headingRef} tabIndex={headingRef ? -1 : undefined} id={headingId} className="font-semibold focus:outline-none">
            {title}
          </h2>
          {description && <p className="text-xs text-slate-500 dark:text-slate-400">{description}</p>}
        </div>
        {tools}
      </div>
      {children}
    </section>
  );
}

/** A padded card with a heading and, under it, what it shows: a chart, a summary, a short form. */
export function CardSection({ title, description, children }: { title: React.ReactNode; description?: React.ReactNode; children: React.ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="card p-4">
      <h2 id={headingId} className={description ? "font-semibold" : "mb-3 font-semibold"}>
        {title}
      </h2>
      {description && <p className="mt-0.5 mb-3 text-sm text-slate-500 dark:text-slate-400">{description}</p>}
      {children}
    </section>
  );
}

/** The filters above a table: Enter applies the search at once, the rest apply as they change. */
export function FilterBar({ label, onSubmit, children }: { label: string; onSubmit?: () => void; children: React.ReactNode }) {
  return (
    <form
      role="search"
      aria-label={label}
      className="flex max-w-full min-w-0 flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit?.();
      }}
    >
      {children}
    </form>
  );
}

export function SearchField({ value, onChange, placeholder, label = "Search" }: { value: string; onChange: (text: string) => void; placeholder: string; label?: string }) {
  const id = useId();
  return <TextField id={id} label={label} type="search" inputClassName="w-56" maxLength={100} placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} />;
}

/** A filter's select, labelled above like the search box. */
export function FilterSelect({ label, value, onChange, children }: { label: string; value: string; onChange: (value: string) => void; children: React.ReactNode }) {
  const id = useId();
  return (
    <SelectField id={id} label={label} inputClassName="w-auto max-w-full" value={value} onChange={(e) => onChange(e.target.value)}>
      {children}
    </SelectField>
  );
}
