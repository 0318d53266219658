import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm test`: unit tests beside the code, and integration tests (tests/integration) that drive the
 * real server over HTTP and Socket.IO. The database is PGlite unless DATABASE_URL is set, then
 * PostgreSQL (a scratch database per run).
 */
const alias = { "@": path.dirname(fileURLToPath(import.meta.url)) };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          testTimeout: 30_000,
          // An in-memory PGlite takes seconds to start on a busy two-core machine.
          hookTimeout: 60_000,
          include: ["{server,lib,db,scripts,hooks,components}/**/*.test.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          testTimeout: 30_000,
          hookTimeout: 240_000,
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          // The suites share one server (and PGlite is one connection): one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
