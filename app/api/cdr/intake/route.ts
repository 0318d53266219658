import { listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { intakeCdr, listIntake } from "@/server/cdr/intake-service";

// POST /api/cdr/intake — a PBX's record of a call (FreeSWITCH mod_json_cdr), stored once per uuid
export const POST = withApi(routes.cdrIntake, async ({ caller, body }) => {
  const { data, created } = await intakeCdr(caller, body);
  return created
    ? { message: data.matched ? "CDR received and matched to its attempt" : "CDR received (external call)", data }
    : { status: 200, message: "CDR already received", data };
});

// GET /api/cdr/intake — the records PBXs posted, matched or external
export const GET = listHandler(routes.listCdrIntake, "Received CDRs", ({ query }) => listIntake(query));
