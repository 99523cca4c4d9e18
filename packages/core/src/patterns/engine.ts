/**
 * The engine behind the usage-pattern detector (internal): runs the three rules on one
 * lookup at a time with bounded state. `createUsagePatternDetector` and
 * `detectUsagePatterns` both drive this engine, so live and batch results agree.
 */
import { DukcapilCoreError } from "../errors.js";
import { describeValue } from "../internal/describe-value.js";
import { isAsciiDigits } from "../internal/digits.js";
import { BurstTracker } from "./burst.js";
import type { FindingRecord } from "./findings.js";
import type { ResolvedUsagePatternOptions } from "./options.js";
import {
  longestProgressionThrough,
  type Progression,
  SequenceRuns,
  type Term,
} from "./sequence.js";
import { RecentMap } from "./structures.js";
import {
  birthDayNumber,
  type DistrictState,
  isRecentBirth,
  newDistrictState,
  newPrefixState,
  observeDistrictSweep,
  observePrefixSweep,
  type PrefixState,
} from "./sweep.js";

/**
 * One NIK lookup by one user: when it happened and which NIK was asked for.
 *
 * @example
 * ```ts
 * import type { UsageEvent } from "@dukcapil-sandbox/core";
 * const event: UsageEvent = { at: Date.now(), nik: "3204011203900001" };
 * ```
 */
export interface UsageEvent {
  /** Time of the lookup, epoch milliseconds. */
  readonly at: number;
  /** The NIK asked for, as sent: a string (16 digits when well formed). */
  readonly nik: string;
}

/**
 * The sizes of a detector's buffers, to check that memory stays within the configured bounds.
 *
 * @example
 * ```ts
 * import { createUsagePatternDetector } from "@dukcapil-sandbox/core";
 * const detector = createUsagePatternDetector();
 * detector.stats().burstWindow <= detector.options.burstMaxHits + 1; // true
 * ```
 */
export interface UsagePatternDetectorStats {
  /** Lookups observed since creation or the last `reset()`. */
  readonly eventsObserved: number;
  /** Lookups in the burst window; at most `burstMaxHits + 1`. */
  readonly burstWindow: number;
  /** NIKs waiting to join an open burst's evidence; at most `evidenceMaxNiks`. */
  readonly burstPending: number;
  /** Distinct NIKs in the progression window; at most `sequenceWindowMaxNiks`. */
  readonly sequenceWindow: number;
  /** Open sequential runs; at most 16. */
  readonly openRuns: number;
  /** Tracked 12-digit prefixes; at most `trackMaxPrefixes`. */
  readonly prefixesTracked: number;
  /** NIKs held by the fullest tracked prefix; at most `trackMaxNiksPerPrefix`. */
  readonly largestPrefix: number;
  /** Tracked 6-digit districts; at most `trackMaxPrefixes`. */
  readonly districtsTracked: number;
  /** Birth dates held by the fullest tracked district; at most `trackMaxDatesPerDistrict`. */
  readonly largestDistrict: number;
  /** Findings kept for `findings()`; at most `findingsMaxKept`. */
  readonly findingsKept: number;
  /** Findings dropped from `findings()` because more than `findingsMaxKept` were raised. */
  readonly findingsDropped: number;
  /** NIKs listed by the largest kept finding; at most `evidenceMaxNiks`. */
  readonly largestEvidence: number;
}

function invalidEvent(field: "event" | "at" | "nik", reason: string, fix: string): never {
  throw new DukcapilCoreError(
    "DKS_CORE_INVALID_USAGE_EVENT",
    `Failed to observe NIK lookup: ${reason}. ${fix}.`,
    { field },
  );
}

/**
 * The rules and their bounded state for one user (internal).
 */
export class UsagePatternEngine {
  readonly options: ResolvedUsagePatternOptions;
  readonly #burst: BurstTracker;
  readonly #runs: SequenceRuns;
  readonly #window: RecentMap<bigint, Term>;
  readonly #prefixes: RecentMap<string, PrefixState>;
  readonly #districts: RecentMap<string, DistrictState>;
  #seq = 0;
  #lastAt = Number.NEGATIVE_INFINITY;

  constructor(options: ResolvedUsagePatternOptions) {
    this.options = options;
    this.#burst = new BurstTracker(options);
    this.#runs = new SequenceRuns(options);
    this.#window = new RecentMap(options.sequenceWindowMaxNiks);
    this.#prefixes = new RecentMap(options.trackMaxPrefixes);
    this.#districts = new RecentMap(options.trackMaxPrefixes);
  }

  /** Lookups observed so far. */
  get eventsObserved(): number {
    return this.#seq;
  }

