import { staffPage } from "@/components/auth/require-role";
import { Wallboard } from "@/components/wallboard/wallboard";

export const metadata = { title: "Wallboard" };

export default staffPage(() => <Wallboard />);
