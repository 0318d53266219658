"use client";

import { useId, useState } from "react";
import { useCampaigns } from "@/hooks/use-campaigns";
import type { ListInput } from "@/hooks/use-lists";
import { ApiClientError } from "@/lib/api-client";
import type { LeadList } from "@/lib/list-types";
import { FormAlert } from "@/components/ui/form-alert";
import { describedBy, Field } from "@/components/ui/form-field";

/** Create or edit a list: name, description, campaign (a move, for an existing list) and whether it is dialed. */
export function ListForm({
  initial,
  submitLabel,
  pendingLabel,
  onSubmit,
  onCancel,
}: {
  initial?: LeadList;
  submitLabel: string;
  pendingLabel: string;
  onSubmit: (input: ListInput) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const id = useId();
  const campaigns = useCampaigns();
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [campaignId, setCampaignId] = useState<string>(initial ? String(initial.campaign_id) : "");
  const [active, setActive] = useState(initial ? initial.active === 1 : true);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const moving = initial && campaignId !== String(initial.campaign_id);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    if (!name.trim()) local.name = ["is required"];
    if (!campaignId) local.campaign_id = ["choose the campaign that dials this list"];
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length) return;
    setPending(true);
    try {
      await onSubmit({ name: name.trim(), description: description.trim() || null, campaign_id: Number(campaignId), active: active ? 1 : 0 });
      if (!initial) {
        setName("");
        setDescription("");
      }
    } catch (err) {
      if (err instanceof ApiClientError) {
        setErrors(err.errors ?? {});
        setMessage(err.message);
      } else setMessage("Could not save the list");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      <Field id={`${id}-name`} label="Name" error={errors.name}>
        <input className="input" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} {...describedBy(`${id}-name`, { error: errors.name })} />
      </Field>
      <Field
        id={`${id}-campaign`}
        label="Campaign"
        error={errors.campaign_id}
        hint={moving ? "Moving takes the list's leads along; refused while either campaign is running or paused." : "The campaign dials every active list it has."}
      >
        <select
          className="input"
          value={campaignId}
          disabled={initial?.is_default === 1}
          onChange={(e) => setCampaignId(e.target.value)}
          {...describedBy(`${id}-campaign`, { hint: true, error: errors.campaign_id })}
        >
          <option value="">Choose a campaign…</option>
          {campaigns.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.status})
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-description`} label="Description (optional)" error={errors.description} className="sm:col-span-2">
        <input className="input" value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} {...describedBy(`${id}-description`, { error: errors.description })} />
      </Field>
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        Active: dialed when its campaign runs
      </label>
      {message && <FormAlert className="sm:col-span-2">{message}</FormAlert>}
      <div className="flex gap-2 sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn-secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
