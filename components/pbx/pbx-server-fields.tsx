import type { Ref } from "react";
import type { FieldErrors } from "@/lib/form-errors";
import { PBX_FIELD_LABELS, PBX_KIND_FIELDS, type PbxField, type PbxFormValues } from "@/lib/pbx-validation";
import { describedBy, Field } from "@/components/ui/form-field";

export const pbxFieldId = (prefix: string, field: PbxField) => `${prefix}-${field.replace(/_/g, "-")}`;

const INPUT_PROPS: Record<PbxField, React.InputHTMLAttributes<HTMLInputElement>> = {
  name: { autoComplete: "off", maxLength: 100 },
  ari_url: { type: "url", inputMode: "url", autoComplete: "off", spellCheck: false, placeholder: "http://pbx.example.com:8088" },
  ari_username: { autoComplete: "off", spellCheck: false, maxLength: 100 },
  password: { type: "password", autoComplete: "new-password", maxLength: 200 },
  ari_app: { autoComplete: "off", spellCheck: false, maxLength: 64 },
  esl_host: { autoComplete: "off", spellCheck: false, maxLength: 255, placeholder: "pbx.example.com" },
  esl_port: { inputMode: "numeric", autoComplete: "off", maxLength: 5 },
  agent_dial_template: { autoComplete: "off", spellCheck: false, maxLength: 200 },
  recording_path: { autoComplete: "off", spellCheck: false, maxLength: 500, placeholder: "/var/lib/freeswitch/recordings" },
  recording_url: { type: "url", inputMode: "url", autoComplete: "off", spellCheck: false, maxLength: 500, placeholder: "https://fs.example.com/recordings" },
};

function hintFor(field: PbxField, values: PbxFormValues, editing: boolean): string | undefined {
  switch (field) {
    case "ari_url":
      return "Asterisk's HTTP server (http.conf), without /ari.";
    case "ari_username":
      return "A user from ari.conf.";
    case "password":
      if (editing) return "Leave empty to keep the current one.";
      return values.kind === "asterisk"
        ? "That user's password. Stored encrypted and never shown again."
        : "From event_socket.conf.xml (FreeSWITCH ships with ClueCon). Stored encrypted and never shown again.";
    case "ari_app":
      return `Calls reach Pacer through Stasis(${values.ari_app.trim() || "…"}) in your dialplan.`;
    case "esl_port":
      return "8021 unless event_socket.conf.xml says otherwise.";
    case "agent_dial_template":
      return values.kind === "asterisk"
        ? "How agents are rung: {exten} becomes the agent's extension, e.g. PJSIP/{exten}."
        : "How agents are rung: {exten} becomes the agent's extension, e.g. user/{exten}.";
    case "recording_path":
      return "Optional. FreeSWITCH writes recordings here, and Pacer reads them from the same path (same machine or a shared mount).";
    case "recording_url":
      return "Optional. A web server publishing that directory; Pacer fetches <URL>/<file> when the file is not on its disk.";
    default:
      return undefined;
  }
}

/** The connection fields of one kind of server, shared by the add and edit forms. */
export function PbxServerFields({
  idPrefix,
  values,
  errors,
  editing,
  onChange,
  firstFieldRef,
}: {
  idPrefix: string;
  values: PbxFormValues;
  errors: FieldErrors;
  editing: boolean;
  onChange: (field: PbxField, value: string) => void;
  firstFieldRef?: Ref<HTMLInputElement>;
}) {
  return PBX_KIND_FIELDS[values.kind].map((field, index) => {
    const id = pbxFieldId(idPrefix, field);
    const hint = hintFor(field, values, editing);
    return (
      <Field key={field} id={id} label={PBX_FIELD_LABELS[field]} hint={hint} error={errors[field]}>
        <input
          {...describedBy(id, { hint: Boolean(hint), error: errors[field] })}
          ref={index === 0 ? firstFieldRef : undefined}
          className="input"
          value={values[field]}
          onChange={(e) => onChange(field, e.target.value)}
          {...INPUT_PROPS[field]}
        />
      </Field>
    );
  });
}
