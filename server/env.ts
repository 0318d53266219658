import { z } from "zod";
import { parseAllowList } from "./metrics/allow-list";
import { parseDeniedNetworks } from "./webhooks/guarded-post";

/**
 * Every setting Pacer reads from the environment, validated once. A wrong value stops the process
 * at boot with a message that names the variable, instead of failing later in a request.
 */
const flag = z
  .enum(["1", "0", "true", "false", "on", "off", "yes", "no"])
  .transform((v) => ["1", "true", "on", "yes"].includes(v));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  PGLITE_DIR: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ADMIN_USERNAME: z.string().min(1).max(64).default("admin"),
  ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  /** First start on the embedded defaults (PGlite + built-in simulator): create the running demo. */
  DEMO_DATA: flag.default(true),
  /** How many simulated agents the demo has. */
  DEMO_AGENTS: z.coerce.number().int().min(1).max(20).default(6),
  /** Seconds a simulated demo agent talks with each customer: "min-max", drawn at random for each call. */
  DEMO_HANDLE_SEC: z
    .string()
    .regex(/^\d+(\.\d+)?\s*-\s*\d+(\.\d+)?$/, 'must be a range of seconds like "20-60"')
    .default("20-60")
    .transform((v) => {
      const [minSec, maxSec] = v.split("-").map((x) => Number(x.trim()));
      return { minSec: Math.min(minSec, maxSec), maxSec: Math.max(minSec, maxSec) };
    }),
  /** A PBX to add at start-up when it is not configured yet (Asterisk through ARI). */
  ARI_URL: z.string().url("must be a URL like http://127.0.0.1:8088").optional(),
  ARI_USERNAME: z.string().min(1).default("pacer"),
  ARI_PASSWORD: z.string().min(1).optional(),
  ARI_APP: z.string().regex(/^[A-Za-z0-9_-]+$/, "letters, digits, _ and - only").default("pacer"),
  /** A PBX to add at start-up when it is not configured yet (FreeSWITCH through ESL). */
  ESL_HOST: z.string().min(1).optional(),
  ESL_PORT: z.coerce.number().int().min(1).max(65535).default(8021),
  ESL_PASSWORD: z.string().min(1).default("ClueCon"),
  /** With no PBX configured, run the built-in simulator (on) or stay without telephony (off). */
  PBX_SIMULATOR: flag.default(true),
  SIM_ARI_PORT: z.coerce.number().int().min(0).max(65535).default(8088),
  SIM_ESL_PORT: z.coerce.number().int().min(0).max(65535).default(8021),
  /**
   * People of the built-in simulator who answer and key scripted replies after each prompt they
   * hear (survey answers), for demos and end-to-end tests: `<number>=<keys>/<keys>/…;<number>=…`,
   * e.g. `15559990001=4/1/7#;15559990002=1/`.
   */
  SIM_REPLIES: z
    .string()
    .regex(/^(\+?[0-9]{3,20}=[0-9*#/]*)(;\+?[0-9]{3,20}=[0-9*#/]*)*$/, "must be <number>=<keys>/<keys>…;<number>=…")
    .optional()
    .transform((v) => Object.fromEntries((v ? v.split(";") : []).map((entry) => [entry.split("=")[0], entry.split("=")[1].split("/")]))),
  /** Run the dialer in this process (off: web and API only, e.g. beside a dialer run with `npm run dialer`). */
  DIALER: flag.default(true),
  /** Most calls this process places per second, across campaigns. */
  DIALER_MAX_CPS: z.coerce.number().int().min(1).max(10_000).default(1000),
  /** Behind a reverse proxy: trust its X-Forwarded-For/-Proto/-Host headers. */
  TRUST_PROXY: flag.default(false),
  /** Addresses that may scrape /metrics without a token: IPs and CIDR ranges, comma-separated. */
  METRICS_ALLOW: z
    .string()
    .optional()
    .superRefine((text, ctx) => {
      const parsed = parseAllowList(text);
      if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
    }),
  /** `npm run dialer` only: serve that process's /metrics on this port (to METRICS_ALLOW addresses). */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Webhooks: how long a receiver has to answer one delivery. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  /** Webhooks: tries per delivery (the first and its retries) before it is marked failed. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(12),
  /** Webhooks: the first retry's delay; each next one doubles (jittered, at most 6 h). */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /**
   * Webhooks: networks no delivery may connect to, as CIDR ranges, comma-separated (checked on the
   * address actually connected to). Default: link-local (cloud metadata) and 0.0.0.0/8; `none` allows all.
   */
  WEBHOOK_DENY_NETWORKS: z
    .string()
    .optional()
    .superRefine((text, ctx) => {
      try {
        parseDeniedNetworks(text);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
      }
    }),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof envSchema> & { PGLITE_DIR: string };

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  if (env.ARI_URL && !env.ARI_PASSWORD) throw new Error("Invalid configuration:\n  ARI_PASSWORD: is required when ARI_URL is set");
  return { ...env, PGLITE_DIR: env.PGLITE_DIR ?? `${env.DATA_DIR.replace(/\/$/, "")}/pglite` };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
