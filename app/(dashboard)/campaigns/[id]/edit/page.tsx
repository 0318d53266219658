import { staffRecordPage } from "@/components/auth/require-role";
import { EditCampaign } from "@/components/campaigns/edit-campaign";

export const metadata = { title: "Edit campaign" };
export default staffRecordPage((id) => <EditCampaign id={id} />);
