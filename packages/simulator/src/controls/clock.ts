import type { Clock } from "@dukcapil-sandbox/core";

/**
 * The instants the simulator's clock may be set or moved to: core's clocks read epoch
 * milliseconds from 0 (1970-01-01T00:00:00Z), and its dates end with the Jakarta year 9999.
 */
export const CLOCK_RANGE_MS = Object.freeze({
  min: 0,
  max: Date.parse("9999-12-31T23:59:59.999+07:00"),
  text: "from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59+07:00",
});

/** Whether `ms` is an instant the simulator's clock may show (see {@link CLOCK_RANGE_MS}). */
export function isClockInstant(ms: number): boolean {
  return Number.isSafeInteger(ms) && ms >= CLOCK_RANGE_MS.min && ms <= CLOCK_RANGE_MS.max;
}

/** The state of the simulator's clock, as `GET /sandbox/clock` reports it. */
export interface ClockState {
  readonly mode: "real" | "offset" | "frozen";
  readonly now: number;
  readonly offsetMs: number;
}

/**
 * A clock the sandbox controls: real time, real time shifted by an offset, or frozen.
 *
 * @example
 * ```ts
 * import { type ControlledClock, createSimulatorRuntime } from "@dukcapil-sandbox/simulator";
 * const runtime = await createSimulatorRuntime({ population: 10_000 });
 * const clock: ControlledClock = runtime.clock;
 * clock.set(Date.parse("2026-03-02T23:59:00+07:00"), true);
 * clock.advance(2 * 60_000); // the next Jakarta day: quotas start again
 * clock.state().mode; // "frozen"
 * ```
 */
export interface ControlledClock extends Clock {
  /** Jumps to `epochMs`; `frozen` keeps it there, otherwise time runs on from it. */
  set(epochMs: number, frozen?: boolean): void;
  /** Moves time forward (or back, with a negative value). */
  advance(ms: number): void;
  /** Back to real time. */
  real(): void;
  state(): ClockState;
}

/**
 * Creates the simulator's clock. Every time rule (quota day, token expiry, access
 * hours, usage patterns) reads it, so moving it moves them all.
 *
 * @example
 * ```ts
 * import { createControlledClock } from "@dukcapil-sandbox/simulator";
 * const clock = createControlledClock();
 * clock.set(Date.parse("2026-07-01T00:00:00+07:00"), true);
 * clock.advance(60_000);
 * ```
 */
export function createControlledClock(realNow: () => number = Date.now): ControlledClock {
  let offsetMs = 0;
  let frozenAt: number | null = null;
  const now = () => frozenAt ?? realNow() + offsetMs;
  return {
    now,
    set(epochMs, frozen = false) {
      if (frozen) {
        frozenAt = epochMs;
        offsetMs = 0;
      } else {
        frozenAt = null;
        offsetMs = epochMs - realNow();
      }
    },
    advance(ms) {
      if (frozenAt !== null) frozenAt += ms;
      else offsetMs += ms;
    },
    real() {
      frozenAt = null;
      offsetMs = 0;
    },
    state: () => ({
      mode: frozenAt !== null ? "frozen" : offsetMs !== 0 ? "offset" : "real",
      now: now(),
      offsetMs,
    }),
  };
}
