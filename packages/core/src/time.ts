/**
 * Time in core: every rule that depends on "now" takes a {@link Clock}, so the
 * simulator can move time and tests can stand at exact instants.
 */

/** A source of the current instant, in milliseconds since the Unix epoch. */
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

/** Western Indonesian Time (WIB, Asia/Jakarta) is UTC+7 all year: Indonesia has no daylight saving time. */
export const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

/** One day in milliseconds. */
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

/** The instant (epoch ms) at which the Jakarta calendar day after `epochMs` begins. */
export function nextJakartaMidnight(epochMs: number): number {
  const shifted = epochMs + JAKARTA_OFFSET_MS;
  return Math.floor(shifted / DAY_MS) * DAY_MS + DAY_MS - JAKARTA_OFFSET_MS;
}
