import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/server/auth/options";

/** Agents start at their console; everyone else at the campaigns. */
export default async function Home() {
  const session = await getServerSession(authOptions());
  redirect((session?.user as { role?: string } | undefined)?.role === "agent" ? "/agent" : "/campaigns");
}
