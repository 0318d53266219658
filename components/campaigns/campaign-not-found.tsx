import Link from "next/link";

/** For a campaign id that names nothing: a wrong link, or a campaign somebody deleted. */
export function CampaignNotFound() {
  return (
    <div className="card mx-auto mt-10 max-w-lg p-6 text-center">
      <h1 className="text-lg font-semibold">Campaign not found</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        There is no campaign at this address. It may have been deleted, or the link is wrong.
      </p>
      <Link href="/campaigns" className="btn-primary mt-5">
        Back to campaigns
      </Link>
    </div>
  );
}
