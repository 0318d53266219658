"use client";

import { useEffect, useRef, useState } from "react";
import { useUpdatePbxServer } from "@/hooks/use-pbx";
import type { PbxServer } from "@/lib/api-types";
import { apiFormErrors, type FieldErrors } from "@/lib/form-errors";
import { PBX_FIELD_LABELS, PBX_KIND_FIELDS, pbxChanges, pbxToFormValues, validatePbx, type PbxField, type PbxFormValues } from "@/lib/pbx-validation";
import { RowEditForm } from "@/components/ui/form-field";
import { useToast } from "@/components/ui/toaster";
import { pbxFieldId, PbxServerFields } from "./pbx-server-fields";

/** Only what changed is sent; an empty password keeps the stored one. The kind cannot change. */
export function EditPbxServerForm({ server, onDone }: { server: PbxServer; onDone: () => void }) {
  const update = useUpdatePbxServer();
  const toast = useToast();
  const firstRef = useRef<HTMLInputElement>(null);
  const idPrefix = `edit-pbx-${server.id}`;
  const [values, setValues] = useState<PbxFormValues>(() => pbxToFormValues(server));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => firstRef.current?.focus(), []);

  function set(field: PbxField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: [] }));
  }

  function focusFirstError(found: FieldErrors) {
    const first = PBX_KIND_FIELDS[server.kind].find((f) => found[f]?.length);
    if (first) document.getElementById(pbxFieldId(idPrefix, first))?.focus();
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const found = validatePbx(values, { passwordRequired: false });
    setErrors(found);
    if (Object.keys(found).length) {
      focusFirstError(found);
      return;
    }
    const changes = pbxChanges(server, values);
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    update.mutate(
      { id: server.id, changes },
      {
        onSuccess: (saved) => {
          toast("success", `PBX server ${saved.name} updated.`);
          onDone();
        },
        onError: (err) => {
          const { fieldErrors, formError } = apiFormErrors(err, PBX_FIELD_LABELS);
          setErrors(fieldErrors);
          setFormError(formError);
          focusFirstError(fieldErrors);
        },
      },
    );
  }

  return (
    <RowEditForm label={`Edit ${server.name}`} pending={update.isPending} formError={formError} onSubmit={onSubmit} onCancel={onDone} fieldsClassName="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <PbxServerFields idPrefix={idPrefix} values={values} errors={errors} editing onChange={set} firstFieldRef={firstRef} />
    </RowEditForm>
  );
}
