import { ApiClientError } from "./api-client";

export type FieldErrors = Record<string, string[]>;

/**
 * The API's field messages are fragments ("is required", "must be at most 1000"); under a field
 * they read better as a sentence that names it, the way the browser-side checks word them.
 */
export function withFieldLabel(label: string, message: string): string {
  if (/^(is|are|must|may|should|cannot|has|duplicates)\b/.test(message)) return `${label} ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * Splits an API error into messages for the form's own fields (keyed by API field name, labelled)
 * and a message for the whole form: the server's message, plus any field errors the form has no
 * field for. `fieldOf` folds nested keys (`permissions.2`) into the field that shows them.
 */
export function apiFormErrors(
  error: unknown,
  labels: Record<string, string>,
  fieldOf: (key: string) => string = (key) => key,
): { fieldErrors: FieldErrors; formError: string } {
  if (!(error instanceof ApiClientError)) {
    return { fieldErrors: {}, formError: errorMessage(error) };
  }
  const fieldErrors: FieldErrors = {};
  const unplaced: string[] = [];
  for (const [key, messages] of Object.entries(error.errors ?? {})) {
    const field = fieldOf(key);
    const label = labels[field];
    if (label) (fieldErrors[field] ??= []).push(...messages.map((m) => withFieldLabel(label, m)));
    else unplaced.push(...messages.map((m) => (key === "_" ? m : `${key}: ${m}`)));
  }
  const formError = unplaced.length && !error.message.includes(unplaced[0]) ? `${error.message} (${unplaced.join("; ")})` : error.message;
  return { fieldErrors, formError };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiClientError && error.code === 404;
}
