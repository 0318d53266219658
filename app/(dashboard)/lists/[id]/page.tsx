import { staffRecordPage } from "@/components/auth/require-role";
import { ListDetail } from "@/components/lists/list-detail";

export const metadata = { title: "List" };
export default staffRecordPage((id) => <ListDetail id={id} />);
