import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The build checks the product's code; tests, benchmarks and scripts are checked by `npm run typecheck`.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // Database and PBX client libraries (WASM, CommonJS with dynamic requires) stay outside the route bundles;
  // prom-client too: its registry is one per process (server/metrics/registry.ts).
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "ari-client", "modesl", "ws", "prom-client"],
  // Clients of the ARI Dialer API call it under /adial/api; it is the same API.
  async rewrites() {
    return [{ source: "/adial/api/:path*", destination: "/api/:path*" }];
  },
};

export default nextConfig;
