/**
 * The permission strings a token may carry, one per API endpoint (see server/auth/permissions.ts
 * for how they match). Kept here, free of server code, so the browser and the server share one list.
 */
export const TOKEN_PERMISSIONS = [
  "tokens/list",
  "tokens/create",
  "tokens/delete",
  "campaigns/list",
  "campaigns/get",
  "campaigns/create",
  "campaigns/update",
  "campaigns/delete",
  "campaigns/start",
  "campaigns/stop",
  "campaigns/pause",
  "campaigns/resume",
  "campaigns/stats",
  "campaigns/runtime",
  "campaigns/numbers",
  "campaigns/numbers_add",
  "campaigns/numbers_get",
  "campaigns/numbers_update",
  "campaigns/numbers_delete",
  "campaigns/trunks",
  "campaigns/trunks_update",
  "lists/list",
  "lists/get",
  "lists/create",
  "lists/update",
  "lists/delete",
  "lists/leads",
  "lists/leads_add",
  "lists/import",
  "cdr/list",
  "cdr/get",
  "cdr/stats",
  "cdr/recording",
  "monitoring/status",
  "monitoring/channels",
  "monitoring/realtime",
  "monitoring/dialer",
  "ivr/list",
  "ivr/get",
  "ivr/create",
  "ivr/update",
  "ivr/delete",
  "dnc/list",
  "dnc/create",
  "dnc/delete",
  "dnc/check",
  "demo/get",
  "demo/create",
  "demo/delete",
  "agents/list",
  "agents/get",
  "agents/create",
  "agents/update",
  "agents/delete",
  "agents/login",
  "agents/logout",
  "agents/state",
  "agents/disposition",
  "agents/preview",
  "agents/monitor",
  "agents/console",
  "agents/lead",
  "agents/lead_phones",
  "agents/hangup",
  "users/list",
  "users/create",
  "users/update",
  "users/delete",
  "audit/list",
  "pbx/list",
  "pbx/create",
  "pbx/update",
  "pbx/delete",
  "pbx/test",
  "trunks/list",
  "trunks/get",
  "trunks/create",
  "trunks/update",
  "trunks/delete",
  "trunks/health",
  "trunks/probe",
  "reports/read",
  "metrics/read",
] as const;

export type TokenPermission = (typeof TOKEN_PERMISSIONS)[number];

export const PERMISSION_RESOURCES = [
  { resource: "campaigns", label: "Campaigns and their numbers" },
  { resource: "lists", label: "Lead lists, their leads and CSV imports" },
  { resource: "cdr", label: "Call records and their recordings" },
  { resource: "monitoring", label: "Monitoring" },
  { resource: "ivr", label: "IVR menus" },
  { resource: "dnc", label: "Do-not-call lists" },
  { resource: "agents", label: "Agents (log in, states, dispositions, preview dial/skip, listen/whisper/barge)" },
  { resource: "tokens", label: "API tokens" },
  { resource: "users", label: "Users (admin role only)" },
  { resource: "audit", label: "Audit log (admin role only)" },
  { resource: "pbx", label: "PBX servers (admin role only)" },
  { resource: "trunks", label: "Trunks and their health (changes and probes: admin role only)" },
  { resource: "reports", label: "Reports (every report, JSON and CSV)" },
  { resource: "demo", label: "The first-start demo (status, removal; creation: admin role only)" },
  { resource: "metrics", label: "Prometheus metrics (/metrics)" },
] as const;

export type PermissionResource = (typeof PERMISSION_RESOURCES)[number]["resource"];

type ResourceOf<P> = P extends `${infer R}/${string}` ? R : never;
type UngroupedResource = Exclude<ResourceOf<TokenPermission>, PermissionResource>;
const everyResourceGrouped: [UngroupedResource] extends [never] ? true : UngroupedResource = true;
void everyResourceGrouped;

export function permissionsOf(resource: PermissionResource): TokenPermission[] {
  return TOKEN_PERMISSIONS.filter((p) => p.startsWith(`${resource}/`));
}

export const wildcardOf = (resource: PermissionResource) => `${resource}/*`;
