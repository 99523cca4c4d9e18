/**
 * Semesters for usage reports: semester 1 is January–June and semester 2 is
 * July–December of a year, on Jakarta calendar days (PKS Karanganyar Pasal 9:
 * "bulan Juni untuk semester pertama dan bulan Desember untuk semester kedua").
 */
import { DukcapilCoreError } from "../errors.js";
import { formatDay } from "../internal/date-format.js";
import { JAKARTA_OFFSET_MS, jakartaDay } from "../time.js";

/**
 * A semester identifier: the year and the half, `"2026-1"` (January–June) or `"2026-2"` (July–December).
 *
 * @example
 * ```ts
 * import type { SemesterId } from "@dukcapil-sandbox/core";
 * const semester: SemesterId = "2026-1";
 * ```
 */
export type SemesterId = `${number}-${1 | 2}`;

/**
 * The days and instants a semester covers.
 *
 * @example
 * ```ts
 * import { semesterRange, type SemesterRange } from "@dukcapil-sandbox/core";
 * const range: SemesterRange = semesterRange("2026-2");
 * ```
 */
export interface SemesterRange {
  readonly semester: SemesterId;
  readonly year: number;
  readonly half: 1 | 2;
  /** First Jakarta day, inclusive: `"2026-01-01"` or `"2026-07-01"`. */
  readonly fromDay: string;
  /** Last Jakarta day, inclusive: `"2026-06-30"` or `"2026-12-31"`. */
  readonly toDay: string;
  /** Epoch ms of 00:00 WIB on `fromDay` (inclusive). */
  readonly startsAt: number;
  /** Epoch ms of 00:00 WIB on the day after `toDay` (exclusive). */
  readonly endsAt: number;
}

const SEMESTER_PATTERN = /^(\d{4})-([12])$/;
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;

/**
 * The semester and its Jakarta days and instants; throws `DKS_CORE_INVALID_SEMESTER` for
 * anything but `YYYY-1` / `YYYY-2` with a year from 1970 to 9999.
 *
 * @example
 * ```ts
 * import { semesterRange } from "@dukcapil-sandbox/core";
 * semesterRange("2026-1"); // { fromDay: "2026-01-01", toDay: "2026-06-30", startsAt: Date.parse("2026-01-01T00:00:00+07:00"), … }
 * ```
 */
export function semesterRange(semester: string): SemesterRange {
  const match = typeof semester === "string" ? SEMESTER_PATTERN.exec(semester) : null;
  const year = match ? Number(match[1]) : Number.NaN;
  if (match === null || year < MIN_YEAR || year > MAX_YEAR) {
    throw new DukcapilCoreError(
      "DKS_CORE_INVALID_SEMESTER",
      `Failed to read semester: ${JSON.stringify(semester) ?? String(semester)} is not a semester of the form YYYY-1 or YYYY-2 with a year from ${MIN_YEAR} to ${MAX_YEAR}. Pass e.g. "2026-1" for January–June or "2026-2" for July–December.`,
      { semester },
    );
  }
  const half = match[2] === "1" ? 1 : 2;
  const startsAt = Date.UTC(year, half === 1 ? 0 : 6, 1) - JAKARTA_OFFSET_MS;
  const endsAt = (half === 1 ? Date.UTC(year, 6, 1) : Date.UTC(year + 1, 0, 1)) - JAKARTA_OFFSET_MS;
  return Object.freeze({
    semester: `${year}-${half}` as SemesterId,
    year,
    half,
    fromDay: formatDay(year * 10000 + (half === 1 ? 101 : 701)),
    toDay: formatDay(year * 10000 + (half === 1 ? 630 : 1231)),
    startsAt,
    endsAt,
  });
}

/**
 * The semester of an instant, on its Jakarta calendar day.
 *
 * Throws `DKS_CORE_INVALID_SEMESTER` when `epochMs` is not finite or falls outside 1970–9999.
 *
 * @example
 * ```ts
 * import { semesterOf } from "@dukcapil-sandbox/core";
 * semesterOf(Date.parse("2026-06-30T23:59:59+07:00")); // "2026-1"
 * semesterOf(Date.parse("2026-07-01T00:00:00+07:00")); // "2026-2"
 * ```
 */
export function semesterOf(epochMs: number): SemesterId {
  const first = semesterRange(`${MIN_YEAR}-1`);
  const last = semesterRange(`${MAX_YEAR}-2`);
  if (!Number.isFinite(epochMs) || epochMs < first.startsAt || epochMs >= last.endsAt) {
    throw new DukcapilCoreError(
      "DKS_CORE_INVALID_SEMESTER",
      `Failed to compute semester: ${String(epochMs)} is not an instant between ${MIN_YEAR} and ${MAX_YEAR} in epoch milliseconds. Pass a finite number such as Date.now().`,
      { epochMs },
    );
  }
  return semesterOfDay(jakartaDay(epochMs));
}

/** The semester of a Jakarta calendar day `YYYY-MM-DD`. */
function semesterOfDay(day: string): SemesterId {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return `${year}-${month <= 6 ? 1 : 2}` as SemesterId;
}
