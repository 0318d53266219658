import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { campaigns } from "./campaigns";
import { users } from "./users";
import { createdAt, optionalRef, parentRef, serialId, timestamps, timestampTz } from "./columns";

/**
 * Lead lists (`004_*` lists, `003_*` dial lists, `001_*` phonebooks). A list belongs to one
 * campaign at a time and a campaign dials every active list it has. Numbers added through the
 * contract's campaign endpoints go to the campaign's default list, created on demand.
 */
export const lists = pgTable(
  "lists",
  {
    id: serialId(),
    name: text("name").notNull(),
    description: text("description"),
    campaignId: parentRef("campaign_id", () => campaigns.id),
    active: boolean("active").notNull().default(true),
    /** The list the contract's `/campaigns/:id/numbers` writes to; one per campaign. */
    isDefault: boolean("is_default").notNull().default(false),
    createdBy: optionalRef("created_by", () => users.id),
    ...timestamps(),
  },
  (t) => [
    index("lists_campaign_idx").on(t.campaignId),
    uniqueIndex("lists_campaign_default_uq").on(t.campaignId).where(sql`${t.isDefault}`),
  ],
);

export type List = typeof lists.$inferSelect;

export const IMPORT_STATUSES = ["queued", "running", "completed", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/** What an import does with a row whose numbers are on a do-not-call list. */
export const IMPORT_DNC_MODES = ["flag", "skip"] as const;
export type ImportDncMode = (typeof IMPORT_DNC_MODES)[number];

/** Where each lead field comes from in the file: a column index (0-based). */
export type ImportMapping = {
  phone: number;
  /** Extra numbers, tried after `phone` in this order (phone2 … phone8). */
  phones?: number[];
  timezone?: number | null;
  state?: number | null;
  zip?: number | null;
  /** Columns left out of the lead entirely; every other column goes into the lead's custom data. */
  ignore?: number[];
  /** Columns in the file (the header's, else the widest of the first rows). */
  columns?: number;
};

/**
 * A CSV import into a list: the file waits on disk, is read in batches, and every batch commits
 * with its progress, so the counts are always those of what is in the database.
 */
export const listImports = pgTable(
  "list_imports",
  {
    id: serialId(),
    listId: parentRef("list_id", () => lists.id),
    status: text("status").$type<ImportStatus>().notNull().default("queued"),
    fileName: text("file_name"),
    /** Where the uploaded file waits while the import runs; removed when it ends. */
    filePath: text("file_path"),
    hasHeader: boolean("has_header").notNull(),
    header: jsonb("header").$type<string[] | null>(),
    mapping: jsonb("mapping").$type<ImportMapping>().notNull(),
    dncMode: text("dnc_mode").$type<ImportDncMode>().notNull().default("flag"),
    delimiter: text("delimiter").notNull().default(","),
    /** Data rows in the file (the header excluded); known once the file has been counted. */
    totalRows: integer("total_rows"),
    rowsDone: integer("rows_done").notNull().default(0),
    inserted: integer("inserted").notNull().default(0),
    duplicates: integer("duplicates").notNull().default(0),
    /** Rows skipped (dnc_mode skip) or numbers flagged (dnc_mode flag) for being on a do-not-call list. */
    dncRows: integer("dnc_rows").notNull().default(0),
    errorRows: integer("error_rows").notNull().default(0),
    message: text("message"),
    createdBy: optionalRef("created_by", () => users.id),
    createdAt: createdAt(),
    startedAt: timestampTz("started_at"),
    finishedAt: timestampTz("finished_at"),
  },
  (t) => [index("list_imports_list_idx").on(t.listId, t.id)],
);

export type ListImport = typeof listImports.$inferSelect;

/** Why a row was not imported (errors and duplicates), by its line in the file. */
export const listImportErrors = pgTable(
  "list_import_errors",
  {
    id: serialId(),
    importId: parentRef("import_id", () => listImports.id),
    /** 1-based record number in the file, the header counted. */
    rowNo: integer("row_no").notNull(),
    kind: text("kind").$type<"error" | "duplicate" | "dnc">().notNull(),
    field: text("field"),
    message: text("message").notNull(),
    raw: text("raw"),
  },
  (t) => [index("list_import_errors_import_idx").on(t.importId, t.rowNo)],
);

export type ListImportError = typeof listImportErrors.$inferSelect;
