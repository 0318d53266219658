/**
 * A streaming CSV reader (RFC 4180 and what spreadsheets really write): quoted fields with
 * embedded delimiters, newlines and doubled quotes, CRLF / LF / CR line ends, a UTF-8 BOM.
 * Text goes in by chunks, records come out with their record number, so a file of any size is
 * read in constant memory. Browser-safe: the import dialog previews files with it.
 */

export type CsvRecord = {
  /** 1-based record number in the file (the header is record 1 when there is one). */
  row: number;
  fields: string[];
  /** Why the record is malformed, if it is (it is still returned, so the caller can report it). */
  error?: string;
};

export const CSV_DELIMITERS = [",", ";", "\t", "|"] as const;

export class CsvReader {
  private field = "";
  private fields: string[] = [];
  private inQuotes = false;
  /** The current field was quoted and its closing quote has been read. */
  private afterQuote = false;
  private quotedField = false;
  private error: string | undefined;
  private row = 0;
  private started = false;
  private skipLf = false;
  private readonly delim: number;

  constructor(delimiter = ",") {
    if (delimiter.length !== 1) throw new Error("the delimiter must be one character");
    this.delim = delimiter.charCodeAt(0);
  }

  /** Records completed by this chunk. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    const n = chunk.length;
    let runStart = -1;
    const flushRun = (end: number) => {
      if (runStart !== -1) {
        this.field += chunk.slice(runStart, end);
        runStart = -1;
      }
    };
    for (; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.skipLf) {
        this.skipLf = false;
        if (c === 10) continue;
      }
      if (this.inQuotes) {
        if (c === 34) {
          flushRun(i);
          // A doubled quote inside quotes is a quote; a single one closes the field.
          if (i + 1 < n) {
            if (chunk.charCodeAt(i + 1) === 34) {
              this.field += '"';
              i++;
            } else {
              this.inQuotes = false;
              this.afterQuote = true;
            }
          } else {
            // The chunk ends on a quote: decide with the next chunk.
            this.inQuotes = false;
            this.afterQuote = true;
            this.pendingQuote = true;
          }
        } else if (runStart === -1) runStart = i;
        continue;
      }
      if (this.pendingQuote) {
        this.pendingQuote = false;
        if (c === 34) {
          // It was a doubled quote split over two chunks.
          this.field += '"';
          this.inQuotes = true;
          this.afterQuote = false;
          continue;
        }
      }
      if (c === this.delim) {
        flushRun(i);
        this.endField();
        continue;
      }
      if (c === 10 || c === 13) {
        flushRun(i);
        const rec = this.endRecord();
        if (rec) out.push(rec);
        if (c === 13) this.skipLf = true;
        continue;
      }
      if (c === 34 && this.field.length === 0 && runStart === -1 && !this.afterQuote) {
        this.inQuotes = true;
        this.quotedField = true;
        continue;
      }
      if (this.afterQuote) {
        this.error ??= `unexpected text after a closing quote in field ${this.fields.length + 1}`;
        this.afterQuote = false;
      }
      if (runStart === -1) runStart = i;
    }
    flushRun(n);
    return out;
  }

  private pendingQuote = false;

  /** The last record, when the file does not end with a newline; reports an unclosed quote. */
  end(): CsvRecord[] {
    this.pendingQuote = false;
    if (this.inQuotes) {
      this.error ??= "a quoted field is never closed";
      this.inQuotes = false;
    }
    const rec = this.endRecord();
    return rec ? [rec] : [];
  }

  private endField() {
    this.fields.push(this.field);
    this.field = "";
    this.afterQuote = false;
    this.quotedField = false;
    this.pendingQuote = false;
  }

  private endRecord(): CsvRecord | null {
    const blank = this.fields.length === 0 && this.field === "" && !this.quotedField;
    this.endField();
    this.row += 1;
    const fields = this.fields;
    const error = this.error;
    this.fields = [];
    this.error = undefined;
    // A blank line is no record, but it keeps its number so row numbers match the file's records.
    if (blank) return null;
    return error ? { row: this.row, fields, error } : { row: this.row, fields };
  }
}

