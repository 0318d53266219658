import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { addDncBulk } from "@/server/dnc/service";

// POST /api/dnc/bulk — add many numbers, all or nothing; numbers already listed are skipped
export const POST = withApi(routes.addDncBulk, async ({ caller, body }) => {
  const data = await addDncBulk(caller, body);
  const numbers = (n: number) => `${n} ${n === 1 ? "number" : "numbers"}`;
  return { message: `${numbers(data.added)} added to the do-not-call list, ${numbers(data.skipped)} already on it`, data };
});
