"use client";

import { useState } from "react";
import { useCreateReminder, useImportReminders } from "@/hooks/use-reminders";
import { ApiClientError } from "@/lib/api-client";
import type { Reminder, ReminderImport } from "@/lib/api-types";
import { FormAlert } from "@/components/ui/form-alert";
import { FormButtons, SelectField, submitUnlessPending, TextField } from "@/components/ui/form-field";
import { CardSection } from "@/components/ui/panel";

const EMPTY = {
  contact_name: "",
  phone_number: "",
  appointment_at: "",
  timezone: "",
  message: "",
  call_before_min: "60",
  retries: "1",
  retry_delay_sec: "300",
  transfer_number: "",
  trunk_value: "",
  outside_hours: "call_earlier",
};
type Fields = typeof EMPTY;

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** One reminder: who, when (a wall time in their zone), what they hear, and how it is called. */
export function ReminderForm() {
  const [f, setF] = useState<Fields>(() => ({ ...EMPTY, timezone: browserZone() }));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [done, setDone] = useState<Reminder | null>(null);
  const create = useCreateReminder();
  const set = (k: keyof Fields) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF((v) => ({ ...v, [k]: e.target.value }));
  const submit = () => {
    setErrors({});
    setDone(null);
    create.mutate(
      {
        ...f,
        appointment_at: f.appointment_at.replace("T", " "),
        message: f.message || null,
        transfer_number: f.transfer_number || null,
        call_before_min: Number(f.call_before_min),
        retries: Number(f.retries),
        retry_delay_sec: Number(f.retry_delay_sec),
      },
      {
        onSuccess: (r) => {
          setDone(r);
          setF({ ...EMPTY, timezone: f.timezone, trunk_value: f.trunk_value, message: f.message });
        },
        onError: (err) => setErrors(err instanceof ApiClientError && err.errors ? err.errors : { form: [err.message] }),
      },
    );
  };
  const field = (k: keyof Fields, label: string, extra: React.InputHTMLAttributes<HTMLInputElement> & { hint?: string } = {}) => (
    <TextField id={`reminder-${k}`} label={label} value={f[k]} onChange={set(k)} error={errors[k]} {...extra} />
  );
  return (
    <CardSection title="New reminder" description="The call comes call-before minutes ahead of the appointment, inside 08:00–21:00 in the contact's zone.">
      <form onSubmit={submitUnlessPending(create.isPending, submit)} className="space-y-3" aria-label="New reminder">
        {errors.form && <FormAlert>{errors.form.join(" ")}</FormAlert>}
        {done && (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
            Reminder {done.id} for {done.contact_name}: {done.state === "scheduled" ? `calls at ${done.call_at} UTC` : `${done.state.replace("_", " ")} (${done.note ?? ""})`}
          </p>
        )}
        <div className="grid gap-3 sm:grid-cols-2">
          {field("contact_name", "Contact name", { required: true })}
          {field("phone_number", "Phone number", { required: true, inputMode: "tel" })}
          {field("appointment_at", "Appointment (contact's local time)", { type: "datetime-local", required: true })}
          {field("timezone", "Time zone", { required: true, hint: "IANA name, e.g. Asia/Kathmandu" })}
          {field("message", "Message (sound or TTS id)", { hint: "Played, then: 1 confirm, 2 cancel, 0 transfer" })}
          {field("call_before_min", "Call before (minutes)", { type: "number", min: 0 })}
          {field("retries", "Retries", { type: "number", min: 0, max: 10 })}
          {field("retry_delay_sec", "Retry delay (seconds)", { type: "number", min: 5 })}
          {field("transfer_number", "Transfer number (key 0)")}
          {field("trunk_value", "Trunk (PJSIP endpoint)", { required: true })}
          <SelectField id="reminder-outside_hours" label="Outside calling hours" value={f.outside_hours} onChange={set("outside_hours")} error={errors.outside_hours}>
            <option value="call_earlier">Call at the last legal moment before</option>
            <option value="not_callable">Mark it not callable</option>
          </SelectField>
        </div>
        <FormButtons pending={create.isPending} submitLabel="Create reminder" pendingLabel="Creating…" />
      </form>
    </CardSection>
  );
}

/** A CSV of reminders (its header names the API's fields); the report lists each refused row. */
export function ReminderImportForm() {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ReminderImport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useImportReminders();
  const submit = () => {
    if (!file) return setError("Choose a CSV file first.");
    setError(null);
    upload.mutate(file, { onSuccess: setReport, onError: (err) => setError(err instanceof ApiClientError && err.errors?.file ? `${err.message}: ${err.errors.file.join(" ")}` : err.message) });
  };
  return (
    <CardSection title="Import reminders" description="CSV columns: contact_name, phone_number, appointment_at, timezone, message or ivr_menu_id, call_before_min, trunk_value, and optionally retries, retry_delay_sec, transfer_number, outside_hours, window_start, window_end.">
      <form onSubmit={submitUnlessPending(upload.isPending, submit)} className="space-y-3" aria-label="Import reminders">
        {error && <FormAlert>{error}</FormAlert>}
        <div>
          <label htmlFor="reminder-import-file" className="label">
            CSV file
          </label>
          <input id="reminder-import-file" type="file" accept=".csv,text/csv" className="input" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <FormButtons pending={upload.isPending} submitLabel="Import" pendingLabel="Importing…" />
        {report && (
          <div role="status" className="space-y-2 text-sm">
            <p>
              {report.created} of {report.rows} rows created, {report.failed} refused.
            </p>
            {report.errors.length > 0 && (
              <ul className="list-disc space-y-0.5 pl-5 text-xs text-red-700 dark:text-red-300">
                {report.errors.slice(0, 50).map((e, i) => (
                  <li key={i}>
                    Line {e.row}, {e.field}: {e.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </form>
    </CardSection>
  );
}
