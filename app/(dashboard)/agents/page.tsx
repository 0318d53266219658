import { staffPage } from "@/components/auth/require-role";
import { AgentsAdmin } from "@/components/agents/agents-admin";

export const metadata = { title: "Agents" };
// Only admins may list users, so only they can tie an agent to one.
export default staffPage(({ role }) => <AgentsAdmin canPickUser={role === "admin"} />);
