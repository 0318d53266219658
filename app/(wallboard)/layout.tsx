import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";

/** Sessions are per request: never prerender. */
export const dynamic = "force-dynamic";

/**
 * Full-screen pages without the app's shell: no menu, no React Query, nothing that fetches after
 * the page has loaded (the wallboard lives on its own websocket).
 */
export default async function FullScreenLayout({ children }: { children: React.ReactNode }) {
  const session = await getServerSession(authOptions());
  if (!session?.user) redirect("/login");
  return children;
}
