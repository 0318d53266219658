"use client";

import { useState } from "react";
import { useCreatePbxServer, useTestNewPbxServer } from "@/hooks/use-pbx";
import type { PbxKind, PbxServer, PbxTestResult } from "@/lib/api-types";
import { apiFormErrors, type FieldErrors } from "@/lib/form-errors";
import {
  DEFAULT_DIAL_TEMPLATES,
  NEW_PBX_DEFAULTS,
  PBX_FIELD_LABELS,
  PBX_KIND_FIELDS,
  PBX_KIND_LABELS,
  toNewPbxInput,
  validatePbx,
  type PbxField,
  type PbxFormValues,
} from "@/lib/pbx-validation";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { ConnectionTestResult } from "./connection-test-result";
import { pbxFieldId, PbxServerFields } from "./pbx-server-fields";

const ID_PREFIX = "new-pbx";
const KINDS = Object.keys(PBX_KIND_LABELS) as PbxKind[];

function focusFirstError(kind: PbxKind, errors: FieldErrors) {
  const first = PBX_KIND_FIELDS[kind].find((f) => errors[f]?.length);
  if (first) document.getElementById(pbxFieldId(ID_PREFIX, first))?.focus();
}

/**
 * Adds an Asterisk or FreeSWITCH server. "Test connection" tries the typed settings without saving
 * them, so a wrong password is found before the server replaces the one Pacer uses now.
 */
export function AddPbxServerForm({
  replacesSimulator,
  onCreated,
}: {
  /** The built-in simulator runs now and stops once this server is saved. */
  replacesSimulator: boolean;
  onCreated: (server: PbxServer) => void;
}) {
  const create = useCreatePbxServer();
  const test = useTestNewPbxServer();
  const [values, setValues] = useState<PbxFormValues>(NEW_PBX_DEFAULTS);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [testResult, setTestResult] = useState<PbxTestResult | null>(null);
  const [testError, setTestError] = useState<string | null>(null);
  const busy = create.isPending || test.isPending;

  // A result speaks for the settings it was run with: any edit makes it stale.
  function forgetTest() {
    test.reset();
    setTestResult(null);
    setTestError(null);
  }

  function set(field: PbxField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: [] }));
    forgetTest();
  }

  function chooseKind(kind: PbxKind) {
    setValues((v) => ({
      ...v,
      kind,
      // The other kind's default template would be wrong here; one typed by hand is kept.
      agent_dial_template: v.agent_dial_template === DEFAULT_DIAL_TEMPLATES[v.kind] ? DEFAULT_DIAL_TEMPLATES[kind] : v.agent_dial_template,
    }));
    setErrors({});
    setFormError(null);
    forgetTest();
  }

  function checked(): boolean {
    setFormError(null);
    const found = validatePbx(values, { passwordRequired: true });
    setErrors(found);
    focusFirstError(values.kind, found);
    return Object.keys(found).length === 0;
  }

  function showApiError(err: unknown, during: "save" | "test") {
    const { fieldErrors, formError } = apiFormErrors(err, PBX_FIELD_LABELS);
    setErrors(fieldErrors);
    if (during === "test") setTestError(formError);
    else setFormError(formError);
    focusFirstError(values.kind, fieldErrors);
  }

  function runTest() {
    if (busy) return;
    forgetTest();
    if (!checked()) return;
    test.mutate(toNewPbxInput(values), {
      onSuccess: setTestResult,
      onError: (err) => showApiError(err, "test"),
    });
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!checked()) return;
    create.mutate(toNewPbxInput(values), {
      onSuccess: (server) => {
        setValues(NEW_PBX_DEFAULTS);
        forgetTest();
        onCreated(server);
      },
      onError: (err) => showApiError(err, "save"),
    });
  }

  return (
    <Panel title="Add PBX server">
      <form onSubmit={onSubmit} noValidate className="space-y-4 p-5">
        {formError && <Notice tone="error" title="The server was not saved">{formError}</Notice>}
        <fieldset disabled={create.isPending} className="space-y-4">
          <fieldset>
            <legend className="label">PBX type</legend>
            <div className="inline-flex rounded-md border border-slate-300 p-0.5 dark:border-slate-700">
              {KINDS.map((kind) => (
                <label
                  key={kind}
                  className="relative rounded px-3 py-1 text-sm font-medium text-slate-600 has-checked:bg-brand-600 has-checked:text-white has-focus-visible:ring-2 has-focus-visible:ring-brand-500 dark:text-slate-300"
                >
                  {/* The native radio, transparent over its label: arrow keys and clicks work as usual. */}
                  <input
                    type="radio"
                    name="pbx-kind"
                    value={kind}
                    className="absolute inset-0 cursor-pointer appearance-none rounded focus:outline-none"
                    checked={values.kind === kind}
                    onChange={() => chooseKind(kind)}
                  />
                  {PBX_KIND_LABELS[kind]}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <PbxServerFields idPrefix={ID_PREFIX} values={values} errors={errors} editing={false} onChange={set} />
          </div>
        </fieldset>
        {replacesSimulator && (
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Saving stops the built-in simulator: from then on Pacer places calls through this server.
          </p>
        )}
        <div className="flex flex-wrap items-center justify-end gap-x-4 gap-y-2">
          <ConnectionTestResult pending={test.isPending} result={testResult} error={testError} className="mr-auto" />
          <div className="flex gap-2">
            {/* Not `disabled` while busy: that would drop keyboard focus on <body> mid-test. */}
            <button type="button" className="btn-secondary aria-disabled:opacity-50" onClick={runTest} aria-disabled={busy}>
              {test.isPending ? "Testing…" : "Test connection"}
            </button>
            <button type="submit" className="btn-primary" disabled={busy}>
              {create.isPending ? "Saving…" : "Save server"}
            </button>
          </div>
        </div>
      </form>
    </Panel>
  );
}
