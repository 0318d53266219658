import type { ImportMapping } from "@/db/schema";
import { MAX_LEAD_PHONES } from "@/db/schema";
import { IMPORT_TARGETS, normalisePhone, type ImportTarget } from "@/lib/csv";
import type { FieldErrors } from "../api/errors";
import { validZone } from "../dialer/compliance";
import type { NewLead } from "../leads/queries";

/**
 * One CSV row → one lead, or why not. Pure: the import runs it over every row, and the tests over
 * the awkward ones.
 */

export type MappingInput = Partial<Record<ImportTarget, number | string | null>> & { ignore?: (number | string)[] };

/** Resolves column names (with a header) or indices to indices, or says what is wrong, per field. */
export function resolveMapping(input: MappingInput, header: string[] | null, width: number): { mapping: ImportMapping } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const used = new Map<number, string>();
  const indexOf = (col: number | string, field: string): number | undefined => {
    let i: number;
    if (typeof col === "number") i = col;
    else if (header) {
      i = header.findIndex((h) => h.trim().toLowerCase() === col.trim().toLowerCase());
      if (i === -1 && /^\d+$/.test(col)) i = Number(col);
      if (i === -1) {
        errors[field] = [`no column named '${col}' in the header (${header.join(", ")})`];
        return undefined;
      }
    } else if (/^\d+$/.test(col)) i = Number(col);
    else {
      errors[field] = ["the file has no header: give a column index (0-based)"];
      return undefined;
    }
    if (i >= width) {
      errors[field] = [`column ${i} is past the last column (${width - 1})`];
      return undefined;
    }
    return i;
  };
  const claim = (i: number | undefined, field: string) => {
    if (i === undefined) return undefined;
    const other = used.get(i);
    if (other) {
      errors[field] = [`column ${i} is already mapped to ${other}`];
      return undefined;
    }
    used.set(i, field);
    return i;
  };
  const at = (t: ImportTarget) => {
    const col = input[t];
    return col === undefined || col === null ? undefined : claim(indexOf(col, `mapping.${t}`), `mapping.${t}`);
  };
  const phone = at("phone");
  if (input.phone === undefined || input.phone === null) errors["mapping.phone"] = ["is required: which column holds the phone number"];
  const phones: number[] = [];
  for (let n = 2; n <= MAX_LEAD_PHONES; n++) {
    const i = at(`phone${n}` as ImportTarget);
    if (i !== undefined) phones.push(i);
  }
  const mapping: ImportMapping = { phone: phone ?? 0, phones, timezone: at("timezone") ?? null, state: at("state") ?? null, zip: at("zip") ?? null };
  const ignore: number[] = [];
  (input.ignore ?? []).forEach((col, k) => {
    const i = indexOf(col, `mapping.ignore.${k}`);
    if (i !== undefined && !used.has(i)) ignore.push(i);
  });
  mapping.ignore = ignore;
  return Object.keys(errors).length ? { errors } : { mapping };
}

/** Keys of custom data: the header's names (made unique), else column_1, column_2, … */
export function customKeys(header: string[] | null, width: number): string[] {
  const seen = new Map<string, number>();
  return Array.from({ length: width }, (_, i) => {
    const base = header?.[i]?.trim() || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

export type RowResult = { ok: true; lead: NewLead & { extraPhones: string[] } } | { ok: false; field: string | null; message: string };

const STATE = /^[A-Za-z]{2}$/;
const ZIP = /^\d{5}(-\d{4})?$/;
const MAX_CUSTOM_BYTES = 16_384;

export function rowToLead(fields: string[], mapping: ImportMapping, keys: string[]): RowResult {
  // Trailing empty cells (a trailing delimiter) are harmless; more values than columns are not.
  if (fields.length > keys.length && fields.slice(keys.length).some((f) => f.trim() !== "")) {
    return { ok: false, field: null, message: `the row has ${fields.length} fields; the file has ${keys.length} columns (an unquoted delimiter?)` };
  }
  const cell = (i: number | null | undefined) => (i === null || i === undefined ? "" : (fields[i] ?? "").trim());
  const rawPhone = cell(mapping.phone);
  if (!rawPhone) return { ok: false, field: "phone", message: "the phone number is empty" };
  const phone = normalisePhone(rawPhone);
  if (!phone) return { ok: false, field: "phone", message: `'${rawPhone.slice(0, 40)}' is not a phone number (3 to 20 digits, optionally starting with +)` };
  const extra: string[] = [];
  const seen = new Set([phone]);
  for (const [k, i] of (mapping.phones ?? []).entries()) {
    const raw = cell(i);
    if (!raw) continue;
    const p = normalisePhone(raw);
    if (!p) return { ok: false, field: `phone${k + 2}`, message: `'${raw.slice(0, 40)}' is not a phone number (3 to 20 digits, optionally starting with +)` };
    // The same number twice in one lead is called once.
    if (!seen.has(p)) extra.push(p);
    seen.add(p);
  }
  const timezone = cell(mapping.timezone) || null;
  if (timezone && !validZone(timezone)) return { ok: false, field: "timezone", message: `'${timezone.slice(0, 60)}' is not an IANA time zone such as America/Chicago` };
  const state = cell(mapping.state) || null;
  if (state && !STATE.test(state)) return { ok: false, field: "state", message: `'${state.slice(0, 40)}' is not a two-letter state or province code` };
  const zip = cell(mapping.zip) || null;
  if (zip && !ZIP.test(zip)) return { ok: false, field: "zip", message: `'${zip.slice(0, 40)}' is not a ZIP code (12345 or 12345-6789)` };
  const mapped = new Set<number>([mapping.phone, ...(mapping.phones ?? []), ...(mapping.ignore ?? [])]);
  for (const i of [mapping.timezone, mapping.state, mapping.zip]) if (i !== null && i !== undefined) mapped.add(i);
  let data: Record<string, string> | null = null;
  for (let i = 0; i < Math.min(fields.length, keys.length); i++) {
    if (mapped.has(i)) continue;
    const v = fields[i].trim();
    if (v === "") continue;
    (data ??= {})[keys[i]] = v;
  }
  if (data && JSON.stringify(data).length > MAX_CUSTOM_BYTES) return { ok: false, field: null, message: "the row's custom data is over 16 KB" };
  return { ok: true, lead: { phoneNumber: phone, extraPhones: extra, data, timezone, state: state ? state.toUpperCase() : null, zip } };
}

export { IMPORT_TARGETS };
