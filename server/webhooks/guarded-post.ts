import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

/**
 * Networks a webhook may never reach, whatever its URL says: link-local (where clouds serve
 * instance metadata and credentials: 169.254.169.254, fd00:ec2::254) and "this host" (0.0.0.0/8).
 * Private networks stay allowed on purpose: a CRM on the LAN is the usual receiver.
 * `WEBHOOK_DENY_NETWORKS` replaces the list; `none` empties it.
 */
export const DEFAULT_DENIED_NETWORKS = "169.254.0.0/16,0.0.0.0/8,fe80::/10,fd00:ec2::254/128";

export type DeniedNetworks = { list: BlockList; text: string };

/** Parses a comma-separated CIDR list (a bare address counts as one host); throws on a bad entry. */
export function parseDeniedNetworks(text: string | undefined): DeniedNetworks {
  const source = text === undefined || text.trim() === "" ? DEFAULT_DENIED_NETWORKS : text.trim();
  const list = new BlockList();
  if (source.toLowerCase() === "none") return { list, text: "none" };
  for (const raw of source.split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, bits] = entry.split("/");
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`"${entry}" is not an address or CIDR range`);
    }
    list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return { list, text: source };
}

/** True when the address (v4, v6, or v4 mapped into v6) lies in a denied network. */
export function isDenied(denied: DeniedNetworks, address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return denied.list.check(mapped[1], "ipv4");
  const family = isIP(address);
  return family !== 0 && denied.list.check(address, family === 6 ? "ipv6" : "ipv4");
}

export class DeniedDestinationError extends Error {
  constructor(readonly address: string) {
    super(`the receiver's address ${address} is in a denied network (WEBHOOK_DENY_NETWORKS)`);
  }
}

/**
 * A DNS lookup that refuses denied addresses. It sits in the socket's connect, so the address
 * checked is the one connected to: a name that resolves to a safe address at save time and to
 * the metadata service later (DNS rebinding) is still refused.
 */
function guardedLookup(denied: DeniedNetworks): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, "", 0);
      const bad = addresses.find((a) => isDenied(denied, a.address));
      if (bad) return callback(new DeniedDestinationError(bad.address) as NodeJS.ErrnoException, "", 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export type PostReply = { status: number; text: string };

/**
 * Kept-alive connections per denied list: a pooled socket was checked when it connected, and
 * a pool never serves a request made under another list.
 */
const agents = new WeakMap<DeniedNetworks, { http: HttpAgent; https: HttpsAgent }>();
function agentsFor(denied: DeniedNetworks) {
  let pair = agents.get(denied);
  if (!pair) {
    const lookup = guardedLookup(denied);
    pair = { http: new HttpAgent({ keepAlive: true, lookup }), https: new HttpsAgent({ keepAlive: true, lookup }) };
    agents.set(denied, pair);
  }
  return pair;
}

/**
 * POSTs `body` to `url` and reads the first bytes of the reply. Redirects are not followed.
 * Literal IP hosts skip DNS, so they are checked here before connecting.
 */
export function guardedPost(
  url: string,
  headers: Record<string, string>,
  body: string,
  opts: { denied: DeniedNetworks; signal: AbortSignal; maxReplyBytes: number },
): Promise<PostReply> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) && isDenied(opts.denied, host)) return reject(new DeniedDestinationError(host));
    const https = target.protocol === "https:";
    const send = https ? httpsRequest : httpRequest;
    const pool = agentsFor(opts.denied);
    const req = send(
      target,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        agent: https ? pool.https : pool.http,
        signal: opts.signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size < opts.maxReplyBytes) chunks.push(chunk);
          size += chunk.length;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8").slice(0, opts.maxReplyBytes) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
