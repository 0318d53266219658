import type { Metadata } from "next";
import { Suspense } from "react";
import { RequireRole } from "@/components/auth/require-role";
import { CampaignList } from "@/components/campaigns/campaign-list";

export const metadata: Metadata = { title: "Campaigns" };

export default function CampaignsPage() {
  return (
    <RequireRole roles={["admin", "supervisor"]}>
      <Suspense>
        <CampaignList />
      </Suspense>
    </RequireRole>
  );
}
