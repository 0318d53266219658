"use client";

import { useState } from "react";
import { useCreateToken } from "@/hooks/use-tokens";
import type { CreatedApiToken } from "@/lib/api-types";
import { apiFormErrors, type FieldErrors } from "@/lib/form-errors";
import { PERMISSION_RESOURCES, permissionsOf, wildcardOf, type PermissionResource } from "@/lib/token-permissions";
import { describedBy, Field, FieldError } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";

const LABELS = { name: "Token name", permissions: "Permissions", expires_at: "Expires at" };

/** `<resource>/*` covers every action of the resource, so the single actions it covers are not sent. */
function grantsToSend(checked: Set<string>): string[] {
  const grants: string[] = [];
  for (const { resource } of PERMISSION_RESOURCES) {
    if (checked.has(wildcardOf(resource))) grants.push(wildcardOf(resource));
    else grants.push(...permissionsOf(resource).filter((p) => checked.has(p)));
  }
  return grants;
}

/** The value of a datetime-local input is local wall time; the API gets it as an instant. */
function localInputToIso(value: string): string | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function focusFirstError(errors: FieldErrors) {
  const id = errors.name ? "token-name" : errors.expires_at ? "token-expires-at" : errors.permissions ? "perm-campaigns-all" : null;
  if (id) document.getElementById(id)?.focus();
}

function nowForInput(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

export function CreateTokenForm({ role, onCreated }: { role: string; onCreated: (token: CreatedApiToken) => void }) {
  const create = useCreateToken();
  const [name, setName] = useState("");
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [expiresAt, setExpiresAt] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  function toggle(permission: string, on: boolean) {
    setChecked((prev) => {
      const next = new Set(prev);
      if (on) next.add(permission);
      else next.delete(permission);
      return next;
    });
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const found: FieldErrors = {};
    if (name.trim() === "") found.name = ["Token name is required."];
    else if (name.trim().length > 100) found.name = ["Token name must be at most 100 characters."];
    const expiresIso = expiresAt ? localInputToIso(expiresAt) : null;
    if (expiresAt && !expiresIso) found.expires_at = ["Expires at is not a valid date and time."];
    else if (expiresIso && new Date(expiresIso).getTime() <= Date.now()) found.expires_at = ["Expires at must be in the future."];
    setErrors(found);
    if (Object.keys(found).length) {
      focusFirstError(found);
      return;
    }
    const permissions = grantsToSend(checked);
    create.mutate(
      { name: name.trim(), ...(permissions.length ? { permissions } : {}), ...(expiresIso ? { expires_at: expiresIso } : {}) },
      {
        onSuccess: (token) => {
          setName("");
          setChecked(new Set());
          setExpiresAt("");
          onCreated(token);
        },
        onError: (err) => {
          const { fieldErrors, formError } = apiFormErrors(err, LABELS, (key) => key.replace(/^permissions\.\d+$/, "permissions"));
          setErrors(fieldErrors);
          setFormError(formError);
          focusFirstError(fieldErrors);
        },
      },
    );
  }

  const selectedCount = grantsToSend(checked).length;

  return (
    <Panel title="Create a token">
      <form onSubmit={onSubmit} noValidate className="space-y-5 p-5">
        {formError && <Notice tone="error" title="The token was not created">{formError}</Notice>}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="token-name" label="Token name" hint="What uses it, e.g. “CRM sync” or “Nightly report”." error={errors.name}>
            <input
              {...describedBy("token-name", { hint: true, error: errors.name })}
              className="input"
              autoComplete="off"
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
          <Field id="token-expires-at" label="Expires at" hint="Optional, in your local time. Empty: never expires." error={errors.expires_at}>
            <input
              {...describedBy("token-expires-at", { hint: true, error: errors.expires_at })}
              type="datetime-local"
              className="input"
              min={nowForInput()}
              value={expiresAt}
              onChange={(e) => setExpiresAt(e.target.value)}
            />
          </Field>
        </div>

        <fieldset aria-describedby={`token-permissions-note${errors.permissions?.length ? " token-permissions-error" : ""}`}>
          <legend className="label">Permissions</legend>
          <p id="token-permissions-note" className="mb-3 text-xs text-slate-500 dark:text-slate-400">
            {selectedCount === 0 ? (
              <>
                None checked = <strong className="font-semibold text-slate-700 dark:text-slate-200">full access of your role</strong> ({role}). Check
                some to limit what the token can do.
              </>
            ) : (
              <>
                The token can only do what is checked ({selectedCount} {selectedCount === 1 ? "grant" : "grants"}), and never more than your role (
                {role}) allows.
              </>
            )}
          </p>
          <div className="gap-3 sm:columns-2 lg:columns-4">
            {PERMISSION_RESOURCES.map(({ resource, label }) => (
              <PermissionGroup key={resource} resource={resource} label={label} checked={checked} onToggle={toggle} />
            ))}
          </div>
          <FieldError id="token-permissions-error" messages={errors.permissions} />
        </fieldset>

        <div className="flex justify-end">
          <button type="submit" className="btn-primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create token"}
          </button>
        </div>
      </form>
    </Panel>
  );
}

function PermissionGroup({
  resource,
  label,
  checked,
  onToggle,
}: {
  resource: PermissionResource;
  label: string;
  checked: Set<string>;
  onToggle: (permission: string, on: boolean) => void;
}) {
  const wildcard = wildcardOf(resource);
  const all = checked.has(wildcard);
  return (
    <fieldset className="mb-3 break-inside-avoid rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
        {resource} <span className="font-normal tracking-normal normal-case">· {label}</span>
      </legend>
      <div className="space-y-1">
        <Checkbox id={`perm-${resource}-all`} checked={all} onChange={(on) => onToggle(wildcard, on)}>
          <span className="font-mono">{wildcard}</span> <span className="text-slate-500 dark:text-slate-400">(all)</span>
        </Checkbox>
        <div className="ml-2 space-y-1 border-l border-slate-200 pl-3 dark:border-slate-800">
          {permissionsOf(resource).map((permission) => (
            <Checkbox
              key={permission}
              id={`perm-${permission.replace("/", "-")}`}
              checked={all || checked.has(permission)}
              disabled={all}
              onChange={(on) => onToggle(permission, on)}
            >
              <span className="font-mono">{permission}</span>
            </Checkbox>
          ))}
        </div>
      </div>
    </fieldset>
  );
}

function Checkbox({
  id,
  checked,
  disabled,
  onChange,
  children,
}: {
  id: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (on: boolean) => void;
  children: React.ReactNode;
}) {
  return (
    <div className="flex items-center gap-2 text-xs">
      <input
        id={id}
        type="checkbox"
        className="h-3.5 w-3.5 accent-brand-600 disabled:opacity-60"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id} className={disabled ? "text-slate-500 dark:text-slate-400" : "text-slate-700 dark:text-slate-300"}>
        {children}
      </label>
    </div>
  );
}
