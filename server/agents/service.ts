import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { getDb, inTransaction, type DbOrTx } from "@/db/client";
import { agents, callAttempts, campaigns, cdr, leads, type Agent } from "@/db/schema";
import type { Caller } from "../api/caller";
import { ApiError, orNotFound } from "../api/errors";
import { formatTime } from "../api/format";
import { recordAudit } from "../audit/queries";
import { findCampaign } from "../campaigns/queries";
import { settleAttempt } from "../dialer/lead-phones";
import { holdDisposition } from "../dialer/queries";
import { addDncNumber } from "../dnc/queries";
import { publish } from "../runtime/registry";
import { emitCampaignStatusChanged, emitWebhookEvent } from "../webhooks/outbox";
import { findUserById } from "../users/queries";
import { toLeadDto } from "../leads/queries";
import { deleteAgentRow, findAgent, findAgentByName, findAgentByUser, insertAgent, listAgentRows, toAgentDto, updateAgentRow } from "./queries";
import { callbackInstant, leadZone } from "./callback-time";
import { AGENT_STATUSES, type agentLoginBody, type agentStateBody, type agentStatusBody, type createAgentBody, type dispositionBody, type updateAgentBody } from "./validation";
import { findTier } from "../queues/queries";

/** An agent may act only as itself; supervisors and admins on anyone. */
export async function agentFor(db: DbOrTx, caller: Caller, id: number): Promise<Agent> {
  const agent = orNotFound(await findAgent(db, id), "Agent");
  if (caller.user.role === "agent" && agent.userId !== caller.user.id) throw ApiError.forbidden("Forbidden: agents may only act as themselves");
  return agent;
}

/**
 * A state change needs an agent the dialer holds. One just asked to log in (its phone being called)
 * is told so, not that it is logged out.
 */
function refuseUnlessLoggedIn(agent: Agent) {
  if (agent.state !== "logged_out" || agent.owner) return;
  if (agent.campaignId && agent.requestedState === "available") {
    throw ApiError.conflict("Agent is still logging in (its phone is being called). Try again once it is available.");
  }
  throw ApiError.conflict("Agent is logged out. Log in to a campaign first.");
}

async function checkUser(db: DbOrTx, userId: number | null | undefined, exceptAgent?: number) {
  if (!userId) return;
  if (!(await findUserById(userId, db))) throw ApiError.badRequest("Validation failed: user_id: no such user", { user_id: [`no user with id ${userId}`] });
  const taken = await findAgentByUser(db, userId);
  if (taken && taken.id !== exceptAgent) throw ApiError.badRequest("Validation failed: user_id: already an agent", { user_id: [`user ${userId} is already agent '${taken.name}'`] });
}

export async function listAgents(campaignId?: number) {
  return (await listAgentRows(await getDb(), { campaignId })).map(toAgentDto);
}

export async function getAgent(caller: Caller, id: number) {
  return toAgentDto(await agentFor(await getDb(), caller, id));
}

export async function createAgent(caller: Caller, input: z.output<typeof createAgentBody>) {
  return inTransaction(async (tx) => {
    if (await findAgentByName(tx, input.name)) throw ApiError.conflict(`An agent named '${input.name}' already exists`);
    await checkUser(tx, input.user_id);
    const row = await insertAgent(tx, { name: input.name, extension: input.extension, userId: input.user_id ?? null });
    await recordAudit(tx, caller, { action: "agent.create", entityType: "agent", entityId: row.id, details: toAgentDto(row) });
    return toAgentDto(row);
  });
}

export async function updateAgent(caller: Caller, id: number, input: z.output<typeof updateAgentBody>) {
  return inTransaction(async (tx) => {
    const before = orNotFound(await findAgent(tx, id, { forUpdate: true }), "Agent");
    if (before.state !== "logged_out" && input.extension && input.extension !== before.extension) throw ApiError.conflict("Cannot change the phone of a logged-in agent. Log it out first.");
    if (input.name && input.name !== before.name && (await findAgentByName(tx, input.name))) throw ApiError.conflict(`An agent named '${input.name}' already exists`);
    if (input.user_id !== undefined) await checkUser(tx, input.user_id, id);
    const after = await updateAgentRow(tx, id, { name: input.name, extension: input.extension, userId: input.user_id === undefined ? undefined : input.user_id });
    await recordAudit(tx, caller, { action: "agent.update", entityType: "agent", entityId: id, details: { before: toAgentDto(before), after: toAgentDto(after!) } });
    return toAgentDto(after!);
  });
}

