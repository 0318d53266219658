import { inTransaction } from "@/db/client";
import type { TrunkRotationEvent } from "@/lib/realtime-events";
import { recordAudit, type AuditActor } from "../audit/queries";
import { logger } from "../logger";
import { publish, runtime } from "../runtime/registry";
import { emitTrunkOutOfRotation, nudgeWebhookWorker } from "../webhooks/outbox";
import { setRotation } from "./queries";

/**
 * A trunk leaving or re-entering the dialer's rotation. Whichever process makes the change (a
 * dialer that saw the failures or ran the probe, a web process answering an admin) writes it with
 * its audit row in one transaction; only the one whose update changed the state announces it.
 */

export type TrunkRotationChange = { trunkId: number; name: string; inRotation: boolean; reason: string; at: Date };

const BUS_EVENT = "trunk.rotation";

/**
 * The one place a rotation change is announced: to browsers (Socket.IO `trunk.rotation`) and to
 * whatever listens in this process (`onTrunkRotationChange`, e.g. webhooks).
 */
export function emitTrunkRotationChange(change: TrunkRotationChange): void {
  const event: TrunkRotationEvent = { type: "trunk.rotation", trunk_id: change.trunkId, name: change.name, in_rotation: change.inRotation, reason: change.reason, ts: change.at.getTime() };
  publish(event);
  runtime().bus.emit(BUS_EVENT, change);
}

/** Listens for rotation changes made in this process; returns the unsubscribe. */
export function onTrunkRotationChange(listener: (change: TrunkRotationChange) => void): () => void {
  runtime().bus.on(BUS_EVENT, listener);
  return () => void runtime().bus.off(BUS_EVENT, listener);
}

/**
 * Out (with its first probe due `probeAfterSec` later) or back in. Returns false when the trunk
 * already was where it was being sent (another process got there first).
 */
export async function changeRotation(trunk: { id: number; name: string; probeIntervalSec: number }, inRotation: boolean, reason: string, actor: AuditActor = { system: true }): Promise<boolean> {
  const row = await inTransaction(async (tx) => {
    const changed = await setRotation(tx, trunk.id, inRotation, reason, trunk.probeIntervalSec);
    if (changed) await recordAudit(tx, actor, { action: inRotation ? "trunk.rotation_in" : "trunk.rotation_out", entityType: "trunk", entityId: trunk.id, details: { name: trunk.name, reason } });
    // Subscribers hear of a trunk leaving the rotation from the same transaction that took it out.
    if (changed && !inRotation) await emitTrunkOutOfRotation(tx, trunk, reason);
    return changed;
  });
  if (!row) return false;
  if (!inRotation) nudgeWebhookWorker();
  logger.info({ trunk: trunk.name, inRotation, reason }, inRotation ? "trunk back in rotation" : "trunk taken out of rotation");
  emitTrunkRotationChange({ trunkId: trunk.id, name: trunk.name, inRotation, reason, at: row.changedAt ?? new Date() });
  return true;
}
