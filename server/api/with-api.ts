import type { NextRequest } from "next/server";
import { z } from "zod";
import type { UserRole } from "@/db/schema";
import { tokenAllows, tokenNames } from "../auth/permissions";
import { crossSiteReason } from "../auth/same-origin";
import { logger } from "../logger";
import { observeHttp } from "../metrics/registry";
import { resolveCaller, type Caller } from "./caller";
import { ApiError, validationError } from "./errors";
import { envelopeResponse, errorResponse, type ApiResult } from "./envelope";
import type { RouteSpec } from "./route-spec";

type Params = Record<string, string | string[] | undefined>;

export type HandlerArgs<S extends RouteSpec> = {
  req: NextRequest;
  caller: Caller;
  params: Record<string, string>;
  query: S["query"] extends z.ZodType ? z.output<S["query"]> : undefined;
  body: S["body"] extends z.ZodType ? z.output<S["body"]> : undefined;
};

const DEFAULT_ROLES: UserRole[] = ["admin", "supervisor"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The one wrapper every API route goes through: resolve the caller (token, then session), check
 * role and token permission, parse query and body with the route's zod schemas, run the handler,
 * and turn whatever happens into the contract's envelope.
 */
export function withApi<S extends RouteSpec>(spec: S, handler: (args: HandlerArgs<S>) => Promise<ApiResult | Response>) {
  const respond = async (req: NextRequest, ctx: { params: Promise<Params> }): Promise<Response> => {
    try {
      const caller = await resolveCaller(req, { basic: spec.basicAuth });
      if (caller.method === "session" && !SAFE_METHODS.has(req.method)) {
        const crossSite = crossSiteReason((name) => req.headers.get(name));
        if (crossSite) throw ApiError.forbidden(`Forbidden: ${crossSite}; changes made with a session must come from Pacer's own pages`);
      }
      checkAccess(caller, spec);
      const params = Object.fromEntries(
        Object.entries((await ctx.params) ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : (v ?? "")]),
      );
      const query = spec.query ? parseWith(spec.query, Object.fromEntries(req.nextUrl.searchParams)) : undefined;
      const body = spec.body ? parseWith(spec.body, await readJson(req, spec)) : undefined;
      const result = await handler({ req, caller, params, query, body } as HandlerArgs<S>);
      // A file (a recording) goes out as itself; errors before it still get the envelope.
      if (result instanceof Response) return result;
      return envelopeResponse({ status: spec.status, ...result });
    } catch (err) {
      return toErrorResponse(err, spec);
    }
  };
  const route = `/api${spec.path}`;
  return async (req: NextRequest, ctx: { params: Promise<Params> }): Promise<Response> => {
    const started = performance.now();
    const res = await respond(req, ctx);
    observeHttp(route, spec.method, res.status, (performance.now() - started) / 1000);
    return res;
  };
}

/** The caller's role is one the route allows, and a token carries the route's permission. */
export function checkAccess(caller: Caller, spec: Pick<RouteSpec, "roles" | "permission" | "explicitGrant">): void {
  const roles = spec.roles ?? DEFAULT_ROLES;
  if (!roles.includes(caller.user.role)) {
    throw ApiError.forbidden(
      roles.length === 1 && roles[0] === "admin" ? "Forbidden: admin role required" : `Forbidden: the ${caller.user.role} role cannot use this endpoint`,
    );
  }
  if (caller.token && !tokenAllows(caller.token.permissions, spec.permission)) {
    throw ApiError.forbidden(`Forbidden: token lacks the '${spec.permission}' permission`);
  }
  if (caller.token && spec.explicitGrant && !tokenNames(caller.token.permissions, spec.permission)) {
    throw ApiError.forbidden(`Forbidden: this endpoint takes only a token made for it, with the '${spec.permission}' permission (an unrestricted token is not accepted)`);
  }
}

/** Input parsed with the route's schema: a 400 naming each bad field when it does not fit. */
function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

const tooLarge = (max: number) => ApiError.badRequest(`Request body too large: at most ${max} bytes`, { _: [`the body must be at most ${max} bytes`] });

/** The body's text, refused as soon as it passes `max` bytes (whatever Content-Length says). */
async function readText(req: Request, max: number | undefined): Promise<string> {
  if (max === undefined || !req.body) return req.text();
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > max) throw tooLarge(max);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The JSON text of a body that may come as a form whose field `field` holds it: url-encoded
 * (`application/x-www-form-urlencoded`), base64 (`application/x-www-form-base64-encoded`) or as it
 * is (`application/x-www-form-plaintext`). A body that is plain JSON is taken as it is, whatever its type.
 */
function formJson(req: Request, text: string, field: string | undefined): string {
  if (!field || /^\s*[[{]/.test(text)) return text;
  const type = req.headers.get("content-type")?.toLowerCase() ?? "";
  const isForm = type.startsWith("application/x-www-form-");
  const prefix = `${field}=`;
  if (!text.startsWith(prefix)) {
    if (isForm) throw ApiError.badRequest(`Malformed form body: expected the JSON in the '${field}' field`, { [field]: ["is required"] });
    return text;
  }
  const value = text.slice(prefix.length);
  if (type.startsWith("application/x-www-form-base64-encoded")) return Buffer.from(value, "base64").toString("utf8");
  if (type.startsWith("application/x-www-form-plaintext")) return value;
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    throw ApiError.badRequest(`Malformed form body: the '${field}' field is not URL-encoded`, { [field]: ["is not URL-encoded"] });
  }
}

async function readJson(req: Request, spec: Pick<RouteSpec, "maxBodyBytes" | "formField">): Promise<unknown> {
  const text = formJson(req, await readText(req, spec.maxBodyBytes), spec.formField);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw ApiError.badRequest("Malformed JSON body", { _: ["request body is not valid JSON"] });
  }
}

/** Unique-constraint and foreign-key failures are conflicts the caller can fix; others are ours. */
function pgErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

function toErrorResponse(err: unknown, spec: RouteSpec): Response {
  if (err instanceof ApiError) return errorResponse(err.code, err.message, err.errors);
  if (err instanceof z.ZodError) {
    const apiErr = validationError(err);
    return errorResponse(apiErr.code, apiErr.message, apiErr.errors);
  }
  const code = pgErrorCode(err);
  if (code === "23505") return errorResponse(409, "Conflict: a record with the same unique value already exists");
  if (code === "23503") return errorResponse(409, "Conflict: a referenced record does not exist or is still in use");
  logger.error({ err, route: `${spec.method} ${spec.path}` }, "unhandled API error");
  return errorResponse(500, "Internal server error");
}
