"use client";

import { useEffect, useRef } from "react";
import type { CreatedApiToken } from "@/lib/api-types";
import { CopyButton } from "@/components/ui/copy-button";

export function CreatedTokenPanel({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const tokenRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const curl = `curl -H "Authorization: Bearer ${token.token}" ${window.location.origin}/adial/api/campaigns`;

  useEffect(() => {
    headingRef.current?.focus();
  }, [token.id]);

  return (
    <section
      aria-labelledby="created-token-heading"
      className="rounded-lg border-2 border-amber-400 bg-amber-50 p-5 shadow-sm dark:border-amber-500/70 dark:bg-amber-950/40"
    >
      <h2 ref={headingRef} tabIndex={-1} id="created-token-heading" className="text-base font-semibold text-amber-950 focus:outline-none dark:text-amber-100">
        Token “{token.name}” created
      </h2>
      <p className="mt-1 text-sm font-medium text-amber-900 dark:text-amber-200">
        Copy it now and keep it somewhere safe: it will not be shown again. If you lose it, revoke it and create a new one.
      </p>

      <label htmlFor="created-token-value" className="label mt-4">
        Your new token
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <input
          ref={tokenRef}
          id="created-token-value"
          readOnly
          value={token.token}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
          className="input min-w-0 flex-1 basis-96 bg-white font-mono text-[13px] dark:bg-slate-950"
        />
        <CopyButton text={token.token} field={tokenRef} />
      </div>

      <label htmlFor="created-token-curl" className="label mt-4">
        Try it: list campaigns with curl
      </label>
      <textarea
        id="created-token-curl"
        readOnly
        rows={2}
        value={curl}
        spellCheck={false}
        onFocus={(e) => e.currentTarget.select()}
        className="input resize-none bg-white font-mono text-xs dark:bg-slate-950"
      />

      <div className="mt-5 flex justify-end">
        <button type="button" className="btn-secondary" onClick={onDone}>
          I have saved it
        </button>
      </div>
    </section>
  );
}
