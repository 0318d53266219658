import { staffRecordPage } from "@/components/auth/require-role";
import { CampaignDetail } from "@/components/campaigns/campaign-detail";

export const metadata = { title: "Campaign" };
export default staffRecordPage((id) => <CampaignDetail id={id} />);
