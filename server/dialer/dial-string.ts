import type { PbxKind } from "../pbx/driver";

/**
 * Dial strings for a campaign's trunk on each kind of PBX. Asterisk: `pjsip` → PJSIP/{number}@{trunk},
 * `sip` → SIP/{trunk}/{number}; FreeSWITCH: both → sofia/gateway/{trunk}/{number}. `custom` is the
 * trunk value with `${EXTEN}` or `{number}` replaced (FreePBX-style Local/… strings, loopback/…).
 */
export function customerDialString(kind: PbxKind, trunkType: "pjsip" | "sip" | "gateway" | "custom", trunkValue: string, number: string): string {
  if (trunkType === "custom") return trunkValue.replaceAll("${EXTEN}", number).replaceAll("{number}", number);
  if (kind === "freeswitch") return `sofia/gateway/${trunkValue}/${number}`;
  // A gateway named for FreeSWITCH is, on Asterisk, the PJSIP endpoint of the same name.
  return trunkType === "sip" ? `SIP/${trunkValue}/${number}` : `PJSIP/${number}@${trunkValue}`;
}

/** A trunk's number rewriting (Newfies' gateway `removeprefix` / `addprefix`). */
export type NumberRewrite = { removePrefix: string; addPrefix: string };

/**
 * The number a trunk dials for a lead's number: `removePrefix` comes off the front when the number
 * starts with it, then `addPrefix` goes on. Done before the dial string is built, so every kind of
 * trunk dials the rewritten number.
 */
export function rewriteNumber(number: string, rewrite: NumberRewrite | null | undefined): string {
  if (!rewrite) return number;
  const stripped = rewrite.removePrefix && number.startsWith(rewrite.removePrefix) ? number.slice(rewrite.removePrefix.length) : number;
  return `${rewrite.addPrefix}${stripped}`;
}

/** A call's leg on a trunk: the number it dials (rewritten) and the dial string built from it. */
export function trunkLeg(kind: PbxKind, trunk: NumberRewrite & { type: "pjsip" | "sip" | "gateway" | "custom"; value: string }, number: string): { dialString: string; dialedNumber: string } {
  const dialedNumber = rewriteNumber(number, trunk);
  return { dialString: customerDialString(kind, trunk.type, trunk.value, dialedNumber), dialedNumber };
}

/**
 * An agent's phone or an extension: through the PBX's template (`PJSIP/{exten}` by default on
 * Asterisk, `user/{exten}` on FreeSWITCH); a value that already has a `/` is a full dial string.
 */
export function extensionDialString(kind: PbxKind, template: string | null | undefined, exten: string): string {
  if (exten.includes("/")) return exten;
  const t = template || (kind === "freeswitch" ? "user/{exten}" : "PJSIP/{exten}");
  return t.replaceAll("{exten}", exten).replaceAll("${EXTEN}", exten);
}

/** `exten@context` (or `context,exten[,priority]`) names a dialplan target rather than a phone. */
export function dialplanTarget(value: string, defaultContext: string): { context: string; extension: string; priority: number } | null {
  const at = /^([^@\s/]+)@([^@\s/]+)$/.exec(value);
  if (at) return { extension: at[1], context: at[2], priority: 1 };
  const comma = /^([^,\s/]+),([^,\s/]+)(?:,(\d+))?$/.exec(value);
  if (comma) return { context: comma[1], extension: comma[2], priority: Number(comma[3] ?? 1) };
  if (/^[0-9*#+]{1,20}$/.test(value)) return { context: defaultContext, extension: value, priority: 1 };
  return null;
}
