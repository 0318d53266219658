import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";
import { AppShell } from "@/components/app-shell";
import { Providers } from "@/components/providers";

/** Sessions are per request: never prerender. */
export const dynamic = "force-dynamic";

/** Every dashboard page needs a signed-in user; agents get their own console later. */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const session = await getServerSession(authOptions());
  if (!session?.user) redirect("/login");
  return (
    <Providers>
      <AppShell user={session.user}>{children}</AppShell>
    </Providers>
  );
}
