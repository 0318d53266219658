/**
 * Q.850 hangup causes as the two PBXs name them: Asterisk sends the number and its text
 * (`cause: 17, cause_txt: "User busy"`), FreeSWITCH the name (`Hangup-Cause: USER_BUSY`) and the
 * number in `variable_hangup_cause_q850`. SIP codes are the usual mapping (RFC 3398) for when the
 * PBX did not report one.
 */
export type CauseInfo = { code: number; name: string; text: string; sip: number | null };

export const CAUSES: CauseInfo[] = [
  { code: 0, name: "NONE", text: "Unknown", sip: null },
  { code: 1, name: "UNALLOCATED_NUMBER", text: "Unallocated (unassigned) number", sip: 404 },
  { code: 3, name: "NO_ROUTE_DESTINATION", text: "No route to destination", sip: 404 },
  { code: 16, name: "NORMAL_CLEARING", text: "Normal Clearing", sip: null },
  { code: 17, name: "USER_BUSY", text: "User busy", sip: 486 },
  { code: 18, name: "NO_USER_RESPONSE", text: "No user responding", sip: 408 },
  { code: 19, name: "NO_ANSWER", text: "User alerting, no answer", sip: 480 },
  { code: 20, name: "SUBSCRIBER_ABSENT", text: "Subscriber absent", sip: 480 },
  { code: 21, name: "CALL_REJECTED", text: "Call Rejected", sip: 603 },
  { code: 22, name: "NUMBER_CHANGED", text: "Number changed", sip: 410 },
  { code: 27, name: "DESTINATION_OUT_OF_ORDER", text: "Destination out of order", sip: 502 },
  { code: 28, name: "INVALID_NUMBER_FORMAT", text: "Invalid number format", sip: 484 },
  { code: 31, name: "NORMAL_UNSPECIFIED", text: "Normal, unspecified", sip: 480 },
  { code: 34, name: "NORMAL_CIRCUIT_CONGESTION", text: "Circuit/channel congestion", sip: 503 },
  { code: 38, name: "NETWORK_OUT_OF_ORDER", text: "Network out of order", sip: 500 },
  { code: 41, name: "NORMAL_TEMPORARY_FAILURE", text: "Temporary failure", sip: 503 },
  { code: 42, name: "SWITCH_CONGESTION", text: "Switching equipment congestion", sip: 503 },
  { code: 58, name: "BEARERCAPABILITY_NOTAVAIL", text: "Bearer capability not available", sip: 488 },
  { code: 63, name: "SERVICE_UNAVAILABLE", text: "Service or option not available", sip: 503 },
  { code: 88, name: "INCOMPATIBLE_DESTINATION", text: "Incompatible destination", sip: 488 },
  { code: 66, name: "CHAN_NOT_IMPLEMENTED", text: "Channel not implemented", sip: null },
  { code: 102, name: "RECOVERY_ON_TIMER_EXPIRE", text: "Recovery on timer expiry", sip: 504 },
  { code: 127, name: "INTERWORKING", text: "Interworking, unspecified", sip: 500 },
  // FreeSWITCH's own causes beyond Q.850 (switch_cause_t), as FreeSWITCH numbers them.
  { code: 487, name: "ORIGINATOR_CANCEL", text: "Originator cancel", sip: 487 },
  { code: 503, name: "MANAGER_REQUEST", text: "Hung up by management request", sip: null },
  { code: 602, name: "ALLOTTED_TIMEOUT", text: "Allotted timeout", sip: 408 },
  { code: 606, name: "USER_NOT_REGISTERED", text: "User not registered", sip: 404 },
  { code: 609, name: "GATEWAY_DOWN", text: "Gateway down", sip: 503 },
];

const BY_CODE = new Map(CAUSES.map((c) => [c.code, c]));
const BY_NAME = new Map(CAUSES.map((c) => [c.name, c]));

export function causeByCode(code: number): CauseInfo {
  return BY_CODE.get(code) ?? { code, name: `CAUSE_${code}`, text: `Cause ${code}`, sip: null };
}

export function causeByName(name: string): CauseInfo {
  return BY_NAME.get(name) ?? { code: 0, name, text: name, sip: null };
}

/** What an attempt's outcome was, from the cause alone (when no dial status says better). */
export function outcomeOfCause(code: number, answered: boolean): "answered" | "busy" | "no_answer" | "congestion" | "unavailable" | "cancelled" | "failed" {
  if (answered) return "answered";
  switch (code) {
    case 17:
      return "busy";
    case 18:
    case 19:
    case 31:
      return "no_answer";
    case 34:
    case 41:
    case 42:
      return "congestion";
    case 1:
    case 3:
    case 20:
    case 22:
    case 27:
    case 28:
    case 38:
    case 606:
    case 609:
      return "unavailable";
    case 487:
    case 16:
      return "cancelled";
    default:
      return "failed";
  }
}

/** Asterisk's Dial `dialstatus` → outcome; it is more reliable than the cause through Local channels. */
export function outcomeOfDialStatus(status: string): "answered" | "busy" | "no_answer" | "congestion" | "unavailable" | "cancelled" | "failed" | null {
  switch (status) {
    case "ANSWER":
      return "answered";
    case "BUSY":
      return "busy";
    case "NOANSWER":
      return "no_answer";
    case "CONGESTION":
      return "congestion";
    case "CHANUNAVAIL":
      return "unavailable";
    case "CANCEL":
      return "cancelled";
    case "":
    case "RINGING":
    case "PROGRESS":
      return null;
    default:
      return "failed";
  }
}
