"use client";

import { useRef, useState } from "react";
import { useRevokeToken, useTokens } from "@/hooks/use-tokens";
import type { ApiToken } from "@/lib/api-types";
import { parseApiTime } from "@/lib/format";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { MutationConfirmDialog } from "@/components/ui/mutation-confirm-dialog";
import { Panel } from "@/components/ui/panel";
import { ACTION_BUTTON, ResourceTable, type Column, type TableSpec } from "@/components/ui/resource-table";
import { Badge, StatusBadge } from "@/components/ui/status-badge";

function tokenState(t: ApiToken): "active" | "revoked" | "expired" {
  if (!t.is_active) return "revoked";
  if (t.expires_at && parseApiTime(t.expires_at).getTime() <= Date.now()) return "expired";
  return "active";
}

const COLUMNS: Column<ApiToken>[] = [
  {
    header: "Name",
    className: "font-medium",
    sortValue: (t) => t.name.toLowerCase(),
    cell: (t) => (
      <>
        {t.name}
        <p className="text-xs font-normal text-slate-500 dark:text-slate-400">
          Created <DateTime value={t.created_at} />
        </p>
      </>
    ),
  },
  { header: "Token", className: "font-mono text-xs", cell: (t) => t.token },
  {
    header: "Permissions",
    className: "whitespace-normal!",
    cell: (t) =>
      t.permissions?.length ? (
        <ul className="flex max-w-md flex-wrap gap-1" aria-label="Permissions">
          {t.permissions.map((p) => (
            <li key={p} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] dark:bg-slate-800">
              {p}
            </li>
          ))}
        </ul>
      ) : (
        <Badge tone="blue">Full access</Badge>
      ),
  },
  { header: "Last used", sortValue: (t) => t.last_used, cell: (t) => <DateTime value={t.last_used} empty="Never" /> },
  { header: "Expires", sortValue: (t) => t.expires_at, cell: (t) => <DateTime value={t.expires_at} empty="Never" /> },
  { header: "Status", sortValue: tokenState, cell: (t) => <StatusBadge status={tokenState(t)} /> },
];
const TOKENS_TABLE: TableSpec<ApiToken> = { caption: "Your API tokens", noun: "tokens", columns: COLUMNS, skeletonRows: 3 };

export function TokenTable() {
  const query = useTokens();
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revokeToken = useRevokeToken();
  const headingRef = useRef<HTMLHeadingElement>(null);

  return (
    <Panel title="Your tokens" headingRef={headingRef}>
      <ResourceTable
        spec={TOKENS_TABLE}
        query={query}
        empty={<EmptyState compact title="No API tokens yet" description="Create one below to let a script or another system use the API." />}
        muted={(t) => tokenState(t) !== "active"}
        rowActions={(t) =>
          t.is_active ? (
            <button type="button" className={ACTION_BUTTON} aria-label={`Revoke ${t.name}`} onClick={() => setRevoking(t)}>
              Revoke
            </button>
          ) : null
        }
      />
      <MutationConfirmDialog
        item={revoking}
        mutation={revokeToken}
        variablesFor={(t) => t.id}
        title={(t) => `Revoke ${t.name}?`}
        confirmLabel="Revoke token"
        pendingLabel="Revoking…"
        successMessage={(t) => `Token ${t.name} revoked.`}
        onClose={() => setRevoking(null)}
        fallbackFocus={headingRef}
      >
        {(t) => (
          <p>
            Anything using <span className="font-mono">{t.token}</span> gets “401 Unauthorized” from now on. This cannot be undone.
          </p>
        )}
      </MutationConfirmDialog>
    </Panel>
  );
}
