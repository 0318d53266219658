import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { deleteDnc } from "@/server/dnc/service";

// DELETE /api/dnc/:id — remove a number from its do-not-call list
export const DELETE = withApi(routes.deleteDnc, async ({ caller, params }) => {
  await deleteDnc(caller, idParam(params, "Do-not-call entry"));
  return { message: "Number removed from the do-not-call list" };
});
