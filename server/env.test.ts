import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("environment", () => {
  it("has defaults that run with nothing set", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: "./data", PGLITE_DIR: "./data/pglite", ADMIN_USERNAME: "admin", DEMO_DATA: true });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("derives the PGlite directory from DATA_DIR unless set", () => {
    expect(parseEnv({ DATA_DIR: "/var/lib/pacer/" }).PGLITE_DIR).toBe("/var/lib/pacer/pglite");
    expect(parseEnv({ DATA_DIR: "/x", PGLITE_DIR: "/y" }).PGLITE_DIR).toBe("/y");
  });

  it("refuses bad settings with a message naming each variable", () => {
    expect(() => parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", AUTH_SECRET: "short", ADMIN_PASSWORD: "123" })).toThrow(
      /PORT[\s\S]*DATABASE_URL: must be a postgres[\s\S]*AUTH_SECRET: must be at least 32[\s\S]*ADMIN_PASSWORD/,
    );
    expect(() => parseEnv({ DEMO_DATA: "maybe" })).toThrow(/DEMO_DATA/);
    expect(() => parseEnv({ DEMO_HANDLE_SEC: "a while" })).toThrow(/DEMO_HANDLE_SEC: must be a range of seconds/);
    expect(() => parseEnv({ DEMO_AGENTS: "0" })).toThrow(/DEMO_AGENTS/);
    expect(() => parseEnv({ METRICS_ALLOW: "10.0.0.0/8, localhost" })).toThrow(/METRICS_ALLOW: 'localhost' is not an IP address or CIDR range/);
    expect(() => parseEnv({ METRICS_ALLOW: "10.0.0.0/33" })).toThrow(/METRICS_ALLOW: '10.0.0.0\/33' has a bad prefix length/);
    expect(() => parseEnv({ METRICS_PORT: "0" })).toThrow(/METRICS_PORT/);
  });

  it("reads the demo's handle time as a range, either way round", () => {
    expect(parseEnv({}).DEMO_HANDLE_SEC).toEqual({ minSec: 20, maxSec: 60 });
    expect(parseEnv({ DEMO_HANDLE_SEC: "45 - 5" }).DEMO_HANDLE_SEC).toEqual({ minSec: 5, maxSec: 45 });
  });
});
