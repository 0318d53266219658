import type { Pagination } from "@/server/api/envelope";

/** Browser-side calls to Pacer's own API (session cookie auth), unwrapping the contract's envelope. */
export type { Pagination };

export class ApiClientError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly errors?: Record<string, string[]>,
  ) {
    super(message);
  }
}

type Envelope<T> = { success: boolean; code: number; message: string; data?: T; errors?: Record<string, string[]>; pagination?: Pagination };

export async function apiRequest<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ data: T; message: string; pagination?: Pagination }> {
  const res = await fetch(`/api${path}`, {
    method: init.method ?? "GET",
    headers: init.body !== undefined ? { "Content-Type": "application/json" } : undefined,
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    credentials: "same-origin",
  });
  let body: Envelope<T>;
  try {
    body = (await res.json()) as Envelope<T>;
  } catch {
    throw new ApiClientError(res.status, `Unexpected response (${res.status})`);
  }
  if (!res.ok || !body.success) {
    if (res.status === 401 && typeof window !== "undefined") window.location.assign(`/login?callbackUrl=${encodeURIComponent(location.pathname)}`);
    throw new ApiClientError(body.code ?? res.status, body.message ?? "Request failed", body.errors);
  }
  return { data: body.data as T, message: body.message, pagination: body.pagination };
}

export const api = {
  get: <T>(path: string) => apiRequest<T>(path).then((r) => r.data),
  page: <T>(path: string) => apiRequest<T[]>(path).then((r) => ({ rows: r.data, pagination: r.pagination! })),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: "POST", body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: "PUT", body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: "PATCH", body }),
  del: <T = unknown>(path: string) => apiRequest<T>(path, { method: "DELETE" }),
};

export function queryString(params: Record<string, string | number | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== "");
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : "";
}
