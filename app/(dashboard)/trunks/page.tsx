import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { RequireRole } from "@/components/auth/require-role";
import { TrunkManager } from "@/components/trunks/trunk-manager";
import { authOptions } from "@/server/auth/options";

export const metadata: Metadata = { title: "Trunks" };

export default async function TrunksPage() {
  const session = await getServerSession(authOptions());
  return (
    <RequireRole roles={["admin", "supervisor"]}>
      {/* Supervisors see trunks and assign them to campaigns; only admins change them (the API says the same). */}
      <TrunkManager canEdit={session?.user.role === "admin"} />
    </RequireRole>
  );
}
