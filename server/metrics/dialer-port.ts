import { createServer, type Server } from "node:http";
import { logger } from "../logger";
import { addressAllowed } from "./access";
import { metricsText } from "./service";

/**
 * `npm run dialer` has no web app to carry /metrics: with METRICS_PORT set it answers GET /metrics
 * on that port itself, to the addresses in METRICS_ALLOW only (it has no users or tokens to check).
 * The list-import gauges are left to the web processes, which run the imports.
 */
export async function serveDialerMetrics(port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (!addressAllowed(req.socket.remoteAddress)) {
      res.writeHead(403, { "content-type": "text/plain" }).end("Forbidden: this address is not in METRICS_ALLOW\n");
      return;
    }
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found: metrics are at GET /metrics\n");
      return;
    }
    metricsText({ withDatabase: false })
      .then(({ body, contentType }) => res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" }).end(body))
      .catch((err) => {
        logger.error({ err }, "metrics scrape failed");
        res.writeHead(500, { "content-type": "text/plain" }).end("Internal server error\n");
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return server;
}
