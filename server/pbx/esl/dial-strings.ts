import { PbxError } from "../driver";

/**
 * FreeSWITCH dial strings and the `{var=value,…}` prefix of `originate`. Everything here ends up
 * on one line of the event socket, where a space separates arguments and a newline ends the
 * command, so values are checked or quoted before they get there.
 */

/** A call out through a SIP gateway (sofia/gateway/<gw>/<number>). */
export const gatewayDialString = (trunk: string, number: string) => `sofia/gateway/${token(trunk, "gateway")}/${token(number, "number")}`;

/** A call into FreeSWITCH's own dialplan (extension `number` in `context`), through mod_loopback. */
export const loopbackDialString = (number: string, context = "default") => `loopback/${token(number, "number")}/${token(context, "context")}`;

/** A registered user (an agent's phone), looked up in the directory. */
export const userDialString = (exten: string, domain?: string) => `user/${token(exten, "extension")}${domain ? `@${token(domain, "domain")}` : ""}`;

/**
 * Endpoint modules FreeSWITCH ships, plus the pseudo-endpoints mod_dptools provides (user, group,
 * error). A dial string for anything else cannot be right, so it is refused before it is sent;
 * a known module that is not loaded still fails on the switch with CHAN_NOT_IMPLEMENTED.
 */
const ENDPOINT_MODULES = new Set([
  "sofia", "loopback", "user", "group", "error", "verto.rtc", "rtc", "freetdm", "skinny", "rtmp",
  "portaudio", "alsa", "gsmopen", "h323", "opal", "khomp", "dingaling",
]);

/** Checks a dial string before it is put on the wire; returns it unchanged. */
export function checkDialString(endpoint: string): string {
  const slash = endpoint.indexOf("/");
  const tech = slash > 0 ? endpoint.slice(0, slash) : "";
  if (!ENDPOINT_MODULES.has(tech)) throw new PbxError("bad_request", `'${endpoint}' is not a FreeSWITCH dial string (unknown endpoint '${tech || endpoint}')`);
  if (!/^[^\s{}]+$/.test(endpoint.slice(slash + 1))) throw new PbxError("bad_request", `Invalid dial string '${endpoint}'`);
  return endpoint;
}

/** A single argument of an ESL command: no spaces, no line breaks, nothing empty. */
export function token(value: string, what: string): string {
  if (!/^[^\s]+$/.test(value)) throw new PbxError("bad_request", `Invalid ${what} '${value}'`);
  return value;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * `{a=1,b='two words'}`: commas inside values are escaped, values with spaces are single-quoted
 * (FreeSWITCH's argument splitter keeps quoted text together). Quotes, braces, backslashes (a
 * trailing one would swallow the next comma) and line breaks cannot be carried safely: refused.
 */
export function channelVariables(vars: Record<string, string>): string {
  const parts = Object.entries(vars).map(([name, raw]) => {
    if (!VARIABLE_NAME.test(name)) throw new PbxError("bad_request", `Invalid channel variable name '${name}'`);
    const value = String(raw);
    if (/['{}\\\r\n]/.test(value)) throw new PbxError("bad_request", `Channel variable ${name} holds characters that cannot be sent: ${JSON.stringify(value)}`);
    const escaped = value.replace(/,/g, "\\,");
    return `${name}=${/\s/.test(escaped) ? `'${escaped}'` : escaped}`;
  });
  return parts.length ? `{${parts.join(",")}}` : "";
}

/** `"Name" <5551000>`, `Name <5551000>` or just `5551000`. */
export function parseCallerId(callerId: string): { name: string; number: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$/.exec(callerId);
  return m ? { name: m[1].trim(), number: m[2].trim() } : { name: "", number: callerId.trim() };
}
