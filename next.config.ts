import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native/WASM database drivers stay outside the route bundles.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  // Clients of the ARI Dialer API call it under /adial/api; it is the same API.
  async rewrites() {
    return [{ source: "/adial/api/:path*", destination: "/api/:path*" }];
  },
};

export default nextConfig;
