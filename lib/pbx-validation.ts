import type { PbxKind, PbxServer } from "./api-types";
import type { FieldErrors } from "./form-errors";

/** The PBX server form as typed: the port stays a string until it passes the checks below. */
export type PbxFormValues = {
  kind: PbxKind;
  name: string;
  ari_url: string;
  ari_username: string;
  password: string;
  ari_app: string;
  esl_host: string;
  esl_port: string;
  agent_dial_template: string;
  recording_path: string;
  recording_url: string;
};

export type PbxField = Exclude<keyof PbxFormValues, "kind">;

export const PBX_FIELD_LABELS: Record<PbxField, string> = {
  name: "Name",
  ari_url: "ARI URL",
  ari_username: "ARI username",
  password: "Password",
  ari_app: "Stasis app",
  esl_host: "ESL host",
  esl_port: "ESL port",
  agent_dial_template: "Agent dial template",
  recording_path: "Recordings directory",
  recording_url: "Recordings URL",
};

export const PBX_KIND_LABELS: Record<PbxKind, string> = {
  asterisk: "Asterisk (ARI)",
  freeswitch: "FreeSWITCH (ESL)",
};

/** The fields each kind of server has, in form order (so the first invalid one can take focus). */
export const PBX_KIND_FIELDS: Record<PbxKind, PbxField[]> = {
  asterisk: ["name", "ari_url", "ari_username", "password", "ari_app", "agent_dial_template"],
  freeswitch: ["name", "esl_host", "esl_port", "password", "agent_dial_template", "recording_path", "recording_url"],
};

/** The server's defaults (server/pbx/validation.ts), shown in the form rather than applied unseen. */
export const DEFAULT_DIAL_TEMPLATES: Record<PbxKind, string> = {
  asterisk: "PJSIP/{exten}",
  freeswitch: "user/{exten}",
};

export const NEW_PBX_DEFAULTS: PbxFormValues = {
  kind: "asterisk",
  name: "",
  ari_url: "",
  ari_username: "",
  password: "",
  ari_app: "pacer",
  esl_host: "",
  esl_port: "8021",
  agent_dial_template: DEFAULT_DIAL_TEMPLATES.asterisk,
  recording_path: "",
  recording_url: "",
};

/** Where the server is reached, as the table and dialogs print it. */
export function pbxAddress(server: Pick<PbxServer, "kind" | "ari_url" | "esl_host" | "esl_port">): string {
  return server.kind === "asterisk" ? (server.ari_url ?? "") : `${server.esl_host ?? ""}:${server.esl_port ?? ""}`;
}

export function pbxToFormValues(server: PbxServer): PbxFormValues {
  return {
    kind: server.kind,
    name: server.name,
    ari_url: server.ari_url ?? "",
    ari_username: server.ari_username ?? "",
    password: "",
    ari_app: server.ari_app ?? NEW_PBX_DEFAULTS.ari_app,
    esl_host: server.esl_host ?? "",
    esl_port: String(server.esl_port ?? NEW_PBX_DEFAULTS.esl_port),
    agent_dial_template: server.agent_dial_template ?? DEFAULT_DIAL_TEMPLATES[server.kind],
    recording_path: server.recording_path ?? "",
    recording_url: server.recording_url ?? "",
  };
}

const HOST = /^[A-Za-z0-9.:_-]+$/;
const STASIS_APP = /^[A-Za-z0-9_-]{1,64}$/;

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    return new URL(value).hostname !== "";
  } catch {
    return false;
  }
}

/**
 * The rules of server/pbx/validation.ts for the fields of `values.kind`, checked before sending.
 * When editing, an empty password means "keep the stored one" and is not an error.
 */
