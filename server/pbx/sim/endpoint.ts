import { SimError } from "./sim-error";

/**
 * What a dial string reaches on the simulated switch, the same for both wire protocols: its
 * technology, the number, the trunk it goes out through, and whether it rings one of the
 * simulated phones or a called party who meets the outcome model.
 *
 * As on a real PBX, the route decides, not the number's length: anything sent through a trunk or
 * gateway (`PJSIP/n@trunk`, `SIP/trunk/n`, `IAX2/trunk/n`, `sofia/gateway/gw/n`, `sofia/external/…`,
 * a Local or loopback call into a context other than the phones' own) reaches the outside world;
 * a phone is an extension dialled directly (`PJSIP/100`, `SIP/100`, `user/100`,
 * `sofia/internal/100@host`) or through the phones' context (`Local/100@from-internal`,
 * `loopback/100/agents`).
 */
export type DialedEndpoint = {
  /** Technology prefix: PJSIP, SIP, IAX2, Local, sofia, loopback, user. */
  tech: string;
  number: string;
  /** The trunk, gateway or (Local, loopback) dialplan context the call leaves through; null for a direct dial. */
  trunk: string | null;
  reaches: "phone" | "callee";
};

const KNOWN_TECH = new Set(["PJSIP", "SIP", "IAX2", "Local", "sofia", "loopback", "user"]);
/** The simulated phones are numbered as a PBX's extensions are. */
const EXTENSION = /^(?:agent-?)?\d{2,6}$/;
/** Dialplan contexts where the simulated phones live (FreePBX's, FreeSWITCH's and the tests' names). */
const PHONE_CONTEXTS = new Set(["agents", "default", "from-internal", "internal", "phones"]);

/**
 * The trunk a dial string goes out through: PJSIP/n@trunk, SIP/trunk/n, sofia/gateway/trunk/n,
 * and for Local/n@ctx or loopback/n/ctx the context (a FreePBX-style trunk is a context).
 */
export function trunkOf(endpoint: string): string | null {
  const slash = endpoint.indexOf("/");
  if (slash <= 0) return null;
  const tech = endpoint.slice(0, slash);
  const rest = endpoint.slice(slash + 1);
  if (tech === "PJSIP" || tech === "Local") return rest.split("@")[1] ?? null;
  if (tech === "SIP" || tech === "IAX2") return rest.includes("/") ? rest.split("/")[0] : null;
  if (tech === "sofia") return rest.startsWith("gateway/") ? (rest.split("/")[1] ?? null) : null;
  if (tech === "loopback") return rest.split("/")[1] ?? null;
  return null;
}

export function parseEndpoint(endpoint: string): DialedEndpoint {
  const slash = endpoint.indexOf("/");
  if (slash <= 0) throw new SimError("bad_request", `Invalid endpoint '${endpoint}'`);
  const tech = endpoint.slice(0, slash);
  if (!KNOWN_TECH.has(tech)) throw new SimError("unsupported", `Unsupported technology '${tech}'`);
  const rest = endpoint.slice(slash + 1);
  // PJSIP/5551234@trunk, SIP/trunk/5551234, IAX2/trunk/5551234, Local/5551234@ctx, loopback/5551234/ctx,
  // sofia/gateway/gw/5551234, sofia/profile/5551234@host
  const parts = rest.split(/[/@]/).filter(Boolean);
  const number = (tech === "SIP" || tech === "IAX2" ? parts[parts.length - 1] : tech === "sofia" ? (parts[0] === "gateway" ? parts[2] : parts[1]) : parts[0]) ?? "";
  if (!number) throw new SimError("bad_request", `No number in endpoint '${endpoint}'`);
  const trunk = trunkOf(endpoint);
  return { tech, number, trunk, reaches: EXTENSION.test(number) && isInternalRoute(tech, rest, trunk) ? "phone" : "callee" };
}

/** Whether the call stays inside the PBX: dialled directly, or through the phones' dialplan context. */
function isInternalRoute(tech: string, rest: string, trunk: string | null): boolean {
  if (tech === "Local" || tech === "loopback") return PHONE_CONTEXTS.has(trunk ?? "default");
  if (tech === "sofia") return !rest.startsWith("gateway/") && !rest.startsWith("external/");
  return trunk === null;
}
