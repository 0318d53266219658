"use client";

import { useRef, useState } from "react";
import { useDeleteWebhook, useRotateWebhookSecret, useUpdateWebhook, useWebhooks } from "@/hooks/use-webhooks";
import { useRowEditor, type RowEditor } from "@/hooks/use-row-editor";
import type { Webhook, WebhookWithSecret } from "@/lib/api-types";
import { errorMessage } from "@/lib/form-errors";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Panel } from "@/components/ui/panel";
import { ACTION_BUTTON, DANGER_ACTION_BUTTON, ResourceTable, type Column, type TableSpec } from "@/components/ui/resource-table";
import { Badge } from "@/components/ui/status-badge";
import { TablePageHeader } from "@/components/ui/table-page-header";
import { DeleteRowDialog } from "@/components/ui/table-row-actions";
import { useToast } from "@/components/ui/toaster";
import { WebhookDeliveries } from "./webhook-deliveries";
import { WebhookForm } from "./webhook-form";
import { WebhookSecretPanel } from "./webhook-secret-panel";

const COLUMNS: Column<Webhook>[] = [
  {
    header: "Name",
    rowHeader: true,
    cell: (w) => (
      <>
        <div className="flex items-center gap-2">
          <span className="font-medium">{w.name}</span>
          {w.is_active === 0 && <Badge tone="slate">Inactive</Badge>}
        </div>
        <p className="max-w-72 truncate font-mono text-xs text-slate-500 dark:text-slate-400" title={w.url}>
          {w.url}
        </p>
      </>
    ),
  },
  { header: "Events", className: "font-mono text-xs", cell: (w) => w.event_types.join(", ") },
  {
    header: "Deliveries",
    cell: (w) => (
      <span className="whitespace-nowrap text-xs">
        {w.deliveries.delivered} delivered · {w.deliveries.pending} pending ·{" "}
        <span className={w.deliveries.failed ? "font-semibold text-red-700 dark:text-red-400" : undefined}>{w.deliveries.failed} failed</span>
      </span>
    ),
  },
  { header: "Secret", className: "font-mono text-xs", cell: (w) => w.secret_hint },
];
const SPEC: TableSpec<Webhook> = { caption: "Webhook subscriptions", noun: "webhooks", columns: COLUMNS, skeletonRows: 2 };

export function WebhookManager() {
  const query = useWebhooks();
  const editor = useRowEditor("edit-webhook");
  const [secret, setSecret] = useState<{ webhook: WebhookWithSecret; rotated: boolean } | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [rotating, setRotating] = useState<Webhook | null>(null);
  const deleteWebhook = useDeleteWebhook();
  const toast = useToast();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const selected = query.data?.find((w) => w.id === selectedId) ?? null;

  function dismissSecret() {
    setSecret(null);
    headingRef.current?.focus();
  }

  return (
    <div className="space-y-5">
      <TablePageHeader title="Webhooks">
        Pacer tells other systems what happens (a call finished, a lead disposed, a campaign started or stopped, an import finished, the
        abandonment cap reached) by POSTing a signed JSON body to their URL. Failed deliveries are retried with growing delays, and survive a
        restart; each subscription keeps a log of its deliveries, and any of them can be sent again.
      </TablePageHeader>

      {secret && <WebhookSecretPanel webhook={secret.webhook} rotated={secret.rotated} onDone={dismissSecret} />}

      <Panel title="Subscriptions" headingRef={headingRef}>
        <ResourceTable
          spec={SPEC}
          query={query}
          empty={<EmptyState compact title="No webhooks yet" description="Add a subscription below: its URL, and the events it wants." />}
          muted={(w) => w.is_active === 0}
          expanded={(w) =>
            editor.panel(w.id, () => (
              <WebhookForm
                webhook={w}
                onSaved={(saved) => {
                  toast("success", `Webhook ${saved.name} saved.`);
                  editor.close(w.id);
                }}
                onCancel={() => editor.close(w.id)}
              />
            ))
          }
          rowActions={(w) => (
            <WebhookActions webhook={w} editor={editor} showing={selectedId === w.id} onShow={() => setSelectedId(selectedId === w.id ? null : w.id)} onRotate={() => setRotating(w)} onDelete={() => setDeleting(w)} />
          )}
        />
      </Panel>

      {selected && <WebhookDeliveries key={selected.id} webhook={selected} />}

      <Panel title="Add a webhook">
        <div className="p-4">
          <WebhookForm onCreated={(w) => setSecret({ webhook: w, rotated: false })} />
        </div>
      </Panel>

      <RotateDialog webhook={rotating} onClose={() => setRotating(null)} onRotated={(w) => setSecret({ webhook: w, rotated: true })} fallbackFocus={headingRef} />

      <DeleteRowDialog
        row={deleting}
        what={(w) => `webhook ${w.name}`}
        confirmLabel="Delete webhook"
        mutation={deleteWebhook}
        onClose={() => {
          if (deleting?.id === selectedId) setSelectedId(null);
          setDeleting(null);
        }}
        fallbackFocus={headingRef}
      >
        {() => <p>Its delivery log goes with it, and deliveries not yet sent are dropped.</p>}
      </DeleteRowDialog>
    </div>
  );
}

