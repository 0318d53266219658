import { describe, expect, it } from "vitest";
import { cdrIntakeBody } from "./intake-validation";

const parse = (body: unknown) => cdrIntakeBody.safeParse(body);
const errorsOf = (body: unknown) => {
  const r = parse(body);
  if (r.success) throw new Error("parsed");
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("the CDR intake body", () => {
  it("reads mod_json_cdr's variables, url-encoded or not, epochs before stamps", () => {
    const r = parse({
      "core-uuid": "c0re",
      switchname: "fs1",
      channel_data: { direction: "outbound" },
      variables: {
        uuid: "5d3c0e2a-1b7f-4c1e-9a59-2b0f6d1c7e11",
        direction: "outbound",
        caller_id_number: "%2B13055550123",
        destination_number: "15552223333",
        start_stamp: "2025-12-09%2008%3A01%3A02",
        start_epoch: "1765267262",
        answer_epoch: "0",
        end_epoch: "1765267309",
        duration: "47",
        billsec: "0",
        hangup_cause: "NO_ANSWER",
        hangup_cause_q850: "19",
        sip_term_status: "480",
        PACER_ATTEMPT: "12",
        PACER_CAMPAIGN: "3",
      },
    });
    expect(r.success).toBe(true);
    const f = r.data!.fields;
    expect(f).toMatchObject({ uuid: "5d3c0e2a-1b7f-4c1e-9a59-2b0f6d1c7e11", caller_id_number: "+13055550123", start_epoch: 1765267262, answer_epoch: 0, billsec: 0, hangup_cause_q850: 19, sip_code: 480, attempt_id: 12, campaign_id: 3 });
    expect(r.data!.switchName).toBe("fs1");
    expect(r.data!.variables.start_stamp).toBe("2025-12-09 08:01:02");
  });

  it("takes the flat form too, numbers as numbers", () => {
    const r = parse({ uuid: "flat-1", start_stamp: "2025-12-09 08:01:02", duration: 45, billsec: 42, hangup_cause: "NORMAL_CLEARING", caller_id_number: 13055550123 });
    expect(r.success).toBe(true);
    expect(r.data!.fields).toMatchObject({ uuid: "flat-1", start_stamp: "2025-12-09 08:01:02", duration: 45, billsec: 42, caller_id_number: "13055550123" });
  });

  it("names each bad field where it was posted", () => {
    expect(errorsOf({ variables: { billsec: "3" } })).toEqual({ "variables.uuid": expect.stringContaining("required") });
    expect(errorsOf({ uuid: 42 })).toMatchObject({ uuid: "must be a string" });
    expect(errorsOf({ variables: { uuid: "u-1", billsec: "lots" } })).toMatchObject({ "variables.billsec": "must be a whole number of seconds" });
    expect(errorsOf({ variables: { uuid: "u-1", duration: "-3" } })).toMatchObject({ "variables.duration": "must be at least 0" });
    expect(errorsOf({ variables: { uuid: "u-1", PACER_ATTEMPT: "abc" } })).toMatchObject({ "variables.PACER_ATTEMPT": expect.stringContaining("Pacer id") });
    expect(errorsOf({ variables: { uuid: "u 1; drop" } })).toMatchObject({ "variables.uuid": expect.stringContaining("uuid") });
    expect(errorsOf({ variables: { uuid: "u-1", start_stamp: "yesterday" } })).toMatchObject({ "variables.start_stamp": expect.stringContaining("YYYY-MM-DD") });
    expect(errorsOf({ variables: "uuid=1" })).toMatchObject({ variables: "must be an object of channel variables" });
    expect(errorsOf({ variables: { uuid: "u-1", nested: { a: 1 } } })).toHaveProperty("variables.nested");
    expect(errorsOf([{ uuid: "u-1" }])).toMatchObject({ "": expect.stringContaining("JSON object") });
  });
});
