import { staffPage } from "@/components/auth/require-role";
import { TrunkManager } from "@/components/trunks/trunk-manager";

export const metadata = { title: "Trunks" };
// Supervisors see trunks and assign them to campaigns; only admins change them (the API says the same).
export default staffPage(({ role }) => <TrunkManager canEdit={role === "admin"} />);
