"use client";

import { useEffect, useId, useImperativeHandle, useRef, useState } from "react";
import { useAgentCommand, useLoginCampaigns } from "@/hooks/use-agents";
import type { LoginCampaign } from "@/hooks/use-agents";
import { ApiClientError } from "@/lib/api-client";
import { apiFormErrors, type FieldErrors } from "@/lib/form-errors";
import { humanize } from "@/lib/format";
import { SelectField, submitUnlessPending, TextField } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { isAgentMode } from "@/lib/agent-states";
import { Kbd } from "./shortcuts";

const LABELS = { campaign_id: "Campaign" };
const LAST_CAMPAIGN_KEY = "pacer.agent.lastCampaign";

type LastCampaign = { id: number; name: string | null };

function readLastCampaign(): LastCampaign | null {
  try {
    const v = JSON.parse(localStorage.getItem(LAST_CAMPAIGN_KEY) ?? "null") as LastCampaign | null;
    return v && Number.isInteger(v.id) && v.id > 0 ? v : null;
  } catch {
    return null;
  }
}

export type CampaignLoginHandle = { submit: () => void };

/**
 * Picks the campaign to take calls for and logs in: Pacer then calls the agent's phone once and
 * keeps the line open. Agent campaigns come first; agentless ones are offered with a warning, since
 * they never pass calls to agents. Users who may not list campaigns (the agent role) type its number.
 */
