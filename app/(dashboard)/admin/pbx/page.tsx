import { adminPage } from "@/components/auth/require-role";
import { PbxAdmin } from "@/components/pbx/pbx-admin";

export const metadata = { title: "PBX servers" };
// The API refuses everybody else anyway; this explains why instead of showing 403s.
export default adminPage("Only administrators can configure the PBX servers Pacer places calls through.", () => <PbxAdmin />);
