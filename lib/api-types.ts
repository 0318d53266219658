import type { z } from "zod";
import type { CampaignSchedule, RetryOutcome, RetryRule, RetryRules } from "@/db/schema";
import type { routes } from "@/server/api/routes";
import type { agentConsoleOut, agentOut, dispositionOut, leadHistoryOut } from "@/server/agents/validation";
import type { demoRemovedOut, demoStatusOut } from "@/server/demo/validation";
import type { campaignOut, campaignStatsOut } from "@/server/campaigns/validation";
import type { cdrOut, cdrStatsOut } from "@/server/cdr/validation";
import type { cdrIntakeOut } from "@/server/cdr/intake-validation";
import type { freeswitchIntegrationOut } from "@/server/integrations/validation";
import type { dncBulkOut, dncCheckOut, dncOut } from "@/server/dnc/validation";
import type { ivrMenuOut } from "@/server/ivr/validation";
import type { queueOut, queueTierOut, queueWithTiersOut } from "@/server/queues/validation";
import type { surveyOut, surveyResultsOut, surveyWithQuestionsOut } from "@/server/surveys/validation";
import type { leadOut } from "@/server/leads/validation";
import type { reminderImportOut, reminderOut } from "@/server/reminders/validation";
import type { pbxServerOut, pbxTestOut } from "@/server/pbx/validation";
import type { createdTokenOut, tokenOut } from "@/server/tokens/validation";
import type { userOut } from "@/server/users/validation";
import type { monitorOut } from "@/server/monitors/validation";
import type { campaignTrunksOut, trunkOut } from "@/server/trunks/validation";
import type { deliveryOut, webhookOut, webhookWithSecretOut } from "@/server/webhooks/validation";
import type { probeOut, providerHealthOut } from "@/server/providers/validation";
import type { agentsReportOut, dispositionsOut, listsReportOut, summaryOut, trunksReportOut } from "@/server/reports/validation";

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
export type IntakeRecord = z.output<typeof cdrIntakeOut>;
export type FreeswitchIntegration = z.output<typeof freeswitchIntegrationOut>;
export type ApiToken = z.output<typeof tokenOut>;
export type CreatedApiToken = z.output<typeof createdTokenOut>;
export type User = z.output<typeof userOut>;
export type IvrMenu = z.output<typeof ivrMenuOut>;
export type Survey = z.output<typeof surveyOut>;
export type Reminder = z.output<typeof reminderOut>;
export type ReminderImport = z.output<typeof reminderImportOut>;
export type SurveyDetail = z.output<typeof surveyWithQuestionsOut>;
export type SurveyResults = z.output<typeof surveyResultsOut>;
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
export type Trunk = z.output<typeof trunkOut>;
export type TrunkType = Trunk["type"];
export type CampaignTrunks = z.output<typeof campaignTrunksOut>;
export type CampaignTrunk = CampaignTrunks["trunks"][number];
/** `GET /providers/health`: a trunk's rolling figures and its place in the dialer's rotation. */
export type ProviderHealth = z.output<typeof providerHealthOut>;
export type ProbeResult = z.output<typeof probeOut>;
export const TRUNK_TYPES: TrunkType[] = ["pjsip", "sip", "gateway", "custom"];

export const NUMBER_STATUSES: NumberStatus[] = ["pending", "calling", "answered", "completed", "no_answer", "busy", "failed", "dnc"];
export const CDR_DISPOSITIONS: CdrRecord["disposition"][] = ["answered", "no_answer", "busy", "failed", "cancelled"];

export type Agent = z.output<typeof agentOut>;
export type AgentState = Agent["state"];
/** `GET /agents/me`: the signed-in user's agent, its campaign and queue, and the call on the line (screen pop). */
export type AgentConsole = z.output<typeof agentConsoleOut>;
export type AgentConsoleCampaign = NonNullable<AgentConsole["campaign"]>;
export type AgentCall = NonNullable<AgentConsole["call"]>;
export type AgentQueue = NonNullable<AgentConsole["queue"]>;
export type DispositionResult = z.output<typeof dispositionOut>;
/** `GET /agents/:id/leads/:leadId/history`: the calls to the agent's lead, newest first. */
export type LeadHistory = z.output<typeof leadHistoryOut>;
export type LeadHistoryAttempt = LeadHistory["attempts"][number];
export type PauseReason = NonNullable<Agent["break_reason"]>;
export type DialMode = Campaign["dial_mode"];

export const AGENT_STATES: AgentState[] = ["logged_out", "available", "on_call", "wrapup", "on_break"];
/** The dispositions every campaign knows (`004_*`); a campaign may use other words too. */
export const STANDARD_DISPOSITIONS = ["SALE", "CALLBACK", "NOANSWER", "BUSY", "VOICEMAIL", "DNC"] as const;
export type StandardDisposition = (typeof STANDARD_DISPOSITIONS)[number];

/** Dialer settings (types only from db/schema: nothing of drizzle reaches the browser). */
export type { CampaignSchedule, RetryOutcome, RetryRule, RetryRules };
/** `GET /campaigns/:id/runtime`: what the dialer is doing with the campaign now. */
export type CampaignRuntime = z.output<(typeof routes)["campaignRuntime"]["response"]>;
/** `GET /campaigns/:id/compliance`: the period's compliance, judged from each attempt's evidence. */
export type CampaignCompliance = z.output<(typeof routes)["campaignCompliance"]["response"]>;
/** Why the dialer last passed a number over (`skip_reason` of a number). */
export type SkipReason = "dnc" | "outside_hours" | "schedule";

/** Every dial mode, in the order the form offers them; the Record makes a new mode a type error here. */
const DIAL_MODE_SET: Record<DialMode, true> = { agentless: true, progressive: true, preview: true, predictive: true };
export const DIAL_MODES = Object.keys(DIAL_MODE_SET) as DialMode[];
const RETRY_OUTCOME_SET: Record<RetryOutcome, true> = { BUSY: true, NOANSWER: true, CONGESTION: true, FAILED: true, VOICEMAIL: true, ABANDONED: true };
export const RETRY_OUTCOMES = Object.keys(RETRY_OUTCOME_SET) as RetryOutcome[];

export type SummaryReport = z.output<typeof summaryOut>;
export type DispositionsReport = z.output<typeof dispositionsOut>;
export type AgentsReport = z.output<typeof agentsReportOut>;
export type TrunksReport = z.output<typeof trunksReportOut>;
export type ListsReport = z.output<typeof listsReportOut>;
/** A supervisor's listen/whisper/barge session. */
export type MonitorSession = z.output<typeof monitorOut>;
export type MonitorMode = MonitorSession["mode"];

/** `GET /demo`: the first-start demo, and whether its simulated agents are at work. */
export type DemoStatus = z.output<typeof demoStatusOut>;
export type DemoRemoved = z.output<typeof demoRemovedOut>;

export type Webhook = z.output<typeof webhookOut>;
export type WebhookWithSecret = z.output<typeof webhookWithSecretOut>;
export type WebhookDelivery = z.output<typeof deliveryOut>;
export type WebhookDeliveryStatus = WebhookDelivery["status"];

export type Queue = z.output<typeof queueOut>;
export type QueueWithTiers = z.output<typeof queueWithTiersOut>;
export type QueueTier = z.output<typeof queueTierOut>;
