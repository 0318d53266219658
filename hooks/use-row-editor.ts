"use client";

import { useState } from "react";

/**
 * Which row of a table has its editor open (one at a time), with the ids that tie the row's Edit
 * button to the editor. Closing gives focus back to that button, so the keyboard user stays put.
 */
export function useRowEditor(prefix: string) {
  const [editingId, setEditingId] = useState<number | null>(null);
  const buttonId = (id: number) => `${prefix}-button-${id}`;
  const panelId = (id: number) => `${prefix}-${id}`;
  return {
    isEditing: (id: number) => editingId === id,
    toggle: (id: number) => setEditingId((current) => (current === id ? null : id)),
    close: (id: number) => {
      setEditingId(null);
      requestAnimationFrame(() => document.getElementById(buttonId(id))?.focus());
    },
    buttonId,
    panelId,
    /** The table's `expanded` entry for the row: its editor while open. */
    panel: (id: number, content: () => React.ReactNode) => (editingId === id ? { id: panelId(id), content: content() } : null),
  };
}

export type RowEditor = ReturnType<typeof useRowEditor>;
