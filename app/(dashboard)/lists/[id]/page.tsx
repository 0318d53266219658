import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RequireRole } from "@/components/auth/require-role";
import { ListDetail } from "@/components/lists/list-detail";
import { parseRecordId } from "@/lib/route-params";

export const metadata: Metadata = { title: "List" };

export default async function ListPage({ params }: { params: Promise<{ id: string }> }) {
  const id = parseRecordId((await params).id);
  if (id === null) notFound();
  return (
    <RequireRole roles={["admin", "supervisor"]}>
      <ListDetail id={id} />
    </RequireRole>
  );
}
