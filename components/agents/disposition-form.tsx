"use client";

import { useId, useRef, useState } from "react";
import { useSetDisposition, type DispositionInput } from "@/hooks/use-agents";
import { wallTimeIn } from "@/lib/zone-time";
import { ApiClientError } from "@/lib/api-client";
import { STANDARD_DISPOSITIONS, type AgentCall, type StandardDisposition } from "@/lib/api-types";
import { apiFormErrors, type FieldErrors } from "@/lib/form-errors";
import { formatDuration } from "@/lib/format";
import { FieldError, submitUnlessPending, TextAreaField, TextField } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toaster";
import { apiTimeMs } from "@/lib/agent-states";
import { Kbd, useShortcuts } from "./shortcuts";

export const DISPOSITION_LABELS: Record<StandardDisposition, string> = {
  SALE: "Sale",
  CALLBACK: "Callback",
  NOANSWER: "No answer",
  BUSY: "Busy",
  VOICEMAIL: "Voicemail",
  DNC: "Do not call",
};

const DISPOSITION_HINTS: Record<StandardDisposition, string> = {
  SALE: "Done: the number is not called again.",
  CALLBACK: "Called again at the time you pick.",
  NOANSWER: "Retried by the campaign's rules.",
  BUSY: "Retried by the campaign's rules.",
  VOICEMAIL: "Retried by the campaign's rules.",
  DNC: "Put on the campaign's do-not-call list.",
};

const LABELS = { disposition: "Disposition", callback_at: "Callback time", callback_local: "Callback time", notes: "Notes" };
const CUSTOM_WORD = /^[A-Z][A-Z0-9_]{1,31}$/;

/** `datetime-local` wants local wall time without a zone. */
function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The agent's word on the call that just ended. Keys 1–6 pick a standard disposition, 0 goes to the
 * campaign's own word, Enter saves. CALLBACK asks for the time to call back, picked on the lead's
 * clock (its zone, as the calling hours judge it) and turned into UTC by the server.
 */
