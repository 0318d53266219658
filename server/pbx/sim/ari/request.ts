import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimEngine } from "../engine";
import { SimError } from "../sim-error";
import type { AriChannels } from "./channels";
import type { EventStream } from "./event-stream";

/** What every REST resource of the ARI face works on. */
export type AriContext = { engine: SimEngine; channels: AriChannels; stream: EventStream; startedAt: Date };

export function reply(res: ServerResponse, status: number, body?: unknown): true {
  if (body === undefined) {
    res.writeHead(status).end();
    return true;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) }).end(text);
  return true;
}

/** How Asterisk answers a request the switch refused. */
function refusal(err: unknown): [number, unknown] {
  if (err instanceof SimError) {
    const status = err.kind === "not_found" ? 404 : err.kind === "conflict" ? 409 : 400;
    return [status, { message: err.message }];
  }
  throw err;
}

/** One REST request: its path and query, and the ways to answer it (each returns true: handled). */
export class AriRequest {
  readonly method: string;
  readonly path: string;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly url: URL,
    readonly body: Record<string, unknown>,
  ) {
    this.method = req.method ?? "GET";
    this.path = url.pathname.replace(/\/+$/, "");
  }

  qp(name: string): string | undefined {
    return this.url.searchParams.get(name) ?? undefined;
  }

  reply(status: number, body?: unknown): true {
    return reply(this.res, status, body);
  }

  /** Runs an engine action and answers with no body, or with the switch's refusal. */
  run(action: () => void, status = 204): true {
    return this.answer(status, () => {
      action();
      return undefined;
    });
  }

  /** Answers with what `model` returns, or with the switch's refusal. */
  answer(status: number, model: () => unknown): true {
    let body: unknown;
    try {
      body = model();
    } catch (err) {
      const [s, b] = refusal(err);
      return this.reply(s, b);
    }
    return this.reply(status, body);
  }
}
