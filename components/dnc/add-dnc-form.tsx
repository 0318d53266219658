"use client";

import { useRef, useState } from "react";
import { useAddDncNumber } from "@/hooks/use-dnc";
import type { Campaign } from "@/lib/api-types";
import { ApiClientError } from "@/lib/api-client";
import { apiFormErrors, type FieldErrors } from "@/lib/form-errors";
import { normalizePhoneNumber, phoneNumberProblem } from "@/lib/phone-numbers";
import { describedBy, Field } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";
import { DncListOptions, listValue, parseListValue, type DncList } from "./dnc-list-select";

const LABELS = { phone_number: "Phone number", campaign_id: "List", note: "Note" };

/**
 * One number at a time. Enter in any field submits; focus returns to the phone field so the next
 * number can be typed straight away, and errors are shown under the field they are about.
 */
export function AddDncForm({ campaigns, defaultList }: { campaigns: Campaign[] | undefined; defaultList: DncList }) {
  const add = useAddDncNumber();
  const phoneRef = useRef<HTMLInputElement>(null);
  const [phone, setPhone] = useState("");
  const [list, setList] = useState<DncList>(defaultList);
  const [note, setNote] = useState("");
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
      { phone_number: phoneNumber, campaign_id: list === "global" ? null : list, note: note.trim() || null },
      {
        onSuccess: (entry) => {
          setAdded(`${entry.phone_number} added to ${entry.campaign_id === null ? "the system-wide list" : `the list of ${entry.campaign_name}`}.`);
          setPhone("");
          setNote("");
          phoneRef.current?.focus();
        },
        onError: (err) => {
          // A 409 means the number is already on that list: that belongs to the phone field.
          if (err instanceof ApiClientError && err.code === 409) {
            setErrors({ phone_number: [err.message] });
          } else {
            const { fieldErrors, formError } = apiFormErrors(err, LABELS);
            setErrors(fieldErrors);
            if (!Object.keys(fieldErrors).length) setFormError(formError);
          }
          phoneRef.current?.focus();
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="add-dnc-heading" className="space-y-3">
      <h3 id="add-dnc-heading" className="text-sm font-semibold">
        Add one number
      </h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="add-dnc-phone" label="Phone number" error={errors.phone_number}>
          <input
            ref={phoneRef}
            {...describedBy("add-dnc-phone", { error: errors.phone_number })}
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
        <Field id="add-dnc-list" label="List" error={errors.campaign_id}>
          <select
            {...describedBy("add-dnc-list", { error: errors.campaign_id })}
            className="input"
            value={listValue(list)}
            onChange={(e) => {
              setList(parseListValue(e.target.value));
              setErrors((errs) => ({ ...errs, campaign_id: [], phone_number: [] }));
            }}
          >
            <DncListOptions campaigns={campaigns} />
          </select>
        </Field>
        <Field id="add-dnc-note" label="Note" hint="Optional, e.g. why the number must not be called." error={errors.note} className="sm:col-span-2">
          <input
            {...describedBy("add-dnc-note", { hint: true, error: errors.note })}
            className="input"
            autoComplete="off"
            maxLength={500}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              setErrors((errs) => ({ ...errs, note: [] }));
            }}
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
