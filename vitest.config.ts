import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * `npm test`: unit tests beside the code, plus integration tests (tests/integration) that drive the
 * real server over HTTP. The database is PGlite unless DATABASE_URL is set, then PostgreSQL.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", "data/**"],
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 240_000,
    // The integration suites share one server (and PGlite is one connection): run files one at a time.
    fileParallelism: false,
    reporters: ["default"],
  },
});
