import { z } from "zod";
import { PERMISSIONS } from "../auth/permissions";
import type { RouteSpec } from "./route-spec";
import { routes } from "./routes";

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
};

const paginationSchema: JsonSchema = {
  type: "object",
  properties: Object.fromEntries(
    ["total", "per_page", "current_page", "total_pages", "from", "to"].map((k) => [k, { type: ["integer", "null"] }]),
  ),
};

function successSchema(spec: RouteSpec, status = spec.status ?? 200): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    success: { type: "boolean", const: true },
    code: { type: "integer", const: status },
    message: { type: "string" },
  };
  if (spec.response) properties.data = jsonSchema(spec.response, "output");
  if (spec.paginated) properties.pagination = paginationSchema;
  return { type: "object", required: ["success", "code", "message"], properties };
}

const errorSchema: JsonSchema = {
  type: "object",
  required: ["success", "code", "message"],
  properties: {
    success: { type: "boolean", const: false },
    code: { type: "integer" },
    message: { type: "string" },
    errors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
  },
};

function queryParameters(spec: RouteSpec) {
  if (!spec.query) return [];
  const schema = jsonSchema(spec.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    schema: s,
  }));
}

/** A route whose JSON may come in a form field, url-encoded or base64 (as FreeSWITCH's CDR modules post). */
function formBodies(field: string) {
  const form = (encoding: string) => ({ schema: { type: "object", required: [field], properties: { [field]: { type: "string", description: `the JSON body, ${encoding}` } } } });
  return { "application/x-www-form-urlencoded": form("url-encoded"), "application/x-www-form-base64-encoded": form("base64-encoded") };
}

/** The OpenAPI 3.1 document for every route, built from the same zod schemas the handlers parse with. */
export function openApiDocument(serverUrl = "/api") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of Object.values(routes) as RouteSpec[]) {
    const pathParams = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "integer", minimum: 1 },
    }));
    const errors: Record<string, unknown> = {
      "401": { description: "Missing, invalid, expired or revoked token", content: { "application/json": { schema: errorSchema } } },
      "403": { description: "Role or token permission does not allow this", content: { "application/json": { schema: errorSchema } } },
    };
    if (spec.body || spec.query || spec.upload) {
      const limit = spec.maxBodyBytes ? `, or a body over ${spec.maxBodyBytes} bytes` : "";
      errors["400"] = { description: `Validation failed (per-field \`errors\`) or malformed JSON${limit}`, content: { "application/json": { schema: errorSchema } } };
    }
    if (pathParams.length) errors["404"] = { description: "No such record", content: { "application/json": { schema: errorSchema } } };
    if (spec.method !== "GET") errors["409"] = { description: "State conflict", content: { "application/json": { schema: errorSchema } } };
    // Recordings are fetched from a PBX and read in ranges; other files (the CDR export, the metrics) are Pacer's own.
    const fromPbx = spec.produces?.some((t) => t.startsWith("audio/")) ?? false;
    if (fromPbx) errors["502"] = { description: "The PBX holding the file could not be reached", content: { "application/json": { schema: errorSchema } } };
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = {
      tags: [spec.tag],
      summary: spec.summary,
      description:
        `Permission: \`${spec.permission}\`${spec.explicitGrant ? " (named on the token: an unrestricted token is refused)" : ""}. Roles: ${(spec.roles ?? ["admin", "supervisor"]).join(", ")}.` +
        (spec.basicAuth ? " The token may also be sent as the password of HTTP Basic credentials (any user name)." : ""),
      // The same, for tools (and Pacer's own access-matrix test) to read.
      "x-permission": spec.permission,
      "x-roles": spec.roles ?? ["admin", "supervisor"],
      ...(spec.basicAuth ? { security: [{ bearerAuth: [] }, { basicAuth: [] }, { sessionCookie: [] }] } : {}),
      parameters: [...pathParams, ...queryParameters(spec)],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": { schema: jsonSchema(spec.body, "input") },
                ...(spec.formField ? formBodies(spec.formField) : {}),
              },
            },
          }
        : {}),
      ...(spec.upload
        ? {
            requestBody: {
              required: true,
              content: {
                "text/csv": { schema: { type: "string", description: "the CSV file itself; options in the query string" } },
                "multipart/form-data": {
                  schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" }, mapping: { type: "string" }, has_header: { type: "string" }, dnc: { type: "string" }, delimiter: { type: "string" } } },
                },
              },
            },
          }
        : {}),
      responses: {
        [String(spec.status ?? 200)]: spec.produces
          ? {
              description: spec.producesNote ?? (fromPbx ? "The file (206 with `Content-Range` for a `Range` request)" : "The file"),
              content: Object.fromEntries(spec.produces.map((t) => [t, { schema: { type: "string", ...(spec.producesNote ? {} : { format: "binary" }) } }])),
            }
          : {
              description: spec.csv ? "Success: the envelope, or with `format=csv` (or `Accept: text/csv`) the rows as CSV with a header row" : "Success",
              content: {
                "application/json": { schema: successSchema(spec) },
                ...(spec.csv ? { "text/csv": { schema: { type: "string" } } } : {}),
              },
            },
        ...(spec.alsoStatus
          ? { [String(spec.alsoStatus.status)]: { description: spec.alsoStatus.description, content: { "application/json": { schema: successSchema(spec, spec.alsoStatus.status) } } } }
          : {}),
        ...errors,
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Pacer API",
      version: "1.0.0",
      description:
        "Pacer's REST API: the ARI Dialer API v1.0 contract (also served under /adial/api) and Pacer's extensions. " +
        `Token permissions: ${PERMISSIONS.join(", ")}, or '<resource>/*', or '*'.`,
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "64 hex characters, created at POST /tokens" },
        basicAuth: { type: "http", scheme: "basic", description: "Only where a route says so: any user name, an API token as the password" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
    paths,
  };
}
