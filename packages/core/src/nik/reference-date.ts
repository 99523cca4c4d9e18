/**
 * Reading dates given to the NIK functions as calendar days, the same way everywhere:
 *
 * - a `Date` or epoch milliseconds is an instant, read by its calendar day in
 *   Asia/Jakarta (WIB, UTC+7, no daylight saving time), the day Indonesian records use;
 * - a `"YYYY-MM-DD"` string is that calendar date, with no time zone;
 * - a date-time string must carry its offset (`"2026-11-22T18:00:00Z"`,
 *   `"2026-11-23T01:00:00+07:00"`) and is then read as an instant; one without an offset
 *   is refused, because `Date.parse` would read it in the machine's own time zone;
 * - anything else is refused.
 *
 * Days are `yyyymmdd` integers; no machine-time-zone API (`getDate`, `Date.parse`) is used.
 */
import { ISO_CALENDAR_DATE } from "../internal/date-format.js";
import { invalidOptions } from "../internal/options.js";
import { DAY_MS, JAKARTA_OFFSET_MS } from "../time.js";
import { isCalendarDate } from "./calendar.js";

/**
 * A reference date as accepted by `parseNik` and `makeNik`: a `Date` or epoch
 * milliseconds (read by its calendar day in Asia/Jakarta), a calendar date
 * `"YYYY-MM-DD"` (taken as written), or an ISO 8601 date-time **with an offset**
 * (`"2026-11-22T18:00:00Z"`, `"2026-11-23T01:00:00+07:00"`; read by its Jakarta day).
 * A date-time without an offset (`"2026-11-22T18:00:00"`) is refused: its day would
 * depend on the machine's time zone.
 *
 * @example
 * ```ts
 * import { type NikReferenceDate, parseNik } from "@dukcapil-sandbox/core";
 * const referenceDate: NikReferenceDate = "2026-11-22";
 * parseNik("3204054611260001", { referenceDate }); // born 2026-11-06
 * const lateEvening: NikReferenceDate = "2026-11-22T18:00:00Z"; // 01:00 WIB on 23 November
 * ```
 */
export type NikReferenceDate = Date | number | string;

/** The first and last instants whose Jakarta day lies in the years 1–9999 (`Date.UTC` maps years 0–99 to 19xx). */
const MIN_MS = new Date(0).setUTCFullYear(1, 0, 1) - JAKARTA_OFFSET_MS;
const MAX_MS = Date.UTC(10000, 0, 1) - JAKARTA_OFFSET_MS - 1;

let cachedDayNumber = Number.NaN;
let cachedDay = 0;

/**
 * The calendar day in Asia/Jakarta of an instant, as a `yyyymmdd` integer (the caller
 * checks that `ms` is finite and in range).
 *
 * @example
 * ```ts
 * jakartaDayOf(Date.parse("2026-11-22T18:00:00Z")); // 20261123 (01:00 WIB)
 * ```
 * @internal
 */
export function jakartaDayOf(ms: number): number {
  const dayNumber = Math.floor((ms + JAKARTA_OFFSET_MS) / DAY_MS);
  if (dayNumber !== cachedDayNumber) {
    const date = new Date(dayNumber * DAY_MS);
    cachedDay = date.getUTCFullYear() * 10000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
    cachedDayNumber = dayNumber;
  }
  return cachedDay;
}

/**
 * True when `ms` is a finite instant in the years 1–9999.
 *
 * @internal
 */
export function isSupportedInstant(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS;
}

const FIX = "Pass a Date, epoch milliseconds, a 'YYYY-MM-DD' string or a date-time with an offset";

function fromMs(ms: number, fn: string): number {
  if (!isSupportedInstant(ms)) {
    invalidOptions(fn, "referenceDate", "is not a valid date between the years 1 and 9999", FIX);
  }
  return jakartaDayOf(ms);
}

