import { ApiError } from "./errors";

/** Path ids are positive integers; anything else cannot name a record, so it is a 404. */
export function idParam(params: Record<string, string>, what: string, key = "id"): number {
  const raw = params[key];
  const id = Number(raw);
  if (!/^\d{1,10}$/.test(raw ?? "") || !Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) {
    throw ApiError.notFound(what);
  }
  return id;
}
