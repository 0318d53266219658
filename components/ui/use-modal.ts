"use client";

import { useEffect, useRef } from "react";

/**
 * Opens a <dialog> as a modal while `open` is true and closes it when it turns false: the browser
 * then traps focus and makes the page inert. `onShow` places focus inside; `onHide` runs after it closes.
 */
export function useModal(ref: React.RefObject<HTMLDialogElement | null>, open: boolean, handlers: { onShow?: (dialog: HTMLDialogElement) => void; onHide?: () => void } = {}) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      latest.current.onShow?.(dialog);
    } else if (!open && dialog.open) {
      dialog.close();
      latest.current.onHide?.();
    }
  }, [open, ref]);
}