  /**
   * Runs every rule on one lookup; returns the records of the findings it raised. Times
   * earlier than the latest one seen are treated as that latest time (journals written by
   * concurrent requests may be slightly out of order).
   */
  observe(event: UsageEvent): FindingRecord[] {
    if (typeof event !== "object" || event === null) {
      invalidEvent(
        "event",
        `the event is ${describeValue(event, { numbers: true })}, not an object`,
        "Pass { at: epochMs, nik: string }",
      );
    }
    const { at, nik } = event as { at: unknown; nik: unknown };
    if (typeof at !== "number" || !Number.isFinite(at)) {
      invalidEvent(
        "at",
        `\`at\` is ${describeValue(at, { numbers: true })}, not a finite number of epoch milliseconds`,
        "Pass the time of the lookup as a number, such as Date.now() or clock.now()",
      );
    }
    if (typeof nik !== "string") {
      invalidEvent(
        "nik",
        `\`nik\` is ${describeValue(nik)}, not a string`,
        "Pass the NIK as a 16-digit string; JS numbers lose digits above 2^53",
      );
    }

    const t = Math.max(at, this.#lastAt);
    this.#lastAt = t;
    this.#seq += 1;
    const raised: FindingRecord[] = [];
    const burst = this.#burst.observe(t, nik);
    if (burst !== undefined) raised.push(burst);
    if (nik.length !== 16 || !isAsciiDigits(nik)) return raised;

    const o = this.options;
    const day = birthDayNumber(nik);
    const recentBirth = isRecentBirth(day, t, o);
    const term: Term = { at: t, seq: this.#seq, nik, value: BigInt(nik), recentBirth };
    const sequenceCutoff = t - o.sequenceWindowMs;
    const trackCutoff = t - Math.max(o.sequenceWindowMs, o.sweepWindowMs);

    // The progression window: the last distinct NIKs, in any prefix. Recent births are
    // left out of the sequential rule (see `recentBirthDays`).
    this.#window.prune(sequenceCutoff);
    const newInWindow = !recentBirth && !this.#window.has(term.value);
    if (!recentBirth) this.#window.touch(term.value, term);

    // The state of this NIK's 12-digit prefix.
    const prefix = nik.slice(0, 12);
    this.#prefixes.prune(trackCutoff);
    const prefixState = this.#prefixes.get(prefix) ?? newPrefixState(t, o);
    prefixState.at = t;
    this.#prefixes.touch(prefix, prefixState);
    prefixState.niks.prune(trackCutoff);
    const newInPrefix = !prefixState.niks.has(term.value);
    prefixState.niks.touch(term.value, term);

    // Sequential: continue an open run, or search both windows for a new one.
    this.#runs.expire(t);
    if (!recentBirth && !this.#runs.continueRun(term)) {
      let best: { progression: Progression; lookup: (v: bigint) => Term | undefined } | undefined;
      if (newInWindow) {
        const progression = longestProgressionThrough(term.value, this.#window.keys(), (v) =>
          this.#window.has(v),
        );
        if (progression !== undefined) {
          best = { progression, lookup: (v) => this.#window.get(v) };
        }
      }
      if (newInPrefix) {
        const inWindow = (v: bigint): Term | undefined => {
          const found = prefixState.niks.get(v);
          return found !== undefined && found.at >= sequenceCutoff && !found.recentBirth
            ? found
            : undefined;
        };
        const progression = longestProgressionThrough(
          term.value,
          prefixState.niks.keys(),
          (v) => inWindow(v) !== undefined,
        );
        if (
          progression !== undefined &&
          (best === undefined || progression.length > best.progression.length)
        ) {
          best = { progression, lookup: inWindow };
        }
      }
      if (best !== undefined) {
        const record = this.#runs.offer(term, best.progression, best.lookup);
        if (record !== undefined) raised.push(record);
      }
    }

    // Sweep of one 12-digit prefix.
    if (newInPrefix) {
      const record = observePrefixSweep(prefixState, prefix, term, o);
      if (record !== undefined) raised.push(record);
    }

    // Sweep of consecutive birth dates in one district; recent births do not count.
    if (day !== undefined && !recentBirth) {
      const district = nik.slice(0, 6);
      this.#districts.prune(t - o.sweepWindowMs);
      const districtState = this.#districts.get(district) ?? newDistrictState(t, o);
      districtState.at = t;
      this.#districts.touch(district, districtState);
      districtState.dates.prune(t - o.sweepWindowMs);
      const newDate = !districtState.dates.has(day);
      districtState.dates.touch(day, term);
      if (newDate) {
        const record = observeDistrictSweep(districtState, district, day, term, o);
        if (record !== undefined) raised.push(record);
      }
    }
    return raised;
  }

  /** Buffer sizes of the engine's own state (the detector adds its findings store). */
  bufferSizes(): Omit<
    UsagePatternDetectorStats,
    "findingsKept" | "findingsDropped" | "largestEvidence"
  > {
    let largestPrefix = 0;
    for (const state of this.#prefixes.values()) {
      largestPrefix = Math.max(largestPrefix, state.niks.size);
    }
    let largestDistrict = 0;
    for (const state of this.#districts.values()) {
      largestDistrict = Math.max(largestDistrict, state.dates.size);
    }
    return {
      eventsObserved: this.#seq,
      burstWindow: this.#burst.windowSize,
      burstPending: this.#burst.pendingSize,
      sequenceWindow: this.#window.size,
      openRuns: this.#runs.size,
      prefixesTracked: this.#prefixes.size,
      largestPrefix,
      districtsTracked: this.#districts.size,
      largestDistrict,
    };
  }

  /** Forgets every lookup and closes every open pattern. */
  clear(): void {
    this.#burst.clear();
    this.#runs.clear();
    this.#window.clear();
    this.#prefixes.clear();
    this.#districts.clear();
    this.#seq = 0;
    this.#lastAt = Number.NEGATIVE_INFINITY;
  }
}
