import { createHandler, listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { createSurvey, listSurveys } from "@/server/surveys/service";

// GET /api/surveys — surveys with their question and answer counts
export const GET = listHandler(routes.listSurveys, "Surveys", () => listSurveys());

// POST /api/surveys — create a survey with its questions
export const POST = createHandler(routes.createSurvey, "Survey", createSurvey);