export function validatePbx(values: PbxFormValues, { passwordRequired }: { passwordRequired: boolean }): FieldErrors {
  const L = PBX_FIELD_LABELS;
  const text = (field: PbxField, max?: number): string | null => {
    const value = values[field].trim();
    if (value === "") return `${L[field]} is required.`;
    if (max !== undefined && value.length > max) return `${L[field]} must be at most ${max} characters.`;
    return null;
  };
  const problems: Record<PbxField, () => string | null> = {
    name: () => text("name", 100),
    ari_url: () => text("ari_url") ?? (isHttpUrl(values.ari_url.trim()) ? null : `${L.ari_url} must be a URL like http://pbx.example.com:8088.`),
    ari_username: () => text("ari_username", 100),
    password: () => {
      if (values.password === "") return passwordRequired ? `${L.password} is required.` : null;
      return values.password.length > 200 ? `${L.password} must be at most 200 characters.` : null;
    },
    ari_app: () =>
      text("ari_app", 64) ?? (STASIS_APP.test(values.ari_app.trim()) ? null : `${L.ari_app} may contain letters, digits, _ and - only.`),
    esl_host: () => text("esl_host", 255) ?? (HOST.test(values.esl_host.trim()) ? null : `${L.esl_host} must be a host name or IP address.`),
    esl_port: () => {
      const value = values.esl_port.trim();
      if (value === "") return `${L.esl_port} is required.`;
      const port = Number(value);
      return /^\d+$/.test(value) && port >= 1 && port <= 65535 ? null : `${L.esl_port} must be a whole number from 1 to 65535.`;
    },
    agent_dial_template: () =>
      text("agent_dial_template", 200) ??
      (values.agent_dial_template.includes("{exten}") ? null : `${L.agent_dial_template} must contain {exten} where the agent's extension goes.`),
    recording_path: () => {
      const value = values.recording_path.trim();
      if (value === "") return null;
      if (value.length > 500) return `${L.recording_path} must be at most 500 characters.`;
      return value.startsWith("/") && !value.includes("..") ? null : `${L.recording_path} must be an absolute directory such as /var/lib/freeswitch/recordings.`;
    },
    recording_url: () => {
      const value = values.recording_url.trim();
      if (value === "") return null;
      if (value.length > 500) return `${L.recording_url} must be at most 500 characters.`;
      return isHttpUrl(value) ? null : `${L.recording_url} must be a URL starting with http:// or https://.`;
    },
  };
  const errors: FieldErrors = {};
  for (const field of PBX_KIND_FIELDS[values.kind]) {
    const problem = problems[field]();
    if (problem) errors[field] = [problem];
  }
  return errors;
}

/** The body of `POST /pbx` and `POST /pbx/test`: only the fields of the chosen kind. */
export function toNewPbxInput(values: PbxFormValues) {
  const common = { name: values.name.trim(), password: values.password, agent_dial_template: values.agent_dial_template.trim() };
  return values.kind === "asterisk"
    ? { kind: "asterisk" as const, ...common, ari_url: values.ari_url.trim(), ari_username: values.ari_username.trim(), ari_app: values.ari_app.trim() }
    : {
        kind: "freeswitch" as const,
        ...common,
        esl_host: values.esl_host.trim(),
        esl_port: Number(values.esl_port.trim()),
        recording_path: values.recording_path.trim() || null,
        recording_url: values.recording_url.trim() || null,
      };
}

/** The body of `PUT /pbx/{id}`: what differs from the saved server, and the password only when typed. */
export function pbxChanges(server: PbxServer, values: PbxFormValues) {
  const saved = pbxToFormValues(server);
  const changed = (field: PbxField) => PBX_KIND_FIELDS[server.kind].includes(field) && values[field].trim() !== saved[field];
  return {
    ...(changed("name") ? { name: values.name.trim() } : {}),
    ...(changed("ari_url") ? { ari_url: values.ari_url.trim() } : {}),
    ...(changed("ari_username") ? { ari_username: values.ari_username.trim() } : {}),
    ...(changed("ari_app") ? { ari_app: values.ari_app.trim() } : {}),
    ...(changed("esl_host") ? { esl_host: values.esl_host.trim() } : {}),
    ...(changed("esl_port") ? { esl_port: Number(values.esl_port.trim()) } : {}),
    ...(changed("agent_dial_template") ? { agent_dial_template: values.agent_dial_template.trim() } : {}),
    ...(changed("recording_path") ? { recording_path: values.recording_path.trim() || null } : {}),
    ...(changed("recording_url") ? { recording_url: values.recording_url.trim() || null } : {}),
    ...(values.password !== "" ? { password: values.password } : {}),
  };
}
