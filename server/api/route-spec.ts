import type { z } from "zod";
import type { UserRole } from "@/db/schema";
import type { Permission } from "../auth/permissions";

/** One API endpoint, described once: the wrapper enforces it and the OpenAPI document prints it. */
export type RouteSpec = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI style, without the `/api` prefix: `/campaigns/{id}`. */
  path: string;
  tag: string;
  summary: string;
  permission: Permission;
  /** Roles allowed; admin and supervisor when omitted. */
  roles?: UserRole[];
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body is a file (text/csv or multipart/form-data with `file`), read by the handler itself. */
  upload?: boolean;
  /** Shape of `data` in a success reply. */
  response?: z.ZodType;
  paginated?: boolean;
  /** The envelope's rows are also offered as a CSV file (`format=csv` or `Accept: text/csv`). */
  csv?: boolean;
  /** A route that answers with a file instead of the envelope: its media types (OpenAPI). */
  produces?: string[];
  /** What that non-JSON reply is, when it is not a file fetched from the PBX (no 502 then). */
  producesNote?: string;
  status?: number;
  /** Another success status the route answers with the same shape (a repeated post: 200), and when. */
  alsoStatus?: { status: number; description: string };
  /**
   * For clients that can send no header but HTTP Basic credentials (FreeSWITCH's mod_json_cdr):
   * the API token is also taken as the password of `Authorization: Basic`, any user name.
   */
  basicAuth?: boolean;
  /** A token must name the permission (itself, its wildcard or `*`); an unrestricted token is refused. */
  explicitGrant?: boolean;
  /** Bodies larger than this many bytes are refused with a 400 before they are parsed. */
  maxBodyBytes?: number;
  /**
   * The JSON body may also come as a form (`application/x-www-form-urlencoded`, or
   * `application/x-www-form-base64-encoded` with the value in base64) whose field of this name holds it.
   */
  formField?: string;
};

export function defineRoute<const S extends RouteSpec>(spec: S): S {
  return spec;
}
