"use client";

import { Fragment, useEffect, useId, useRef, useState } from "react";
import { useDeleteTrunk, useTrunks, useUpdateTrunk } from "@/hooks/use-trunks";
import type { Trunk } from "@/lib/api-types";
import { errorMessage } from "@/lib/form-errors";
import { PER_PAGE_OPTIONS } from "@/lib/pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { MutationConfirmDialog } from "@/components/ui/mutation-confirm-dialog";
import { ErrorState } from "@/components/ui/notice";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Badge } from "@/components/ui/status-badge";
import { useToast } from "@/components/ui/toaster";
import { TrunkForm } from "./trunk-form";

const SEARCH_DELAY_MS = 350;
const COLUMNS = 7;
const ACTION_BUTTON = "btn-secondary px-2.5 py-1 text-xs aria-disabled:opacity-50";

/** How full a cap is, as "3 / 10" or "3" when there is none. */
function Load({ value, cap, unit }: { value: number; cap: number | null; unit: string }) {
  const full = cap !== null && value >= cap;
  return (
    <span className={full ? "font-semibold text-amber-700 dark:text-amber-400" : undefined}>
      {value}
      {cap !== null ? <span className="text-slate-500 dark:text-slate-400"> / {cap}</span> : <span className="sr-only"> {unit}, no limit</span>}
    </span>
  );
}

