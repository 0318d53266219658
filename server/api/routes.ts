import { z } from "zod";
import { campaignOut, campaignStatsOut, campaignStatusOut, createCampaignBody, listCampaignsQuery, updateCampaignBody } from "../campaigns/validation";
import { cdrOut, cdrStatsOut, cdrStatsQuery, exportCdrQuery, listCdrQuery, recordingQuery } from "../cdr/validation";
import { bulkDncBody, checkDncQuery, createDncBody, dncBulkOut, dncCheckOut, dncOut, listDncQuery } from "../dnc/validation";
import { createIvrBody, ivrMenuOut, ivrMenuWithActionsOut, listIvrQuery, updateIvrBody } from "../ivr/validation";
import { createPbxBody, pbxListOut, pbxServerOut, pbxTestOut, testPbxBody, updatePbxBody } from "../pbx/validation";
import { bulkLeadsBody, leadInput, leadOut, listLeadsQuery, updateLeadBody } from "../leads/validation";
import { createdTokenOut, createTokenBody, tokenOut } from "../tokens/validation";
import { createUserBody, updateUserBody, userOut } from "../users/validation";
import { listAuditQuery } from "../audit/validation";
import { agentConsoleOut, agentLoginBody, agentOut, agentStateBody, agentStatusBody, createAgentBody, dispositionBody, dispositionOut, hangupOut, leadHistoryOut, listAgentsQuery, previewChoiceOut, updateAgentBody } from "../agents/validation";
import { monitorModeBody, monitorOut, monitorPhoneOut, startMonitorBody } from "../monitors/validation";
import { createListBody, importErrorOut, importErrorsQuery, importOptions, importOut, listLeadInput, listLeadOut, listLeadsQuery as listListLeadsQuery, listListsQuery, listOut, updateListBody } from "../lists/validation";
import { agentsReportOut, dispositionsOut, listsReportOut, listsReportQuery, rangeReportQuery, summaryOut, timeReportQuery, trunksReportOut } from "../reports/validation";
import { probeOut, providerHealthOut } from "../providers/validation";
import { campaignTrunksBody, campaignTrunksOut, createTrunkBody, listTrunksQuery, trunkOut, updateTrunkBody } from "../trunks/validation";
import { demoRemovedOut, demoStatusOut } from "../demo/validation";
import { cdrIntakeBody, cdrIntakeOut, cdrIntakeResultOut, listIntakeQuery, MAX_INTAKE_BYTES } from "../cdr/intake-validation";
import { freeswitchIntegrationOut } from "../integrations/validation";
import { createWebhookBody, deliveryOut, listDeliveriesQuery, updateWebhookBody, webhookOut, webhookWithSecretOut } from "../webhooks/validation";
import { complianceOut, complianceQuery, ledgerQuery } from "../compliance/validation";
import { createSurveyBody, surveyOut, surveyResultsOut, surveyResultsQuery, surveyWithQuestionsOut, updateSurveyBody } from "../surveys/validation";
import { addTierBody, createQueueBody, queueOut, queueTierOut, queueWithTiersOut, updateQueueBody } from "../queues/validation";
import { createReminderBody, listRemindersQuery, reminderImportOut, reminderOut, updateReminderBody } from "../reminders/validation";
import { defineRoute } from "./route-spec";

const channelOut = z.object({
  id: z.string(),
  state: z.string(),
  caller: z.object({ name: z.string(), number: z.string() }),
  connected: z.object({ name: z.string(), number: z.string() }),
  creationtime: z.string(),
});

const ALL_ROLES = ["admin", "supervisor", "agent"] as const;

