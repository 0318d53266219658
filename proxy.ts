import { NextResponse, type NextRequest } from "next/server";
import { THEME_SCRIPT_HASH } from "@/lib/theme-script";
import { pagePolicy } from "@/server/security-headers";

/**
 * Pages get a fresh nonce per request and the content security policy that names it; Next reads
 * the policy from the request and puts the nonce on the scripts it renders. The API, static files
 * and Socket.IO keep the strict policy server.ts sets on every response.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pagePolicy({
    nonce,
    scriptHashes: [THEME_SCRIPT_HASH],
    dev: process.env.NODE_ENV !== "production",
    https: request.headers.get("x-forwarded-proto") === "https",
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api|adial|_next/static|_next/image|socket\\.io|metrics|icon\\.svg).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
