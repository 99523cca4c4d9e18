/**
 * The sequential rule ("berurutan"): distinct NIKs whose 16-digit values form an
 * arithmetic progression with a constant non-zero step.
 *
 * Values are BigInt: NIKs of provinces 91–96 are above 2^53.
 *
 * How a run is found: when a NIK not seen in a window arrives, every other NIK of the
 * window proposes a step (their difference); for each step the run through the new
 * NIK is counted in both directions by membership, so the order of the lookups does
 * not matter (1, 3, 2, 4 is a run). Cost: O(window × run length) per lookup.
 *
 * How a run is reported: once, when it first reaches `sequenceMinLength` terms. A later
 * lookup that continues an open run (the next term at either end) extends that finding
 * instead of raising a new one; a run stays open until no term has been added for
 * `sequenceWindowMs`. Only then can the same progression raise again.
 *
 * Recent births (see `recentBirthDays`) are left out: the engine neither searches from
 * them nor counts them as terms.
 *
 * Internal: the package exports the detector, its options, findings and kinds, not the rules.
 */
import { addEvidence, type FindingRecord } from "./findings.js";
import type { ResolvedUsagePatternOptions } from "./options.js";

/**
 * One lookup of a well-formed NIK, as the pattern rules keep it.
 */
export interface Term {
  /** Time of the lookup, epoch milliseconds. */
  readonly at: number;
  /** Arrival number of the lookup within its detector. */
  readonly seq: number;
  readonly nik: string;
  readonly value: bigint;
  /**
   * Whether the NIK's birth date lies within `recentBirthDays` before the lookup's day (a
   * newborn or infant): such NIKs are consecutive by nature and are left out of progressions.
   */
  readonly recentBirth: boolean;
}

/**
 * An arithmetic progression of NIK values: `lo`, `lo + step`, …, `hi`.
 */
export interface Progression {
  /** The common difference, always positive. */
  readonly step: bigint;
  readonly lo: bigint;
  readonly hi: bigint;
  readonly length: number;
}

/**
 * The longest progression through `value` whose other terms satisfy `has`, trying as steps
 * the differences between `value` and each candidate; ties go to the smaller step.
 */
export function longestProgressionThrough(
  value: bigint,
  candidates: Iterable<bigint>,
  has: (candidate: bigint) => boolean,
): Progression | undefined {
  // A step met twice (from value - step and value + step) gives the same progression,
  // which cannot replace itself below, so the steps tried need not be remembered; the
  // terms are counted while walking (no BigInt division). Both keep this hot loop lean.
  let best: Progression | undefined;
  for (const other of candidates) {
    if (other === value) continue;
    const step = other > value ? other - value : value - other;
    let lo = value;
    let length = 1;
    for (let next = value - step; next >= 0n && has(next); next -= step) {
      lo = next;
      length++;
    }
    let hi = value;
    for (let next = value + step; has(next); next += step) {
      hi = next;
      length++;
    }
    if (
      best === undefined ||
      length > best.length ||
      (length === best.length && step < best.step)
    ) {
      best = { step, lo, hi, length };
    }
  }
  return best;
}

interface OpenRun {
  readonly step: bigint;
  lo: bigint;
  hi: bigint;
  readonly record: FindingRecord;
  lastAt: number;
}

/** The most progressions a detector follows at once; the least recently extended goes first. */
export const MAX_OPEN_RUNS = 16;

/**
 * The open sequential findings of one detector and the rule that raises or extends them.
 */
export class SequenceRuns {
  readonly #options: ResolvedUsagePatternOptions;
  #runs: OpenRun[] = [];

  constructor(options: ResolvedUsagePatternOptions) {
    this.#options = options;
  }

  /** How many runs are open. */
  get size(): number {
    return this.#runs.length;
  }

  /** The longest evidence list among open runs (for `stats()`). */
  get largestEvidence(): number {
    return this.#runs.reduce((max, run) => Math.max(max, run.record.niks.length), 0);
  }

  /** Closes the runs that have not grown for `sequenceWindowMs`. */
  expire(nowMs: number): void {
    const cutoff = nowMs - this.#options.sequenceWindowMs;
    if (this.#runs.some((run) => run.lastAt < cutoff)) {
      this.#runs = this.#runs.filter((run) => run.lastAt >= cutoff);
    }
  }

  /**
   * Whether `term` belongs to an open run: a term already counted (a re-check), or the next
   * term at either end, which extends the run's finding. Returns false for anything else.
   */
  continueRun(term: Term): boolean {
    for (const run of this.#runs) {
      if ((term.value - run.lo) % run.step !== 0n) continue;
      if (term.value >= run.lo && term.value <= run.hi) return true;
      if (term.value === run.hi + run.step || term.value === run.lo - run.step) {
        if (term.value > run.hi) run.hi = term.value;
        else run.lo = term.value;
        this.#grow(run, [term], term.at);
        return true;
      }
    }
    return false;
  }

  /**
   * Offers a progression found through `term`: it extends an open run it overlaps, or raises a
   * new finding when it has at least `sequenceMinLength` terms. Returns the new finding's record.
   * `lookup` returns the lookup behind each value of the progression.
   */
  offer(
    term: Term,
    progression: Progression,
    lookup: (value: bigint) => Term | undefined,
  ): FindingRecord | undefined {
    const { step, lo, hi } = progression;
    const terms = (from: bigint, to: bigint, skipLo: bigint, skipHi: bigint): Term[] => {
      const out: Term[] = [];
      for (let v = from; v <= to; v += step) {
        if (v >= skipLo && v <= skipHi) continue;
        const found = lookup(v);
        if (found !== undefined) out.push(found);
      }
      return out.sort((a, b) => a.seq - b.seq);
    };

    for (const run of this.#runs) {
      if (run.step !== step || (lo - run.lo) % step !== 0n) continue;
      if (lo > run.hi + step || hi < run.lo - step) continue;
      const added = terms(lo, hi, run.lo, run.hi);
      if (lo < run.lo) run.lo = lo;
      if (hi > run.hi) run.hi = hi;
      this.#grow(run, added, term.at);
      return undefined;
    }

    if (progression.length < this.#options.sequenceMinLength) return undefined;
    const ordered = terms(lo, hi, 1n, 0n);
    const first = ordered[0] ?? term;
    const last = ordered[ordered.length - 1] ?? term;
    const sign: 1 | -1 = last.value >= first.value ? 1 : -1;
    const record: FindingRecord = {
      code: "PATTERN_SEQUENTIAL",
      at: term.at,
      niks: ordered.slice(0, this.#options.evidenceMaxNiks).map((t) => t.nik),
      count: progression.length,
      firstAt: first.at,
      lastAt: term.at,
      step: sign * Number(step),
    };
    if (this.#runs.length >= MAX_OPEN_RUNS) this.#runs.shift();
    this.#runs.push({ step, lo, hi, record, lastAt: term.at });
    return record;
  }

  /** Closes every run. */
  clear(): void {
    this.#runs = [];
  }

  #grow(run: OpenRun, added: readonly Term[], atMs: number): void {
    for (const t of added) addEvidence(run.record, t.nik, this.#options.evidenceMaxNiks);
    run.record.count = Number((run.hi - run.lo) / run.step) + 1;
    run.record.lastAt = atMs;
    run.lastAt = atMs;
    // Keep the least recently extended run at the front, for eviction.
    this.#runs = [...this.#runs.filter((r) => r !== run), run];
  }
}
