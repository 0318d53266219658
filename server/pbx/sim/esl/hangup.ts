import { causeByCode, causeByName } from "../../causes";
import type { EngineEvents } from "../engine";
import { localStamp } from "./clock";
import type { Cause, Leg } from "./sessions";

/*
 * How a FreeSWITCH session ends: its hangup cause, what sofia records of the SIP side, the CDR
 * variables.
 */

/** How sofia maps a SIP refusal to a hangup cause (sofia_glue_sip_cause_to_freeswitch). */
const SIP_CAUSE: Record<number, string> = {
  404: "UNALLOCATED_NUMBER", 408: "RECOVERY_ON_TIMER_EXPIRE", 480: "NO_USER_RESPONSE", 484: "INVALID_NUMBER_FORMAT",
  486: "USER_BUSY", 502: "NETWORK_OUT_OF_ORDER", 503: "NORMAL_TEMPORARY_FAILURE", 603: "CALL_REJECTED",
};
const SIP_PHRASE: Record<number, string> = { 404: "Not Found", 408: "Request Timeout", 480: "Temporarily Unavailable", 486: "Busy Here", 503: "Service Unavailable" };
/** FreeSWITCH's own cause for hupall (beyond Q.850, so not in causes.ts). */
export const MANAGER_REQUEST = { name: "MANAGER_REQUEST", code: 503 };

/**
 * A cause by FreeSWITCH name. FreeSWITCH knows more names than causes.ts; the simulator hangs up
 * with NORMAL_CLEARING for those (hupall's MANAGER_REQUEST is handled on its own).
 */
export function causeOf(name: string, code?: number): Cause {
  if (code !== undefined) return { name, code };
  const known = causeByName(name);
  return known.code === 0 && name !== "NONE" ? { name: "NORMAL_CLEARING", code: 16 } : { name: known.name, code: known.code };
}

/** The cause FreeSWITCH reports for a hang-up the engine describes. */
export function causeOfHangup(a: Leg, how: EngineEvents["hangup"][1], answered: boolean): Cause {
  if (how.by === "client") return a.killCause ?? causeOf(causeByCode(how.cause).name);
  if (how.by === "timeout") return causeOf("NO_ANSWER");
  if (!answered && how.sipCode && SIP_CAUSE[how.sipCode]) return causeOf(SIP_CAUSE[how.sipCode]);
  return { name: causeByCode(how.cause).name, code: how.cause };
}

/** What sofia records about the SIP side of a hang-up. */
export function setSipHangup(a: Leg, sipCode: number | null, byFarEnd: boolean, answered: boolean) {
  const v = a.vars;
  if (byFarEnd && !answered && sipCode) {
    v.set("sip_invite_failure_status", String(sipCode)).set("sip_invite_failure_phrase", SIP_PHRASE[sipCode] ?? "");
    v.set("sip_term_status", String(sipCode)).set("proto_specific_hangup_cause", `sip:${sipCode}`);
    v.set("sip_hangup_disposition", "recv_refuse");
  } else if (byFarEnd) {
    v.set("sip_term_status", "200").set("proto_specific_hangup_cause", "sip:200").set("sip_term_cause", "16");
    v.set("sip_hangup_disposition", "recv_bye");
  } else {
    v.set("sip_hangup_disposition", answered ? "send_bye" : "send_cancel");
  }
}

/** The call detail variables FreeSWITCH adds when a session ends. */
export function setCdr(leg: Leg, cause: Cause) {
  const { created: start, answered, progress, hangup: end, bridged } = leg.times;
  const since = (t: number) => (t ? end - t : 0);
  const between = (t: number) => (t ? t - start : 0);
  const v = leg.vars;
  v.set("hangup_cause", cause.name).set("hangup_cause_q850", String(cause.code)).set("digits_dialed", "none");
  v.set("start_stamp", localStamp(start)).set("profile_start_stamp", localStamp(leg.profileCreated));
  if (answered) v.set("answer_stamp", localStamp(answered));
  if (progress) v.set("progress_stamp", localStamp(progress));
  v.set("end_stamp", localStamp(end));
  const epochs: [string, number][] = [["start", start], ["profile_start", leg.profileCreated], ["answer", answered], ["bridge", bridged], ["last_hold", 0], ["resurrect", 0], ["progress", progress], ["progress_media", 0], ["end", end]];
  for (const [k, t] of epochs) v.set(`${k}_epoch`, String(Math.floor(t / 1e6))).set(`${k}_uepoch`, String(t));
  v.set("hold_accum_seconds", "0").set("hold_accum_usec", "0").set("hold_accum_ms", "0");
  v.set("last_app", leg.app || leg.vars.get("current_application") || "");
  v.set("caller_id", leg.caller.name ? `"${leg.caller.name}" <${leg.caller.number}>` : leg.caller.number);
  const spans: [string, number][] = [["duration", end - start], ["billsec", since(answered)], ["progresssec", between(progress)], ["answersec", between(answered)], ["waitsec", between(bridged)], ["progress_mediasec", 0], ["flow_billsec", end - start]];
  for (const [k, us] of spans) v.set(k, String(Math.floor(us / 1e6)));
  for (const [k, us] of spans) v.set(k === "duration" ? "mduration" : k.replace(/sec$/, "msec"), String(Math.floor(us / 1e3)));
  for (const [k, us] of spans) v.set(k === "duration" ? "uduration" : k.replace(/sec$/, "usec"), String(us));
  if (!leg.sip) v.set("is_loopback", "1");
}
