"use client";

import { useState } from "react";
import type { UseMutationResult } from "@tanstack/react-query";
import { errorMessage } from "@/lib/form-errors";
import { ConfirmDialog } from "./confirm-dialog";
import { useToast } from "./toaster";

/**
 * Asks before running a mutation on one item (deleting a row, revoking a token). On success it
 * toasts and closes; on failure it stays open with the server's message, so the user can retry or
 * cancel.
 */
export function MutationConfirmDialog<Item, Variables>({
  item,
  mutation,
  variablesFor,
  title,
  children,
  confirmLabel,
  pendingLabel,
  successMessage,
  onClose,
  fallbackFocus,
}: {
  /** What the dialog asks about; it is open while this is set. */
  item: Item | null;
  mutation: UseMutationResult<unknown, Error, Variables>;
  variablesFor: (item: Item) => Variables;
  title: (item: Item) => string;
  /** The body: what confirming does to the item. */
  children: (item: Item) => React.ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  successMessage: (item: Item) => string;
  onClose: () => void;
  /** Where focus goes on close when the button that opened the dialog is gone (its row was deleted). */
  fallbackFocus: React.RefObject<HTMLElement | null>;
}) {
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);

  function close() {
    setError(null);
    onClose();
  }

  return (
    <ConfirmDialog
      open={item !== null}
      // ConfirmDialog shows its title and body only while open, that is while there is an item.
      title={item === null ? "" : title(item)}
      confirmLabel={confirmLabel}
      pendingLabel={pendingLabel}
      pending={mutation.isPending}
      error={error}
      fallbackFocus={fallbackFocus}
      onCancel={close}
      onConfirm={() => {
        if (item === null) return;
        mutation.mutate(variablesFor(item), {
          onSuccess: () => {
            toast("success", successMessage(item));
            close();
          },
          onError: (err) => setError(errorMessage(err)),
        });
      }}
    >
      {item !== null && children(item)}
    </ConfirmDialog>
  );
}