/** Every endpoint of the API, once. Route handlers import their entry; /api/openapi.json prints them all. */
export const routes = {
  listTokens: defineRoute({ method: "GET", path: "/tokens", tag: "API tokens", summary: "List your API tokens (masked)", permission: "tokens/list", roles: [...ALL_ROLES], response: z.array(tokenOut) }),
  createToken: defineRoute({ method: "POST", path: "/tokens", tag: "API tokens", summary: "Create an API token (shown once)", permission: "tokens/create", roles: [...ALL_ROLES], body: createTokenBody, response: createdTokenOut, status: 201 }),
  revokeToken: defineRoute({ method: "DELETE", path: "/tokens/{id}", tag: "API tokens", summary: "Revoke an API token", permission: "tokens/delete", roles: [...ALL_ROLES] }),

  listCampaigns: defineRoute({ method: "GET", path: "/campaigns", tag: "Campaigns", summary: "List campaigns with stats", permission: "campaigns/list", query: listCampaignsQuery, response: z.array(campaignOut) }),
  createCampaign: defineRoute({ method: "POST", path: "/campaigns", tag: "Campaigns", summary: "Create a campaign", permission: "campaigns/create", body: createCampaignBody, response: campaignOut, status: 201 }),
  getCampaign: defineRoute({ method: "GET", path: "/campaigns/{id}", tag: "Campaigns", summary: "Get a campaign with stats", permission: "campaigns/get", response: campaignOut }),
  updateCampaign: defineRoute({ method: "PUT", path: "/campaigns/{id}", tag: "Campaigns", summary: "Update a campaign (not while running)", permission: "campaigns/update", body: updateCampaignBody, response: campaignOut }),
  deleteCampaign: defineRoute({ method: "DELETE", path: "/campaigns/{id}", tag: "Campaigns", summary: "Delete a campaign (not while running or paused)", permission: "campaigns/delete" }),
  startCampaign: defineRoute({ method: "POST", path: "/campaigns/{id}/start", tag: "Campaigns", summary: "Start a campaign", permission: "campaigns/start", response: campaignStatusOut }),
  stopCampaign: defineRoute({ method: "POST", path: "/campaigns/{id}/stop", tag: "Campaigns", summary: "Stop a campaign; pending and calling numbers go back to pending with 0 attempts", permission: "campaigns/stop", response: campaignStatusOut }),
  pauseCampaign: defineRoute({ method: "POST", path: "/campaigns/{id}/pause", tag: "Campaigns", summary: "Pause a running campaign (numbers untouched)", permission: "campaigns/pause", response: campaignStatusOut }),
  resumeCampaign: defineRoute({ method: "POST", path: "/campaigns/{id}/resume", tag: "Campaigns", summary: "Resume a paused campaign", permission: "campaigns/resume", response: campaignStatusOut }),
  campaignStats: defineRoute({ method: "GET", path: "/campaigns/{id}/stats", tag: "Campaigns", summary: "Campaign statistics", permission: "campaigns/stats", response: campaignStatsOut }),

  campaignRuntime: defineRoute({
    method: "GET",
    path: "/campaigns/{id}/runtime",
    tag: "Campaigns",
    summary: "What the dialer is doing with the campaign now: pacing, ASR, ACD, CPS, concurrent calls, abandonment, agents",
    permission: "campaigns/runtime",
    response: z.object({
      campaign_id: z.number(),
      status: z.string(),
      dial_mode: z.string(),
      pacing: z.object({ mode: z.string(), lines: z.number(), reason: z.string(), answer_rate: z.number(), amd: z.boolean() }).nullable(),
      asr5m: z.number(),
      acd: z.number(),
      cps: z.number(),
      cc: z.number(),
      abandon60s: z.number(),
      human_rate: z.number(),
      waiting: z.number(),
      agents: z.object({ available: z.number(), on_call: z.number(), wrapup: z.number(), on_break: z.number() }),
      abandon_rate_24h: z.number(),
      abandon_rate_30d: z.number(),
      abandon_cap: z.number(),
      dialer_node: z.string().nullable(),
    }),
  }),
  campaignCompliance: defineRoute({
    method: "GET",
    path: "/campaigns/{id}/compliance",
    tag: "Campaigns",
    summary:
      "Compliance over a period, judged from the evidence each attempt carries (the decision that let it out): attempts, calls outside the calling window and numbers dialed while on a do-not-call list (both must be 0), where the called parties' time zones came from, abandonment by window, and the share of people who answered put through to an agent within 2 seconds; format=csv for the per-attempt ledger",
    permission: "campaigns/compliance",
    query: complianceQuery,
    response: complianceOut,
    csv: true,
  }),
  campaignComplianceLedger: defineRoute({
    method: "GET",
    path: "/campaigns/{id}/compliance/ledger.csv",
    tag: "Campaigns",
    summary:
      "The per-attempt compliance ledger as a CSV file, oldest first, streamed in batches (any size, flat memory): each attempt with its called party's zone and where it came from, their local time, the calling window and schedule, the do-not-call lists checked and their last update, the abandonment rates and pacing then, the ring timeout, and whether it was within the window or on a list; each download is audited",
    permission: "campaigns/compliance",
    query: ledgerQuery,
    produces: ["text/csv"],
    producesNote: "the ledger as a CSV file",
  }),
  getCampaignTrunks: defineRoute({ method: "GET", path: "/campaigns/{id}/trunks", tag: "Campaigns", summary: "The trunks a campaign dials through, with weight and priority (empty: its own trunk_type/trunk_value)", permission: "campaigns/trunks", response: campaignTrunksOut }),
  setCampaignTrunks: defineRoute({
    method: "PUT",
    path: "/campaigns/{id}/trunks",
    tag: "Campaigns",
    summary: "Replace a campaign's trunks (allowed while running). Calls go to the lowest priority with room, split by weight; higher priorities take overflow and failover",
    permission: "campaigns/trunks_update",
    body: campaignTrunksBody,
    response: campaignTrunksOut,
  }),
  listNumbers: defineRoute({ method: "GET", path: "/campaigns/{id}/numbers", tag: "Campaign numbers", summary: "List a campaign's numbers", permission: "campaigns/numbers", query: listLeadsQuery, response: z.array(leadOut), paginated: true }),
  addNumber: defineRoute({ method: "POST", path: "/campaigns/{id}/numbers", tag: "Campaign numbers", summary: "Add one number", permission: "campaigns/numbers_add", body: leadInput, response: z.object({ campaign_id: z.number(), phone_number: z.string() }), status: 201 }),
  addNumbersBulk: defineRoute({ method: "POST", path: "/campaigns/{id}/numbers/bulk", tag: "Campaign numbers", summary: "Add many numbers in one transaction (all or nothing)", permission: "campaigns/numbers_add", body: bulkLeadsBody, response: z.object({ campaign_id: z.number(), count: z.number() }), status: 201 }),
  getNumber: defineRoute({ method: "GET", path: "/numbers/{id}", tag: "Campaign numbers", summary: "Get a number", permission: "campaigns/numbers_get", response: leadOut }),
  updateNumber: defineRoute({
    method: "PUT",
    path: "/numbers/{id}",
    tag: "Campaign numbers",
    summary: "Edit a lead's numbers: phone 1 and up to 7 more in dialing order; a number kept keeps its attempts (409 while it is being called)",
    permission: "campaigns/numbers_update",
    body: updateLeadBody,
    response: leadOut,
  }),
  deleteNumber: defineRoute({ method: "DELETE", path: "/numbers/{id}", tag: "Campaign numbers", summary: "Delete a number (not while calling)", permission: "campaigns/numbers_delete" }),

  listLists: defineRoute({ method: "GET", path: "/lists", tag: "Lists", summary: "Lead lists with their counts by status, newest first", permission: "lists/list", query: listListsQuery, response: z.array(listOut), paginated: true }),
  createList: defineRoute({ method: "POST", path: "/lists", tag: "Lists", summary: "Create a list in a campaign (the campaign dials its active lists)", permission: "lists/create", body: createListBody, response: listOut, status: 201 }),
  getList: defineRoute({ method: "GET", path: "/lists/{id}", tag: "Lists", summary: "Get a list with its counts by status", permission: "lists/get", response: listOut }),
  updateList: defineRoute({ method: "PUT", path: "/lists/{id}", tag: "Lists", summary: "Rename, (de)activate or move a list to another campaign (a move: 409 while either campaign is running or paused)", permission: "lists/update", body: updateListBody, response: listOut }),
  deleteList: defineRoute({ method: "DELETE", path: "/lists/{id}", tag: "Lists", summary: "Delete a list and its leads (409 while its campaign is running or paused)", permission: "lists/delete" }),
  listListLeads: defineRoute({ method: "GET", path: "/lists/{id}/leads", tag: "Lists", summary: "A list's leads with all their numbers; search by number or custom data", permission: "lists/leads", query: listListLeadsQuery, response: z.array(listLeadOut), paginated: true }),
  addListLead: defineRoute({ method: "POST", path: "/lists/{id}/leads", tag: "Lists", summary: "Add a lead with up to 8 numbers, custom data and location (409 if phone 1 is already in the list)", permission: "lists/leads_add", body: listLeadInput, response: listLeadOut, status: 201 }),
  importList: defineRoute({
    method: "POST",
    path: "/lists/{id}/import",
    tag: "Lists",
    summary: "Import a CSV (text/csv body or multipart `file`) into the list; replies 202 with the import job, whose progress GET /imports/{id} shows",
    permission: "lists/import",
    query: importOptions,
    upload: true,
    response: importOut,
    status: 202,
  }),
  listImports: defineRoute({ method: "GET", path: "/lists/{id}/imports", tag: "Lists", summary: "A list's recent imports, newest first", permission: "lists/import", response: z.array(importOut) }),
  getImport: defineRoute({ method: "GET", path: "/imports/{id}", tag: "Lists", summary: "An import job: status, rows done / total, counts", permission: "lists/import", response: importOut }),
  importErrors: defineRoute({ method: "GET", path: "/imports/{id}/errors", tag: "Lists", summary: "Rows an import left out and why (errors, duplicates, do-not-call), by row; format=csv for the whole report", permission: "lists/import", query: importErrorsQuery, response: z.array(importErrorOut), paginated: true }),

  listCdr: defineRoute({ method: "GET", path: "/cdr", tag: "CDR", summary: "List call detail records", permission: "cdr/list", query: listCdrQuery, response: z.array(cdrOut), paginated: true }),
  cdrStats: defineRoute({ method: "GET", path: "/cdr/stats", tag: "CDR", summary: "CDR statistics", permission: "cdr/stats", query: cdrStatsQuery, response: cdrStatsOut }),
  exportCdr: defineRoute({
    method: "GET",
    path: "/cdr/export",
    tag: "CDR",
    summary: "Every call record the list's filters match, newest first, as a CSV file streamed in batches (any size, flat memory); each export is audited",
    permission: "cdr/list",
    query: exportCdrQuery,
    produces: ["text/csv"],
  }),
  cdrIntake: defineRoute({
    method: "POST",
    path: "/cdr/intake",
    tag: "CDR intake",
    summary:
      "A PBX posts a call's record (FreeSWITCH mod_json_cdr: plain JSON, or its url-encoded/base64 `cdr=` form). Stored once per uuid: 201 with the record; a repeat answers 200 with the stored one (`duplicate: true`) and writes nothing. A call Pacer placed (PACER_ATTEMPT, or its channel id as the uuid) is tied to its attempt and fills what Pacer's CDR lacks (never overwriting it); any other is kept as an external record. Audited",
    permission: "cdr_intake/post",
    explicitGrant: true,
    basicAuth: true,
    body: cdrIntakeBody,
    formField: "cdr",
    maxBodyBytes: MAX_INTAKE_BYTES,
    response: cdrIntakeResultOut,
    status: 201,
    alsoStatus: { status: 200, description: "This uuid was posted before: the stored record, `duplicate: true`; nothing written" },
  }),
  listCdrIntake: defineRoute({ method: "GET", path: "/cdr/intake", tag: "CDR intake", summary: "Call records PBXs posted, newest first: tied to Pacer's attempts, or external calls (`matched=0`)", permission: "cdr/list", query: listIntakeQuery, response: z.array(cdrIntakeOut), paginated: true }),
  getCdr: defineRoute({ method: "GET", path: "/cdr/{id}", tag: "CDR", summary: "Get a call detail record", permission: "cdr/get", response: cdrOut }),
  getCdrRecording: defineRoute({
    method: "GET",
    path: "/cdr/{id}/recording",
    tag: "CDR",
    summary: "Download (or play) the call's recording: fetched from the PBX that made it; one Range honoured; every download audited. Agents: only calls they took",
    permission: "cdr/recording",
    roles: [...ALL_ROLES],
    query: recordingQuery,
    produces: ["audio/wav", "audio/mpeg", "application/octet-stream"],
  }),

  reportSummary: defineRoute({ method: "GET", path: "/reports/summary", tag: "Reports", summary: "Attempts, connects, answer rate and abandon rate (in the bucket, the 24 h and the 30 d windows) by hour or day in the campaign's time zone; format=csv for the rows", permission: "reports/read", query: timeReportQuery, response: summaryOut, csv: true }),
  reportDispositions: defineRoute({ method: "GET", path: "/reports/dispositions", tag: "Reports", summary: "Call dispositions and AMD outcomes by hour or day, the agents' dispositions and average talk time; format=csv for the rows", permission: "reports/read", query: timeReportQuery, response: dispositionsOut, csv: true }),
  reportAgents: defineRoute({ method: "GET", path: "/reports/agents", tag: "Reports", summary: "Per agent: calls, talk time and dispositions over the range; format=csv for the rows", permission: "reports/read", query: rangeReportQuery, response: agentsReportOut, csv: true }),
  reportTrunks: defineRoute({ method: "GET", path: "/reports/trunks", tag: "Reports", summary: "Per trunk: attempts, ASR, ACD and the failure causes (SIP code, Q.850); format=csv for the rows", permission: "reports/read", query: rangeReportQuery, response: trunksReportOut, csv: true }),
  reportLists: defineRoute({ method: "GET", path: "/reports/lists", tag: "Reports", summary: "List penetration: leads dialed, remaining, exhausted and callbacks due, per list; format=csv for the rows", permission: "reports/read", query: listsReportQuery, response: listsReportOut, csv: true }),

  monitoringStatus: defineRoute({ method: "GET", path: "/monitoring/status", tag: "Monitoring", summary: "System status", permission: "monitoring/status", response: z.object({ asterisk: z.boolean(), database: z.boolean(), active_channels: z.number(), active_campaigns: z.number(), timestamp: z.string() }) }),
  monitoringDialer: defineRoute({
    method: "GET",
    path: "/monitoring/dialer",
    tag: "Monitoring",
    summary: "This process's dialer: calls placed, live calls, tick latency",
    permission: "monitoring/dialer",
    response: z.object({
      running: z.boolean(),
      node_id: z.string().nullable(),
      live_calls: z.number(),
      originated: z.number(),
      originate_errors: z.number(),
      tick_p50_ms: z.number(),
      tick_p99_ms: z.number(),
      ticks: z.number(),
      uptime_sec: z.number(),
      trunks: z
        .array(z.object({ id: z.number(), name: z.string(), enabled: z.boolean(), live_channels: z.number(), max_channels: z.number().nullable(), cps: z.number(), max_cps: z.number().nullable() }))
        .describe("every trunk's calls up now and starts per second (last 10 s), counted across all dialer processes"),
    }),
  }),
  metrics: defineRoute({
    method: "GET",
    path: "/metrics",
    tag: "Monitoring",
    summary:
      "Prometheus metrics of this process (also at /metrics): originates, call outcomes by cause, abandon rates, agent states, tick duration, PBX connections, API latency, list imports. Without a token or session, answered only to addresses in METRICS_ALLOW",
    permission: "metrics/read",
    produces: ["text/plain; version=0.0.4"],
    producesNote: "The Prometheus text exposition format, version 0.0.4",
  }),
  monitoringChannels: defineRoute({ method: "GET", path: "/monitoring/channels", tag: "Monitoring", summary: "Active PBX channels", permission: "monitoring/channels", response: z.object({ channels: z.array(channelOut), count: z.number() }) }),
  monitoringRealtime: defineRoute({
    method: "GET",
    path: "/monitoring/realtime",
    tag: "Monitoring",
    summary: "Active campaigns, channels and today's totals",
    permission: "monitoring/realtime",
    response: z.object({
      campaigns: z.array(z.object({ id: z.number(), name: z.string(), status: z.string(), stats: campaignStatsOut })),
      channels: z.array(channelOut),
      channel_count: z.number(),
      today_stats: z.object({ total_calls: z.number(), answered: z.number(), no_answer: z.number(), busy: z.number(), failed: z.number() }),
      timestamp: z.string(),
    }),
  }),

  listIvr: defineRoute({ method: "GET", path: "/ivr", tag: "IVR", summary: "List IVR menus", permission: "ivr/list", query: listIvrQuery, response: z.array(ivrMenuOut) }),
  createIvr: defineRoute({ method: "POST", path: "/ivr", tag: "IVR", summary: "Create an IVR menu with its actions", permission: "ivr/create", body: createIvrBody, response: ivrMenuWithActionsOut, status: 201 }),
  getIvr: defineRoute({ method: "GET", path: "/ivr/{id}", tag: "IVR", summary: "Get an IVR menu with its actions", permission: "ivr/get", response: ivrMenuWithActionsOut }),
  updateIvr: defineRoute({ method: "PUT", path: "/ivr/{id}", tag: "IVR", summary: "Update an IVR menu; `actions` replaces all actions", permission: "ivr/update", body: updateIvrBody, response: ivrMenuWithActionsOut }),
  deleteIvr: defineRoute({ method: "DELETE", path: "/ivr/{id}", tag: "IVR", summary: "Delete an IVR menu", permission: "ivr/delete" }),

  listSurveys: defineRoute({ method: "GET", path: "/surveys", tag: "Surveys", summary: "List surveys with their question and answer counts", permission: "surveys/list", response: z.array(surveyOut) }),
  createSurvey: defineRoute({ method: "POST", path: "/surveys", tag: "Surveys", summary: "Create a survey with its questions (choice, number, yes_no, recording), branches by answer to later questions or the end", permission: "surveys/create", body: createSurveyBody, response: surveyWithQuestionsOut, status: 201 }),
  getSurvey: defineRoute({ method: "GET", path: "/surveys/{id}", tag: "Surveys", summary: "Get a survey with its questions", permission: "surveys/get", response: surveyWithQuestionsOut }),
  updateSurvey: defineRoute({ method: "PUT", path: "/surveys/{id}", tag: "Surveys", summary: "Update a survey; `questions` replaces them all (a question kept at its position keeps its answers)", permission: "surveys/update", body: updateSurveyBody, response: surveyWithQuestionsOut }),
  deleteSurvey: defineRoute({ method: "DELETE", path: "/surveys/{id}", tag: "Surveys", summary: "Delete a survey no campaign sends calls to, with its answers", permission: "surveys/delete" }),
  surveyResults: defineRoute({
    method: "GET",
    path: "/surveys/{id}/results",
    tag: "Surveys",
    summary: "Answers per question and how often each was given; format=csv streams every answer (call, lead, question, value, recording file), audited",
    permission: "surveys/results",
    query: surveyResultsQuery,
    response: surveyResultsOut,
    csv: true,
  }),

  listReminders: defineRoute({ method: "GET", path: "/reminders", tag: "Reminders", summary: "Appointment reminders in appointment order; filter by appointment date range (from, to: YYYY-MM-DD, UTC), state (comma-separated) and search (name or number)", permission: "reminders/list", query: listRemindersQuery, response: z.array(reminderOut), paginated: true }),
  createReminder: defineRoute({ method: "POST", path: "/reminders", tag: "Reminders", summary: "Create an appointment reminder: one call call_before_min before the appointment inside the contact's calling hours (or the last legal moment before, or not_callable, by outside_hours); 1 confirms, 2 cancels, 0 transfers", permission: "reminders/create", body: createReminderBody, response: reminderOut, status: 201 }),
  importReminders: defineRoute({ method: "POST", path: "/reminders/import", tag: "Reminders", summary: "Create reminders from a CSV (text/csv body or multipart `file`) whose header names POST /reminders' fields; good rows are created, each bad row is reported with its line, field and reason", permission: "reminders/import", upload: true, response: reminderImportOut }),
  getReminder: defineRoute({ method: "GET", path: "/reminders/{id}", tag: "Reminders", summary: "Get a reminder with its state and result", permission: "reminders/get", response: reminderOut }),
  updateReminder: defineRoute({ method: "PUT", path: "/reminders/{id}", tag: "Reminders", summary: "Change a reminder (not while it is being called); it is planned again and its result cleared", permission: "reminders/update", body: updateReminderBody, response: reminderOut }),
  deleteReminder: defineRoute({ method: "DELETE", path: "/reminders/{id}", tag: "Reminders", summary: "Delete a reminder (not while it is being called)", permission: "reminders/delete" }),

  listAgents: defineRoute({ method: "GET", path: "/agents", tag: "Agents", summary: "List agents with their live state", permission: "agents/list", query: listAgentsQuery, response: z.array(agentOut) }),
  createAgent: defineRoute({ method: "POST", path: "/agents", tag: "Agents", summary: "Create an agent (a phone, optionally tied to a user with the agent role)", permission: "agents/create", body: createAgentBody, response: agentOut, status: 201 }),
  agentConsole: defineRoute({ method: "GET", path: "/agents/me", tag: "Agents", summary: "The caller's own agent, its queue and the lead on the line (screen pop)", permission: "agents/console", roles: [...ALL_ROLES], response: agentConsoleOut }),
  agentCampaigns: defineRoute({ method: "GET", path: "/agents/campaigns", tag: "Agents", summary: "Campaigns an agent may log in to (id, name, mode, status only)", permission: "agents/console", roles: [...ALL_ROLES], response: z.array(z.object({ id: z.number(), name: z.string(), dial_mode: z.string(), status: z.string() })) }),
  getAgent: defineRoute({ method: "GET", path: "/agents/{id}", tag: "Agents", summary: "Get an agent (agents: only themselves)", permission: "agents/get", roles: [...ALL_ROLES], response: agentOut }),
  updateAgent: defineRoute({ method: "PUT", path: "/agents/{id}", tag: "Agents", summary: "Update an agent (not its phone while logged in)", permission: "agents/update", body: updateAgentBody, response: agentOut }),
  deleteAgent: defineRoute({ method: "DELETE", path: "/agents/{id}", tag: "Agents", summary: "Delete a logged-out agent", permission: "agents/delete" }),
  loginAgent: defineRoute({ method: "POST", path: "/agents/{id}/login", tag: "Agents", summary: "Log in to a campaign: Pacer calls the agent's phone once and holds it", permission: "agents/login", roles: [...ALL_ROLES], body: agentLoginBody, response: agentOut }),
  logoutAgent: defineRoute({ method: "POST", path: "/agents/{id}/logout", tag: "Agents", summary: "Log out (after the current call, if any)", permission: "agents/logout", roles: [...ALL_ROLES], response: agentOut }),
  setAgentState: defineRoute({ method: "POST", path: "/agents/{id}/state", tag: "Agents", summary: "Go available, or on break with a reason code (break, lunch, training, meeting, coaching, technical, other; a break starts after the current call)", permission: "agents/state", roles: [...ALL_ROLES], body: agentStateBody, response: agentOut }),
  patchAgentState: defineRoute({
    method: "PATCH",
    path: "/agents/{id}/state",
    tag: "Agents",
    summary: "Set the agent's status in mod_callcenter's words: Available, On Break (with a reason code), Wrapup (a wrap-up stretch of its queue's or campaign's length, then Available) or Logged Out; a break or logout asked during a call starts after it. 409 when the agent is logged out (except Logged Out)",
    permission: "agents/state",
    roles: [...ALL_ROLES],
    body: agentStatusBody,
    response: agentOut,
  }),
  agentHangup: defineRoute({ method: "POST", path: "/agents/{id}/hangup", tag: "Agents", summary: "Hang up the customer on the agent's live call (409 when it has none); wrap-up follows", permission: "agents/hangup", roles: [...ALL_ROLES], response: hangupOut, status: 202 }),
  agentLeadHistory: defineRoute({ method: "GET", path: "/agents/{id}/leads/{leadId}/history", tag: "Agents", summary: "The calls placed to the lead the agent is on (or was last on), newest first; 403 for any other lead", permission: "agents/lead", roles: [...ALL_ROLES], response: leadHistoryOut }),
  agentLeadPhones: defineRoute({ method: "PUT", path: "/agents/{id}/leads/{leadId}/phones", tag: "Agents", summary: "Edit the numbers of the lead the agent is on (or was last on), as PUT /numbers/{id} does; 403 for any other lead, 409 while it is being called", permission: "agents/lead_phones", roles: [...ALL_ROLES], body: updateLeadBody, response: leadOut }),
  setDisposition: defineRoute({ method: "POST", path: "/agents/{id}/disposition", tag: "Agents", summary: "Disposition the agent's last call: SALE, CALLBACK (with callback_at, or callback_local in the lead's time zone), NOANSWER, BUSY, VOICEMAIL, DNC or a custom word", permission: "agents/disposition", roles: [...ALL_ROLES], body: dispositionBody, response: dispositionOut }),
  previewDial: defineRoute({ method: "POST", path: "/agents/{id}/preview/dial", tag: "Agents", summary: "Preview mode: dial the lead shown to the agent (409 when none is shown)", permission: "agents/preview", roles: [...ALL_ROLES], response: previewChoiceOut }),
  previewSkip: defineRoute({ method: "POST", path: "/agents/{id}/preview/skip", tag: "Agents", summary: "Preview mode: skip the lead shown to the agent; it comes back after the campaign's retry delay, no attempt counted (409 when none is shown)", permission: "agents/preview", roles: [...ALL_ROLES], response: previewChoiceOut }),
  startMonitor: defineRoute({ method: "POST", path: "/agents/{id}/monitor", tag: "Agents", summary: "Listen in on the agent's live call from your phone: Pacer calls `phone` (an extension or dial string; the last one used when omitted) and, once it answers, connects it in `mode` (listen: you hear both, nobody hears you; whisper: the agent hears you, the customer does not; barge: both do). 409 when the agent has no live call or is already monitored", permission: "agents/monitor", body: startMonitorBody, response: monitorOut, status: 202 }),
  listQueues: defineRoute({ method: "GET", path: "/queues", tag: "Queues", summary: "List queues with their strategy, tier rules, tier count and the campaigns that route to them", permission: "queues/list", response: z.array(queueOut) }),
  createQueue: defineRoute({ method: "POST", path: "/queues", tag: "Queues", summary: "Create a queue (409 if the name is taken)", permission: "queues/create", body: createQueueBody, response: queueWithTiersOut, status: 201 }),
  getQueue: defineRoute({ method: "GET", path: "/queues/{id}", tag: "Queues", summary: "Get a queue with its tiers (agents by level and position)", permission: "queues/get", response: queueWithTiersOut }),
  updateQueue: defineRoute({ method: "PATCH", path: "/queues/{id}", tag: "Queues", summary: "Change a queue (partial); the dialer applies it within a second, also to running campaigns", permission: "queues/update", body: updateQueueBody, response: queueWithTiersOut }),
  deleteQueue: defineRoute({ method: "DELETE", path: "/queues/{id}", tag: "Queues", summary: "Delete a queue no campaign routes to (409 otherwise); its tiers go with it", permission: "queues/delete" }),
  listQueueTiers: defineRoute({ method: "GET", path: "/queues/{id}/tiers", tag: "Queues", summary: "A queue's tiers: its agents by level and position, with their live state", permission: "queues/tiers", response: z.array(queueTierOut) }),
  addQueueTier: defineRoute({ method: "POST", path: "/queues/{id}/tiers", tag: "Queues", summary: "Put an agent (id or name) in the queue at a level and position (409 when it is already there)", permission: "queues/tiers_update", body: addTierBody, response: queueTierOut, status: 201 }),
  deleteQueueTier: defineRoute({ method: "DELETE", path: "/queues/{id}/tiers/{agentId}", tag: "Queues", summary: "Take an agent out of the queue", permission: "queues/tiers_update" }),
  listMonitors: defineRoute({ method: "GET", path: "/monitors", tag: "Agents", summary: "Supervisors' listen/whisper/barge sessions that have not ended", permission: "agents/monitor", response: z.array(monitorOut) }),
  monitorPhone: defineRoute({ method: "GET", path: "/monitors/phone", tag: "Agents", summary: "The phone the caller last listened in from", permission: "agents/monitor", response: monitorPhoneOut }),
  getMonitor: defineRoute({ method: "GET", path: "/monitors/{id}", tag: "Agents", summary: "A listen/whisper/barge session", permission: "agents/monitor", response: monitorOut }),
  switchMonitorMode: defineRoute({ method: "PATCH", path: "/monitors/{id}", tag: "Agents", summary: "Switch your session to listen, whisper or barge (its supervisor only)", permission: "agents/monitor", body: monitorModeBody, response: monitorOut, status: 202 }),
  stopMonitor: defineRoute({ method: "DELETE", path: "/monitors/{id}", tag: "Agents", summary: "Stop a session: Pacer hangs up the supervisor's phone, the call goes on (its supervisor or an admin)", permission: "agents/monitor", response: monitorOut, status: 202 }),

  listDnc: defineRoute({ method: "GET", path: "/dnc", tag: "Do not call", summary: "List do-not-call numbers, newest first; `campaign_id=global` for the system-wide list only", permission: "dnc/list", query: listDncQuery, response: z.array(dncOut), paginated: true }),
  addDnc: defineRoute({ method: "POST", path: "/dnc", tag: "Do not call", summary: "Add one number to the system-wide list, or to a campaign's (409 if already there)", permission: "dnc/create", body: createDncBody, response: dncOut, status: 201 }),
  addDncBulk: defineRoute({ method: "POST", path: "/dnc/bulk", tag: "Do not call", summary: "Add many numbers in one transaction (all or nothing); numbers already listed are skipped", permission: "dnc/create", body: bulkDncBody, response: dncBulkOut, status: 201 }),
  checkDnc: defineRoute({ method: "GET", path: "/dnc/check", tag: "Do not call", summary: "Is a number on the system-wide list or a campaign's?", permission: "dnc/check", query: checkDncQuery, response: dncCheckOut }),
  deleteDnc: defineRoute({ method: "DELETE", path: "/dnc/{id}", tag: "Do not call", summary: "Remove a number from its do-not-call list", permission: "dnc/delete" }),

  listUsers: defineRoute({ method: "GET", path: "/users", tag: "Users", summary: "List users (admin)", permission: "users/list", roles: ["admin"], response: z.array(userOut) }),
  createUser: defineRoute({ method: "POST", path: "/users", tag: "Users", summary: "Create a user (admin)", permission: "users/create", roles: ["admin"], body: createUserBody, response: userOut, status: 201 }),
  getUser: defineRoute({ method: "GET", path: "/users/{id}", tag: "Users", summary: "Get a user (admin)", permission: "users/list", roles: ["admin"], response: userOut }),
  updateUser: defineRoute({ method: "PUT", path: "/users/{id}", tag: "Users", summary: "Update a user (admin)", permission: "users/update", roles: ["admin"], body: updateUserBody, response: userOut }),
  deleteUser: defineRoute({ method: "DELETE", path: "/users/{id}", tag: "Users", summary: "Delete a user (admin; never the last admin)", permission: "users/delete", roles: ["admin"] }),

  listPbx: defineRoute({ method: "GET", path: "/pbx", tag: "PBX servers", summary: "PBX servers with live health, and the built-in simulator's state (admin)", permission: "pbx/list", roles: ["admin"], response: pbxListOut }),
  createPbx: defineRoute({ method: "POST", path: "/pbx", tag: "PBX servers", summary: "Add an Asterisk (ARI) or FreeSWITCH (ESL) server (admin)", permission: "pbx/create", roles: ["admin"], body: createPbxBody, response: pbxServerOut, status: 201 }),
  testNewPbx: defineRoute({ method: "POST", path: "/pbx/test", tag: "PBX servers", summary: "Try connecting to a server before saving it (admin)", permission: "pbx/test", roles: ["admin"], body: testPbxBody, response: pbxTestOut }),
  getPbx: defineRoute({ method: "GET", path: "/pbx/{id}", tag: "PBX servers", summary: "A PBX server with live health (admin)", permission: "pbx/list", roles: ["admin"], response: pbxServerOut }),
  updatePbx: defineRoute({ method: "PUT", path: "/pbx/{id}", tag: "PBX servers", summary: "Update a PBX server; omit password to keep it (admin)", permission: "pbx/update", roles: ["admin"], body: updatePbxBody, response: pbxServerOut }),
  deletePbx: defineRoute({ method: "DELETE", path: "/pbx/{id}", tag: "PBX servers", summary: "Remove a PBX server (admin)", permission: "pbx/delete", roles: ["admin"] }),
  testPbx: defineRoute({ method: "POST", path: "/pbx/{id}/test", tag: "PBX servers", summary: "Try connecting to a saved server (admin)", permission: "pbx/test", roles: ["admin"], response: pbxTestOut }),

  listTrunks: defineRoute({ method: "GET", path: "/trunks", tag: "Trunks", summary: "List trunks with their live channels and CPS", permission: "trunks/list", query: listTrunksQuery, response: z.array(trunkOut), paginated: true }),
  createTrunk: defineRoute({ method: "POST", path: "/trunks", tag: "Trunks", summary: "Create a trunk (admin; 409 if the name is taken)", permission: "trunks/create", roles: ["admin"], body: createTrunkBody, response: trunkOut, status: 201 }),
  getTrunk: defineRoute({ method: "GET", path: "/trunks/{id}", tag: "Trunks", summary: "Get a trunk with its live channels and CPS", permission: "trunks/get", response: trunkOut }),
  updateTrunk: defineRoute({ method: "PUT", path: "/trunks/{id}", tag: "Trunks", summary: "Update a trunk (admin); caps, weight and enabled apply on the dialer's next tick", permission: "trunks/update", roles: ["admin"], body: updateTrunkBody, response: trunkOut }),
  providersHealth: defineRoute({ method: "GET", path: "/providers/health", tag: "Trunks", summary: "Every trunk's health: rolling 5 min and 1 h attempts, ASR, ACD, post-dial delay, SIP/Q.850 causes, CPS against its cap, and its place in the dialer's rotation", permission: "trunks/health", response: z.array(providerHealthOut) }),
  providerHealth: defineRoute({ method: "GET", path: "/providers/{id}/health", tag: "Trunks", summary: "One trunk's health and rotation state", permission: "trunks/health", response: providerHealthOut }),
  probeProvider: defineRoute({
    method: "POST",
    path: "/providers/{id}/probe",
    tag: "Trunks",
    summary: "Probe a trunk now (admin): a call to its probe number through it; one out of rotation that gets through comes back. 200 with the result, 202 when no dialer answered within 20 s; 409 without a probe number or when disabled",
    permission: "trunks/probe",
    roles: ["admin"],
    response: probeOut,
  }),
  deleteTrunk: defineRoute({ method: "DELETE", path: "/trunks/{id}", tag: "Trunks", summary: "Delete a trunk (admin); 409 while a running or paused campaign uses it (disable it instead)", permission: "trunks/delete", roles: ["admin"] }),

  demoStatus: defineRoute({ method: "GET", path: "/demo", tag: "Demo", summary: "Whether the first-start demo (a running predictive campaign on fictional numbers, worked by simulated agents) exists, and whether its agents are at work", permission: "demo/get", response: demoStatusOut }),
  installDemo: defineRoute({ method: "POST", path: "/demo", tag: "Demo", summary: "Create the demo as the first start does (admin; 409 when it exists, or without the built-in simulator in this process)", permission: "demo/create", roles: ["admin"], response: demoStatusOut, status: 201 }),
  removeDemo: defineRoute({ method: "DELETE", path: "/demo", tag: "Demo", summary: "Remove the demo in one go: stop its campaign and simulated agents, then delete the campaign, its list and numbers, the agents and their users, and their call records (audited; 404 when there is none)", permission: "demo/delete", response: demoRemovedOut }),

  freeswitchIntegration: defineRoute({
    method: "GET",
    path: "/integrations/freeswitch",
    tag: "PBX servers",
    summary: "The FreeSWITCH configuration Pacer expects, for this install: event socket and ACL, dialplan (AMD, extensions), mod_json_cdr posting to /api/cdr/intake. Secrets stay placeholders (admin)",
    permission: "pbx/list",
    roles: ["admin"],
    response: freeswitchIntegrationOut,
  }),
  listWebhooks: defineRoute({ method: "GET", path: "/webhooks", tag: "Webhooks", summary: "Webhook subscriptions with their deliveries by status (secrets are never shown again)", permission: "webhooks/read", response: z.array(webhookOut) }),
  createWebhook: defineRoute({ method: "POST", path: "/webhooks", tag: "Webhooks", summary: "Subscribe a URL (http or https) to event types; the reply holds the signing secret, shown this once", permission: "webhooks/write", body: createWebhookBody, response: webhookWithSecretOut, status: 201 }),
  getWebhook: defineRoute({ method: "GET", path: "/webhooks/{id}", tag: "Webhooks", summary: "A webhook subscription", permission: "webhooks/read", response: webhookOut }),
  updateWebhook: defineRoute({ method: "PUT", path: "/webhooks/{id}", tag: "Webhooks", summary: "Change a subscription's name, URL, event types or active flag (an inactive one gets no new deliveries)", permission: "webhooks/write", body: updateWebhookBody, response: webhookOut }),
  deleteWebhook: defineRoute({ method: "DELETE", path: "/webhooks/{id}", tag: "Webhooks", summary: "Delete a subscription and its delivery log", permission: "webhooks/write" }),
  rotateWebhookSecret: defineRoute({ method: "POST", path: "/webhooks/{id}/rotate-secret", tag: "Webhooks", summary: "Replace the signing secret; the new one is in the reply, shown this once", permission: "webhooks/write", response: webhookWithSecretOut }),
  listWebhookDeliveries: defineRoute({ method: "GET", path: "/webhooks/{id}/deliveries", tag: "Webhooks", summary: "A subscription's delivery log, newest first: status, attempts, response code, last error, timings", permission: "webhooks/read", query: listDeliveriesQuery, response: z.array(deliveryOut), paginated: true }),
  replayWebhookDelivery: defineRoute({ method: "POST", path: "/webhooks/{id}/deliveries/{deliveryId}/replay", tag: "Webhooks", summary: "Send a delivered or failed delivery again (409 while it is queued)", permission: "webhooks/write", response: deliveryOut, status: 202 }),

  listAudit: defineRoute({ method: "GET", path: "/audit", tag: "Audit", summary: "Audit log of every change (admin)", permission: "audit/list", roles: ["admin"], query: listAuditQuery, paginated: true }),
};