export async function deleteAgent(caller: Caller, id: number) {
  await inTransaction(async (tx) => {
    const row = orNotFound(await findAgent(tx, id, { forUpdate: true }), "Agent");
    if (row.state !== "logged_out" || row.owner) throw ApiError.conflict("Cannot delete a logged-in agent. Log it out first.");
    await deleteAgentRow(tx, id);
    await recordAudit(tx, caller, { action: "agent.delete", entityType: "agent", entityId: id, details: toAgentDto(row) });
  });
}

/** Asks the dialer to call the agent's phone and hold it for the campaign's calls. */
export async function loginAgent(caller: Caller, id: number, input: z.output<typeof agentLoginBody>) {
  return inTransaction(async (tx) => {
    const agent = await agentFor(tx, caller, id);
    const campaign = await findCampaign(tx, input.campaign_id);
    if (!campaign) throw ApiError.badRequest("Validation failed: campaign_id: no such campaign", { campaign_id: [`no campaign with id ${input.campaign_id}`] });
    if (agent.state !== "logged_out" || agent.owner) {
      if (agent.campaignId === campaign.id) return toAgentDto(agent);
      throw ApiError.conflict(`Agent is logged in to campaign ${agent.campaignId}. Log out first.`);
    }
    // A campaign with a queue is worked by the queue's agents only.
    if (campaign.queueId && !(await findTier(tx, campaign.queueId, agent.id))) {
      throw ApiError.conflict(`Agent '${agent.name}' is not in the queue of campaign '${campaign.name}': add it to the queue (POST /queues/${campaign.queueId}/tiers) first`);
    }
    const row = await updateAgentRow(tx, id, { campaignId: campaign.id, requestedState: "available" });
    await recordAudit(tx, caller, { action: "agent.login", entityType: "agent", entityId: id, details: { campaign_id: campaign.id } });
    return toAgentDto(row!);
  });
}

export async function logoutAgent(caller: Caller, id: number) {
  return inTransaction(async (tx) => {
    await agentFor(tx, caller, id);
    const row = await updateAgentRow(tx, id, { requestedState: "logged_out" });
    await recordAudit(tx, caller, { action: "agent.logout", entityType: "agent", entityId: id, details: {} });
    return toAgentDto(row!);
  });
}

/** Ready, or a break with its reason code (`break` when none is given); asking again while on break changes the reason. */
export async function setAgentState(caller: Caller, id: number, input: z.output<typeof agentStateBody>) {
  const { state } = input;
  return inTransaction(async (tx) => {
    const agent = await agentFor(tx, caller, id);
    refuseUnlessLoggedIn(agent);
    const reason = state === "on_break" ? (input.reason ?? "break") : null;
    const row = await updateAgentRow(tx, id, { requestedState: state, ...(reason ? { breakReason: reason } : {}) });
    await recordAudit(tx, caller, { action: "agent.state", entityType: "agent", entityId: id, details: { requested: state, was: agent.state, ...(reason ? { reason, was_reason: agent.state === "on_break" ? agent.breakReason : null } : {}) } });
    return toAgentDto(row!);
  });
}

/**
 * mod_callcenter's statuses (`PATCH /agents/{id}/state`): Available and On Break as
 * `setAgentState`; Wrapup starts a wrap-up stretch (the queue's or campaign's length) for an agent
 * that is ready or on break, then Available (a no-op during a call, which ends in one anyway);
 * Logged Out as `logoutAgent` (idempotent for an agent already logged out).
 */
