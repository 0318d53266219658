"use client";

import { useAddNumber, useAddNumbersBulk } from "@/hooks/use-campaigns";
import { AddNumberForm, PasteNumbersForm } from "@/components/ui/number-entry";

const NAME = { field: "data", label: "Name", hint: "Optional. Saved with the number as its name.", examples: ["Ada Lovelace", "Grace Hopper"] as [string, string] };

/** One number, or a pasted list, into the campaign (its default list); the text after a number is its name. */
export function CampaignNumberForms({ campaignId }: { campaignId: number }) {
  const add = useAddNumber(campaignId);
  const addAll = useAddNumbersBulk(campaignId);
  return (
    <>
      <AddNumberForm
        idPrefix="add-number"
        annotation={NAME}
        pending={add.isPending}
        onAdd={async (phone_number, name) => {
          await add.mutateAsync({ phone_number, ...(name ? { data: { name } } : {}) });
          return `${phone_number} added.`;
        }}
      />
      <PasteNumbersForm
        idPrefix="paste-numbers"
        annotation={NAME}
        pending={addAll.isPending}
        addRule="Nothing is added unless every line is valid."
        onAdd={(sent) => addAll.mutateAsync(sent.map((n) => ({ phone_number: n.phone_number, ...(n.name ? { data: { name: n.name } } : {}) })))}
      />
    </>
  );
}