function RotateDialog({
  webhook,
  onClose,
  onRotated,
  fallbackFocus,
}: {
  webhook: Webhook | null;
  onClose: () => void;
  onRotated: (w: WebhookWithSecret) => void;
  fallbackFocus: React.RefObject<HTMLElement | null>;
}) {
  const rotate = useRotateWebhookSecret();
  return (
    <ConfirmDialog
      open={webhook !== null}
      title={webhook ? `Rotate the secret of ${webhook.name}?` : ""}
      confirmLabel="Rotate secret"
      pendingLabel="Rotating…"
      tone="primary"
      pending={rotate.isPending}
      error={rotate.error ? errorMessage(rotate.error) : null}
      fallbackFocus={fallbackFocus}
      onCancel={() => {
        rotate.reset();
        onClose();
      }}
      onConfirm={() =>
        webhook &&
        rotate.mutate(webhook.id, {
          onSuccess: (w) => {
            onClose();
            onRotated(w);
          },
        })
      }
    >
      <p>Pacer signs with a new secret from now on; the receiver must be given it, or it will refuse what Pacer sends.</p>
    </ConfirmDialog>
  );
}

function WebhookActions({
  webhook: w,
  editor,
  showing,
  onShow,
  onRotate,
  onDelete,
}: {
  webhook: Webhook;
  editor: RowEditor;
  showing: boolean;
  onShow: () => void;
  onRotate: () => void;
  onDelete: () => void;
}) {
  const toggle = useUpdateWebhook();
  const toast = useToast();
  const editing = editor.isEditing(w.id);
  function switchActive() {
    if (toggle.isPending) return;
    toggle.mutate(
      { id: w.id, changes: { is_active: w.is_active === 0 } },
      { onSuccess: (saved) => toast("success", `Webhook ${saved.name} ${saved.is_active ? "activated" : "deactivated"}.`), onError: (err) => toast("error", errorMessage(err)) },
    );
  }
  return (
    <>
      <button type="button" className={ACTION_BUTTON} aria-pressed={showing} onClick={onShow}>
        Deliveries<span className="sr-only"> of webhook {w.name}</span>
      </button>
      <button type="button" id={editor.buttonId(w.id)} className={ACTION_BUTTON} aria-expanded={editing} onClick={() => editor.toggle(w.id)}>
        {editing ? "Close" : "Edit"}
        <span className="sr-only"> webhook {w.name}</span>
      </button>
      <button type="button" className={ACTION_BUTTON} aria-disabled={toggle.isPending} onClick={switchActive}>
        {w.is_active ? "Deactivate" : "Activate"}
        <span className="sr-only"> webhook {w.name}</span>
      </button>
      <button type="button" className={ACTION_BUTTON} onClick={onRotate}>
        Rotate secret<span className="sr-only"> of webhook {w.name}</span>
      </button>
      <button type="button" className={DANGER_ACTION_BUTTON} onClick={onDelete}>
        Delete<span className="sr-only"> webhook {w.name}</span>
      </button>
    </>
  );
}
