"use client";

import { useRef, useState } from "react";
import { useRevokeToken, useTokens } from "@/hooks/use-tokens";
import type { ApiToken } from "@/lib/api-types";
import { parseApiTime } from "@/lib/format";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { MutationConfirmDialog } from "@/components/ui/mutation-confirm-dialog";
import { ErrorState } from "@/components/ui/notice";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Badge, StatusBadge } from "@/components/ui/status-badge";

function tokenState(t: ApiToken): "active" | "revoked" | "expired" {
  if (!t.is_active) return "revoked";
  if (t.expires_at && parseApiTime(t.expires_at).getTime() <= Date.now()) return "expired";
  return "active";
}

export function TokenTable() {
  const { data: tokens, isPending, error, refetch } = useTokens();
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revokeToken = useRevokeToken();
  const headingRef = useRef<HTMLHeadingElement>(null);

  return (
    <section aria-labelledby="tokens-heading" className="card">
      <div className="border-b border-slate-200 px-5 py-3 dark:border-slate-800">
        <h2 ref={headingRef} tabIndex={-1} id="tokens-heading" className="font-semibold focus:outline-none">
          Your tokens
        </h2>
      </div>
      {error ? (
        <div className="p-4">
          <ErrorState title="Could not load your tokens" error={error} onRetry={() => refetch()} />
        </div>
      ) : isPending ? (
        <TableSkeleton columns={7} rows={3} label="Loading tokens" />
      ) : tokens.length === 0 ? (
        <div className="p-4">
          <EmptyState compact title="No API tokens yet" description="Create one below to let a script or another system use the API." />
        </div>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="data-table">
            <caption className="sr-only">Your API tokens</caption>
            <thead className="bg-slate-50 dark:bg-slate-900/60">
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                <th scope="col">Permissions</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {tokens.map((t) => {
                const state = tokenState(t);
                return (
                  <tr key={t.id} className={state === "active" ? undefined : "text-slate-500 dark:text-slate-400"}>
                    <td className="font-medium">
                      {t.name}
                      <p className="text-xs font-normal text-slate-500 dark:text-slate-400">
                        Created <DateTime value={t.created_at} />
                      </p>
                    </td>
                    <td className="font-mono text-xs">{t.token}</td>
                    <td className="whitespace-normal!">
                      {t.permissions?.length ? (
                        <ul className="flex max-w-md flex-wrap gap-1" aria-label="Permissions">
                          {t.permissions.map((p) => (
                            <li key={p} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] dark:bg-slate-800">
                              {p}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <Badge tone="blue">Full access</Badge>
                      )}
                    </td>
                    <td>
                      <DateTime value={t.last_used} empty="Never" />
                    </td>
                    <td>
                      <DateTime value={t.expires_at} empty="Never" />
                    </td>
                    <td>
                      <StatusBadge status={state} />
                    </td>
                    <td className="text-right">
                      {t.is_active ? (
                        <button type="button" className="btn-secondary px-2.5 py-1 text-xs" aria-label={`Revoke ${t.name}`} onClick={() => setRevoking(t)}>
                          Revoke
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
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
    </section>
  );
}
