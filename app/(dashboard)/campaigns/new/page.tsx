import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/components/auth/require-role";
import { CampaignForm } from "@/components/campaigns/campaign-form";

export const metadata: Metadata = { title: "New campaign" };

export default staffPage(() => (
  <div className="mx-auto max-w-4xl space-y-5">
    <div>
      <Link href="/campaigns" className="text-sm text-slate-500 hover:text-slate-700 dark:text-slate-400 dark:hover:text-slate-200">
        <span aria-hidden="true">←</span> Campaigns
      </Link>
      <h1 className="mt-1 text-xl font-semibold">New campaign</h1>
      <p className="mt-0.5 text-sm text-slate-500 dark:text-slate-400">
        It starts stopped: add numbers on the next page, then start it when you are ready.
      </p>
    </div>
    <CampaignForm />
  </div>
));
