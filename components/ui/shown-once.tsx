"use client";

import { useEffect, useRef, useState } from "react";

type CopyState = "idle" | "copied" | "selected";

/**
 * Copies with the Clipboard API where the page may use it (HTTPS or localhost). On plain HTTP it is
 * missing, so the text is selected instead, ready for Ctrl+C / ⌘C.
 */
async function copyOrSelect(text: string, field: HTMLInputElement | null): Promise<CopyState> {
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

function CopyButton({ text, field }: { text: string; field: React.RefObject<HTMLInputElement | null> }) {
  const [state, setState] = useState<CopyState>("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 4000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <div className="flex items-center gap-2">
      <button type="button" className="btn-primary" onClick={async () => setState(await copyOrSelect(text, field.current))}>
        Copy
      </button>
      <span role="status" className="text-xs text-slate-600 dark:text-slate-300">
        {state === "copied" ? "Copied to the clipboard." : state === "selected" ? "Selected: press Ctrl+C (⌘C on a Mac) to copy." : ""}
      </span>
    </div>
  );
}

/**
 * A secret Pacer shows once (a new token, a webhook's signing secret): a highlighted section whose
 * heading takes the focus when it appears (`focusKey` changes), with "I have saved it" to close it.
 */
export function ShownOncePanel({ id, title, note, focusKey, onDone, children }: { id: string; title: string; note: string; focusKey: unknown; onDone: () => void; children: React.ReactNode }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [focusKey]);
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border-2 border-amber-400 bg-amber-50 p-5 shadow-sm dark:border-amber-500/70 dark:bg-amber-950/40">
      <h2 ref={headingRef} tabIndex={-1} id={`${id}-heading`} className="text-base font-semibold text-amber-950 focus:outline-none dark:text-amber-100">
        {title}
      </h2>
      <p className="mt-1 text-sm font-medium text-amber-900 dark:text-amber-200">{note}</p>
      {children}
      <div className="mt-5 flex justify-end">
        <button type="button" className="btn-secondary" onClick={onDone}>
          I have saved it
        </button>
      </div>
    </section>
  );
}

/** The secret itself, read-only and selected on focus, with its Copy button. */
export function SecretField({ id, label, value }: { id: string; label: string; value: string }) {
  const fieldRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <label htmlFor={id} className="label mt-4">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <input
          ref={fieldRef}
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
          className="input min-w-0 flex-1 basis-96 bg-white font-mono text-[13px] dark:bg-slate-950"
        />
        <CopyButton text={value} field={fieldRef} />
      </div>
    </>
  );
}
