import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";
import { AgentConsole } from "@/components/agents/agent-console";

export const metadata: Metadata = { title: "My console" };

/** Every role may have an agent; the console says so when the signed-in user has none. */
export default async function AgentConsolePage() {
  const session = await getServerSession(authOptions());
  // The API lets only admins and supervisors list campaigns: agents type the campaign's number.
  return <AgentConsole canListCampaigns={session?.user.role !== "agent"} />;
}
