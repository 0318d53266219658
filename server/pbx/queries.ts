import type { DbOrTx } from "@/db/client";
import { deleteById, findById, insertRow, rowsInIdOrder, updateById } from "@/db/rows";
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
  return rowsInIdOrder(db, pbxServers);
}

export const findPbxServer = (db: DbOrTx, id: number, opts?: { forUpdate?: boolean }): Promise<PbxServer | undefined> => findById(db, pbxServers, id, opts);

export const insertPbxServer = (db: DbOrTx, values: typeof pbxServers.$inferInsert): Promise<PbxServer> => insertRow(db, pbxServers, values);

export const updatePbxServerRow = async (db: DbOrTx, id: number, set: Partial<typeof pbxServers.$inferInsert>): Promise<PbxServer> => (await updateById(db, pbxServers, id, set))!;

export const deletePbxServerRow = (db: DbOrTx, id: number): Promise<void> => deleteById(db, pbxServers, id);
