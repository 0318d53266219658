import { openApiDocument } from "@/server/api/openapi";

// GET /api/openapi.json — the API description, generated from the route schemas (public)
const document = openApiDocument();

export function GET() {
  return Response.json(document);
}
