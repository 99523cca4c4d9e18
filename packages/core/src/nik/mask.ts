/**
 * Masking of NIKs for log lines.
 */
import { isSixteenAsciiDigits, normalizeNikString } from "./normalize.js";

const MAX_MASK_LENGTH = 32;

/**
 * Masks a NIK for logs: keeps the first 4 digits (province and regency) and the last 2,
 * as in `3204**********01`. Never throws and never reveals more than 6 characters.
 *
 * A string that normalises to 16 digits (see `parseNik`) is masked in its normalised
 * form. Any other string is masked completely, one `*` per UTF-16 unit up to 32 (so a
 * log line shows the rough length, not the content). A non-string gives `"[not a string]"`.
 *
 * @example
 * ```ts
 * import { maskNik } from "@dukcapil-sandbox/core";
 * maskNik("3204051502900001"); // "3204**********01"
 * maskNik("3204 0515 0290 0001"); // "3204**********01"
 * maskNik("320405150290"); // "************"
 * maskNik(3204051502900001); // "[not a string]"
 * ```
 */
export function maskNik(nik: unknown): string {
  if (typeof nik !== "string") return "[not a string]";
  const candidate = isSixteenAsciiDigits(nik) ? nik : normalizeNikString(nik);
  if (isSixteenAsciiDigits(candidate)) {
    return `${candidate.slice(0, 4)}**********${candidate.slice(14)}`;
  }
  return "*".repeat(Math.min(nik.length, MAX_MASK_LENGTH));
}

/**
 * Masks every run of 16 digits in a log line with {@link maskNik}, wherever it stands (a
 * NIK or NO_KK in a message, a path or an echoed argument; inside a longer digit run too,
 * so a NIK glued to other digits is not printed whole).
 *
 * @example
 * ```ts
 * import { maskNikRuns } from "@dukcapil-sandbox/core";
 * maskNikRuns("lookup 3204051502900001 failed"); // "lookup 3204**********01 failed"
 * maskNikRuns("no NIK here: 12345"); // "no NIK here: 12345"
 * ```
 */
export function maskNikRuns(text: string): string {
  return text.replace(/\d{16}/g, (digits) => maskNik(digits));
}
