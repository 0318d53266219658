import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";
import { TokenManager } from "@/components/tokens/token-manager";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const session = await getServerSession(authOptions());
  return <TokenManager role={session?.user.role ?? "agent"} />;
}
