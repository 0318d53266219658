import { RequireRole } from "@/components/auth/require-role";
import { Wallboard } from "@/components/wallboard/wallboard";

export const metadata = { title: "Wallboard" };

/**
 * `/wallboard` shows every running or paused campaign; `/wallboard?campaigns=3,7` only those (a
 * board per team). The ids go to the server as typed: one that is not an id comes back as the
 * subscription's error, shown on the page.
 */
export default async function WallboardPage({ searchParams }: { searchParams: Promise<{ campaigns?: string | string[] }> }) {
  const raw = (await searchParams).campaigns;
  const text = Array.isArray(raw) ? raw.join(",") : raw;
  const campaignIds = text ? text.split(",").map((s) => Number(s.trim())) : null;
  return (
    <RequireRole roles={["admin", "supervisor"]}>
      <Wallboard campaignIds={campaignIds} />
    </RequireRole>
  );
}
