"use client";

import { useEffect, useRef, useState } from "react";
import { USER_ROLES, useCreateUser, type UserRole } from "@/hooks/use-users";
import { ApiClientError } from "@/lib/api-client";
import { apiFormErrors, type FieldErrors } from "@/lib/form-errors";
import { humanize } from "@/lib/format";
import { collectProblems, emailProblem, fullNameProblem, passwordProblem, USER_FIELD_LABELS, usernameProblem } from "@/lib/user-validation";
import { CheckboxField, focusFirstError, FormButtons, SelectField, TextField } from "@/components/ui/form-field";
import { FormOptions } from "@/components/ui/form-options";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";

const FIELD_ORDER = ["username", "email", "full_name", "password", "role"] as const;
const fieldId = (field: string) => `new-user-${field.replace(/_/g, "-")}`;

export function NewUserForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (username: string) => void }) {
  const create = useCreateUser();
  const usernameRef = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState({ username: "", email: "", full_name: "", password: "", role: "supervisor" as UserRole, api_access: true });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => usernameRef.current?.focus(), []);

  function set<K extends keyof typeof values>(field: K, value: (typeof values)[K]) {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: [] }));
  }

  const focusFirst = (found: FieldErrors) => focusFirstError(found, FIELD_ORDER, fieldId);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const found = collectProblems({
      username: usernameProblem(values.username),
      email: emailProblem(values.email),
      full_name: fullNameProblem(values.full_name),
      password: passwordProblem(values.password, { required: true }),
    });
    setErrors(found);
    if (Object.keys(found).length) {
      focusFirst(found);
      return;
    }
    create.mutate(
      {
        username: values.username.trim(),
        email: values.email.trim(),
        full_name: values.full_name.trim() || null,
        password: values.password,
        role: values.role,
        api_access: values.api_access ? 1 : 0,
      },
      {
        onSuccess: (user) => onCreated(user.username),
        onError: (err) => {
          // The one 409 here is a username that is taken: it belongs next to the username.
          if (err instanceof ApiClientError && err.code === 409) {
            setErrors({ username: [err.message] });
            focusFirst({ username: [err.message] });
            return;
          }
          const { fieldErrors, formError } = apiFormErrors(err, USER_FIELD_LABELS);
          setErrors(fieldErrors);
          setFormError(formError);
          focusFirst(fieldErrors);
        },
      },
    );
  }

  const input = (field: "username" | "email" | "full_name" | "password", props: React.InputHTMLAttributes<HTMLInputElement>, hint?: string) => (
    <TextField
      id={fieldId(field)}
      label={USER_FIELD_LABELS[field]}
      hint={hint}
      error={errors[field]}
      inputRef={field === "username" ? usernameRef : undefined}
      value={values[field]}
      onChange={(e) => set(field, e.target.value)}
      {...props}
    />
  );

  return (
    <Panel title="New user">
      <form onSubmit={onSubmit} noValidate className="space-y-4 p-5" onKeyDown={(e) => e.key === "Escape" && !create.isPending && onCancel()}>
        {formError && <Notice tone="error" title="The user was not created">{formError}</Notice>}
        <fieldset disabled={create.isPending} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {input("username", { autoComplete: "off", spellCheck: false, maxLength: 64 }, "3–64 letters, digits or . _ @ -")}
          {input("email", { type: "email", autoComplete: "off" })}
          {input("full_name", { autoComplete: "off", maxLength: 200 }, "Optional. Shown in the header and audit log.")}
          {input("password", { type: "password", autoComplete: "new-password" }, "At least 8 characters.")}
          <SelectField id={fieldId("role")} label={USER_FIELD_LABELS.role} error={errors.role} value={values.role} onChange={(e) => set("role", e.target.value as UserRole)}>
            <FormOptions values={USER_ROLES} label={humanize} />
          </SelectField>
          <CheckboxField
            id={fieldId("api-access")}
            label="API access"
            hint="May use API tokens"
            error={errors.api_access}
            className="pt-6"
            checked={values.api_access}
            onChange={(on) => set("api_access", on)}
          />
        </fieldset>
        <FormButtons pending={create.isPending} submitLabel="Create user" pendingLabel="Creating…" onCancel={onCancel} />
      </form>
    </Panel>
  );
}