export function TrunkManager({ canEdit }: { canEdit: boolean }) {
  const searchId = useId();
  const [searchText, setSearchText] = useState("");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState<number>(PER_PAGE_OPTIONS[0]);
  const { data, isPending, isFetching, isPlaceholderData, error, refetch } = useTrunks({ search: search || undefined, page, perPage }, { live: true });
  const [editingId, setEditingId] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Trunk | null>(null);
  const deleteTrunk = useDeleteTrunk();
  const toast = useToast();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const value = searchText.trim();
    if (value === search) return;
    const timer = setTimeout(() => {
      setSearch(value);
      setPage(1);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText, search]);

  const lastPage = data?.pagination.total_pages;
  useEffect(() => {
    if (lastPage !== undefined && lastPage > 0 && page > lastPage) setPage(lastPage);
  }, [page, lastPage]);

  function closeEditor(id: number) {
    setEditingId(null);
    document.getElementById(`edit-trunk-button-${id}`)?.focus();
  }

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">Trunks</h1>
        <p className="mt-0.5 max-w-3xl text-sm text-slate-500 dark:text-slate-400">
          The carriers and gateways campaigns call out through. A campaign with trunks splits its calls between them by weight; a call a trunk
          refuses as congested or unavailable goes out again on the next one. Channel and CPS caps hold across every campaign and every Pacer
          process. Live figures refresh every few seconds.
        </p>
      </div>

      <section aria-labelledby="trunks-heading" className="card">
        <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
          <h2 ref={headingRef} tabIndex={-1} id="trunks-heading" className="font-semibold focus:outline-none">
            Trunks
          </h2>
          <form
            role="search"
            aria-label="Filter trunks"
            onSubmit={(e) => {
              e.preventDefault();
              setSearch(searchText.trim());
              setPage(1);
            }}
          >
            <label htmlFor={searchId} className="label">
              Search
            </label>
            <input id={searchId} type="search" className="input w-56" maxLength={100} placeholder="Name or endpoint" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
          </form>
        </div>
        {error && !data ? (
          <div className="p-4">
            <ErrorState title="Could not load the trunks" error={error} onRetry={() => refetch()} />
          </div>
        ) : isPending ? (
          <TableSkeleton columns={COLUMNS} rows={4} label="Loading trunks" />
        ) : data.pagination.total === 0 ? (
          <div className="p-4">
            {search ? (
              <EmptyState compact title="No trunks match this search" description="Shorten the search, or clear it to see every trunk." />
            ) : (
              <EmptyState
                compact
                title="No trunks yet"
                description={
                  canEdit
                    ? "Add your carrier below. Until a campaign has trunks it dials through its own trunk type and value."
                    : "An administrator adds trunks. Until a campaign has trunks it dials through its own trunk type and value."
                }
              />
            )}
          </div>
        ) : (
          <>
            <div className={`relative overflow-x-auto transition-opacity ${isPlaceholderData ? "opacity-60" : ""}`} aria-busy={isFetching}>
              <table className="data-table">
                <caption className="sr-only">Trunks with their live channels and calls per second</caption>
                <thead className="bg-slate-50 dark:bg-slate-900/60">
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Dials</th>
                    <th scope="col">Live channels</th>
                    <th scope="col">CPS</th>
                    <th scope="col">Weight</th>
                    <th scope="col">Campaigns</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                  {data.rows.map((t) => {
                    const editing = editingId === t.id;
                    return (
                      <Fragment key={t.id}>
                        <TrunkRow trunk={t} canEdit={canEdit} editing={editing} onEdit={() => setEditingId(editing ? null : t.id)} onDelete={() => setDeleting(t)} />
                        {editing && (
                          <tr className="bg-brand-50/60 dark:bg-slate-800/60">
                            <td colSpan={COLUMNS} className="whitespace-normal! px-4! pt-1! pb-4!">
                              <TrunkForm
                                trunk={t}
                                onDone={(saved) => {
                                  toast("success", `Trunk ${saved.name} saved.`);
                                  closeEditor(t.id);
                                }}
                                onCancel={() => closeEditor(t.id)}
                              />
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pagination
              pagination={data.pagination}
              noun="trunks"
              busy={isFetching}
              onPageChange={setPage}
              onPerPageChange={(n) => {
                setPerPage(n);
                setPage(1);
              }}
            />
          </>
        )}
      </section>

      {canEdit && (
        <section aria-labelledby="add-trunk-heading" className="card p-4">
          <h2 id="add-trunk-heading" className="mb-3 font-semibold">
            Add a trunk
          </h2>
          <TrunkForm
            onDone={(saved) => {
              toast("success", `Trunk ${saved.name} added.`);
              headingRef.current?.focus();
            }}
          />
        </section>
      )}

      <MutationConfirmDialog
        item={deleting}
        mutation={deleteTrunk}
        variablesFor={(t) => t.id}
        title={(t) => `Delete trunk ${t.name}?`}
        confirmLabel="Delete trunk"
        pendingLabel="Deleting…"
        successMessage={(t) => `Trunk ${t.name} deleted.`}
        onClose={() => setDeleting(null)}
        fallbackFocus={headingRef}
      >
        {(t) => (
          <>
            <p>
              {t.campaigns > 0
                ? `It is removed from the ${t.campaigns === 1 ? "campaign" : `${t.campaigns} campaigns`} that use it; a campaign left with no trunks dials through its own trunk type and value.`
                : "No campaign uses it."}
            </p>
            <p>A trunk a running or paused campaign uses cannot be deleted: disable it instead, and the dialer sends it no new calls.</p>
          </>
        )}
      </MutationConfirmDialog>
    </div>
  );
}

function TrunkRow({ trunk: t, canEdit, editing, onEdit, onDelete }: { trunk: Trunk; canEdit: boolean; editing: boolean; onEdit: () => void; onDelete: () => void }) {
  const toggle = useUpdateTrunk();
  const toast = useToast();

  function switchEnabled() {
    if (toggle.isPending) return;
    toggle.mutate(
      { id: t.id, changes: { enabled: !t.enabled } },
      {
        onSuccess: (saved) => toast("success", `Trunk ${saved.name} ${saved.enabled ? "enabled" : "disabled"}.`),
        onError: (err) => toast("error", errorMessage(err)),
      },
    );
  }

  return (
    <tr className={editing ? "bg-brand-50/60 dark:bg-slate-800/60" : t.enabled ? "hover:bg-slate-50 dark:hover:bg-slate-800/40" : "text-slate-500 dark:text-slate-400"}>
      <td>
        <div className="flex items-center gap-2">
          <span className="font-medium">{t.name}</span>
          {!t.enabled && <Badge tone="slate">Disabled</Badge>}
        </div>
        {t.description && <p className="max-w-64 truncate text-xs text-slate-500 dark:text-slate-400">{t.description}</p>}
      </td>
      <td className="font-mono text-[13px]">
        <span className="sr-only">{t.type}: </span>
        {t.type === "custom" ? t.value : `${t.type} ${t.value}`}
      </td>
      <td>
        <Load value={t.live_channels} cap={t.max_channels} unit="channels" />
      </td>
      <td>
        <Load value={t.cps} cap={t.max_cps} unit="calls per second" />
      </td>
      <td>{t.weight}</td>
      <td>{t.campaigns}</td>
      <td className="text-right">
        {canEdit && (
          <div className="flex justify-end gap-1.5">
            <button type="button" id={`edit-trunk-button-${t.id}`} className={ACTION_BUTTON} aria-expanded={editing} onClick={onEdit}>
              {editing ? "Close" : "Edit"}
              <span className="sr-only"> trunk {t.name}</span>
            </button>
            <button type="button" className={ACTION_BUTTON} aria-disabled={toggle.isPending} onClick={switchEnabled}>
              {t.enabled ? "Disable" : "Enable"}
              <span className="sr-only"> trunk {t.name}</span>
            </button>
            <button type="button" className={`${ACTION_BUTTON} text-red-700 dark:text-red-400`} onClick={onDelete}>
              Delete<span className="sr-only"> trunk {t.name}</span>
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
