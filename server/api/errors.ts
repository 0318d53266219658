import { z } from "zod";

export type FieldErrors = Record<string, string[]>;

/** The one error type route code throws; `withApi` turns it into the contract's error envelope. */
export class ApiError extends Error {
  readonly code: number;
  readonly errors?: FieldErrors | Record<string, unknown>;

  constructor(code: number, message: string, errors?: FieldErrors | Record<string, unknown>) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.errors = errors;
  }

  static badRequest(message: string, errors?: FieldErrors | Record<string, unknown>) {
    return new ApiError(400, message, errors);
  }
  static unauthorized(message = "Unauthorized: invalid or missing token") {
    return new ApiError(401, message);
  }
  static forbidden(message = "Forbidden: insufficient permissions") {
    return new ApiError(403, message);
  }
  static notFound(what: string) {
    return new ApiError(404, `${what} not found`);
  }
  static conflict(message: string) {
    return new ApiError(409, message);
  }
}

/** The record looked up, or the 404 that names it (`Trunk not found`) when there is none. */
export function orNotFound<T>(row: T | null | undefined, what: string): T {
  if (row === undefined || row === null) throw ApiError.notFound(what);
  return row;
}

/** zod issues → `{ "field.path": ["message", …] }`, the per-field `errors` of a 400. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function validationError(error: z.ZodError): ApiError {
  const fields = zodFieldErrors(error);
  const first = Object.entries(fields)[0];
  const summary = first ? (first[0] === "_" ? first[1][0] : `${first[0]}: ${first[1][0]}`) : "Invalid input";
  return ApiError.badRequest(`Validation failed: ${summary}`, fields);
}
