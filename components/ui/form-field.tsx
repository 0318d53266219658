/**
 * The form-field set: a label, one control, its hint and its error messages, tied together with
 * aria-describedby so a screen reader reads them with the control. `Field` wraps any control that
 * spreads `describedBy(id, …)`; TextField, SelectField and TextareaField are the common cases.
 */

/** Messages under a form control; the control points here with aria-describedby. */
export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-600 dark:text-red-400">
      {messages.join(" ")}
    </p>
  );
}

/** Props that tie a control to its hint and error text. */
export function describedBy(id: string, { hint, error }: { hint?: boolean; error?: string[] }) {
  const ids = [hint ? `${id}-hint` : null, error?.length ? `${id}-error` : null].filter(Boolean);
  return {
    id,
    "aria-invalid": error?.length ? true : undefined,
    "aria-describedby": ids.length ? ids.join(" ") : undefined,
  } as const;
}

/** Label, control, hint and error for one field. The control must spread `describedBy(id, …)`. */
export function Field({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: React.ReactNode;
  error?: string[];
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} messages={error} />
    </div>
  );
}

type FieldProps = { id: string; label: string; hint?: React.ReactNode; error?: string[]; className?: string };

/**
 * A labelled control in one line: `<TextField id label error hint value onChange />`. The control
 * props go to the element; its class defaults to `input` and may be extended with `inputClassName`.
 */
export function TextField({
  id,
  label,
  hint,
  error,
  className,
  inputClassName = "",
  inputRef,
  ...input
}: FieldProps & Omit<React.InputHTMLAttributes<HTMLInputElement>, "id" | "className"> & { inputClassName?: string; inputRef?: React.Ref<HTMLInputElement> }) {
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <input ref={inputRef} {...input} {...describedBy(id, { hint: Boolean(hint), error })} className={`input ${inputClassName}`.trim()} />
    </Field>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  className,
  inputClassName = "",
  children,
  ...select
}: FieldProps & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "id" | "className"> & { inputClassName?: string }) {
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <select {...select} {...describedBy(id, { hint: Boolean(hint), error })} className={`input ${inputClassName}`.trim()}>
        {children}
      </select>
    </Field>
  );
}

export function TextareaField({
  id,
  label,
  hint,
  error,
  className,
  inputClassName = "",
  ...textarea
}: FieldProps & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "className"> & { inputClassName?: string }) {
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <textarea {...textarea} {...describedBy(id, { hint: Boolean(hint), error })} className={`input ${inputClassName}`.trim()} />
    </Field>
  );
}

/** A control inside a table cell: its label is read to screen readers only, its error shows under it. */
export function CellInput({
  id,
  label,
  error,
  inputClassName = "",
  ...input
}: { id: string; label: string; error?: string[]; inputClassName?: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "id" | "className">) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input {...input} {...describedBy(id, { error })} className={`input ${inputClassName}`.trim()} />
      <FieldError id={`${id}-error`} messages={error} />
    </>
  );
}
