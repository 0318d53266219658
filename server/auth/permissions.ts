import { TOKEN_PERMISSIONS } from "@/lib/token-permissions";

/**
 * Token permissions name API endpoints as `<resource>/<action>` (`campaigns/list`, `cdr/get`),
 * with `<resource>/*` for every action of a resource and `*` for everything. A token with no
 * permissions may do whatever its owner's role allows.
 *
 * Number endpoints (`/campaigns/:id/numbers…`, `/numbers/:id`) belong to the `campaigns` resource,
 * so a `campaigns/*` token can load and manage the numbers of the campaigns it runs.
 */
export const PERMISSIONS = TOKEN_PERMISSIONS;
export type Permission = (typeof PERMISSIONS)[number];

const RESOURCES = new Set(PERMISSIONS.map((p) => p.split("/")[0]));

/** Is `grant` (as written on a token) a permission string Pacer understands? */
export function isKnownGrant(grant: string): boolean {
  if (grant === "*") return true;
  const [resource, action, ...rest] = grant.split("/");
  if (rest.length || !resource || !action || !RESOURCES.has(resource)) return false;
  return action === "*" || (PERMISSIONS as readonly string[]).includes(grant);
}

export function grantCovers(grant: string, required: string): boolean {
  if (grant === "*" || grant === required) return true;
  if (grant.endsWith("/*")) return required.startsWith(grant.slice(0, -1));
  return false;
}

/** null or empty list = unrestricted (bounded by role). */
export function tokenAllows(grants: string[] | null | undefined, required: string): boolean {
  if (!grants || grants.length === 0) return true;
  return grants.some((g) => grantCovers(g, required));
}

/**
 * A token that names `required` (itself, its resource's wildcard or `*`). Routes a machine calls
 * with a token made for it alone (a PBX posting its CDRs) want this: a token left unrestricted,
 * which may do all its owner may, is not taken for one.
 */
export function tokenNames(grants: string[] | null | undefined, required: string): boolean {
  return !!grants && grants.length > 0 && tokenAllows(grants, required);
}

/** A restricted token may only mint tokens that are no broader than itself. */
export function grantsWithin(parent: string[] | null | undefined, child: string[] | null | undefined): boolean {
  if (!parent || parent.length === 0) return true;
  if (!child || child.length === 0) return false;
  return child.every((c) => {
    if (c === "*") return parent.includes("*");
    if (c.endsWith("/*")) return parent.some((p) => p === "*" || p === c);
    return tokenAllows(parent, c);
  });
}
