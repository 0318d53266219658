"use client";

import { useEffect, useRef, useState } from "react";
import { useCreateAgent, useUpdateAgent, type AgentInput } from "@/hooks/use-agents";
import { useUsers } from "@/hooks/use-users";
import { ApiClientError } from "@/lib/api-client";
import type { Agent } from "@/lib/api-types";
import { apiFormErrors, type FieldErrors } from "@/lib/form-errors";
import { focusFirstError, FormButtons, SelectField, TextField } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toaster";
import { isLoggedIn } from "@/lib/agent-states";

const LABELS = { name: "Name", extension: "Phone", user_id: "User" };
const FIELD_ORDER = ["name", "extension", "user_id"] as const;

/** The API's rules (server/agents/validation.ts), checked before sending so mistakes show at once. */
function nameProblem(v: string): string | null {
  const name = v.trim();
  if (!name) return "Name is required.";
  if (name.length > 64) return "Name must be at most 64 characters.";
  if (!/^[A-Za-z0-9 _.@-]+$/.test(name)) return "Name may contain letters, digits, spaces and _ . @ - only.";
  return null;
}

function extensionProblem(v: string): string | null {
  const ext = v.trim();
  if (!ext) return "Phone is required.";
  if (ext.length > 120) return "Phone must be at most 120 characters.";
  if (!/^[0-9*#+]{2,20}$/.test(ext) && !/^[A-Za-z][A-Za-z0-9_.-]*\/\S+$/.test(ext)) return "Phone must be an extension (2–20 digits) or a dial string such as PJSIP/2001.";
  return null;
}

/**
 * Creates an agent, or edits one (only what changed is sent). The phone of a logged-in agent is
 * held by the dialer and cannot change until it logs out.
 */
export function AgentForm({
  agent,
  agents,
  canPickUser,
  onCancel,
  onSaved,
}: {
  /** The agent edited; absent when creating. */
  agent?: Agent;
  /** Every agent, to show which users already have one. */
  agents: Agent[];
  canPickUser: boolean;
  onCancel: () => void;
  onSaved: (agent: Agent) => void;
}) {
  const create = useCreateAgent();
  const update = useUpdateAgent();
  const toast = useToast();
  const mutation = agent ? update : create;
  const prefix = agent ? `edit-agent-${agent.id}` : "new-agent";
  const id = (field: string) => `${prefix}-${field.replace(/_/g, "-")}`;
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(agent?.name ?? "");
  const [extension, setExtension] = useState(agent?.extension ?? "");
  const [userId, setUserId] = useState<number | null>(agent?.user_id ?? null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const phoneLocked = agent ? isLoggedIn(agent) : false;

  useEffect(() => nameRef.current?.focus(), []);

  const focusFirst = (found: FieldErrors) => focusFirstError(found, FIELD_ORDER, id);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const found: FieldErrors = {};
    const n = nameProblem(name);
    if (n) found.name = [n];
    const x = phoneLocked ? null : extensionProblem(extension);
    if (x) found.extension = [x];
    setErrors(found);
    if (Object.keys(found).length) return focusFirst(found);

    const input: AgentInput = { name: name.trim(), extension: extension.trim(), user_id: userId };
    const onError = (err: Error) => {
      // A 409 is a name already taken (or the phone of a logged-in agent): it belongs by that field.
      if (err instanceof ApiClientError && err.code === 409) {
        const field = /phone|log/i.test(err.message) ? "extension" : "name";
        setErrors({ [field]: [err.message] });
        return focusFirst({ [field]: [err.message] });
      }
      const { fieldErrors, formError } = apiFormErrors(err, LABELS);
      setErrors(fieldErrors);
      if (!Object.keys(fieldErrors).length || formError !== err.message) setFormError(formError);
      focusFirst(fieldErrors);
    };

    if (!agent) {
      create.mutate(input, {
        onSuccess: (created) => {
          toast("success", `Agent ${created.name} created.`);
          onSaved(created);
        },
        onError,
      });
      return;
    }
    const changes: Partial<AgentInput> = {};
    if (input.name !== agent.name) changes.name = input.name;
    if (input.extension !== agent.extension && !phoneLocked) changes.extension = input.extension;
    if (canPickUser && input.user_id !== agent.user_id) changes.user_id = input.user_id;
    if (Object.keys(changes).length === 0) return onCancel();
    update.mutate(
      { id: agent.id, changes },
      {
        onSuccess: (saved) => {
          toast("success", `Agent ${saved.name} updated.`);
          onSaved(saved);
        },
        onError,
      },
    );
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={agent ? `Edit ${agent.name}` : "New agent"}
      className={agent ? "space-y-3 rounded-md border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900" : "space-y-4 p-5"}
      onKeyDown={(e) => e.key === "Escape" && !mutation.isPending && onCancel()}
    >
      {formError && (
        <Notice tone="error" title={agent ? "Changes not saved" : "The agent was not created"}>
          {formError}
        </Notice>
      )}
      <fieldset disabled={mutation.isPending} className="grid gap-4 sm:grid-cols-3">
        <TextField
          id={id("name")}
          label={LABELS.name}
          hint="Shown to supervisors and in reports."
          error={errors.name}
          inputRef={nameRef}
          autoComplete="off"
          maxLength={64}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setErrors((errs) => ({ ...errs, name: [] }));
          }}
        />
        <TextField
          id={id("extension")}
          label={LABELS.extension}
          hint={phoneLocked ? "Log the agent out to change its phone." : "The extension Pacer calls at log-in, e.g. 2001, or a dial string such as PJSIP/2001."}
          error={errors.extension}
          inputClassName="font-mono"
          autoComplete="off"
          spellCheck={false}
          maxLength={120}
          readOnly={phoneLocked}
          value={extension}
          onChange={(e) => {
            setExtension(e.target.value);
            setErrors((errs) => ({ ...errs, extension: [] }));
          }}
        />
        {canPickUser ? (
          <UserPicker id={id("user_id")} value={userId} onChange={setUserId} agents={agents} agentId={agent?.id} error={errors.user_id} />
        ) : (
          <TextField id={id("user_id")} label={LABELS.user_id} hint="Only admins can tie an agent to a user." error={errors.user_id} readOnly value={userId ? `User #${userId}` : "No user"} />
        )}
      </fieldset>
      <FormButtons pending={mutation.isPending} submitLabel={agent ? "Save agent" : "Create agent"} pendingLabel={agent ? "Saving…" : "Creating…"} onCancel={onCancel} />
    </form>
  );
}

