"use client";

import { useState } from "react";
import { apiFormErrors, type FieldErrors } from "@/lib/form-errors";
import { focusFirstError } from "./form-field";

/**
 * A create-or-edit form's state and its submit: what the browser can tell is checked first, then
 * the form is sent; either way each error sits under its field and the first such field takes the
 * focus, and a refusal that names no field shows as `formError`.
 */
export function useCheckedForm<V extends object>({
  initial,
  labels,
  fieldId,
  check,
}: {
  initial: () => V;
  /** Field names in the order their errors are focused, with the names the server's messages use. */
  labels: Record<string, string>;
  fieldId: (field: string) => string;
  check: (values: V) => FieldErrors;
}) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const focusFirst = (errs: FieldErrors) => focusFirstError(errs, Object.keys(labels), fieldId);

  function set<K extends keyof V>(k: K, v: V[K]) {
    setValues((old) => ({ ...old, [k]: v }));
    setErrors((e) => ({ ...e, [k]: [] }));
  }

  /** `send` is called with the values once they pass `check`, and with what to do when the server refuses them. */
  function submit(e: React.FormEvent, pending: boolean, send: (values: V, onError: (err: unknown) => void) => void) {
    e.preventDefault();
    if (pending) return;
    setFormError(null);
    const problems = check(values);
    if (Object.keys(problems).length) {
      setErrors(problems);
      focusFirst(problems);
      return;
    }
    setErrors({});
    send(values, (err) => {
      const refused = apiFormErrors(err, labels);
      setErrors(refused.fieldErrors);
      setFormError(Object.keys(refused.fieldErrors).length ? null : refused.formError);
      focusFirst(refused.fieldErrors);
    });
  }

  return { values, setValues, set, errors, formError, submit };
}
