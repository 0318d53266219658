import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";
import { RequireRole } from "@/components/auth/require-role";
import { AgentsAdmin } from "@/components/agents/agents-admin";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage() {
  const session = await getServerSession(authOptions());
  return (
    <RequireRole roles={["admin", "supervisor"]}>
      {/* Only admins may list users, so only they can tie an agent to one. */}
      <AgentsAdmin canPickUser={session?.user.role === "admin"} />
    </RequireRole>
  );
}
