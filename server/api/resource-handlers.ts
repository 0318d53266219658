import type { Caller } from "./caller";
import type { Pagination } from "./envelope";
import { idParam } from "./params";
import type { RouteSpec } from "./route-spec";
import { withApi, type HandlerArgs } from "./with-api";

/**
 * The handlers most resources share, built from a route spec, a service function and a noun, so a
 * route file says only what differs. The noun names the record in the reply (`Trunk retrieved
 * successfully`) and in the 404 of a path id that cannot name one (`Trunk not found`); a route
 * whose message or shape differs from these writes its own `withApi` handler.
 */

type Body<S extends RouteSpec> = HandlerArgs<S>["body"];
type Page = { data: unknown; pagination: Pagination };

/** GET /things/{id}: `<noun> retrieved successfully` with the record. */
export function getHandler<S extends RouteSpec>(spec: S, noun: string, get: (id: number, caller: Caller) => Promise<unknown>) {
  return withApi(spec, async ({ caller, params }) => ({
    message: `${noun} retrieved successfully`,
    data: await get(idParam(params, noun), caller),
  }));
}

/** PUT /things/{id}: `<noun> updated successfully` with the record as it is now. */
export function updateHandler<S extends RouteSpec>(spec: S, noun: string, update: (caller: Caller, id: number, body: Body<S>) => Promise<unknown>) {
  return withApi(spec, async ({ caller, params, body }) => ({
    message: `${noun} updated successfully`,
    data: await update(caller, idParam(params, noun), body),
  }));
}

/** DELETE /things/{id}: `<noun> deleted successfully`, no data. */
export function deleteHandler<S extends RouteSpec>(spec: S, noun: string, remove: (caller: Caller, id: number) => Promise<unknown>) {
  return withApi(spec, async ({ caller, params }) => {
    await remove(caller, idParam(params, noun));
    return { message: `${noun} deleted successfully` };
  });
}

/**
 * GET /things: `<plural> retrieved successfully`. A paginated route's service returns
 * `{ data, pagination }`, which goes into the envelope as it is; any other returns the rows.
 */
export function listHandler<S extends RouteSpec>(
  spec: S,
  plural: string,
  list: (args: HandlerArgs<S>) => Promise<S["paginated"] extends true ? Page : unknown>,
) {
  return withApi(spec, async (args) => {
    const message = `${plural} retrieved successfully`;
    const result = await list(args);
    return spec.paginated ? { message, ...(result as Page) } : { message, data: result };
  });
}

/** POST /things: `<noun> created successfully` with the new record (the spec's status, 201). */
export function createHandler<S extends RouteSpec>(spec: S, noun: string, create: (caller: Caller, body: Body<S>) => Promise<unknown>) {
  return withApi(spec, async ({ caller, body }) => ({
    message: `${noun} created successfully`,
    data: await create(caller, body),
  }));
}
