"use client";

import { useEffect, useRef, useState } from "react";
import { USER_ROLES, useUpdateUser, type UserChanges, type UserRole } from "@/hooks/use-users";
import type { User } from "@/lib/api-types";
import { apiFormErrors, type FieldErrors } from "@/lib/form-errors";
import { humanize } from "@/lib/format";
import { collectProblems, emailProblem, fullNameProblem, passwordProblem, USER_FIELD_LABELS } from "@/lib/user-validation";
import { CheckboxField, RowEditForm, SelectField, TextField } from "@/components/ui/form-field";
import { FormOptions } from "@/components/ui/form-options";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toaster";

/** Only what changed is sent, so saving a role change never touches the password. */
export function EditUserForm({ user, isSelf, onDone }: { user: User; isSelf: boolean; onDone: () => void }) {
  const update = useUpdateUser();
  const toast = useToast();
  const firstRef = useRef<HTMLSelectElement>(null);
  const id = (field: string) => `edit-user-${user.id}-${field.replace(/_/g, "-")}`;
  const [role, setRole] = useState<UserRole>(user.role);
  const [active, setActive] = useState(user.is_active === 1);
  const [apiAccess, setApiAccess] = useState(user.api_access === 1);
  const [email, setEmail] = useState(user.email);
  const [fullName, setFullName] = useState(user.full_name ?? "");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => firstRef.current?.focus(), []);

  function changes(): UserChanges {
    const c: UserChanges = {};
    if (role !== user.role) c.role = role;
    if (active !== (user.is_active === 1)) c.is_active = active ? 1 : 0;
    if (apiAccess !== (user.api_access === 1)) c.api_access = apiAccess ? 1 : 0;
    if (email.trim() !== user.email) c.email = email.trim();
    if ((fullName.trim() || null) !== user.full_name) c.full_name = fullName.trim() || null;
    if (password) c.password = password;
    return c;
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const changed = changes();
    // Only what is sent is checked: an existing value the server once accepted stays acceptable.
    const found = collectProblems({
      email: changed.email !== undefined ? emailProblem(email) : null,
      full_name: changed.full_name !== undefined ? fullNameProblem(fullName) : null,
      password: passwordProblem(password, { required: false }),
    });
    setErrors(found);
    if (Object.keys(found).length) return;
    if (Object.keys(changed).length === 0) {
      onDone();
      return;
    }
    update.mutate(
      { id: user.id, changes: changed },
      {
        onSuccess: () => {
          toast("success", `User ${user.username} updated.`);
          onDone();
        },
        onError: (err) => {
          const { fieldErrors, formError } = apiFormErrors(err, USER_FIELD_LABELS);
          setErrors(fieldErrors);
          setFormError(formError);
        },
      },
    );
  }

  return (
    <RowEditForm
      label={`Edit ${user.username}`}
      pending={update.isPending}
      formError={formError}
      onSubmit={onSubmit}
      onCancel={onDone}
      fieldsClassName="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
      after={isSelf && (role !== user.role || !active) && <Notice tone="warning">This is your own account: demoting or disabling it can lock you out of this page.</Notice>}
    >
      <SelectField id={id("role")} label="Role" error={errors.role} selectRef={firstRef} value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
        <FormOptions values={USER_ROLES} label={humanize} />
      </SelectField>
      <TextField id={id("email")} label={USER_FIELD_LABELS.email} error={errors.email} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <TextField id={id("full_name")} label={USER_FIELD_LABELS.full_name} error={errors.full_name} maxLength={200} value={fullName} onChange={(e) => setFullName(e.target.value)} />
      <TextField
        id={id("password")}
        label="Reset password"
        hint="Leave empty to keep the current one."
        error={errors.password}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <div className="flex flex-wrap items-start gap-x-6 gap-y-2 sm:col-span-2 lg:col-span-4">
        <CheckboxField id={id("active")} label="Active" hint="Disabled users cannot sign in or use their tokens." error={errors.is_active} checked={active} onChange={setActive} />
        <CheckboxField id={id("api_access")} label="API access" error={errors.api_access} checked={apiAccess} onChange={setApiAccess} />
      </div>
    </RowEditForm>
  );
}
