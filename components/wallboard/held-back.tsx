import { DIAL_MODE_INFO, formatRate } from "@/lib/campaign-rules";
import { HOLD_REASON_INFO, HOLD_REASONS, type HoldReason, type WallboardCampaign, type WallboardPacing } from "@/lib/wallboard";

const REASON_TONES: Record<"campaign" | "lead", string> = {
  campaign: "border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950/60 dark:text-red-200",
  lead: "border-slate-300 bg-slate-50 text-slate-800 dark:border-slate-700 dark:bg-slate-800/60 dark:text-slate-200",
};

/**
 * "Why isn't it dialing?": per campaign, the leads it could dial now and, reason by reason, those
 * held back. Campaign-wide reasons (red) stop every dialable lead; lead reasons (grey) are counted
 * lead by lead.
 */
export function HeldBack({ campaigns, pacing }: { campaigns: WallboardCampaign[]; pacing: Map<number, WallboardPacing> }) {
  return (
    <ul aria-label="Campaigns" className="grid gap-3 lg:grid-cols-2">
      {campaigns.map((c) => (
        <CampaignCard key={c.id} campaign={c} pacing={pacing.get(c.id)} />
      ))}
    </ul>
  );
}

function CampaignCard({ campaign: c, pacing }: { campaign: WallboardCampaign; pacing?: WallboardPacing }) {
  // Campaign-wide reasons show even with no lead waiting on them (a full trunk, a closed schedule).
  const stopping = HOLD_REASONS.filter((r) => HOLD_REASON_INFO[r].scope === "campaign" && (c.blockers.includes(r) || (c.held[r] ?? 0) > 0));
  const waiting = HOLD_REASONS.filter((r) => HOLD_REASON_INFO[r].scope === "lead" && (c.held[r] ?? 0) > 0);
  const rate24 = c.abandon24h.liveAnswers ? c.abandon24h.abandoned / c.abandon24h.liveAnswers : 0;
  return (
    <li data-testid={`wb-campaign-${c.id}`} className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 className="text-xl font-semibold sm:text-2xl">{c.name}</h3>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          {DIAL_MODE_INFO[c.dialMode].label} · <span className={c.status === "paused" ? "font-semibold text-amber-600 dark:text-amber-400" : ""}>{c.status === "paused" ? "Paused" : "Running"}</span>
        </p>
      </div>
      <dl className="mt-2 grid grid-cols-3 gap-2 text-center">
        <Figure label="Dialable now" value={String(c.dialable)} testId={`wb-dialable-${c.id}`} />
        <Figure label="Pacing ratio" value={pacing?.ratio != null ? `${pacing.ratio.toFixed(1)} : 1` : "—"} hint={pacing ? `${pacing.lines} line(s), ${pacing.mode}` : undefined} />
        <Figure label="Abandon 24 h" value={formatRate(rate24)} hint={`cap ${formatRate(c.abandonCap)}`} alert={rate24 >= c.abandonCap && c.abandon24h.liveAnswers > 0} />
      </dl>
      {stopping.length === 0 && waiting.length === 0 && <p className="mt-3 text-sm text-slate-500 dark:text-slate-400">Nothing held back.</p>}
      <ReasonList title="Not dialing" label={`Why ${c.name} is not dialing`} reasons={stopping} held={c.held} />
      <ReasonList title="Leads waiting" label={`Leads of ${c.name} waiting`} reasons={waiting} held={c.held} />
      {pacing?.reason && <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Pacing: {pacing.reason}</p>}
    </li>
  );
}

function ReasonList({ title, label, reasons, held }: { title: string; label: string; reasons: HoldReason[]; held: WallboardCampaign["held"] }) {
  if (reasons.length === 0) return null;
  return (
    <>
      <h4 className="mt-3 text-sm font-medium text-slate-600 dark:text-slate-300">{title}</h4>
      <ul aria-label={label} className="mt-1 flex flex-wrap gap-2">
        {reasons.map((r) => (
          <Reason key={r} reason={r} count={held[r] ?? 0} />
        ))}
      </ul>
    </>
  );
}

function Reason({ reason, count }: { reason: HoldReason; count: number }) {
  const info = HOLD_REASON_INFO[reason];
  return (
    <li title={info.hint} data-testid={`wb-held-${reason}`} className={`flex items-center gap-2 rounded-lg border px-3 py-1.5 text-base ${REASON_TONES[info.scope]}`}>
      <span>{info.label}</span>
      <span className="text-lg font-bold tabular-nums">{count}</span>
    </li>
  );
}

function Figure({ label, value, hint, alert = false, testId }: { label: string; value: string; hint?: string; alert?: boolean; testId?: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-2 py-2 dark:bg-slate-800/60">
      <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">{label}</dt>
      <dd data-testid={testId} className={`text-2xl font-bold tabular-nums sm:text-3xl ${alert ? "text-red-600 dark:text-red-400" : ""}`}>
        {value}
      </dd>
      {hint && <dd className="text-xs text-slate-500 dark:text-slate-400">{hint}</dd>}
    </div>
  );
}
