"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { MutationConfirmDialog } from "./mutation-confirm-dialog";
import { DANGER_ACTION_BUTTON } from "./resource-table";

/** A row's Delete button. `blockedBy` says why the row cannot be deleted now: the disabled button's tooltip. */
export function DeleteRowButton({
  label,
  blockedBy,
  className = DANGER_ACTION_BUTTON,
  onClick,
}: {
  /** The button's accessible name, e.g. "Delete Ann". */
  label: string;
  blockedBy?: string;
  className?: string;
  onClick: () => void;
}) {
  return (
    <button type="button" className={className} aria-label={label} disabled={blockedBy !== undefined} title={blockedBy} onClick={onClick}>
      Delete
    </button>
  );
}

/**
 * Asks before deleting a row, in the words every table uses: "Delete agent Ann?", then the toast
 * "Agent Ann deleted.". The row is deleted by its id.
 */
export function DeleteRowDialog<Row extends { id: number }>({
  row,
  what,
  confirmLabel,
  mutation,
  onClose,
  fallbackFocus,
  children,
}: {
  /** The row asked about; the dialog is open while it is set. */
  row: Row | null;
  /** The row as the question names it, e.g. "agent Ann". */
  what: (row: Row) => string;
  confirmLabel: string;
  mutation: UseMutationResult<unknown, Error, number>;
  onClose: () => void;
  /** Where focus goes once the row, and the button that opened the dialog with it, are gone. */
  fallbackFocus: React.RefObject<HTMLElement | null>;
  /** What deleting does, beyond the row itself. */
  children: (row: Row) => React.ReactNode;
}) {
  return (
    <MutationConfirmDialog
      item={row}
      mutation={mutation}
      variablesFor={(r) => r.id}
      title={(r) => `Delete ${what(r)}?`}
      confirmLabel={confirmLabel}
      pendingLabel="Deleting…"
      successMessage={(r) => `${capitalized(what(r))} deleted.`}
      onClose={onClose}
      fallbackFocus={fallbackFocus}
    >
      {children}
    </MutationConfirmDialog>
  );
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
