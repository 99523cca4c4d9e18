/**
 * Conversions of single wire values: digit strings and bare numbers, dates, and the
 * `Sesuai (NN)` results of verify-by-element.
 */

import * as z from "zod";
import { DMY_DATE, ISO_DATE_WITH_OPTIONAL_TIME } from "../internal/date-format.js";
import { ASCII_DIGITS, isAsciiDigits } from "../internal/digits.js";
import { NUMERIC_ELEMENT_WIDTH, type NumericElement } from "./fields.js";

const isDigitString = (text: string) => text.length > 0 && isAsciiDigits(text);

/**
 * A value that carries an integer on the wire — a digit string, a safe non-negative
 * integer `number`, or a non-negative `bigint` (what {@link parseJsonLossless} returns
 * for big literals) — read as its digit string. Never rounds: an unsafe `number`
 * (already rounded by `JSON.parse`) is rejected.
 *
 * @example
 * ```ts
 * import { wireDigitsSchema } from "@dukcapil-sandbox/core";
 * wireDigitsSchema.parse(9171011203900001n); // "9171011203900001"
 * wireDigitsSchema.safeParse(9171011203900001).success; // false: already rounded
 * ```
 */
export const wireDigitsSchema = z.union([
  z.string().regex(ASCII_DIGITS, "Expected a string of digits"),
  z
    .number()
    .int("Expected a safe integer (big integers must be read with parseJsonLossless)")
    .nonnegative()
    .transform((n) => String(n)),
  z
    .bigint()
    .nonnegative()
    .transform((n) => n.toString()),
]);

/**
 * A text value that clients sometimes send as a number (`user_id: 12345`), read as a string.
 * Unsafe numbers are rejected rather than rounded.
 *
 * @example
 * ```ts
 * import { wireTextSchema } from "@dukcapil-sandbox/core";
 * wireTextSchema.parse(12345); // "12345"
 * ```
 */
export const wireTextSchema = z.union([
  z.string(),
  z
    .number()
    .refine((n) => Number.isFinite(n) && (!Number.isInteger(n) || Number.isSafeInteger(n)), {
      message: "Expected a string (an unsafe number would lose digits)",
    })
    .transform((n) => String(n)),
  z.bigint().transform((n) => n.toString()),
]);

/**
 * The bare JSON number of a digit string, big-safe: leading zeros dropped, a
 * `number` when it is a safe integer, else a `bigint` (written digit-exact by
 * `stringifyLossless`). Returns `undefined` for a value that is not all digits.
 *
 * @example
 * ```ts
 * import { toWireNumber } from "@dukcapil-sandbox/core";
 * toWireNumber("006"); // 6
 * toWireNumber("9171011203900001"); // 9171011203900001n
 * ```
 */
export function toWireNumber(digits: string): number | bigint | undefined {
  if (!isDigitString(digits)) return undefined;
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : BigInt(digits);
}

/**
 * The normalised string of a numeric element read from the wire: digits zero-padded
 * to the element's width in {@link NUMERIC_ELEMENT_WIDTH}; other text kept as sent.
 *
 * @example
 * ```ts
 * import { normaliseNumericElement } from "@dukcapil-sandbox/core";
 * normaliseNumericElement("NO_PROP", "3"); // "03"
 * normaliseNumericElement("NIK", "9171011203900001"); // "9171011203900001"
 * ```
 */
export function normaliseNumericElement(element: NumericElement, digits: string): string {
  const width = NUMERIC_ELEMENT_WIDTH[element];
  return width !== null && isDigitString(digits) ? digits.padStart(width, "0") : digits;
}

/**
 * A date from the wire as `YYYY-MM-DD`: accepts `YYYY-MM-DD` (with an optional time
 * part) and `DD-MM-YYYY` (also with `.` or `/`); other text is returned unchanged
 * (the shape is normalised, the calendar is not checked: BPS sends "00-00-0000").
 *
 * @example
 * ```ts
 * import { normaliseWireDate } from "@dukcapil-sandbox/core";
 * normaliseWireDate("10-03-1987"); // "1987-03-10"
 * normaliseWireDate("1969-03-10 00:00:00"); // "1969-03-10"
 * ```
 */
export function normaliseWireDate(text: string): string {
  const trimmed = text.trim();
  const iso = ISO_DATE_WITH_OPTIONAL_TIME.exec(trimmed);
  if (iso !== null) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const dmy = DMY_DATE.exec(trimmed);
  if (dmy !== null) return `${dmy[3]}-${dmy[2]}-${dmy[1]}`;
  return text;
}

/**
 * One field of a verify-by-element answer: whether it matched, and the similarity
 * score 0–100 for fuzzy fields (`Sesuai (87)`).
 *
 * @example
 * ```ts
 * import type { VerifyFieldResult } from "@dukcapil-sandbox/core";
 * const result: VerifyFieldResult = { match: true, score: 87 };
 * ```
 */
export interface VerifyFieldResult {
  readonly match: boolean;
  readonly score?: number;
}

const VERIFY_RESULT = /^\s*(tidak\s+)?sesuai\s*(?:\(\s*(\d{1,3})\s*\))?\s*$/i;

/**
 * Reads a verify field value — `"Sesuai"`, `"Tidak Sesuai"`, `"Sesuai (NN)"`,
 * `"Tidak Sesuai (NN)"` (case and spacing ignored) — or `undefined` if it is none.
 *
 * @example
 * ```ts
 * import { parseVerifyResult } from "@dukcapil-sandbox/core";
 * parseVerifyResult("Tidak Sesuai (59)"); // { match: false, score: 59 }
 * parseVerifyResult("Sesuai"); // { match: true }
 * ```
 */
export function parseVerifyResult(text: string): VerifyFieldResult | undefined {
  const match = VERIFY_RESULT.exec(text);
  if (match === null) return undefined;
  const score = match[2] === undefined ? undefined : Number(match[2]);
  if (score !== undefined && score > 100) return undefined;
  return score === undefined
    ? { match: match[1] === undefined }
    : { match: match[1] === undefined, score };
}

/**
 * Writes a verify field value as the upstream does: `Sesuai`, `Tidak Sesuai`, or with
 * the score, `Sesuai (NN)` / `Tidak Sesuai (NN)`.
 *
 * @example
 * ```ts
 * import { formatVerifyResult } from "@dukcapil-sandbox/core";
 * formatVerifyResult({ match: false, score: 0 }); // "Tidak Sesuai (0)"
 * ```
 */
export function formatVerifyResult(result: VerifyFieldResult): string {
  const word = result.match ? "Sesuai" : "Tidak Sesuai";
  return result.score === undefined ? word : `${word} (${Math.round(result.score)})`;
}

/**
 * A zod schema for one verify field value, read into a {@link VerifyFieldResult}.
 *
 * @example
 * ```ts
 * import { verifyResultSchema } from "@dukcapil-sandbox/core";
 * verifyResultSchema.parse("Sesuai (100)"); // { match: true, score: 100 }
 * ```
 */
export const verifyResultSchema = z.string().transform((text, ctx) => {
  const result = parseVerifyResult(text);
  if (result === undefined) {
    ctx.addIssue({
      code: "custom",
      message: 'Expected "Sesuai", "Tidak Sesuai", "Sesuai (NN)" or "Tidak Sesuai (NN)"',
    });
    return z.NEVER;
  }
  return result;
});
