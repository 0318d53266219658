import type { LeadStatus } from "@/db/schema";

/** API shapes of lists, their leads and imports, as the browser sees them. */
export type ListStats = Record<"total" | LeadStatus, number>;

export type LeadList = {
  id: number;
  name: string;
  description: string | null;
  campaign_id: number;
  campaign_name: string | null;
  campaign_status: string | null;
  active: 0 | 1;
  is_default: 0 | 1;
  created_at: string;
  updated_at: string | null;
  stats: ListStats;
};

export type LeadPhoneDto = { position: number; phone_number: string; status: "pending" | "done" | "dnc"; attempts: number; last_outcome: string | null; last_attempt: string | null };

export type ListLead = {
  id: number;
  list_id: number | null;
  campaign_id: number;
  phone_number: string;
  status: LeadStatus;
  attempts: number;
  last_attempt: string | null;
  phone_position: number;
  phones: LeadPhoneDto[];
  custom: Record<string, unknown> | null;
  timezone: string | null;
  state: string | null;
  zip: string | null;
  skip_reason: string | null;
  disposition: string | null;
  created_at: string;
};

export type ImportJob = {
  id: number;
  list_id: number;
  status: "queued" | "running" | "completed" | "failed";
  file_name: string | null;
  has_header: 0 | 1;
  header: string[] | null;
  dnc_mode: "flag" | "skip";
  delimiter: string;
  total_rows: number | null;
  rows_done: number;
  progress: number;
  inserted: number;
  duplicates: number;
  dnc: number;
  errors: number;
  message: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
};

export type ImportProblem = { row: number; kind: "error" | "duplicate" | "dnc"; field: string | null; message: string; raw: string | null };
