import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";
import { AccessDenied } from "@/components/auth/access-denied";
import { UserAdmin } from "@/components/users/user-admin";

export const metadata: Metadata = { title: "Users" };

/** Admins only. The API refuses everybody else anyway; this explains why instead of showing 403s. */
export default async function UsersPage() {
  const session = await getServerSession(authOptions());
  if (session?.user.role !== "admin") {
    return (
      <AccessDenied title="You need the admin role">
        <p>Only administrators can manage users. Ask an administrator if your account needs changing.</p>
      </AccessDenied>
    );
  }
  return <UserAdmin currentUserId={session.user.id} />;
}