/** Parses a whole text (tests, previews). */
export function parseCsv(text: string, delimiter = ","): CsvRecord[] {
  const r = new CsvReader(delimiter);
  return [...r.push(text), ...r.end()];
}

/** The delimiter that splits the first line into the most fields, outside quotes (comma by default). */
export function detectDelimiter(sample: string): string {
  let best = ",";
  let bestCount = 0;
  const firstLine: string[] = [];
  let inQuotes = false;
  for (const ch of sample.replace(/^\uFEFF/, "")) {
    if (ch === '"') inQuotes = !inQuotes;
    if (!inQuotes && (ch === "\n" || ch === "\r")) break;
    if (!inQuotes) firstLine.push(ch);
  }
  for (const d of CSV_DELIMITERS) {
    const count = firstLine.filter((c) => c === d).length;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Phone numbers as the API stores them: digits with an optional leading +, separators dropped. */
export function normalisePhone(raw: string): string | null {
  const v = raw.trim().replace(/[\s().-]/g, "");
  return /^\+?[0-9]{3,20}$/.test(v) ? v : null;
}

/** A first record with no phone-number-like cell is a header. */
export function looksLikeHeader(fields: string[]): boolean {
  return fields.length > 0 && !fields.some((f) => normalisePhone(f) !== null);
}

/** Lead fields a column can fill; everything else goes into the lead's custom data. */
export const IMPORT_TARGETS = ["phone", "phone2", "phone3", "phone4", "phone5", "phone6", "phone7", "phone8", "timezone", "state", "zip"] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

const HEADER_NAMES: Record<string, ImportTarget> = {
  phone: "phone",
  phonenumber: "phone",
  phone1: "phone",
  number: "phone",
  number1: "phone",
  tel: "phone",
  telephone: "phone",
  mobile: "phone",
  msisdn: "phone",
  timezone: "timezone",
  tz: "timezone",
  state: "state",
  province: "state",
  zip: "zip",
  zipcode: "zip",
  postal: "zip",
  postalcode: "zip",
  postcode: "zip",
};
for (let n = 2; n <= 8; n++) {
  HEADER_NAMES[`phone${n}`] = `phone${n}` as ImportTarget;
  HEADER_NAMES[`number${n}`] = `phone${n}` as ImportTarget;
  // 004_* style altPhone1, altPhone2 … are phones 2, 3 …
  HEADER_NAMES[`altphone${n - 1}`] = `phone${n}` as ImportTarget;
}
HEADER_NAMES.altphone = "phone2";

/** Column index per lead field, guessed from header names (the first column is the phone without a header). */
export function guessMapping(header: string[] | null): Partial<Record<ImportTarget, number>> {
  if (!header) return { phone: 0 };
  const out: Partial<Record<ImportTarget, number>> = {};
  header.forEach((h, i) => {
    const target = HEADER_NAMES[key(h)];
    if (target && out[target] === undefined) out[target] = i;
  });
  return out;
}

/**
 * A cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
 * return), made inert with a leading apostrophe. Numbers keep their sign: "+15551234567" and
 * "-2.5" stay as they are, so phone numbers and figures still read as such.
 */
export function inertCell(field: string): string {
  if (!/^[=+\-@\t\r]/.test(field) || /^[+-]\d+(\.\d+)?$/.test(field)) return field;
  return `'${field}`;
}

/**
 * Fields as one CSV line, quoted where they need it (the import's error report, report and CDR
 * downloads). Cells that would run as spreadsheet formulas are made inert (see inertCell) unless
 * `formulas: "keep"`, for text that is stored rather than handed to a person.
 */
export function csvLine(fields: string[], delimiter = ",", opts: { formulas?: "inert" | "keep" } = {}): string {
  const keep = opts.formulas === "keep";
  return fields
    .map((raw) => {
      const f = keep ? raw : inertCell(raw);
      return /["\r\n]/.test(f) || f.includes(delimiter) ? `"${f.replace(/"/g, '""')}"` : f;
    })
    .join(delimiter);
}
