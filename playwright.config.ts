import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * End-to-end tests in Debian's Chromium (/usr/bin/chromium) against the real server started by
 * `npm start` (which builds first when needed), on a fresh PGlite data directory per run.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "pacer-e2e-"));
process.env.E2E_DATA_DIR = dataDir;
export const E2E_ADMIN = { username: "admin", password: "e2e-admin-password" };

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  },
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // A newcomer's first run comes first, on the fresh server: the demo installs, runs, and is
    // removed, leaving the empty pages every later spec starts from.
    { name: "first-run", testMatch: /demo\.spec\.ts/, use: chromium },
    { name: "chromium", testIgnore: /demo\.spec\.ts/, dependencies: ["first-run"], use: chromium },
  ],
  webServer: {
    command: "npx tsx scripts/start.ts",
    url: `http://127.0.0.1:${PORT}/login`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      ADMIN_USERNAME: E2E_ADMIN.username,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      LOG_LEVEL: "warn",
      SIM_ARI_PORT: "0",
      SIM_ESL_PORT: "0",
      // The suite shares this server: a running demo would put simulated agents and live calls
      // under every spec. e2e/demo.spec.ts installs the demo itself (POST /api/demo, the first
      // start's code path) and removes it through the page.
      DEMO_DATA: "false",
      // Short conversations, so the spec sees the simulated agents finish calls within seconds.
      DEMO_HANDLE_SEC: "3-8",
      // e2e/surveys.spec.ts's people key these answers to its survey's questions; e2e/reminders.spec.ts's confirm (1).
      SIM_REPLIES: "15559970001=4/1;15559970002=2/2;15559970003=4/1;15559980001=1",
    },
  },
});
