import type { z } from "zod";
import { getDb, inTransaction } from "@/db/client";
import type { MonitorMode, MonitorSession } from "@/db/schema";
import type { Caller } from "../api/caller";
import { ApiError, orNotFound } from "../api/errors";
import { findAgent } from "../agents/queries";
import { recordAudit } from "../audit/queries";
import { publish } from "../runtime/registry";
import { findMonitor, insertMonitor, lastMonitorPhone, liveMonitorOfAgent, liveMonitorOfUser, liveMonitorRows, toMonitorDto, updateMonitorRow } from "./queries";
import type { startMonitorBody } from "./validation";

/**
 * Supervisors listening in on agents' calls. Each request (start, switch mode, stop) is written to
 * the session's row and audited in one transaction; the dialer process holding the agent's phone
 * applies it within a tick and reports the session's states (`monitor.update`).
 */

function announce(row: MonitorSession) {
  publish({ type: "monitor.update", monitor: toMonitorDto(row), ts: Date.now() });
}

/** Calls the caller's phone and, once it answers, connects it to the agent's live call in `mode`. */
export async function startMonitor(caller: Caller, agentId: number, input: z.output<typeof startMonitorBody>) {
  const row = await inTransaction(async (tx) => {
    const agent = orNotFound(await findAgent(tx, agentId, { forUpdate: true }), "Agent");
    if (agent.state !== "on_call" || !agent.currentAttemptId || !agent.owner) throw ApiError.conflict(`${agent.name} has no live call to listen in on`);
    const busy = await liveMonitorOfAgent(tx, agent.id);
    if (busy) throw ApiError.conflict(`${busy.username} is already listening in on ${agent.name}`);
    const mine = await liveMonitorOfUser(tx, caller.user.id);
    if (mine) throw ApiError.conflict(`You are already listening in on ${mine.agentName}: stop that first`);
    const phone = input.phone ?? (await lastMonitorPhone(tx, caller.user.id));
    if (!phone) throw ApiError.badRequest("Validation failed: phone: is required", { phone: ["is required: the phone Pacer calls you on"] });
    const created = await insertMonitor(tx, {
      agentId: agent.id,
      agentName: agent.name,
      userId: caller.user.id,
      username: caller.user.username,
      campaignId: agent.campaignId,
      attemptId: agent.currentAttemptId,
      phone,
      mode: input.mode,
      node: agent.owner,
    });
    await recordAudit(tx, caller, {
      action: "monitor.start",
      entityType: "monitor",
      entityId: created.id,
      details: { agent_id: agent.id, agent_name: agent.name, attempt_id: agent.currentAttemptId, campaign_id: agent.campaignId, mode: input.mode, phone },
    });
    return created;
  });
  announce(row);
  return toMonitorDto(row);
}

/** A session still live, for a change by its supervisor (or, to stop it, an admin). */
async function liveSessionFor(tx: Parameters<Parameters<typeof inTransaction>[0]>[0], caller: Caller, id: number, adminMay: boolean) {
  const row = orNotFound(await findMonitor(tx, id, { forUpdate: true }), "Monitor session");
  if (row.userId !== caller.user.id && !(adminMay && caller.user.role === "admin")) {
    throw ApiError.forbidden(`Forbidden: only ${row.username}${adminMay ? " or an admin" : ""} may change this session`);
  }
  if (row.state === "ended") throw ApiError.conflict("This session has ended");
  return row;
}

/** Listen, whisper or barge from now on; applied by the dialer within a moment. */
export async function switchMonitorMode(caller: Caller, id: number, mode: MonitorMode) {
  const row = await inTransaction(async (tx) => {
    const before = await liveSessionFor(tx, caller, id, false);
    if (before.stopRequestedBy) throw ApiError.conflict("This session is being stopped");
    const from = before.requestedMode ?? before.mode;
    if (from === mode) return before;
    const after = (await updateMonitorRow(tx, id, { requestedMode: mode }))!;
    await recordAudit(tx, caller, { action: "monitor.mode", entityType: "monitor", entityId: id, details: { agent_id: before.agentId, agent_name: before.agentName, attempt_id: before.attemptId, from, to: mode } });
    return after;
  });
  announce(row);
  return toMonitorDto(row);
}

/** Hangs the supervisor's phone up; the call goes on. */
export async function stopMonitor(caller: Caller, id: number) {
  const row = await inTransaction(async (tx) => {
    const before = await liveSessionFor(tx, caller, id, true);
    if (before.stopRequestedBy) return before;
    const after = (await updateMonitorRow(tx, id, { stopRequestedBy: caller.user.username }))!;
    await recordAudit(tx, caller, { action: "monitor.stop", entityType: "monitor", entityId: id, details: { agent_id: before.agentId, agent_name: before.agentName, attempt_id: before.attemptId, mode: before.mode } });
    return after;
  });
  announce(row);
  return toMonitorDto(row);
}

export async function listLiveMonitors() {
  return (await liveMonitorRows(await getDb())).map(toMonitorDto);
}

export async function getMonitor(id: number) {
  return toMonitorDto(orNotFound(await findMonitor(await getDb(), id), "Monitor session"));
}

export async function myMonitorPhone(caller: Caller) {
  return { phone: await lastMonitorPhone(await getDb(), caller.user.id) };
}
