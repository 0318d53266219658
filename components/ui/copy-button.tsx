"use client";

import { useEffect, useState } from "react";

type CopyState = "idle" | "copied" | "selected";
type TextField = HTMLInputElement | HTMLTextAreaElement;

/**
 * Copies with the Clipboard API where the page may use it (HTTPS or localhost). On plain HTTP it is
 * missing, so the text is selected instead, ready for Ctrl+C / ⌘C.
 */
async function copyOrSelect(text: string, field: TextField | null): Promise<CopyState> {
  try {
    if (!navigator.clipboard) throw new Error("Clipboard API unavailable");
    await navigator.clipboard.writeText(text);
    return "copied";
  } catch {
    field?.focus();
    field?.select();
    return "selected";
  }
}

/** A Copy button for the text of a read-only field, and what it did (announced to screen readers). */
export function CopyButton({ text, field, label, className = "btn-primary" }: { text: string; field: React.RefObject<TextField | null>; label?: string; className?: string }) {
  const [state, setState] = useState<CopyState>("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 4000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <div className="flex items-center gap-2">
      <button type="button" className={className} aria-label={label} onClick={async () => setState(await copyOrSelect(text, field.current))}>
        Copy
      </button>
      <span role="status" className="text-xs text-slate-600 dark:text-slate-300">
        {state === "copied" ? "Copied to the clipboard." : state === "selected" ? "Selected: press Ctrl+C (⌘C on a Mac) to copy." : ""}
      </span>
    </div>
  );
}
