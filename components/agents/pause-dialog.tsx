"use client";

import { useId, useRef } from "react";
import { useModal } from "@/components/ui/use-modal";
import type { PauseReason } from "@/lib/api-types";
import { PAUSE_REASON_LABELS, PAUSE_REASON_LIST } from "@/lib/pause-reasons";
import { Kbd } from "./shortcuts";

/**
 * Choosing why to pause: a modal <dialog> (the page's own shortcuts rest while it is open) with one
 * button per reason code. 1–7 pick at once, arrows and Enter work as on any button list, Escape
 * cancels and gives focus back to what opened it.
 */
export function PauseDialog({ open, current, onPick, onClose }: { open: boolean; current: PauseReason | null; onPick: (reason: PauseReason) => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const hintId = useId();

  useModal(ref, open, { onShow: (dialog) => dialog.querySelector<HTMLButtonElement>("[data-reason]")?.focus() });

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const n = Number(e.key);
    if (Number.isInteger(n) && n >= 1 && n <= PAUSE_REASON_LIST.length) {
      e.preventDefault();
      onPick(PAUSE_REASON_LIST[n - 1]);
      return;
    }
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>("[data-reason]") ?? [])];
      const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
      const next = buttons[(at + (e.key === "ArrowDown" ? 1 : buttons.length - 1)) % buttons.length];
      e.preventDefault();
      next?.focus();
    }
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={hintId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      onKeyDown={onKeyDown}
      className="m-auto w-[calc(100%-2rem)] max-w-sm rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      {open && (
        <div className="space-y-3 p-5">
          <h2 id={titleId} className="text-base font-semibold">
            Pause: why?
          </h2>
          <p id={hintId} className="text-sm text-slate-600 dark:text-slate-300">
            Press a number, or pick with the arrows and Enter. Escape cancels. No calls come to you while you are paused; a pause asked during a call starts when it ends.
          </p>
          <ul className="grid gap-1.5" aria-label="Pause reasons">
            {PAUSE_REASON_LIST.map((reason, i) => (
              <li key={reason}>
                <button
                  type="button"
                  data-reason={reason}
                  aria-keyshortcuts={String(i + 1)}
                  aria-current={reason === current ? "true" : undefined}
                  className="btn-secondary w-full justify-between"
                  onClick={() => onPick(reason)}
                >
                  <span>
                    {PAUSE_REASON_LABELS[reason]}
                    {reason === current && <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">(now)</span>}
                  </span>
                  <Kbd>{i + 1}</Kbd>
                </button>
              </li>
            ))}
          </ul>
          <div className="flex justify-end">
            <button type="button" className="btn-secondary" onClick={onClose} aria-keyshortcuts="Escape">
              Cancel
              <Kbd>Esc</Kbd>
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
