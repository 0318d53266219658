"use client";

import { useRef, useState } from "react";
import { useAddNumber } from "@/hooks/use-campaigns";
import { ApiClientError } from "@/lib/api-client";
import { apiFormErrors, type FieldErrors } from "@/lib/form-errors";
import { normalizePhoneNumber, phoneNumberProblem } from "@/lib/phone-numbers";
import { describedBy, Field } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";

const LABELS = { phone_number: "Phone number", data: "Name" };

/** One number at a time; focus returns to the phone field so the next one can be typed straight away. */
export function AddNumberForm({ campaignId }: { campaignId: number }) {
  const add = useAddNumber(campaignId);
  const phoneRef = useRef<HTMLInputElement>(null);
  const [phone, setPhone] = useState("");
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setAdded(null);
    setFormError(null);
    const problem = phoneNumberProblem(phone);
    if (problem) {
      setErrors({ phone_number: [`${problem}.`] });
      phoneRef.current?.focus();
      return;
    }
    setErrors({});
    const phoneNumber = normalizePhoneNumber(phone);
    add.mutate(
      { phone_number: phoneNumber, ...(name.trim() ? { data: { name: name.trim() } } : {}) },
      {
        onSuccess: () => {
          setAdded(`${phoneNumber} added.`);
          setPhone("");
          setName("");
          phoneRef.current?.focus();
        },
        onError: (err) => {
          // A 409 here means the number is already in the campaign: that belongs to the phone field.
          if (err instanceof ApiClientError && err.code === 409) {
            setErrors({ phone_number: [err.message] });
          } else {
            const { fieldErrors, formError } = apiFormErrors(err, LABELS);
            setErrors(fieldErrors);
            if (!fieldErrors.phone_number && !fieldErrors.data) setFormError(formError);
          }
          phoneRef.current?.focus();
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="add-number-heading" className="space-y-3">
      <h3 id="add-number-heading" className="text-sm font-semibold">
        Add one number
      </h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="add-number-phone" label="Phone number" error={errors.phone_number}>
          <input
            ref={phoneRef}
            {...describedBy("add-number-phone", { error: errors.phone_number })}
            className="input font-mono"
            inputMode="tel"
            autoComplete="off"
            placeholder="+12025550123"
            value={phone}
            onChange={(e) => {
              setPhone(e.target.value);
              setErrors((errs) => ({ ...errs, phone_number: [] }));
            }}
          />
        </Field>
        <Field id="add-number-name" label="Name" hint="Optional. Saved with the number as its name." error={errors.data}>
          <input
            {...describedBy("add-number-name", { hint: true, error: errors.data })}
            className="input"
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
      </div>
      {formError && <Notice tone="error">{formError}</Notice>}
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-primary" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add number"}
        </button>
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {added}
        </p>
      </div>
    </form>
  );
}
