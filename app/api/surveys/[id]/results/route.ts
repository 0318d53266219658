import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { surveyResults, surveyResultsCsv } from "@/server/surveys/service";

// GET /api/surveys/:id/results — answer counts per question; format=csv streams every answer
export const GET = withApi(routes.surveyResults, async ({ caller, params, query, req }) => {
  const id = idParam(params, "Survey");
  if (query.format === "csv" || req.headers.get("accept")?.includes("text/csv")) return surveyResultsCsv(caller, id, query);
  return { message: "Survey results retrieved successfully", data: await surveyResults(id, query) };
});
