import type { z } from "zod";
import { getDb } from "@/db/client";
import type { cdrIntake } from "@/db/schema";
import type { Caller } from "../api/caller";
import { pagination } from "../api/envelope";
import { recordAudit } from "../audit/queries";
import { CAUSES } from "../pbx/causes";
import { fillCdrFromIntake, findAttemptForIntake, findCdrOfAttempt, findIntakeByUuid, insertIntake, listIntakeRows, toIntakeDto } from "./intake-queries";
import type { CdrIntakeInput, IntakeFields, listIntakeQuery } from "./intake-validation";

const CAUSE_CODES = new Map(CAUSES.map((c) => [c.name, c.code]));

/** A time from its epoch (0: it did not happen), else from its stamp read as UTC. */
function timeOf(epoch: number | undefined, stamp: string | undefined): Date | null {
  if (epoch !== undefined) return epoch > 0 ? new Date(epoch * 1000) : null;
  if (stamp) return new Date(`${stamp.slice(0, 10)}T${stamp.slice(11, 19)}Z`);
  return null;
}

function rowOf(f: IntakeFields, input: CdrIntakeInput): typeof cdrIntake.$inferInsert {
  return {
    uuid: f.uuid,
    callId: f.call_id ?? null,
    direction: f.direction ?? null,
    callerIdName: f.caller_id_name ?? null,
    callerIdNumber: f.caller_id_number ?? null,
    destinationNumber: f.destination_number ?? null,
    startTime: timeOf(f.start_epoch, f.start_stamp),
    answerTime: timeOf(f.answer_epoch, f.answer_stamp),
    endTime: timeOf(f.end_epoch, f.end_stamp),
    duration: f.duration ?? null,
    billsec: f.billsec ?? null,
    hangupCause: f.hangup_cause ?? null,
    hangupCauseCode: f.hangup_cause_q850 ?? (f.hangup_cause ? (CAUSE_CODES.get(f.hangup_cause) ?? null) : null),
    sipCode: f.sip_code ?? null,
    sipHangupDisposition: f.sip_hangup_disposition ?? null,
    campaignId: f.campaign_id ?? null,
    leadId: f.lead_id ?? null,
    switchName: input.switchName,
    variables: input.variables,
  };
}

export type IntakeResult = { data: ReturnType<typeof toIntakeDto> & { duplicate: boolean; filled: string[] }; created: boolean };

const duplicateOf = (row: Parameters<typeof toIntakeDto>[0]): IntakeResult => ({ data: { ...toIntakeDto(row), duplicate: true, filled: [] }, created: false });

/**
 * A PBX's record of a call, stored once per uuid: a repeat (mod_json_cdr retries, a resend) is
 * answered with the stored record and writes nothing. A record of a call Pacer placed is tied to
 * its attempt (campaign and lead taken from it) and, for the leg Pacer placed, to its CDR, whose
 * missing fields it fills; any other call is kept as an external record. Audited.
 */
export async function intakeCdr(caller: Caller, input: CdrIntakeInput): Promise<IntakeResult> {
  const db = await getDb();
  const f = input.fields;
  return db.transaction(async (tx) => {
    const existing = await findIntakeByUuid(tx, f.uuid);
    if (existing) return duplicateOf(existing);
    // The ids the call carries must agree with the attempt (another install's ids are not ours).
    const candidate = await findAttemptForIntake(tx, f.attempt_id, f.uuid);
    const attempt = candidate && (!f.campaign_id || candidate.campaignId === f.campaign_id) && (!f.lead_id || candidate.leadId === f.lead_id) ? candidate : undefined;
    const values = rowOf(f, input);
    if (attempt) Object.assign(values, { attemptId: attempt.id, campaignId: attempt.campaignId, leadId: attempt.leadId });
    const row = await insertIntake(tx, values);
    if (!row) return duplicateOf((await findIntakeByUuid(tx, f.uuid))!);
    let filled: string[] = [];
    // Pacer's CDR describes the leg it placed; another leg of the call (a bridge's b-leg) only names the attempt.
    const pacerCdr = attempt && attempt.channelId === f.uuid ? await findCdrOfAttempt(tx, attempt.id) : undefined;
    if (pacerCdr) {
      filled = await fillCdrFromIntake(tx, pacerCdr, row);
      row.cdrId = pacerCdr.id;
    }
    await recordAudit(tx, caller, {
      action: "cdr.intake",
      entityType: "cdr_intake",
      entityId: row.id,
      details: { uuid: row.uuid, attempt_id: row.attemptId, cdr_id: row.cdrId, filled, ...(f.attempt_id && !attempt ? { unknown_attempt: f.attempt_id } : {}) },
    });
    return { data: { ...toIntakeDto(row), duplicate: false, filled }, created: true };
  });
}

export async function listIntake(q: z.output<typeof listIntakeQuery>) {
  const { rows, total } = await listIntakeRows(await getDb(), { matched: q.matched, search: q.search }, q.page, q.per_page);
  return { data: rows.map(toIntakeDto), pagination: pagination(total, q.page, q.per_page) };
}
