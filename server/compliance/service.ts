import { getDb } from "@/db/client";
import type { Caller } from "../api/caller";
import { csvDownload } from "../api/csv-stream";
import { orNotFound } from "../api/errors";
import { recordAudit } from "../audit/queries";
import { findCampaign } from "../campaigns/queries";
import { abandonWindows } from "../dialer/queries";
import type { AbandonWindow } from "../dialer/pacing";
import { ledgerCsvStream, ledgerFileName } from "./ledger";
import { ledgerTotals } from "./queries";
import type { ComplianceRange } from "./validation";

const rateOf = (live: number, abandoned: number) => ({ live_answers: live, abandoned, rate: live > 0 ? abandoned / live : 0 });
const windowOut = (w: AbandonWindow) => rateOf(w.liveAnswers, w.abandoned);

/** The campaign's compliance over the period, judged from each attempt's evidence. */
export async function complianceSummary(campaignId: number, range: ComplianceRange) {
  const db = await getDb();
  const c = orNotFound(await findCampaign(db, campaignId), "Campaign");
  const t = await ledgerTotals(db, campaignId, range);
  const windows = await abandonWindows(db, campaignId, range.to, c.abandonRule === "uk" ? c.amdFalsePositiveRate : 0);
  const applies = c.dialMode !== "agentless";
  return {
    campaign_id: campaignId,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    attempts: t.attempts,
    with_evidence: t.withEvidence,
    outside_window: t.outsideWindow,
    dnc_dialed: t.dncDialed,
    zone_sources: Object.fromEntries(t.sources.map((s) => [s.source, s.n])),
    abandonment: {
      cap: c.abandonCap,
      rule: c.abandonRule,
      period: rateOf(t.liveAnswers, t.abandoned),
      window_24h: windowOut(windows.window24h),
      window_30d: windowOut(windows.window30d),
      max_24h_at_dial: t.max24,
      max_30d_at_dial: t.max30,
    },
    connect: { applies, human_answers: t.humanAnswers, within_2s: t.within2s, rate: applies && t.humanAnswers > 0 ? t.within2s / t.humanAnswers : null },
  };
}

/** The per-attempt ledger as a CSV download; it carries called numbers out in bulk, so it is audited. */
export async function complianceLedger(caller: Caller, campaignId: number, range: ComplianceRange): Promise<Response> {
  const db = await getDb();
  orNotFound(await findCampaign(db, campaignId), "Campaign");
  await recordAudit(db, caller, {
    action: "campaign.compliance_export",
    entityType: "campaign",
    entityId: campaignId,
    details: { from: range.from.toISOString(), to: range.to.toISOString() },
  });
  return csvDownload(ledgerCsvStream(db, campaignId, range), ledgerFileName(campaignId, range));
}
