"use client";

import { useEffect, useMemo, useRef, useState } from "react";

let zoneList: string[] | null = null;

/** The browser's IANA zones, UTC first. */
export function timeZones(): string[] {
  if (zoneList) return zoneList;
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  zoneList = ["UTC", ...zones.filter((z) => z !== "UTC")];
  return zoneList;
}

const normalize = (s: string) => s.toLowerCase().replace(/[_/]+/g, " ").replace(/\s+/g, " ").trim();

/** Zones matching what was typed: every word must appear ("new york", "america chi", "paris"). */
function matches(zones: string[], query: string): string[] {
  const words = normalize(query).split(" ").filter(Boolean);
  if (words.length === 0) return zones;
  return zones.filter((z) => {
    const n = normalize(z);
    return words.every((w) => n.includes(w));
  });
}

/** "14:32, UTC−05:00" in the zone now, or null for a zone the browser does not know. */
export function zoneNow(zone: string, at = new Date()): string | null {
  try {
    const parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "longOffset" }).formatToParts(at);
    const time = `${parts.find((p) => p.type === "hour")?.value}:${parts.find((p) => p.type === "minute")?.value}`;
    const offset = (parts.find((p) => p.type === "timeZoneName")?.value ?? "").replace("GMT", "UTC").replace("-", "−") || "UTC";
    return `${time}, ${offset === "UTC" ? "UTC+00:00" : offset}`;
  } catch {
    return null;
  }
}

/**
 * A searchable select of IANA time zones (the ARIA 1.2 combobox pattern): type to filter, arrows to
 * move, Enter to choose, Escape to go back to the current zone. Leaving the field without choosing
 * keeps the zone it had, unless what was typed names a zone exactly.
 */
export function TimeZoneSelect({
  id,
  value,
  onChange,
  inputProps,
}: {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  /** describedBy() props: aria-invalid, aria-describedby (the id is `id`). */
  inputProps?: React.InputHTMLAttributes<HTMLInputElement>;
}) {
  const listId = `${id}-listbox`;
  const [text, setText] = useState(value);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);

  // A new value from outside (reset, a quick pick) shows at once.
  useEffect(() => {
    setText(value);
  }, [value]);

  const zones = useMemo(() => {
    if (!open) return [];
    const all = timeZones();
    return all.includes(value) || !value ? all : [value, ...all];
  }, [open, value]);
  const shown = useMemo(() => (text === value ? zones : matches(zones, text)), [zones, text, value]);

  useEffect(() => {
    if (!open) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    el?.scrollIntoView({ block: "nearest" });
  }, [active, open]);

  function openList(startAt?: number) {
    setOpen(true);
    const list = text === value ? (timeZones().includes(value) ? timeZones() : [value, ...timeZones()]) : matches(timeZones(), text);
    const current = list.indexOf(value);
    setActive(startAt ?? (current >= 0 ? current : 0));
  }

  function choose(zone: string) {
    onChange(zone);
    setText(zone);
    setOpen(false);
  }

  function close() {
    setOpen(false);
    setText(value);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (!open) openList();
        else setActive((i) => Math.min(shown.length - 1, i + 1));
        return;
      case "ArrowUp":
        e.preventDefault();
        if (!open) openList();
        else setActive((i) => Math.max(0, i - 1));
        return;
      case "PageDown":
        if (open) {
          e.preventDefault();
          setActive((i) => Math.min(shown.length - 1, i + 10));
        }
        return;
      case "PageUp":
        if (open) {
          e.preventDefault();
          setActive((i) => Math.max(0, i - 10));
        }
        return;
      case "Enter":
        // Enter picks the highlighted zone; it never submits the form from here while the list is open.
        if (open) {
          e.preventDefault();
          if (shown[active]) choose(shown[active]);
        }
        return;
      case "Escape":
        if (open || text !== value) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
        return;
      case "Tab":
        if (open && text !== value && shown[active]) choose(shown[active]);
        else setOpen(false);
        return;
    }
  }

  function onBlur() {
    if (!open && text === value) return;
    const exact = timeZones().find((z) => z.toLowerCase() === text.trim().toLowerCase());
    if (exact && exact !== value) choose(exact);
    else close();
  }

  const activeId = open && shown[active] ? `${id}-option-${active}` : undefined;

  return (
    <div className="relative">
      <input
        {...inputProps}
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        autoComplete="off"
        spellCheck={false}
        className="input pr-8"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={(e) => e.target.select()}
        onClick={() => (open ? undefined : openList())}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      />
      <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-2.5 flex items-center text-xs text-slate-500 dark:text-slate-400">
        ▾
      </span>
      <ul
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label="Time zones"
        hidden={!open}
        className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        {open && shown.length === 0 && <li className="px-3 py-1.5 text-slate-500 dark:text-slate-400">No time zone matches “{text}”.</li>}
        {open &&
          shown.map((zone, i) => (
            <li
              key={zone}
              id={`${id}-option-${i}`}
              data-index={i}
              role="option"
              aria-selected={i === active}
              // Keeps the focus in the input, so the click does not count as leaving the field.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(zone)}
              onMouseMove={() => setActive(i)}
              className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-brand-600 text-white" : ""} ${zone === value && i !== active ? "font-medium text-brand-700 dark:text-sky-300" : ""}`}
            >
              {zone}
              {zone === value && <span className="sr-only"> (current)</span>}
            </li>
          ))}
      </ul>
    </div>
  );
}

/**
 * "Now 14:32, UTC−05:00 there.", rendered in the browser only: the server's clock and ICU data
 * would not match the page it hydrates. Refreshed every 30 s.
 */
export function ZoneNow({ zone }: { zone: string }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const update = () => setText(zoneNow(zone));
    update();
    const t = setInterval(update, 30_000);
    return () => clearInterval(t);
  }, [zone]);
  return text ? <span className="block">Now {text} there.</span> : null;
}