export async function setAgentStatus(caller: Caller, id: number, input: z.output<typeof agentStatusBody>) {
  const state = AGENT_STATUSES[input.status];
  return inTransaction(async (tx) => {
    const agent = await agentFor(tx, caller, id);
    const loggedOut = agent.state === "logged_out" && !agent.owner;
    if (loggedOut && state === "logged_out") return toAgentDto(agent);
    refuseUnlessLoggedIn(agent);
    const reason = state === "on_break" ? (input.reason ?? "break") : null;
    const row = await updateAgentRow(tx, id, { requestedState: state, ...(reason ? { breakReason: reason } : {}) });
    await recordAudit(tx, caller, {
      action: "agent.state",
      entityType: "agent",
      entityId: id,
      details: { status: input.status, requested: state, was: agent.state, ...(reason ? { reason } : {}) },
    });
    return toAgentDto(row!);
  });
}

/**
 * The agent's word on its last call: overrides the system outcome for the lead (SALE finishes it,
 * CALLBACK brings it back at the time asked, NOANSWER/BUSY/VOICEMAIL follow their retry rules, DNC
 * puts the number on the campaign's do-not-call list). Given while the call is still up, it is kept
 * on the call and applied when the call ends (`pending`).
 */
export async function setDisposition(caller: Caller, id: number, input: z.output<typeof dispositionBody>) {
  const result = await inTransaction(async (tx) => {
    const agent = await agentFor(tx, caller, id);
    if (!agent.lastAttemptId) throw ApiError.conflict("This agent has had no call to disposition");
    let [attempt] = await tx.select().from(callAttempts).where(eq(callAttempts.id, agent.lastAttemptId));
    if (!attempt) throw ApiError.conflict("The agent's last call is no longer on record");
    const callbackIso = await resolveCallbackAt(tx, attempt, input);
    const early = { disposition: input.disposition, callbackAt: callbackIso ?? null, notes: input.notes ?? null, userId: caller.user.id };
    if (attempt.state !== "ended") {
      if (await holdDisposition(tx, attempt.id, early)) {
        await recordAudit(tx, caller, {
          action: "lead.disposition",
          entityType: "lead",
          entityId: attempt.leadId,
          details: { agent_id: agent.id, attempt_id: attempt.id, disposition: input.disposition, callback_at: callbackIso ?? null, notes: input.notes ?? null, status: "calling", applied: "when the call ends" },
        });
        await emitLeadDisposed(tx, { attempt, agentId: agent.id, disposition: input.disposition, callbackAt: callbackIso ?? null, notes: input.notes ?? null, leadStatus: "calling", applied: "when the call ends" });
        return { lead_id: attempt.leadId, attempt_id: attempt.id, disposition: input.disposition, lead_status: "calling", next_attempt_at: null, reopened: null, pending: true as const };
      }
      // The call ended meanwhile: the disposition is for an ended call.
      [attempt] = await tx.select().from(callAttempts).where(eq(callAttempts.id, attempt.id));
    }
    const [lead] = await tx.select().from(leads).where(eq(leads.id, attempt.leadId)).for("update");
    if (!lead) throw ApiError.conflict("The lead of this call was deleted");
    if (lead.currentAttemptId !== null && lead.currentAttemptId !== attempt.id) throw ApiError.conflict("The lead is being dialed again; its disposition can no longer change");
    const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, attempt.campaignId));
    const now = new Date();
    const callbackAt = callbackIso ? new Date(callbackIso) : null;
    // The disposition settles the number that was called: NOANSWER/BUSY/VOICEMAIL follow its retry
    // rule and then the lead's next number; SALE, DNC and other words end the whole lead.
    const next = settleAttempt(lead, attempt.phonePosition, {
      outcome: "answered",
      disposition: input.disposition,
      callbackAt,
      rules: { retryTimes: campaign?.retryTimes ?? 0, retryDelaySec: campaign?.retryDelay ?? 300, rules: campaign?.retryRules ?? null },
      now,
    });
    await tx
      .update(leads)
      .set({ status: next.status, nextAttemptAt: next.nextAttemptAt, phones: next.phones, phonePosition: next.phonePosition, disposition: input.disposition, updatedAt: now })
      .where(eq(leads.id, lead.id));
    await tx.update(cdr).set({ leadDisposition: input.disposition }).where(eq(cdr.attemptId, attempt.id));
    // Kept with its notes for the lead's history (the screen pop's earlier calls).
    await tx.update(callAttempts).set({ agentDisposition: early }).where(eq(callAttempts.id, attempt.id));
    if (input.disposition === "DNC") await addDncNumber(tx, { campaignId: attempt.campaignId, phoneNumber: attempt.phoneNumber, source: "agent", note: input.notes ?? `agent ${agent.name}`, createdBy: caller.user.id });
    // A callback on a campaign that had run out of numbers brings it back to life.
    if (next.status === "pending" && campaign?.status === "completed") {
      await tx.update(campaigns).set({ status: "running", updatedAt: now }).where(and(eq(campaigns.id, campaign.id), eq(campaigns.status, "completed")));
      await emitCampaignStatusChanged(tx, campaign, "completed", "running", "callback", caller.user.id);
    }
    await recordAudit(tx, caller, {
      action: "lead.disposition",
      entityType: "lead",
      entityId: lead.id,
      details: { agent_id: agent.id, attempt_id: attempt.id, disposition: input.disposition, callback_at: callbackIso ?? null, notes: input.notes ?? null, status: next.status },
    });
    await emitLeadDisposed(tx, { attempt, agentId: agent.id, disposition: input.disposition, callbackAt: callbackIso ?? null, notes: input.notes ?? null, leadStatus: next.status, applied: "now" });
    return { lead_id: lead.id, attempt_id: attempt.id, disposition: input.disposition, lead_status: next.status, next_attempt_at: formatTime(next.nextAttemptAt), reopened: campaign?.status === "completed" && next.status === "pending" ? campaign.id : null };
  });
  if (result.reopened) publish({ type: "campaign.update", campaign_id: result.reopened, status: "running", change: "status", ts: new Date().toISOString() });
  const { reopened: _r, ...out } = result;
  return out;
}

