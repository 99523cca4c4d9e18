/**
 * Time in core: every rule that depends on "now" takes a {@link Clock}, so the
 * simulator can move time and tests can stand at exact instants.
 */

/**
 * A source of the current instant, in milliseconds since the Unix epoch (whole
 * milliseconds from 0, as `Date.now()` gives them: a function that consumes a clock
 * throws `DKS_CORE_CLOCK_INVALID` for NaN, a fraction or a negative time).
 *
 * @example
 * ```ts
 * import { type Clock, createQuotaLedger, createMemoryQuotaStore } from "@dukcapil-sandbox/core";
 * const fixed: Clock = { now: () => Date.parse("2026-03-02T09:00:00+07:00") };
 * const ledger = createQuotaLedger({ store: createMemoryQuotaStore(), clock: fixed });
 * ```
 */
export interface Clock {
  now(): number;
}

/**
 * The real clock.
 *
 * @example
 * ```ts
 * import { systemClock } from "@dukcapil-sandbox/core";
 * const now = systemClock.now();
 * ```
 */
export const systemClock: Clock = Object.freeze({ now: () => Date.now() });

/**
 * A clock that stays where it is put: for tests and for the simulator's clock control.
 *
 * @example
 * ```ts
 * import { createManualClock } from "@dukcapil-sandbox/core";
 * const clock = createManualClock(Date.parse("2026-01-01T00:00:00+07:00"));
 * clock.advance(24 * 60 * 60 * 1000);
 * ```
 */
export function createManualClock(startMs: number): Clock & {
  set(ms: number): void;
  advance(ms: number): void;
} {
  let current = startMs;
  return {
    now: () => current,
    set: (ms: number) => {
      current = ms;
    },
    advance: (ms: number) => {
      current += ms;
    },
  };
}

/**
 * Western Indonesian Time (WIB, Asia/Jakarta) is UTC+7 all year: Indonesia has no
 * daylight saving time. The offset in milliseconds.
 *
 * @example
 * ```ts
 * import { JAKARTA_OFFSET_MS } from "@dukcapil-sandbox/core";
 * const wibHour = (epochMs: number) => new Date(epochMs + JAKARTA_OFFSET_MS).getUTCHours();
 * wibHour(Date.parse("2026-03-01T17:00:00Z")); // 0
 * ```
 */
export const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * One day in milliseconds (a Jakarta day always has exactly this many: no DST).
 *
 * @example
 * ```ts
 * import { DAY_MS, createManualClock } from "@dukcapil-sandbox/core";
 * const clock = createManualClock(Date.parse("2026-01-05T09:00:00+07:00"));
 * clock.advance(365 * DAY_MS);
 * ```
 */
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The calendar day in Asia/Jakarta of an instant, as `YYYY-MM-DD`: the unit of the daily quota.
 *
 * @example
 * ```ts
 * import { jakartaDay } from "@dukcapil-sandbox/core";
 * jakartaDay(Date.parse("2026-03-01T17:00:00Z")); // "2026-03-02" (00:00 WIB)
 * ```
 */
export function jakartaDay(epochMs: number): string {
  return new Date(epochMs + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The instant (epoch ms) at which the Jakarta calendar day after `epochMs` begins: when
 * the daily quota resets (00:00 WIB).
 *
 * @example
 * ```ts
 * import { nextJakartaMidnight } from "@dukcapil-sandbox/core";
 * nextJakartaMidnight(Date.parse("2026-03-02T09:00:00+07:00")) === Date.parse("2026-03-03T00:00:00+07:00"); // true
 * ```
 */
export function nextJakartaMidnight(epochMs: number): number {
  const shifted = epochMs + JAKARTA_OFFSET_MS;
  return Math.floor(shifted / DAY_MS) * DAY_MS + DAY_MS - JAKARTA_OFFSET_MS;
}
