import type { NextRequest } from "next/server";
import { scrapeMetrics } from "@/server/metrics/service";

// GET /metrics — Prometheus metrics of this process (token with metrics/read, a session, or METRICS_ALLOW)
export const GET = (req: NextRequest) => scrapeMetrics(req, "/metrics");
