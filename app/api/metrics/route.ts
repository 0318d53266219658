import type { NextRequest } from "next/server";
import { scrapeMetrics } from "@/server/metrics/service";

// GET /api/metrics — the same as /metrics, where the API's clients and its OpenAPI document look
export const GET = (req: NextRequest) => scrapeMetrics(req, "/api/metrics");
