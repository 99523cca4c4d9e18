/**
 * Calendar arithmetic and the two-digit-year rule of the NIK.
 *
 * A NIK carries only `YY`. The rule (shared/spec/nik.md §1.2, rule b): the year is
 * 20YY when that date is not later than the reference date, else 19YY. No `Date`
 * objects are allocated per call: dates are compared as `yyyymmdd` integers.
 */

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
 * True when year, month and day form a real calendar date (year ≥ 1).
 *
 * @internal
 */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
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
