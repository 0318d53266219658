import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RequireRole } from "@/components/auth/require-role";
import { CampaignDetail } from "@/components/campaigns/campaign-detail";
import { parseRecordId } from "@/lib/route-params";

export const metadata: Metadata = { title: "Campaign" };

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const id = parseRecordId((await params).id);
  if (id === null) notFound();
  return (
    <RequireRole roles={["admin", "supervisor"]}>
      <CampaignDetail id={id} />
    </RequireRole>
  );
}