/** The webhook event of an agent's disposition, written with it. */
function emitLeadDisposed(
  tx: DbOrTx,
  d: { attempt: typeof callAttempts.$inferSelect; agentId: number; disposition: string; callbackAt: string | null; notes: string | null; leadStatus: string; applied: "now" | "when the call ends" },
) {
  return emitWebhookEvent(tx, "lead.disposed", {
    lead_id: d.attempt.leadId,
    campaign_id: d.attempt.campaignId,
    attempt_id: d.attempt.id,
    phone_number: d.attempt.phoneNumber,
    agent_id: d.agentId,
    disposition: d.disposition,
    callback_at: d.callbackAt,
    notes: d.notes,
    lead_status: d.leadStatus,
    applied: d.applied,
  });
}

/**
 * The callback's UTC instant as ISO text: `callback_at` as given, or `callback_local` read in the
 * lead's zone (the zone its calling hours are judged in). Refused when it is already past.
 */
async function resolveCallbackAt(tx: DbOrTx, attempt: { leadId: number; campaignId: number }, input: z.output<typeof dispositionBody>): Promise<string | undefined> {
  if (!input.callback_local) return input.callback_at;
  const [lead] = await tx.select().from(leads).where(eq(leads.id, attempt.leadId));
  if (!lead) throw ApiError.conflict("The lead of this call was deleted");
  const campaign = await findCampaign(tx, attempt.campaignId);
  const { zone } = leadZone(lead, campaign?.timezone);
  const at = callbackInstant(input.callback_local, zone);
  if (at.getTime() < Date.now() - 60_000) {
    throw ApiError.badRequest("Validation failed: callback_local: must be in the future", { callback_local: [`must be in the future (${input.callback_local} in ${zone} has passed)`] });
  }
  return at.toISOString();
}

/**
 * Preview mode: the agent's choice on the lead in front of it. Dial places the call with the
 * agent reserved for it; skip gives the lead back uncalled (not counted as an attempt) until the
 * campaign's retry delay has passed. The dialer holding the agent applies the choice within a tick.
 */
