import { deleteHandler, getHandler, updateHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { deleteSurvey, getSurvey, updateSurvey } from "@/server/surveys/service";

// GET /api/surveys/:id — a survey with its questions
export const GET = getHandler(routes.getSurvey, "Survey", getSurvey);

// PUT /api/surveys/:id — update a survey; `questions` replaces them all
export const PUT = updateHandler(routes.updateSurvey, "Survey", updateSurvey);

// DELETE /api/surveys/:id — delete a survey no campaign uses
export const DELETE = deleteHandler(routes.deleteSurvey, "Survey", deleteSurvey);
