"use client";

import { useRef, useState } from "react";
import type { UseMutationResult } from "@tanstack/react-query";
import { useUpdateLeadPhones } from "@/hooks/use-lists";
import { ApiClientError } from "@/lib/api-client";
import { apiFormErrors, errorMessage, type FieldErrors } from "@/lib/form-errors";
import { normalizePhoneNumber, phoneNumberProblem } from "@/lib/phone-numbers";
import { describedBy, FieldError } from "@/components/ui/form-field";
import { SubmitRow } from "@/components/ui/number-entry";
import { ACTION_BUTTON } from "@/components/ui/resource-table";
import { useToast } from "@/components/ui/toaster";
import type { RowEditor } from "@/hooks/use-row-editor";

/** Phone 1 and up to 7 more, as the API takes them (`MAX_LEAD_PHONES`). */
const MAX_PHONES = 8;

type Slot = { key: number; value: string };
export type LeadNumbers = { id: number; phone_number: string; phones: { phone_number: string }[] };

/** The API names phone 1 `phone_number` and the others `phones.<i>`; here they are slots 0 … 7. */
const slotOfField = (key: string) => (key === "phone_number" ? "0" : /^phones\.(\d+)$/.test(key) ? String(Number(key.split(".")[1]) + 1) : key === "phones" ? "all" : key);

/** What saves the numbers: the lists' `PUT /numbers/:id`, or the agent console's route for the agent's own lead. */
export type SaveLeadPhones = Pick<UseMutationResult<unknown, Error, { id: number; numbers: string[] }>, "mutate" | "isPending">;

/**
 * Edits a lead's numbers in dialing order: change, add (up to 8), remove, move up or down. Every
 * control is a button or a field, so the whole form works from the keyboard; Escape cancels.
 */
export function LeadPhonesForm({ lead, update, onDone, onCancel }: { lead: LeadNumbers; update: SaveLeadPhones; onDone: (numbers: string[]) => void; onCancel: () => void }) {
  const nextKey = useRef(0);
  const slot = (value: string): Slot => ({ key: nextKey.current++, value });
  const [slots, setSlots] = useState<Slot[]>(() => (lead.phones.length ? lead.phones.map((p) => p.phone_number) : [lead.phone_number]).map(slot));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const idOf = (i: number) => `lead-${lead.id}-phone-${i}`;
  const focusLater = (selector: string) => requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(selector)?.focus());

  function move(from: number, to: number) {
    setSlots((s) => {
      const next = [...s];
      const [moved] = next.splice(from, 1);
      next.splice(to, 0, moved);
      return next;
    });
    setErrors({});
    // Focus follows the number that moved: on the same button, or the other one at either end.
    const direction = to > from ? "down" : "up";
    requestAnimationFrame(() => {
      const buttons = [direction, direction === "up" ? "down" : "up"].map((d) => formRef.current?.querySelector<HTMLButtonElement>(`[data-slot="${to}"][data-move="${d}"]`));
      buttons.find((b) => b && !b.disabled)?.focus();
    });
  }

  function remove(i: number) {
    setSlots((s) => s.filter((_, j) => j !== i));
    setErrors({});
    focusLater(`#${idOf(Math.min(i, slots.length - 2))}`);
  }

  function add() {
    setSlots((s) => [...s, slot("")]);
    focusLater(`#${idOf(slots.length)}`);
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const found: FieldErrors = {};
    slots.forEach((s, i) => {
      const problem = phoneNumberProblem(s.value);
      if (problem) found[String(i)] = [`${problem}.`];
    });
    setErrors(found);
    if (Object.keys(found).length) {
      focusLater(`#${idOf(Number(Object.keys(found)[0]))}`);
      return;
    }
    const numbers = slots.map((s) => normalizePhoneNumber(s.value));
    update.mutate(
      { id: lead.id, numbers },
      {
        onSuccess: () => onDone(numbers),
        onError: (err) => {
          const labels = Object.fromEntries([...slots.keys()].map((i) => [String(i), `Phone ${i + 1}`]));
          const { fieldErrors, formError } = apiFormErrors(err, labels, slotOfField);
          setErrors(fieldErrors);
          if (!Object.keys(fieldErrors).length) setFormError(err instanceof ApiClientError ? formError : errorMessage(err));
          const first = Object.keys(fieldErrors)[0];
          if (first !== undefined) focusLater(`#${idOf(Number(first))}`);
        },
      },
    );
  }

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        // The console's own Escape (and a dialog's) must not see it too.
        e.stopPropagation();
        onCancel();
      }}
      aria-label={`Numbers of ${lead.phone_number}`}
      className="space-y-3 pt-3"
    >
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Dialed in this order. A number kept keeps its attempts; a number on a do-not-call list is kept but never called. Up to {MAX_PHONES} numbers.
      </p>
      <ol className="space-y-2">
        {slots.map((s, i) => (
          <li key={s.key} className="flex flex-wrap items-start gap-2">
            <label htmlFor={idOf(i)} className="w-20 pt-1.5 text-sm font-medium">
              Phone {i + 1}
            </label>
            <div className="min-w-48 flex-1 sm:max-w-72">
              <input
                {...describedBy(idOf(i), { error: errors[String(i)] })}
                className="input font-mono"
                inputMode="tel"
                autoComplete="off"
                value={s.value}
                onChange={(e) => {
                  const value = e.target.value;
                  setSlots((all) => all.map((x, j) => (j === i ? { ...x, value } : x)));
                  setErrors((errs) => ({ ...errs, [String(i)]: [] }));
                }}
              />
              <FieldError id={`${idOf(i)}-error`} messages={errors[String(i)]} />
            </div>
            <div className="flex gap-1">
              <button type="button" className={ACTION_BUTTON} data-slot={i} data-move="up" disabled={i === 0} onClick={() => move(i, i - 1)}>
                Up<span className="sr-only"> phone {i + 1}</span>
              </button>
              <button type="button" className={ACTION_BUTTON} data-slot={i} data-move="down" disabled={i === slots.length - 1} onClick={() => move(i, i + 1)}>
                Down<span className="sr-only"> phone {i + 1}</span>
              </button>
              <button type="button" className={`${ACTION_BUTTON} text-red-700 dark:text-red-400`} disabled={slots.length === 1} onClick={() => remove(i)}>
                Remove<span className="sr-only"> phone {i + 1}</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      <FieldError id={`lead-${lead.id}-phones-error`} messages={errors.all} />
      <button type="button" className="btn-secondary" disabled={slots.length >= MAX_PHONES} onClick={add}>
        Add a number
      </button>
      <SubmitRow formError={formError} pending={update.isPending} label="Save numbers" pendingLabel="Saving…" done={null}>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </SubmitRow>
    </form>
  );
}

/** The numbers editor in a table row: it closes its row when saved or cancelled and says what it saved. */
export function LeadPhonesRowForm({ lead, editor }: { lead: LeadNumbers; editor: RowEditor }) {
  const toast = useToast();
  const update = useUpdateLeadPhones();
  return (
    <LeadPhonesForm
      lead={lead}
      update={update}
      onCancel={() => editor.close(lead.id)}
      onDone={(numbers) => {
        toast("success", `Numbers of ${numbers[0]} saved.`);
        editor.close(lead.id);
      }}
    />
  );
}
