"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { ThemeToggle } from "./theme-toggle";
import { useRealtimeState } from "@/hooks/use-realtime";
import { useHasAgent } from "@/hooks/use-agents";

type ShellUser = { id: number; username: string; name: string; role: "admin" | "supervisor" | "agent" };

const NAV = [
  // For every user with an agent record; for the agent role it is the main page.
  { href: "/agent", label: "My console", roles: ["admin", "supervisor", "agent"], needsAgent: true },
  { href: "/campaigns", label: "Campaigns", roles: ["admin", "supervisor"] },
  { href: "/lists", label: "Lists", roles: ["admin", "supervisor"] },
  { href: "/agents", label: "Agents", roles: ["admin", "supervisor"] },
  { href: "/queues", label: "Queues", roles: ["admin", "supervisor"] },
  // Full screen, outside this shell: a plain link (no prefetch) to a page meant for a wall screen.
  { href: "/wallboard", label: "Wallboard", roles: ["admin", "supervisor"], prefetch: false },
  { href: "/cdr", label: "Call records", roles: ["admin", "supervisor"] },
  { href: "/reports", label: "Reports", roles: ["admin", "supervisor"] },
  { href: "/surveys", label: "Surveys", roles: ["admin", "supervisor"] },
  { href: "/reminders", label: "Reminders", roles: ["admin", "supervisor"] },
  { href: "/dnc", label: "Do not call", roles: ["admin", "supervisor"] },
  { href: "/trunks", label: "Trunks", roles: ["admin", "supervisor"] },
  { href: "/settings/tokens", label: "API tokens", roles: ["admin", "supervisor", "agent"] },
  { href: "/settings/webhooks", label: "Webhooks", roles: ["admin", "supervisor"] },
  { href: "/admin/users", label: "Users", roles: ["admin"] },
  { href: "/admin/pbx", label: "PBX servers", roles: ["admin"] },
] as const;

export function AppShell({ user, children }: { user: ShellUser; children: React.ReactNode }) {
  const pathname = usePathname();
  const live = useRealtimeState();
  // Agents always get their console (it explains when they have no agent yet); others when they have one.
  const hasAgent = useHasAgent(user.role !== "agent").data ?? false;
  const home = user.role === "agent" ? "/agent" : "/campaigns";
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2.5">
          <Link href={home} className="text-lg font-bold tracking-tight text-brand-600 dark:text-brand-300">
            Pacer
          </Link>
          <nav aria-label="Main" className="flex flex-wrap gap-1 text-sm">
            {NAV.filter((n) => (n.roles as readonly string[]).includes(user.role) && (!("needsAgent" in n) || user.role === "agent" || hasAgent)).map((n) => {
              const active = pathname === n.href || pathname.startsWith(`${n.href}/`);
              return (
                <Link
                  key={n.href}
                  href={n.href}
                  prefetch={"prefetch" in n ? n.prefetch : undefined}
                  aria-current={active ? "page" : undefined}
                  className={`rounded-md px-3 py-1.5 font-medium ${
                    active
                      ? "bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white"
                      : "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
                  }`}
                >
                  {n.label}
                </Link>
              );
            })}
          </nav>
          <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
            <span
              title={live === "live" ? "Live updates connected" : "Live updates disconnected"}
              className="flex items-center gap-1.5 text-xs text-slate-500 dark:text-slate-400"
            >
              <span className={`h-2 w-2 rounded-full ${live === "live" ? "bg-emerald-500" : live === "connecting" ? "bg-amber-400" : "bg-slate-400"}`} />
              {live === "live" ? "Live" : live === "connecting" ? "Connecting" : "Offline"}
            </span>
            <ThemeToggle />
            <span className="text-slate-600 dark:text-slate-300" data-testid="current-user">
              {user.name} <span className="text-xs text-slate-500 dark:text-slate-400">({user.role})</span>
            </span>
            <button className="btn-secondary" onClick={() => signOut({ callbackUrl: "/login" })}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}
