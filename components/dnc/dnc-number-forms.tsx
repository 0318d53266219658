"use client";

import { useState } from "react";
import { useAddDncNumber, useAddDncNumbersBulk } from "@/hooks/use-dnc";
import type { Campaign } from "@/lib/api-types";
import { formatCount } from "@/lib/format";
import { SelectField } from "@/components/ui/form-field";
import { AddNumberForm, PasteNumbersForm } from "@/components/ui/number-entry";
import { DncListOptions, listValue, parseListValue, type DncList } from "./dnc-list-select";

const NOTE = { field: "note", label: "Note", hint: "Optional, e.g. why the number must not be called.", maxLength: 500 };
const ONE_LABELS = { phone_number: "Phone number", campaign_id: "List", note: "Note" };
const PASTE_LABELS = { campaign_id: "List" };
const campaignIdOf = (list: DncList) => (list === "global" ? null : list);

/** One number, or a pasted list, onto a do-not-call list; each form keeps its own choice of list. */
export function DncNumberForms({ campaigns, defaultList }: { campaigns: Campaign[] | undefined; defaultList: DncList }) {
  const add = useAddDncNumber();
  const addAll = useAddDncNumbersBulk();
  const [oneList, setOneList] = useState<DncList>(defaultList);
  const [pasteList, setPasteList] = useState<DncList>(defaultList);
  const picker = (id: string, list: DncList, error: string[] | undefined, onChange: (list: DncList) => void) => (
    <SelectField id={id} label="List" error={error} value={listValue(list)} onChange={(e) => onChange(parseListValue(e.target.value))}>
      <DncListOptions campaigns={campaigns} />
    </SelectField>
  );
  return (
    <>
      <AddNumberForm
        idPrefix="add-dnc"
        annotation={NOTE}
        labels={ONE_LABELS}
        pending={add.isPending}
        extraFields={(errors, clear) =>
          picker("add-dnc-list", oneList, errors.campaign_id, (l) => {
            setOneList(l);
            clear("campaign_id");
            clear("phone_number");
          })
        }
        onAdd={async (phone_number, note) => {
          const entry = await add.mutateAsync({ phone_number, campaign_id: campaignIdOf(oneList), note: note || null });
          return `${entry.phone_number} added to ${entry.campaign_id === null ? "the system-wide list" : `the list of ${entry.campaign_name}`}.`;
        }}
      />
      <PasteNumbersForm
        idPrefix="paste-dnc"
        annotation={NOTE}
        labels={PASTE_LABELS}
        pending={addAll.isPending}
        placeholder={"+12025550123,asked not to be called\n+12025550124\n(202) 555-0125;complaint 2025-03-01"}
        hint={
          <>
            One number per line, optionally followed by a comma and a note: <code className="font-mono">number,note</code>. Rows copied from a spreadsheet
            work too. Numbers already on the list are skipped; nothing is added unless every line is valid.
          </>
        }
        extraFields={(errors, clear) =>
          picker("paste-dnc-list", pasteList, errors.campaign_id, (l) => {
            setPasteList(l);
            clear("campaign_id");
          })
        }
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
