import { BlockList, isIP } from "node:net";

/**
 * METRICS_ALLOW: the addresses that may scrape /metrics without a token, as a comma-separated list
 * of IPs and CIDR ranges (`127.0.0.1,10.0.0.0/8,::1`). Empty or unset: nobody without a token.
 */
export type AllowList = { matches(address: string | null | undefined): boolean; entries: string[] };

export function parseAllowList(text: string | undefined): { list: AllowList } | { error: string } {
  const blocks = new BlockList();
  const entries = (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, prefixText, ...rest] = entry.split("/");
    const family = isIP(address);
    if (!family || rest.length) return { error: `'${entry}' is not an IP address or CIDR range (e.g. 10.0.0.0/8)` };
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefixText === undefined) {
      blocks.addAddress(address, type);
      continue;
    }
    const prefix = Number(prefixText);
    if (!/^\d+$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) return { error: `'${entry}' has a bad prefix length` };
    blocks.addSubnet(address, prefix, type);
  }
  return {
    list: {
      entries,
      matches(raw) {
        if (!raw || entries.length === 0) return false;
        // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
        const address = raw.startsWith("::ffff:") && isIP(raw.slice(7)) === 4 ? raw.slice(7) : raw;
        const family = isIP(address);
        if (!family) return false;
        return blocks.check(address, family === 4 ? "ipv4" : "ipv6");
      },
    },
  };
}
