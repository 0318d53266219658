"use client";

import Link from "next/link";
import { useCampaigns } from "@/hooks/use-campaigns";

export function CampaignList() {
  const { data, isLoading, error } = useCampaigns();
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">Campaigns</h1>
        <Link href="/campaigns/new" className="btn-primary">
          New campaign
        </Link>
      </div>
      {isLoading && <p className="text-sm text-slate-500">Loading…</p>}
      {error && <p role="alert">{error.message}</p>}
      <ul>
        {data?.map((c) => (
          <li key={c.id}>
            <Link href={`/campaigns/${c.id}`}>{c.name}</Link> {c.status}
          </li>
        ))}
      </ul>
    </div>
  );
}
