import type { z } from "zod";
import { getDb, inTransaction } from "@/db/client";
import { eq } from "drizzle-orm";
import { callAttempts, type Agent } from "@/db/schema";
import type { Caller } from "../api/caller";
import { ApiError } from "../api/errors";
import { formatTime } from "../api/format";
import { recordAudit } from "../audit/queries";
import { updateLead } from "../leads/service";
import type { updateLeadBody } from "../leads/validation";
import { agentIsOnLead, leadHistoryRows, requestAgentHangup } from "./queries";
import { agentFor } from "./service";

/**
 * What the agent console may do with the lead in front of the agent. Least privilege: an agent
 * reads and edits only the lead of its current or last call (a supervisor acting on an agent, the
 * same), never any other lead, whatever id it sends.
 */
async function agentOnLead(caller: Caller, agentId: number, leadId: number): Promise<Agent> {
  const db = await getDb();
  const agent = await agentFor(db, caller, agentId);
  if (!(await agentIsOnLead(db, agent, leadId))) throw ApiError.forbidden("Forbidden: the agent is not on this lead (only the lead of its current or last call)");
  return agent;
}

/** The lead's calls, newest first, for the screen pop. */
export async function agentLeadHistory(caller: Caller, agentId: number, leadId: number) {
  await agentOnLead(caller, agentId, leadId);
  const rows = await leadHistoryRows(await getDb(), leadId);
  return {
    lead_id: leadId,
    attempts: rows.map(({ attempt: a, ...r }) => ({
      attempt_id: a.id,
      attempt_no: a.attemptNo,
      phone_number: a.phoneNumber,
      started_at: formatTime(a.startedAt)!,
      answered_at: formatTime(a.answeredAt),
      ended_at: formatTime(a.endedAt),
      talk_sec: a.answeredAt ? (r.billsec ?? (a.endedAt ? Math.round((a.endedAt.getTime() - a.answeredAt.getTime()) / 1000) : null)) : null,
      outcome: a.outcome ?? r.cdrDisposition ?? null,
      disposition: r.leadDisposition ?? a.agentDisposition?.disposition ?? null,
      callback_at: formatTime(a.agentDisposition?.callbackAt ? new Date(a.agentDisposition.callbackAt) : null),
      notes: a.agentDisposition?.notes ?? null,
      agent: r.agentName ?? r.cdrAgent ?? null,
    })),
  };
}

/** The lists' numbers edit (same rules, same audit entry), on the agent's own lead only. */
export async function updateAgentLeadPhones(caller: Caller, agentId: number, leadId: number, input: z.output<typeof updateLeadBody>) {
  const agent = await agentOnLead(caller, agentId, leadId);
  return updateLead(caller, leadId, input, { agent_id: agent.id });
}

/** Ends the customer's side of the agent's live call; the dialer holding the agent hangs up within a tick. */
export async function hangupAgentCall(caller: Caller, agentId: number) {
  return inTransaction(async (tx) => {
    const agent = await agentFor(tx, caller, agentId);
    const attemptId = agent.state === "on_call" ? agent.currentAttemptId : null;
    if (!attemptId) throw ApiError.conflict("The agent has no call to hang up");
    const [attempt] = await tx.select().from(callAttempts).where(eq(callAttempts.id, attemptId));
    if (!attempt || attempt.state === "ended") throw ApiError.conflict("The call has already ended");
    await requestAgentHangup(tx, agent.id, attemptId);
    await recordAudit(tx, caller, { action: "agent.hangup", entityType: "agent", entityId: agent.id, details: { attempt_id: attemptId, lead_id: attempt.leadId, phone_number: attempt.phoneNumber } });
    return { agent_id: agent.id, attempt_id: attemptId, phone_number: attempt.phoneNumber };
  });
}
