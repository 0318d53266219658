import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";
import { AccessDenied } from "@/components/auth/access-denied";
import { PbxAdmin } from "@/components/pbx/pbx-admin";

export const metadata: Metadata = { title: "PBX servers" };

/** Admins only. The API refuses everybody else anyway; this explains why instead of showing 403s. */
export default async function PbxServersPage() {
  const session = await getServerSession(authOptions());
  if (session?.user.role !== "admin") {
    return (
      <AccessDenied title="You need the admin role">
        <p>Only administrators can configure the PBX servers Pacer places calls through.</p>
      </AccessDenied>
    );
  }
  return <PbxAdmin />;
}
