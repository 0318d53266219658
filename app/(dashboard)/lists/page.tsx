import { staffPage } from "@/components/auth/require-role";
import { ListsManager } from "@/components/lists/lists-manager";

export const metadata = { title: "Lists" };
export default staffPage(() => <ListsManager />);
