/**
 * Calendar arithmetic and the two-digit-year rule of the NIK.
 *
 * A NIK carries only `YY`. The rule (shared/spec/nik.md §1.2, rule b): the year is
 * 20YY when that date is not later than the reference date, else 19YY. No `Date`
 * objects are allocated per call: dates are compared as `yyyymmdd` integers.
 */
import { DAY_MS, JAKARTA_OFFSET_MS } from "../time.js";
import { invalidOptions } from "./options.js";

/**
 * True for Gregorian leap years (divisible by 4, except centuries not divisible by 400).
 *
 * @example
 * ```ts
 * isLeapYear(2000); // true
 * isLeapYear(1900); // false
 * ```
 * @internal
 */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/**
 * The number of days in a month (1–12) of a year.
 *
 * @example
 * ```ts
 * daysInMonth(2024, 2); // 29
 * daysInMonth(2025, 4); // 30
 * ```
 * @internal
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The four-digit birth year for a NIK's `YY`, month and day, given the reference day
 * as a `yyyymmdd` integer: 20YY if that date is on or before the reference day, else 19YY.
 *
 * When `YY` equals the reference year's `YY` the NIK is ambiguous (a newborn or a
 * centenarian): a date on or before the reference day reads as this year (the newborn),
 * a later date reads as 100 years ago.
 *
 * @example
 * ```ts
 * resolveBirthYear(26, 1, 5, 20261122); // 2026
 * resolveBirthYear(26, 12, 5, 20261122); // 1926
 * ```
 * @internal
 */
export function resolveBirthYear(
  yy: number,
  month: number,
  day: number,
  referenceDay: number,
): number {
  const year = 2000 + yy;
  return year * 10000 + month * 100 + day <= referenceDay ? year : year - 100;
}

/**
 * A reference date as accepted by `parseNik` and `makeNik`: a `Date`, epoch milliseconds,
 * a calendar date `"YYYY-MM-DD"`, or an ISO 8601 timestamp.
 *
 * @example
 * ```ts
 * import { type NikReferenceDate, parseNik } from "@dukcapil-sandbox/core";
 * const referenceDate: NikReferenceDate = "2026-11-22";
 * parseNik("3204054611260001", { referenceDate }); // born 2026-11-06
 * ```
 */
export type NikReferenceDate = Date | number | string;

let cachedDayNumber = Number.NaN;
let cachedDay = 0;
let cachedString: string | undefined;
let cachedStringDay = 0;

function dayOfEpochMs(ms: number): number {
  // The calendar day in Asia/Jakarta (UTC+7, no DST): the day Indonesian records use.
  const dayNumber = Math.floor((ms + JAKARTA_OFFSET_MS) / DAY_MS);
  if (dayNumber !== cachedDayNumber) {
    const date = new Date(dayNumber * DAY_MS);
    cachedDay = date.getUTCFullYear() * 10000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
    cachedDayNumber = dayNumber;
  }
  return cachedDay;
}

const MIN_MS = Date.UTC(1, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31);

function fromMs(ms: number, fn: string, cause?: unknown): number {
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) {
    invalidOptions(
      fn,
      "referenceDate",
      "is not a valid date between the years 1 and 9999",
      "Pass a Date, epoch milliseconds or a 'YYYY-MM-DD' string",
      cause,
    );
  }
  return dayOfEpochMs(ms);
}

function isDigits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function fromString(text: string, fn: string): number {
  if (text === cachedString) return cachedStringDay;
  let day: number;
  if (text.length === 10 && text[4] === "-" && text[7] === "-") {
    // A calendar date is taken as is, with no time zone.
    const y = Number(text.slice(0, 4));
    const m = Number(text.slice(5, 7));
    const d = Number(text.slice(8, 10));
    const ok =
      isDigits(text, 0, 4) &&
      isDigits(text, 5, 7) &&
      isDigits(text, 8, 10) &&
      y >= 1 &&
      m >= 1 &&
      m <= 12 &&
      d >= 1 &&
      d <= daysInMonth(y, m);
    if (!ok) {
      invalidOptions(
        fn,
        "referenceDate",
        `"${text}" is not a real calendar date`,
        "Pass a 'YYYY-MM-DD' string of a real date, a Date or epoch milliseconds",
      );
    }
    day = y * 10000 + m * 100 + d;
  } else {
    day = fromMs(Date.parse(text), fn);
  }
  cachedString = text;
  cachedStringDay = day;
  return day;
}

/**
 * Converts a reference date to a `yyyymmdd` integer: a `"YYYY-MM-DD"` string as written;
 * a `Date`, epoch milliseconds or timestamp string by its calendar day in Asia/Jakarta (WIB).
 * `undefined` means now (`Date.now()`). Throws `DKS_CORE_INVALID_OPTIONS` on an invalid date.
 *
 * @example
 * ```ts
 * referenceDayOf("2026-11-22", "parseNik"); // 20261122
 * referenceDayOf(Date.parse("2026-11-22T18:00:00Z"), "parseNik"); // 20261123 (01:00 WIB)
 * ```
 * @internal
 */
export function referenceDayOf(value: unknown, fn: string): number {
  if (value === undefined) return dayOfEpochMs(Date.now());
  if (typeof value === "string") return fromString(value, fn);
  if (typeof value === "number") return fromMs(value, fn);
  if (value instanceof Date) return fromMs(value.getTime(), fn);
  return invalidOptions(
    fn,
    "referenceDate",
    `is a ${value === null ? "null" : typeof value}, not a date`,
    "Pass a Date, epoch milliseconds or a 'YYYY-MM-DD' string",
  );
}

/**
 * Formats a `yyyymmdd` integer as `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * formatDay(20000229); // "2000-02-29"
 * ```
 * @internal
 */
export function formatDay(day: number): string {
  const y = Math.floor(day / 10000);
  const m = Math.floor(day / 100) % 100;
  const d = day % 100;
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}
