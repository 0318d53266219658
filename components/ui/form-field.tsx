import { Notice } from "./notice";

/**
 * The form-field set: a label, one control, its hint and its error messages, tied together with
 * aria-describedby so a screen reader reads them with the control. `Field` wraps any control that
 * spreads `describedBy(id, …)`; TextField and SelectField are the common cases.
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

/** onSubmit of a form sent by script: the page does not reload, and a second submit waits for the first. */
export function submitUnlessPending(pending: boolean, submit: () => void) {
  return (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!pending) submit();
  };
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
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string[];
  className?: string;
  children: React.ReactNode;
}) {
  // max-w-full: in a wrapping row of filters, a select with a long option still fits its card.
  return (
    <div className={`max-w-full ${className ?? ""}`.trim()}>
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

type FieldProps = { id: string; label: React.ReactNode; hint?: React.ReactNode; error?: string[]; className?: string };

/**
 * A one-line field: the label, hint and error go to `Field`, the rest to the control `render` makes,
 * which is tied to them and gets the `input` class (extended with `inputClassName`).
 */
function renderField<P extends FieldProps & { inputClassName?: string }>(
  { id, label, hint, error, className, inputClassName = "", ...control }: P,
  render: (control: Omit<P, "id" | "label" | "hint" | "error" | "className" | "inputClassName"> & ReturnType<typeof describedBy> & { className: string }) => React.ReactNode,
) {
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      {render({ ...control, ...describedBy(id, { hint: Boolean(hint), error }), className: `input ${inputClassName}`.trim() })}
    </Field>
  );
}

/**
 * A labelled control in one line: `<TextField id label error hint value onChange />`. The control
 * props go to the element; its class defaults to `input` and may be extended with `inputClassName`.
 */
export function TextField({
  inputRef,
  ...props
}: FieldProps & Omit<React.InputHTMLAttributes<HTMLInputElement>, "id" | "className"> & { inputClassName?: string; inputRef?: React.Ref<HTMLInputElement> }) {
  return renderField(props, (control) => <input ref={inputRef} {...control} />);
}

export function SelectField({
  selectRef,
  children,
  ...props
}: FieldProps & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "id" | "className"> & { inputClassName?: string; selectRef?: React.Ref<HTMLSelectElement> }) {
  return renderField(props, (control) => (
    <select ref={selectRef} {...control}>
      {children}
    </select>
  ));
}

export function TextAreaField(props: FieldProps & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "className"> & { inputClassName?: string }) {
  return renderField(props, (control) => <textarea {...control} />);
}

/** Moves the focus to the first field, in `order`, that has an error; `idOf` names its control. */
export function focusFirstError(errors: Record<string, string[] | undefined>, order: readonly string[], idOf: (field: string) => string) {
  const first = order.find((f) => errors[f]?.length);
  if (first) document.getElementById(idOf(first))?.focus();
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

/** A checkbox with its label beside it, an optional hint after, and its error below. */
export function CheckboxField({
  id,
  label,
  hint,
  error,
  checked,
  onChange,
  className = "",
}: {
  id: string;
  label: string;
  hint?: React.ReactNode;
  error?: string[];
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
}) {
  return (
    <div className={className}>
      <div className="flex items-center gap-2">
        <input {...describedBy(id, { hint: Boolean(hint), error })} type="checkbox" className="h-4 w-4 accent-brand-600" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id} className="text-sm font-medium text-slate-700 dark:text-slate-300">
          {label}
        </label>
        {hint && (
          <span id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
            {hint}
          </span>
        )}
      </div>
      <FieldError id={`${id}-error`} messages={error} />
    </div>
  );
}

/** Cancel and submit at the end of a form; both wait while the form is being sent. */
export function FormButtons({ pending, submitLabel, pendingLabel, onCancel }: { pending: boolean; submitLabel: string; pendingLabel: string; onCancel?: () => void }) {
  return (
    <div className="flex justify-end gap-2">
      {onCancel && (
        <button type="button" className="btn-secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      )}
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </button>
    </div>
  );
}

/**
 * The form that opens under a table row to edit it: Escape or Cancel closes it (unless it is being
 * saved), a refusal shows above the fields, and the fields wait while the changes are sent.
 */
export function RowEditForm({
  label,
  pending,
  formError,
  onSubmit,
  onCancel,
  fieldsClassName,
  after,
  children,
}: {
  label: string;
  pending: boolean;
  formError: string | null;
  onSubmit: (e: React.FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  /** The grid of the fields. */
  fieldsClassName: string;
  /** Shown between the fields and the buttons (a warning about the change). */
  after?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={label}
      className="space-y-3 rounded-md border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
      onKeyDown={(e) => e.key === "Escape" && !pending && onCancel()}
    >
      {formError && (
        <Notice tone="error" title="Changes not saved">
          {formError}
        </Notice>
      )}
      <fieldset disabled={pending} className={fieldsClassName}>
        {children}
      </fieldset>
      {after}
      <FormButtons pending={pending} submitLabel="Save changes" pendingLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