export async function choosePreview(caller: Caller, id: number, action: "dial" | "skip") {
  return inTransaction(async (tx) => {
    await agentFor(tx, caller, id);
    const agent = (await findAgent(tx, id, { forUpdate: true }))!;
    const [attempt] = agent.currentAttemptId ? await tx.select().from(callAttempts).where(eq(callAttempts.id, agent.currentAttemptId)) : [];
    if (!attempt || attempt.state !== "preview") throw ApiError.conflict("No preview lead is shown to this agent");
    if (agent.previewAction && agent.previewAttemptId === attempt.id && agent.previewAction !== action) {
      throw ApiError.conflict(`This lead is already being ${agent.previewAction === "dial" ? "dialed" : "skipped"}`);
    }
    await updateAgentRow(tx, id, { previewAction: action, previewAttemptId: attempt.id });
    await recordAudit(tx, caller, {
      action: action === "dial" ? "agent.preview_dial" : "agent.preview_skip",
      entityType: "agent",
      entityId: id,
      details: { attempt_id: attempt.id, lead_id: attempt.leadId, phone_number: attempt.phoneNumber, campaign_id: attempt.campaignId },
    });
    return { agent_id: id, attempt_id: attempt.id, lead_id: attempt.leadId, phone_number: attempt.phoneNumber, action };
  });
}

/**
 * Campaigns an agent may log in to: just enough to choose one (agents may not read campaigns'
 * settings). Campaigns that pass calls to agents first.
 */
export async function loginCampaigns() {
  const db = await getDb();
  const rows = await db.select({ id: campaigns.id, name: campaigns.name, dial_mode: campaigns.dialMode, status: campaigns.status }).from(campaigns).orderBy(campaigns.name);
  const agentMode = (m: string) => m !== "agentless";
  return [...rows.filter((r) => agentMode(r.dial_mode)), ...rows.filter((r) => !agentMode(r.dial_mode))];
}

/** The agent console's view: the agent (of the caller, or the given one), its queue, and the lead on the line. */
export async function agentConsole(caller: Caller, id?: number) {
  const db = await getDb();
  const agent = id ? await agentFor(db, caller, id) : await findAgentByUser(db, caller.user.id);
  if (!agent) return { agent: null, campaign: null, call: null, queue: null };
  const campaign = agent.campaignId ? await findCampaign(db, agent.campaignId) : undefined;
  const attemptId = agent.currentAttemptId ?? agent.lastAttemptId;
  let call = null;
  if (attemptId) {
    const [attempt] = await db.select().from(callAttempts).where(eq(callAttempts.id, attemptId));
    const [lead] = attempt ? await db.select().from(leads).where(eq(leads.id, attempt.leadId)) : [];
    if (attempt && lead) {
      const timeoutSec = campaign?.previewTimeoutSec ?? 0;
      call = {
        attempt_id: attempt.id,
        channel_id: attempt.channelId,
        state: attempt.state,
        phone_number: attempt.phoneNumber,
        started_at: formatTime(attempt.startedAt)!,
        answered_at: formatTime(attempt.answeredAt),
        ended_at: formatTime(attempt.endedAt),
        preview:
          attempt.state === "preview"
            ? { expires_at: timeoutSec > 0 ? formatTime(new Date(attempt.startedAt.getTime() + timeoutSec * 1000)) : null, on_timeout: campaign?.previewTimeoutAction ?? "skip" }
            : null,
        lead: {
          id: lead.id,
          phone_number: lead.phoneNumber,
          attempts: lead.attempts,
          data: lead.data ?? null,
          disposition: lead.disposition,
          status: lead.status,
          phones: toLeadDto(lead).phones.map((p) => ({ phone_number: p.phone_number })),
          time_zone: leadZone(lead, campaign?.timezone),
        },
      };
    }
  }
  let queue = null;
  if (campaign) {
    const team = await db.select({ state: agents.state }).from(agents).where(eq(agents.campaignId, campaign.id));
    const count = (s: Agent["state"]) => team.filter((a) => a.state === s).length;
    queue = { available: count("available"), on_call: count("on_call"), wrapup: count("wrapup"), on_break: count("on_break"), logged_out: count("logged_out") };
  }
  return {
    agent: toAgentDto(agent),
    campaign: campaign ? { id: campaign.id, name: campaign.name, dial_mode: campaign.dialMode, wrapup_sec: campaign.wrapupSec } : null,
    call,
    queue,
  };
}
