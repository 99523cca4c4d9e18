/**
 * Input normalisation of NIK strings (decisions/002-nik-normalisation.md).
 */
import { isAsciiDigits, isDigitCode } from "../internal/digits.js";

function isSeparatorCode(c: number): boolean {
  return c === 32 || c === 46 || c === 45; // space, ".", "-"
}

/**
 * True when `text` is exactly 16 ASCII digits (the fast path: nothing to normalise).
 *
 * @example
 * ```ts
 * isSixteenAsciiDigits("3204051502900001"); // true
 * isSixteenAsciiDigits("3204 0515 0290 0001"); // false
 * ```
 * @internal
 */
export function isSixteenAsciiDigits(text: string): boolean {
  return text.length === 16 && isAsciiDigits(text);
}

/**
 * Trims surrounding whitespace and, when what remains is ASCII digits with runs of
 * space, `.` or `-` only between digits, removes those separators (as python-stdnum does).
 * Anything else is returned trimmed but otherwise unchanged, for the caller to reject.
 *
 * @example
 * ```ts
 * normalizeNikString(" 3204.05.150290.0001 "); // "3204051502900001"
 * normalizeNikString("3204-05-15029O-0001"); // "3204-05-15029O-0001" (letter O: left for rejection)
 * ```
 * @internal
 */
export function normalizeNikString(text: string): string {
  const trimmed = text.trim();
  const n = trimmed.length;
  if (n === 0) return trimmed;
  if (!isDigitCode(trimmed.charCodeAt(0)) || !isDigitCode(trimmed.charCodeAt(n - 1))) {
    return trimmed;
  }
  let separators = 0;
  for (let i = 1; i < n - 1; i++) {
    const c = trimmed.charCodeAt(i);
    if (isSeparatorCode(c)) separators++;
    else if (!isDigitCode(c)) return trimmed;
  }
  if (separators === 0) return trimmed;
  let out = "";
  for (let i = 0; i < n; i++) {
    const c = trimmed.charCodeAt(i);
    if (isDigitCode(c)) out += trimmed[i];
  }
  return out;
}
