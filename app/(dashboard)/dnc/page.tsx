import { staffPage } from "@/components/auth/require-role";
import { DncManager } from "@/components/dnc/dnc-manager";

export const metadata = { title: "Do not call" };
export default staffPage(() => <DncManager />);
