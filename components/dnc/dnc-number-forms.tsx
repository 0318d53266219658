"use client";

import { useState } from "react";
import { useAddDncNumber, useAddDncNumbersBulk } from "@/hooks/use-dnc";
import type { Campaign } from "@/lib/api-types";
import { formatCount } from "@/lib/format";
import type { FieldErrors } from "@/lib/form-errors";
import { SelectField } from "@/components/ui/form-field";
import { AddNumberForm, PasteNumbersForm } from "@/components/ui/number-entry";
import { DncListOptions, listValue, parseListValue, type DncList } from "./dnc-list-select";

const NOTE = { field: "note", label: "Note", hint: "Optional, e.g. why the number must not be called.", maxLength: 500, examples: ["asked not to be called", "complaint 2025-03-01"] as [string, string] };
const campaignIdOf = (list: DncList) => (list === "global" ? null : list);

/** One number, or a pasted list, onto a do-not-call list; each form keeps its own choice of list. */
export function DncNumberForms({ campaigns, defaultList }: { campaigns: Campaign[] | undefined; defaultList: DncList }) {
  const add = useAddDncNumber();
  const addAll = useAddDncNumbersBulk();
  const [oneList, setOneList] = useState<DncList>(defaultList);
  const [pasteList, setPasteList] = useState<DncList>(defaultList);
  /** The list picker; a change of list clears its error and those of `alsoClears`, which it may settle. */
  const picker = (id: string, list: DncList, setList: (list: DncList) => void, alsoClears: string[]) => ({
    labels: { campaign_id: "List" },
    render: (errors: FieldErrors, clear: (field: string) => void) => (
      <SelectField
        id={id}
        label="List"
        error={errors.campaign_id}
        value={listValue(list)}
        onChange={(e) => {
          setList(parseListValue(e.target.value));
          ["campaign_id", ...alsoClears].forEach(clear);
        }}
      >
        <DncListOptions campaigns={campaigns} />
      </SelectField>
    ),
  });
  return (
    <>
      <AddNumberForm
        idPrefix="add-dnc"
        annotation={NOTE}
        pending={add.isPending}
        extraFields={picker("add-dnc-list", oneList, setOneList, ["phone_number"])}
        onAdd={async (phone_number, note) => {
          const entry = await add.mutateAsync({ phone_number, campaign_id: campaignIdOf(oneList), note: note || null });
          return `${entry.phone_number} added to ${entry.campaign_id === null ? "the system-wide list" : `the list of ${entry.campaign_name}`}.`;
        }}
      />
      <PasteNumbersForm
        idPrefix="paste-dnc"
        annotation={NOTE}
        pending={addAll.isPending}
        addRule="Numbers already on the list are skipped; nothing is added unless every line is valid."
        extraFields={picker("paste-dnc-list", pasteList, setPasteList, [])}
        onAdd={async (sent) => {
          const result = await addAll.mutateAsync({
            campaign_id: campaignIdOf(pasteList),
            numbers: sent.map((n) => ({ phone_number: n.phone_number, ...(n.name ? { note: n.name } : {}) })),
          });
          return `${formatCount(result.added)} added${result.skipped ? `, ${formatCount(result.skipped)} already on the list` : ""}.`;
        }}
      />
    </>
  );
}
