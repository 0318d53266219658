import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RequireRole } from "@/components/auth/require-role";
import { EditCampaign } from "@/components/campaigns/edit-campaign";
import { parseRecordId } from "@/lib/route-params";

export const metadata: Metadata = { title: "Edit campaign" };

export default async function EditCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const id = parseRecordId((await params).id);
  if (id === null) notFound();
  return (
    <RequireRole roles={["admin", "supervisor"]}>
      <EditCampaign id={id} />
    </RequireRole>
  );
}
