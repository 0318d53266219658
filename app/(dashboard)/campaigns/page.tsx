import { Suspense } from "react";
import { staffPage } from "@/components/auth/require-role";
import { CampaignList } from "@/components/campaigns/campaign-list";

export const metadata = { title: "Campaigns" };
// Suspense: the status tab lives in the URL's query string, which is read in the browser.
export default staffPage(() => (
  <Suspense>
    <CampaignList />
  </Suspense>
));
