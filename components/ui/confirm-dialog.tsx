"use client";

import { useId, useRef } from "react";
import { useModal } from "./use-modal";
import { FormAlert } from "./form-alert";

/**
 * A modal confirmation built on <dialog>: the browser traps focus, makes the page inert, closes on
 * Escape and gives focus back to the button that opened it. Focus starts on Cancel so a stray Enter
 * never confirms something destructive.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pendingLabel,
  tone = "danger",
  pending = false,
  error,
  onConfirm,
  onCancel,
  fallbackFocus,
}: {
  open: boolean;
  title: string;
  children?: React.ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  tone?: "danger" | "primary";
  pending?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  /** Where focus goes on close when the button that opened the dialog is gone (its row was deleted). */
  fallbackFocus?: React.RefObject<HTMLElement | null>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useModal(ref, open, {
    onShow: () => cancelRef.current?.focus(),
    onHide: () => {
      if (document.activeElement === document.body) fallbackFocus?.current?.focus();
    },
  });

  function cancel() {
    if (!pending) onCancel();
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={children ? bodyId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) cancel();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      {open && (
        <div className="p-5">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          {children && (
            <div id={bodyId} className="mt-2 space-y-2 text-sm text-slate-600 dark:text-slate-300">
              {children}
            </div>
          )}
          {error && <FormAlert className="mt-3">{error}</FormAlert>}
          <div className="mt-5 flex justify-end gap-2">
            <button ref={cancelRef} type="button" className="btn-secondary" onClick={cancel} disabled={pending}>
              Cancel
            </button>
            <button type="button" className={tone === "danger" ? "btn-danger" : "btn-primary"} onClick={onConfirm} disabled={pending}>
              {pending ? (pendingLabel ?? `${confirmLabel}…`) : confirmLabel}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
