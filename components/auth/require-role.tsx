import { getServerSession } from "next-auth";
import type { UserRole } from "@/db/schema";
import { authOptions } from "@/server/auth/options";
import { AccessDenied } from "./access-denied";

/**
 * Shows a page only to the roles its API allows, instead of letting it load into a row of 403s.
 * The API still checks every request: this is for the people, not for security.
 */
export async function RequireRole({ roles, children }: { roles: UserRole[]; children: React.ReactNode }) {
  const session = await getServerSession(authOptions());
  const role = session?.user.role;
  if (!role || !roles.includes(role)) {
    return (
      <AccessDenied title={`You need the ${roles.join(" or ")} role`}>
        <p>
          This page is for {roles.join(" and ")} users. You are signed in as {role ? `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}` : "nobody"}. Ask an administrator if you
          need access.
        </p>
      </AccessDenied>
    );
  }
  return children;
}
