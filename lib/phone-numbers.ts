/**
 * The API's phone number rule, repeated in the browser so a pasted list can be checked line by line
 * before anything is sent: spaces, dots, dashes and brackets are dropped, then 3 to 20 digits with
 * an optional leading +.
 */
export const MAX_NUMBERS_PER_PASTE = 10_000;

const PHONE_NUMBER = /^\+?[0-9]{3,20}$/;

export function normalizePhoneNumber(raw: string): string {
  return raw.trim().replace(/[\s().-]/g, "");
}

export function phoneNumberProblem(raw: string): string | null {
  const value = normalizePhoneNumber(raw);
  if (value === "") return "Phone number is required";
  if (!PHONE_NUMBER.test(value)) return "Phone number must be 3 to 20 digits, optionally starting with +";
  return null;
}

export type PastedNumber = { line: number; phone_number: string; name?: string };
export type PasteProblem = { line: number; message: string };

/**
 * One number per line, optionally followed by a name after a comma, semicolon or tab (so rows
 * copied from a spreadsheet work). Blank lines are skipped; line numbers count every line so they
 * match what the user sees in the text box.
 */
export function parsePastedNumbers(text: string): { entries: PastedNumber[]; problems: PasteProblem[] } {
  const entries: PastedNumber[] = [];
  const problems: PasteProblem[] = [];
  const firstLineOf = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    const separator = raw.search(/[,;\t]/);
    const numberPart = separator === -1 ? raw : raw.slice(0, separator);
    const name = separator === -1 ? "" : raw.slice(separator + 1).trim().replace(/^"(.*)"$/, "$1");
    const problem = phoneNumberProblem(numberPart);
    const phone = normalizePhoneNumber(numberPart);
    if (problem) {
      problems.push({ line, message: `${problem} (got "${numberPart.trim()}")` });
    } else if (firstLineOf.has(phone)) {
      problems.push({ line, message: `${phone} is already on line ${firstLineOf.get(phone)}` });
    } else {
      firstLineOf.set(phone, line);
    }
    entries.push({ line, phone_number: phone, ...(name ? { name } : {}) });
  });
  return { entries, problems };
}
