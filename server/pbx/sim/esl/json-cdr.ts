import { HOSTNAME } from "./events";
import type { Leg } from "./sessions";

/** How many ended calls' records the simulator keeps for `jsonCdr(uuid)`. */
const KEPT = 2_000;

/**
 * What FreeSWITCH's mod_json_cdr would post for a session once it ends (its reporting state):
 * `core-uuid`, `switchname`, `channel_data`, every channel variable (the CDR variables included)
 * and the caller profile. Kept for the most recent calls, so a test can post a real call's record
 * to Pacer as the switch would.
 */
export class JsonCdrLog {
  private readonly records = new Map<string, Record<string, unknown>>();

  constructor(private readonly coreUuid: string) {}

  record(leg: Leg) {
    const variables = Object.fromEntries(leg.vars);
    this.records.set(leg.uuid, {
      "core-uuid": this.coreUuid,
      switchname: HOSTNAME,
      channel_data: { state: leg.state, state_number: String(leg.stateNumber), direction: leg.half === "a" ? "outbound" : "inbound" },
      variables,
      callflow: [
        {
          dialplan: "XML",
          profile_index: String(leg.profileIndex),
          caller_profile: {
            uuid: leg.uuid,
            caller_id_name: leg.caller.name,
            caller_id_number: leg.caller.number,
            destination_number: leg.destination,
            context: leg.context,
            chan_name: leg.name,
          },
        },
      ],
    });
    if (this.records.size > KEPT) this.records.delete(this.records.keys().next().value!);
  }

  get(uuid: string): Record<string, unknown> | undefined {
    return this.records.get(uuid);
  }
}
