/**
 * Clocks as options (internal): the schema that accepts one, and the check of every
 * value read from it, so a broken clock fails with a coded error where it is consumed
 * instead of as a `RangeError` deep inside date arithmetic.
 */
import { z } from "zod";
import { DukcapilCoreError } from "../errors.js";
import type { Clock } from "../time.js";

/**
 * A zod schema accepting any object with a `now()` method.
 *
 * @internal
 */
export const clockSchema = z.custom<Clock>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    typeof (value as { now?: unknown }).now === "function",
  { message: "Expected a Clock: an object with a now() method returning epoch milliseconds" },
);

/** The largest instant a `Date` can hold, in ms (±100,000,000 days around 1970). */
const MAX_DATE_MS = 8.64e15;

/**
 * Reads `clock.now()` and checks it is epoch milliseconds as `Date.now()` gives them: a
 * whole number from 0 to 8.64e15. Throws `DKS_CORE_CLOCK_INVALID` otherwise (and when
 * `now()` itself throws, with its error as `cause`).
 *
 * @example
 * ```ts
 * readClock({ now: () => Number.NaN }, "consume quota hit"); // throws DKS_CORE_CLOCK_INVALID
 * ```
 * @internal
 */
export function readClock(clock: Clock, action: string): number {
  let value: unknown;
  try {
    value = clock.now();
  } catch (cause) {
    throw new DukcapilCoreError(
      "DKS_CORE_CLOCK_INVALID",
      `Failed to ${action}: the clock's now() threw. Pass a clock whose now() returns epoch milliseconds, such as systemClock.`,
      { value: null },
      { cause },
    );
  }
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_DATE_MS) {
    const shown = typeof value === "number" ? String(value) : `a ${typeof value}`;
    throw new DukcapilCoreError(
      "DKS_CORE_CLOCK_INVALID",
      `Failed to ${action}: the clock's now() returned ${shown}, not whole epoch milliseconds from 0 to 8.64e15. Pass a clock whose now() returns epoch milliseconds, such as systemClock or createManualClock(Date.parse("2026-03-02T09:00:00+07:00")).`,
      { value: typeof value === "number" ? value : typeof value },
    );
  }
  return value;
}
