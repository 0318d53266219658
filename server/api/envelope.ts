/** The ARI Dialer contract's response envelope: `success`, `code`, `message`, `data`, `errors`, `pagination`. */
export type Pagination = {
  total: number;
  per_page: number;
  current_page: number;
  total_pages: number;
  from: number | null;
  to: number | null;
};

export type Envelope<T = unknown> = {
  success: boolean;
  code: number;
  message: string;
  data?: T;
  errors?: unknown;
  pagination?: Pagination;
};

/** What a route handler returns; `withApi` serialises it. */
export type ApiResult = {
  status?: number;
  message: string;
  data?: unknown;
  pagination?: Pagination;
};

export function envelopeResponse(result: ApiResult): Response {
  const code = result.status ?? 200;
  const body: Envelope = { success: true, code, message: result.message };
  if (result.data !== undefined) body.data = result.data;
  if (result.pagination) body.pagination = result.pagination;
  return Response.json(body, { status: code });
}

export function errorResponse(code: number, message: string, errors?: unknown): Response {
  const body: Envelope = { success: false, code, message };
  if (errors !== undefined) body.errors = errors;
  return Response.json(body, { status: code });
}

export function pagination(total: number, page: number, perPage: number): Pagination {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const from = total === 0 ? null : (page - 1) * perPage + 1;
  const to = total === 0 ? null : Math.min(total, page * perPage);
  return {
    total,
    per_page: perPage,
    current_page: page,
    total_pages: totalPages,
    from: from !== null && from <= total ? from : null,
    to: from !== null && from <= total ? to : null,
  };
}
