"use client";

import { useAddNumber, useAddNumbersBulk } from "@/hooks/use-campaigns";
import { AddNumberForm, PasteNumbersForm } from "@/components/ui/number-entry";

const NAME = { field: "data", label: "Name", hint: "Optional. Saved with the number as its name." };
const LABELS = { phone_number: "Phone number", data: "Name" };
const NO_LABELS = {};

/** One number, or a pasted list, into the campaign (its default list); the text after a number is its name. */
export function CampaignNumberForms({ campaignId }: { campaignId: number }) {
  const add = useAddNumber(campaignId);
  const addAll = useAddNumbersBulk(campaignId);
  return (
    <>
      <AddNumberForm
        idPrefix="add-number"
        annotation={NAME}
        labels={LABELS}
        pending={add.isPending}
        onAdd={async (phone_number, name) => {
          await add.mutateAsync({ phone_number, ...(name ? { data: { name } } : {}) });
          return `${phone_number} added.`;
        }}
      />
      <PasteNumbersForm
        idPrefix="paste-numbers"
        annotation={NAME}
        labels={NO_LABELS}
        pending={addAll.isPending}
        placeholder={"+12025550123,Ada Lovelace\n+12025550124\n(202) 555-0125;Grace Hopper"}
        hint={
          <>
            One number per line, optionally followed by a comma and a name: <code className="font-mono">number,name</code>. Rows copied from a spreadsheet
            work too. Nothing is added unless every line is valid.
          </>
        }
        onAdd={(sent) => addAll.mutateAsync(sent.map((n) => ({ phone_number: n.phone_number, ...(n.name ? { data: { name: n.name } } : {}) })))}
      />
    </>
  );
}