export function DispositionForm({ agentId, call }: { agentId: number; call: AgentCall }) {
  const save = useSetDisposition();
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const callbackRef = useRef<HTMLInputElement>(null);
  const customRef = useRef<HTMLInputElement>(null);
  const groupId = useId();
  const customId = useId();
  const callbackId = useId();
  const notesId = useId();
  const [choice, setChoice] = useState<StandardDisposition | null>(null);
  const [custom, setCustom] = useState("");
  const [callbackAt, setCallbackAt] = useState("");
  const [notes, setNotes] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const clear = (field: string) => setErrors((errs) => ({ ...errs, [field]: [] }));
  // The lead's zone; before the console's first full answer (a pop from the socket) the agent's own.
  const zone = call.lead.time_zone?.zone ?? null;
  const nowThere = () => (zone ? wallTimeIn(zone, Date.now()) : localInputValue(Date.now()));
  const disposition = custom.trim() ? custom.trim().toUpperCase() : choice;
  const needsCallback = disposition === "CALLBACK";

  function pick(d: StandardDisposition) {
    setChoice(d);
    setCustom("");
    setErrors({});
    setFormError(null);
    if (d === "CALLBACK") requestAnimationFrame(() => callbackRef.current?.focus());
  }

  function submit() {
    setFormError(null);
    const found: FieldErrors = {};
    if (!disposition) found.disposition = ["Pick a disposition (keys 1–6), or type your campaign's own word (key 0)."];
    else if (!CUSTOM_WORD.test(disposition)) found.disposition = ["A disposition is one word of 2–32 letters, digits or _, starting with a letter."];
    let callback: Pick<DispositionInput, "callback_at" | "callback_local"> = {};
    if (needsCallback) {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(callbackAt)) found.callback_at = ["Pick when to call back."];
      else if (callbackAt <= nowThere()) found.callback_at = [`The callback time must be in the future${zone ? ` (it is ${nowThere().replace("T", " ")} in ${zone})` : ""}.`];
      else callback = zone ? { callback_local: callbackAt } : { callback_at: new Date(callbackAt).toISOString() };
    }
    setErrors(found);
    if (found.disposition) return (custom ? customRef.current : formRef.current?.querySelector<HTMLButtonElement>("[data-disposition]"))?.focus();
    if (found.callback_at) return callbackRef.current?.focus();
    // The form goes away as soon as the disposition is in the cache, before a mutate() callback
    // would run (React Query skips those of an unmounted form): the promise still settles.
    const section = formRef.current?.closest("section");
    save.mutateAsync({ id: agentId, input: { disposition: disposition!, ...callback, notes: notes.trim() || undefined } }).then(
      (result) => {
        toast("success", `${call.phone_number}: ${result.disposition} saved.`);
        section?.focus();
      },
      (err: Error) => {
        // 409: the call has not ended yet, or the number is already being dialed again.
        if (err instanceof ApiClientError && err.code === 409) return setFormError(err.message);
        const { fieldErrors: raw, formError } = apiFormErrors(err, LABELS);
        // The server names the lead-zone time `callback_local`; the form has one callback field.
        const { callback_local, ...fieldErrors } = raw;
        if (callback_local?.length) fieldErrors.callback_at = callback_local;
        setErrors(fieldErrors);
        if (!Object.keys(fieldErrors).length || formError !== err.message) setFormError(formError);
      },
    );
  }

  const digitShortcuts = Object.fromEntries(STANDARD_DISPOSITIONS.map((d, i) => [String(i + 1), () => pick(d)]));
  useShortcuts({
    ...digitShortcuts,
    "0": () => customRef.current?.focus(),
    Enter: () => {
      // Only when nothing else would take the Enter (a focused button presses itself).
      const active = document.activeElement;
      if (active && active !== document.body && active.matches("a[href], button, input, select, textarea, summary, [role='button']")) return false;
      formRef.current?.requestSubmit();
    },
  });

  const duration = call.answered_at && call.ended_at ? Math.max(0, (apiTimeMs(call.ended_at) - apiTimeMs(call.answered_at)) / 1000) : null;

  return (
    <form
      ref={formRef}
      noValidate
      aria-label="Disposition"
      className="space-y-4"
      onSubmit={submitUnlessPending(save.isPending, submit)}
      onKeyDown={(e) => {
        // Enter saves from anywhere in the form: a disposition button, the time, the notes (Shift+Enter: new line).
        if (e.key !== "Enter" || e.shiftKey || e.nativeEvent.isComposing) return;
        const t = e.target as HTMLElement;
        if (t instanceof HTMLButtonElement && t.type === "submit") return;
        e.preventDefault();
        formRef.current?.requestSubmit();
      }}
    >
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Call with <span className="font-mono font-medium text-slate-900 dark:text-slate-100">{call.phone_number}</span>
        {duration !== null && <> · talked {formatDuration(duration)}</>}. How did it go?
      </p>
      <fieldset disabled={save.isPending} className="space-y-4">
        <div role="group" aria-labelledby={`${groupId}-label`} aria-describedby={errors.disposition?.length ? `${groupId}-error` : undefined}>
          <p id={`${groupId}-label`} className="label">
            Disposition
          </p>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
            {STANDARD_DISPOSITIONS.map((d, i) => {
              const selected = !custom.trim() && choice === d;
              return (
                <button
                  key={d}
                  type="button"
                  data-disposition={d}
                  aria-pressed={selected}
                  aria-keyshortcuts={String(i + 1)}
                  title={DISPOSITION_HINTS[d]}
                  className={`btn justify-between border text-left ${
                    selected
                      ? "border-brand-600 bg-brand-600 text-white hover:bg-brand-700"
                      : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700"
                  }`}
                  onClick={() => pick(d)}
                >
                  <span>{DISPOSITION_LABELS[d]}</span>
                  <Kbd>{i + 1}</Kbd>
                </button>
              );
            })}
          </div>
          <FieldError id={`${groupId}-error`} messages={custom ? undefined : errors.disposition} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id={customId}
            label={
              <>
                Or your campaign&apos;s own word <Kbd>0</Kbd>
              </>
            }
            aria-keyshortcuts="0"
            hint="Letters, digits and _, e.g. NOT_INTERESTED."
            error={custom ? errors.disposition : undefined}
            inputRef={customRef}
            inputClassName="font-mono uppercase"
            autoComplete="off"
            spellCheck={false}
            maxLength={32}
            value={custom}
            onChange={(e) => {
              setCustom(e.target.value);
              clear("disposition");
            }}
          />
          {needsCallback && (
            <TextField
              id={callbackId}
              label={zone ? `Call back at (${zone})` : "Call back at"}
              hint={zone ? `The lead's time, in ${zone}: it is ${nowThere().slice(11)} there now.` : "Your local time."}
              error={errors.callback_at}
              inputRef={callbackRef}
              type="datetime-local"
              min={nowThere()}
              value={callbackAt}
              onChange={(e) => {
                setCallbackAt(e.target.value);
                clear("callback_at");
              }}
            />
          )}
        </div>
        <TextAreaField
          id={notesId}
          label="Notes"
          hint="Optional. Enter saves; Shift+Enter starts a new line."
          error={errors.notes}
          inputClassName="min-h-16"
          rows={2}
          maxLength={2000}
          value={notes}
          onChange={(e) => {
            setNotes(e.target.value);
            clear("notes");
          }}
        />
      </fieldset>
      {formError && <Notice tone="error">{formError}</Notice>}
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-primary" disabled={save.isPending} aria-keyshortcuts="Enter">
          {save.isPending ? "Saving…" : "Save disposition"}
          <Kbd>Enter</Kbd>
        </button>
      </div>
    </form>
  );
}
