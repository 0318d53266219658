"use client";

import { useRef, useState } from "react";

/**
 * A page's create form, which takes the place of its "New …" button while open; when it closes,
 * focus goes back to that button.
 */
export function useTableCreateForm() {
  const [creating, setCreating] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  return {
    creating,
    buttonRef,
    open: () => setCreating(true),
    close: () => {
      setCreating(false);
      requestAnimationFrame(() => buttonRef.current?.focus());
    },
  };
}

export type TableCreateForm = ReturnType<typeof useTableCreateForm>;
