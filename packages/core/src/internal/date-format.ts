/**
 * Calendar-date text (internal): the `YYYY-MM-DD` shape and zero padding, shared by the
 * NIK, wire and client modules.
 */

/**
 * A calendar date `YYYY-MM-DD` with its parts captured (no time, no offset).
 *
 * @internal
 */
export const ISO_CALENDAR_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/**
 * A date `YYYY-MM-DD` that may be followed by a time (`"1969-03-10 00:00:00"`), as some
 * gateways write record dates; the date parts captured.
 *
 * @internal
 */
export const ISO_DATE_WITH_OPTIONAL_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T].*)?$/;

/**
 * A date `DD-MM-YYYY` (also with `.` or `/`), as verify requests send `TGL_LHR`; the
 * parts captured in that order.
 *
 * @internal
 */
export const DMY_DATE = /^([0-9]{2})[-./]([0-9]{2})[-./]([0-9]{4})$/;

/**
 * Two digits, zero-padded: `pad2(7)` is `"07"`.
 *
 * @internal
 */
export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
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
  return `${String(y).padStart(4, "0")}-${pad2(Math.floor(day / 100) % 100)}-${pad2(day % 100)}`;
}
