import type { z } from "zod";
import type { routes } from "@/server/api/routes";
import type { campaignOut, campaignStatsOut } from "@/server/campaigns/validation";
import type { cdrOut, cdrStatsOut } from "@/server/cdr/validation";
import type { dncBulkOut, dncCheckOut, dncOut } from "@/server/dnc/validation";
import type { ivrMenuOut } from "@/server/ivr/validation";
import type { leadOut } from "@/server/leads/validation";
import type { pbxServerOut, pbxTestOut } from "@/server/pbx/validation";
import type { createdTokenOut, tokenOut } from "@/server/tokens/validation";
import type { userOut } from "@/server/users/validation";

/**
 * API shapes for the browser, derived (types only, nothing at run time) from the zod schemas the
 * server validates and documents with, so the two cannot drift apart.
 */
export type Campaign = z.output<typeof campaignOut>;
export type CampaignStats = z.output<typeof campaignStatsOut>;
export type CampaignStatus = Campaign["status"];
export type CampaignNumber = z.output<typeof leadOut>;
export type NumberStatus = CampaignNumber["status"];
export type CdrRecord = z.output<typeof cdrOut>;
export type CdrStats = z.output<typeof cdrStatsOut>;
export type ApiToken = z.output<typeof tokenOut>;
export type CreatedApiToken = z.output<typeof createdTokenOut>;
export type User = z.output<typeof userOut>;
export type IvrMenu = z.output<typeof ivrMenuOut>;
export type DncEntry = z.output<typeof dncOut>;
export type DncBulkResult = z.output<typeof dncBulkOut>;
export type DncCheck = z.output<typeof dncCheckOut>;
export type PbxServer = z.output<typeof pbxServerOut>;
export type PbxKind = PbxServer["kind"];
export type PbxHealth = NonNullable<PbxServer["health"]>;
export type PbxTestResult = z.output<typeof pbxTestOut>;
/** `GET /pbx`: the configured servers and the built-in simulator's state. */
export type PbxOverview = z.output<(typeof routes)["listPbx"]["response"]>;
export type PbxSimulator = PbxOverview["simulator"];

export const NUMBER_STATUSES: NumberStatus[] = ["pending", "calling", "answered", "completed", "no_answer", "busy", "failed"];
export const CDR_DISPOSITIONS: CdrRecord["disposition"][] = ["answered", "no_answer", "busy", "failed", "cancelled"];
