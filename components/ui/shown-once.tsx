"use client";

import { useEffect, useRef } from "react";
import { CopyButton } from "./copy-button";

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
