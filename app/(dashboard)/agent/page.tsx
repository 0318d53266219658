import type { Metadata } from "next";
import { AgentConsole } from "@/components/agents/agent-console";

export const metadata: Metadata = { title: "My console" };

/**
 * Every role may have an agent; the console says so when the signed-in user has none. Every role
 * may also read the short list of campaigns to log in to (GET /api/agents/campaigns).
 */
export default function AgentConsolePage() {
  return <AgentConsole canListCampaigns />;
}
