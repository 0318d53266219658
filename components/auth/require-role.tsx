import { getServerSession } from "next-auth";
import { notFound } from "next/navigation";
import type { UserRole } from "@/db/schema";
import { parseRecordId } from "@/lib/route-params";
import { authOptions } from "@/server/auth/options";
import { AccessDenied } from "./access-denied";

/** The roles that run campaigns: most dashboard pages are theirs. */
const STAFF: UserRole[] = ["admin", "supervisor"];

type Viewer = { id: number; role: UserRole };

/**
 * Shows a page only to the roles its API allows, instead of letting it load into a row of 403s.
 * The API still checks every request: this is for the people, not for security.
 */
export async function RequireRole({
  roles,
  why,
  children,
}: {
  roles: UserRole[];
  /** What the page is, for those who may not see it; a generic line when left out. */
  why?: string;
  children: React.ReactNode | ((viewer: Viewer) => React.ReactNode);
}) {
  const session = await getServerSession(authOptions());
  const role = session?.user.role;
  if (!session || !role || !roles.includes(role)) {
    return (
      <AccessDenied title={`You need the ${roles.join(" or ")} role`}>
        <p>
          {why ??
            `This page is for ${roles.join(" and ")} users. You are signed in as ${role ? `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}` : "nobody"}. Ask an administrator if you need access.`}
        </p>
      </AccessDenied>
    );
  }
  return typeof children === "function" ? children({ id: session.user.id, role }) : children;
}

/** A page for admins and supervisors; `render` gets the viewer for the parts only an admin may change. */
export function staffPage(render: (viewer: Viewer) => React.ReactNode) {
  return function StaffPage() {
    return <RequireRole roles={STAFF}>{render}</RequireRole>;
  };
}

/** A page for one record (`/campaigns/12`) for admins and supervisors; an id that cannot name a record is a 404. */
export function staffRecordPage(render: (id: number) => React.ReactNode) {
  return async function StaffRecordPage({ params }: { params: Promise<{ id: string }> }) {
    const id = parseRecordId((await params).id);
    if (id === null) notFound();
    return <RequireRole roles={STAFF}>{render(id)}</RequireRole>;
  };
}

/** A page for admins only, with the page's own reason for everybody else. */
export function adminPage(why: string, render: (viewer: Viewer) => React.ReactNode) {
  return function AdminPage() {
    return (
      <RequireRole roles={["admin"]} why={why}>
        {render}
      </RequireRole>
    );
  };
}
