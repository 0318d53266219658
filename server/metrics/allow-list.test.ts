import { describe, expect, it } from "vitest";
import { parseAllowList } from "./allow-list";

function listOf(text: string) {
  const parsed = parseAllowList(text);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.list;
}

describe("METRICS_ALLOW", () => {
  it("matches single addresses and CIDR ranges, IPv4 clients seen through a dual-stack socket too", () => {
    const list = listOf(" 127.0.0.1, 10.0.0.0/8 ,fd00::/8");
    expect(list.entries).toEqual(["127.0.0.1", "10.0.0.0/8", "fd00::/8"]);
    expect(list.matches("127.0.0.1")).toBe(true);
    expect(list.matches("::ffff:127.0.0.1")).toBe(true);
    expect(list.matches("10.255.0.3")).toBe(true);
    expect(list.matches("fd12::1")).toBe(true);
    expect(list.matches("127.0.0.2")).toBe(false);
    expect(list.matches("11.0.0.1")).toBe(false);
    expect(list.matches("::1")).toBe(false);
  });

  it("allows nobody when empty, and no address that is not one", () => {
    expect(listOf("").matches("127.0.0.1")).toBe(false);
    expect(listOf("0.0.0.0/0").matches("")).toBe(false);
    expect(listOf("0.0.0.0/0").matches("not-an-ip")).toBe(false);
    expect(listOf("0.0.0.0/0").matches("203.0.113.9")).toBe(true);
  });

  it("names the entry that is wrong", () => {
    expect(parseAllowList("10.0.0.0/8,example.com")).toEqual({ error: "'example.com' is not an IP address or CIDR range (e.g. 10.0.0.0/8)" });
    expect(parseAllowList("10.0.0.0/x")).toEqual({ error: "'10.0.0.0/x' has a bad prefix length" });
    expect(parseAllowList("::1/129")).toEqual({ error: "'::1/129' has a bad prefix length" });
    expect(parseAllowList("1.2.3.4/8/9")).toEqual({ error: "'1.2.3.4/8/9' is not an IP address or CIDR range (e.g. 10.0.0.0/8)" });
  });
});
