import { createRequire } from "node:module";
import path from "node:path";

/** The parts of swagger-client 2.0 (ari-client's REST layer, untyped) that Pacer adapts. */
export type SwaggerClient = {
  SwaggerApi: {
    prototype: {
      fail(message: unknown): void;
      failure(message: unknown): void;
      buildFromSpec(listing: unknown): unknown;
      buildFrom1_1Spec(listing: unknown): unknown;
    };
  };
  authorizations: { authz: Record<string, unknown>; add(name: string, auth: { apply(obj: { url: string; headers: Record<string, string> }): boolean }): void };
};

const ADAPTED = Symbol.for("pacer.ari.swagger-adapted");

/**
 * The swagger-client instance ari-client itself loaded (resolved from the project, as Node does
 * for ari-client, which stays outside the route bundles), with two of its habits corrected once:
 *
 * - Asterisk describes ARI in Swagger 1.1 (`"swaggerVersion": "1.1"`, in every Asterisk release,
 *   and so does the simulator). swagger-client builds a 1.1 listing exactly as a 1.2 one, but on
 *   its way prints "This API is using a deprecated version of Swagger!" to stdout on every
 *   connect, keeps the line in a history array that never shrinks, and leaks two loop variables
 *   as globals. Building the 1.1 listing with the 1.2 builder produces the same API without any of
 *   that; the rest of swagger-client's logging is left as it is.
 * - Its fail() reports a refused connection (a 401 for a wrong password) to ari-client, then
 *   throws the message from inside an HTTP callback, where nothing can catch it: an uncaught
 *   exception that would bring the whole process down. Reporting is enough.
 */
export function ariSwaggerClient(): SwaggerClient {
  const fromProject = createRequire(path.join(process.cwd(), "package.json"));
  const fromAri = createRequire(fromProject.resolve("ari-client"));
  const swagger = fromAri("swagger-client") as SwaggerClient & { [ADAPTED]?: true };
  if (swagger[ADAPTED]) return swagger;
  const api = swagger.SwaggerApi.prototype;
  api.buildFrom1_1Spec = api.buildFromSpec;
  api.fail = function (message: unknown) {
    this.failure(message);
  };
  swagger[ADAPTED] = true;
  return swagger;
}