export function CampaignLoginForm({
  agentId,
  canListCampaigns,
  onLoggedIn,
  ref,
}: {
  agentId: number;
  canListCampaigns: boolean;
  onLoggedIn?: () => void;
  ref?: React.Ref<CampaignLoginHandle>;
}) {
    const fieldId = useId();
    const formRef = useRef<HTMLFormElement>(null);
    const fieldRef = useRef<HTMLInputElement & HTMLSelectElement>(null);
    const campaigns = useLoginCampaigns(canListCampaigns);
    const login = useAgentCommand();
    const [value, setValue] = useState("");
    const [last, setLast] = useState<LastCampaign | null>(null);
    const [errors, setErrors] = useState<FieldErrors>({});
    const [formError, setFormError] = useState<string | null>(null);

    // The last campaign used on this browser is the likely next one.
    useEffect(() => {
      const remembered = readLastCampaign();
      setLast(remembered);
      if (remembered) setValue((v) => v || String(remembered.id));
    }, []);

    const list = campaigns.data;
    // Without a list the remembered campaign may be gone: keep it only if the list has it.
    useEffect(() => {
      if (list && value && !list.some((c) => String(c.id) === value)) setValue("");
    }, [list, value]);

    const chosen: LoginCampaign | undefined = list?.find((c) => String(c.id) === value);

    function submit() {
      setFormError(null);
      const id = Number(value);
      if (!value || !Number.isInteger(id) || id <= 0) {
        setErrors({ campaign_id: [canListCampaigns ? "Pick a campaign." : "Type the campaign's number (a whole number)."] });
        fieldRef.current?.focus();
        return;
      }
      setErrors({});
      login.mutate(
        { id: agentId, command: { kind: "login", campaignId: id } },
        {
          onSuccess: () => {
            try {
              localStorage.setItem(LAST_CAMPAIGN_KEY, JSON.stringify({ id, name: chosen?.name ?? (last?.id === id ? last.name : null) }));
            } catch {
              // Private windows may refuse storage: remembering is a convenience.
            }
            onLoggedIn?.();
          },
          onError: (err) => {
            if (err instanceof ApiClientError && err.code === 409) {
              setFormError(err.message);
              return;
            }
            const { fieldErrors, formError } = apiFormErrors(err, LABELS);
            setErrors(fieldErrors);
            if (!fieldErrors.campaign_id?.length || formError !== err.message) setFormError(formError);
            fieldRef.current?.focus();
          },
        },
      );
    }

    useImperativeHandle(ref, () => ({
      submit: () => (value ? formRef.current?.requestSubmit() : fieldRef.current?.focus()),
    }));

    const hint = canListCampaigns
      ? "Pacer calls your phone once; answer it and keep it open while you work."
      : `Your supervisor gives you the campaign's number.${last ? ` Last time: ${last.name ? `${last.name} (#${last.id})` : `#${last.id}`}.` : ""} Pacer then calls your phone; answer it and keep it open.`;

    function choose(next: string) {
      setValue(next);
      setErrors({});
      setFormError(null);
    }

    const field = { id: fieldId, hint, error: errors.campaign_id, className: "min-w-56 flex-1", value };

    return (
      <form ref={formRef} noValidate aria-label="Log in to a campaign" className="space-y-3" onSubmit={submitUnlessPending(login.isPending, submit)}>
        <fieldset disabled={login.isPending} className="flex flex-wrap items-end gap-3">
          {canListCampaigns ? (
            <SelectField
              {...field}
              label="Campaign"
              selectRef={fieldRef}
              disabled={campaigns.isPending}
              onChange={(e) => choose(e.target.value)}
              // A select does not submit its form on Enter by itself.
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  formRef.current?.requestSubmit();
                }
              }}
            >
              <option value="">{campaigns.isPending ? "Loading campaigns…" : "Choose a campaign"}</option>
              <AgentCampaignOptions
                campaigns={list ?? []}
                withAgentsLabel="Campaigns with agents"
                optionText={(c) => `${c.name} (${isAgentMode(c.dial_mode) ? c.dial_mode : "agentless"}, ${c.status})`}
              />
            </SelectField>
          ) : (
            <TextField
              {...field}
              label="Campaign number"
              inputRef={fieldRef}
              inputClassName="font-mono"
              inputMode="numeric"
              autoComplete="off"
              placeholder="e.g. 3"
              onChange={(e) => choose(e.target.value.trim())}
            />
          )}
          <button type="submit" className="btn-primary" aria-keyshortcuts="L">
            {login.isPending ? "Logging in…" : "Log in"}
            <Kbd>L</Kbd>
          </button>
        </fieldset>
        {campaigns.error && canListCampaigns && <Notice tone="error">Could not load the campaigns: {campaigns.error.message}</Notice>}
        {canListCampaigns && list && !list.some((c) => isAgentMode(c.dial_mode)) && (
          <Notice tone="info">No campaign sends calls to agents yet: set a campaign&apos;s dial mode to progressive, predictive or preview.</Notice>
        )}
        {chosen && !isAgentMode(chosen.dial_mode) && (
          <Notice tone="warning" title={`${chosen.name} is ${humanize(chosen.dial_mode).toLowerCase()}`}>
            It sends answered calls to its dialplan destination or IVR, not to agents. You can log in, but no calls come to you until it uses an agent
            mode.
          </Notice>
        )}
        {formError && <Notice tone="error">{formError}</Notice>}
      </form>
    );
}

/**
 * A campaign select's options in two groups: the campaigns that pass calls to agents, then the
 * agentless ones, which an agent may log in to but never gets a call from.
 */
export function AgentCampaignOptions({
  campaigns,
  withAgentsLabel,
  optionText,
}: {
  campaigns: LoginCampaign[];
  withAgentsLabel: string;
  optionText: (campaign: LoginCampaign) => string;
}) {
  const groups = [
    { label: withAgentsLabel, members: campaigns.filter((c) => isAgentMode(c.dial_mode)) },
    { label: "Agentless (no calls for agents)", members: campaigns.filter((c) => !isAgentMode(c.dial_mode)) },
  ];
  return groups.map(
    (g) =>
      g.members.length > 0 && (
        <optgroup key={g.label} label={g.label}>
          {g.members.map((c) => (
            <option key={c.id} value={c.id}>
              {optionText(c)}
            </option>
          ))}
        </optgroup>
      ),
  );
}