/** Users with the agent role; one already tied to another agent is shown but cannot be picked. */
function UserPicker({
  id,
  value,
  onChange,
  agents,
  agentId,
  error,
}: {
  id: string;
  value: number | null;
  onChange: (userId: number | null) => void;
  agents: Agent[];
  agentId?: number;
  error?: string[];
}) {
  const users = useUsers();
  const takenBy = new Map(agents.filter((a) => a.user_id !== null && a.id !== agentId).map((a) => [a.user_id!, a.name]));
  // The current user stays listed even if its role changed since.
  const choices = users.data?.filter((u) => u.role === "agent" || u.id === value) ?? [];
  const hint = users.error
    ? `Could not load users: ${users.error.message}`
    : users.data && choices.length === 0
      ? "No users have the agent role yet: create one under Users to let someone sign in to this agent's console."
      : "Optional. The user signs in and works this agent from My console.";
  return (
    <SelectField
      id={id}
      label={LABELS.user_id}
      hint={hint}
      error={error}
      value={value ?? ""}
      disabled={users.isPending}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
    >
      <option value="">{users.isPending ? "Loading users…" : "No user"}</option>
      {choices.map((u) => (
        <option key={u.id} value={u.id} disabled={takenBy.has(u.id)}>
          {u.full_name ? `${u.full_name} (${u.username})` : u.username}
          {takenBy.has(u.id) ? ` — already agent ${takenBy.get(u.id)}` : ""}
        </option>
      ))}
    </SelectField>
  );
}
