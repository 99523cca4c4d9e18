/**
 * ASCII digit checks (internal). NIKs, codes and dates are ASCII `0`–`9` only:
 * Arabic-Indic or full-width digits are refused everywhere, so every module asks here.
 */

/**
 * True for the char code of an ASCII digit `0`–`9`.
 *
 * @internal
 */
export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * True when `text[from]` … `text[to - 1]` are all ASCII digits (the whole text by
 * default); true for an empty range.
 *
 * @example
 * ```ts
 * isAsciiDigits("320405"); // true
 * isAsciiDigits("2026-11-22", 5, 7); // true: "11"
 * isAsciiDigits("٣٢٠٤"); // false: Arabic-Indic digits
 * ```
 * @internal
 */
export function isAsciiDigits(text: string, from = 0, to = text.length): boolean {
  for (let i = from; i < to; i++) {
    if (!isDigitCode(text.charCodeAt(i))) return false;
  }
  return true;
}

/**
 * One or more ASCII digits, for zod `.regex()` checks (the same rule as {@link isAsciiDigits}).
 *
 * @internal
 */
export const ASCII_DIGITS = /^[0-9]+$/;