/** `YYYY-MM-DD` + `T` (or a space) + `hh:mm[:ss[.fff]]` + `Z` / `±hh` / `±hhmm` / `±hh:mm`. */
const DATE_TIME =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]{1,9}))?)?([Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?$/;

/**
 * The instant of an ISO 8601 date-time with an offset, in epoch ms; `undefined` when
 * the text is not one (or names an impossible date or time); `null` when it is a
 * date-time without an offset.
 */
function dateTimeMs(text: string): number | null | undefined {
  const match = DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [, ys, ms, ds, hs, mins, ss, fraction, offset] = match;
  const year = Number(ys);
  const month = Number(ms);
  const day = Number(ds);
  const hour = Number(hs);
  const minute = Number(mins);
  const second = ss === undefined ? 0 : Number(ss);
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  if (offset === undefined) return null;
  let offsetMinutes = 0;
  if (offset !== "Z" && offset !== "z") {
    const digits = offset.slice(1).replace(":", "");
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMins = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (offset[0] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime() - offsetMinutes * 60_000;
}

let cachedString: string | undefined;
let cachedStringDay = 0;

function fromString(text: string, fn: string): number {
  if (text === cachedString) return cachedStringDay;
  let day: number;
  const calendarDate = ISO_CALENDAR_DATE.exec(text);
  if (text.length === 10 && text[4] === "-" && text[7] === "-") {
    // A calendar date is taken as is, with no time zone.
    const y = Number(calendarDate?.[1]);
    const m = Number(calendarDate?.[2]);
    const d = Number(calendarDate?.[3]);
    if (calendarDate === null || !isCalendarDate(y, m, d)) {
      invalidOptions(
        fn,
        "referenceDate",
        `"${text}" is not a real calendar date`,
        "Pass a 'YYYY-MM-DD' string of a real date, a Date or epoch milliseconds",
      );
    }
    day = y * 10000 + m * 100 + d;
  } else {
    const ms = dateTimeMs(text);
    if (ms === null) {
      invalidOptions(
        fn,
        "referenceDate",
        `${JSON.stringify(text.slice(0, 40))} is a date-time without an offset, whose day would depend on the machine's time zone`,
        "Add the offset ('Z' or '+07:00'), or pass a 'YYYY-MM-DD' calendar date",
      );
    }
    if (ms === undefined) {
      invalidOptions(
        fn,
        "referenceDate",
        `${JSON.stringify(text.slice(0, 40))} is neither a 'YYYY-MM-DD' calendar date nor an ISO 8601 date-time with an offset`,
        FIX,
      );
    }
    day = fromMs(ms, fn);
  }
  cachedString = text;
  cachedStringDay = day;
  return day;
}

/**
 * Converts a reference date to a `yyyymmdd` integer (see {@link NikReferenceDate}):
 * a `"YYYY-MM-DD"` string as written; a `Date`, epoch milliseconds or a date-time string
 * with an offset by its calendar day in Asia/Jakarta. `undefined` means now
 * (`Date.now()`). Throws `DKS_CORE_INVALID_OPTIONS` on an invalid date or a date-time
 * without an offset.
 *
 * @example
 * ```ts
 * referenceDayOf("2026-11-22", "parseNik"); // 20261122
 * referenceDayOf(Date.parse("2026-11-22T18:00:00Z"), "parseNik"); // 20261123 (01:00 WIB)
 * referenceDayOf("2026-11-22T18:00:00", "parseNik"); // throws: no offset
 * ```
 * @internal
 */
export function referenceDayOf(value: unknown, fn: string): number {
  if (value === undefined) return jakartaDayOf(Date.now());
  if (typeof value === "string") return fromString(value, fn);
  if (typeof value === "number") return fromMs(value, fn);
  if (value instanceof Date) return fromMs(value.getTime(), fn);
  return invalidOptions(
    fn,
    "referenceDate",
    `is a ${value === null ? "null" : typeof value}, not a date`,
    FIX,
  );
}
