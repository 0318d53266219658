import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { pbxServers, type PbxServer } from "@/db/schema";
import { formatTime } from "../api/format";

export function toPbxServerDto(s: PbxServer) {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    ari_url: s.ariUrl,
    ari_username: s.ariUsername,
    ari_app: s.ariApp,
    esl_host: s.eslHost,
    esl_port: s.eslPort,
    agent_dial_template: s.agentDialTemplate,
    recording_path: s.recordingPath,
    recording_url: s.recordingUrl,
    enabled: s.enabled ? 1 : 0,
    has_password: s.passwordEnc.length > 0 ? 1 : 0,
    created_at: formatTime(s.createdAt)!,
    updated_at: formatTime(s.updatedAt),
  };
}

export async function listPbxServerRows(db: DbOrTx): Promise<PbxServer[]> {
  return db.select().from(pbxServers).orderBy(asc(pbxServers.id));
}

export async function findPbxServer(db: DbOrTx, id: number, opts: { forUpdate?: boolean } = {}): Promise<PbxServer | undefined> {
  const q = db.select().from(pbxServers).where(eq(pbxServers.id, id));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  return row;
}

export async function insertPbxServer(db: DbOrTx, values: typeof pbxServers.$inferInsert): Promise<PbxServer> {
  const [row] = await db.insert(pbxServers).values(values).returning();
  return row;
}

export async function updatePbxServerRow(db: DbOrTx, id: number, set: Partial<typeof pbxServers.$inferInsert>): Promise<PbxServer> {
  const [row] = await db
    .update(pbxServers)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(pbxServers.id, id))
    .returning();
  return row;
}

export async function deletePbxServerRow(db: DbOrTx, id: number): Promise<void> {
  await db.delete(pbxServers).where(eq(pbxServers.id, id));
}
