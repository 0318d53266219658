"use client";

import { useEffect, useRef } from "react";

/** Keys typed into a field, or with a modifier, or behind a modal dialog, are not shortcuts. */
export function isShortcutEvent(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.repeat || e.ctrlKey || e.metaKey || e.altKey) return false;
  const t = e.target as HTMLElement | null;
  if (t && (t.isContentEditable || t.closest("input, textarea, select, [contenteditable='true']"))) return false;
  if (typeof document !== "undefined" && document.querySelector("dialog[open]")) return false;
  return true;
}

/**
 * Single-key shortcuts for the whole page (`r`, `1`, `Enter`…), matched case-insensitively. The
 * handler returns false when the key does nothing now, so the browser keeps it.
 */
export function useShortcuts(handlers: Record<string, () => boolean | void>, enabled = true) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(e: KeyboardEvent) {
      if (!isShortcutEvent(e)) return;
      const handler = ref.current[e.key.length === 1 ? e.key.toLowerCase() : e.key];
      if (!handler) return;
      if (handler() === false) return;
      e.preventDefault();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}

/** The key shown on a button that has a shortcut; the button itself carries `aria-keyshortcuts`. */
export function Kbd({ children }: { children: React.ReactNode }) {
  return (
    <kbd
      aria-hidden="true"
      className="ml-1 rounded border border-current/30 px-1 font-mono text-[11px] leading-4 font-normal opacity-75"
    >
      {children}
    </kbd>
  );
}
