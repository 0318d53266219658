import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";
import { LoginForm } from "@/components/login-form";

/** Sessions are per request: never prerender. */
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const session = await getServerSession(authOptions());
  const { callbackUrl } = await searchParams;
  const target = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  if (session?.user) redirect(target);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <div className="text-3xl font-bold tracking-tight text-brand-600 dark:text-brand-300">Pacer</div>
          <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">Outbound dialer · sign in to continue</p>
        </div>
        <LoginForm callbackUrl={target} />
      </div>
    </main>
  );
}
