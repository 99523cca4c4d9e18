/**
 * The burst rule ("dalam waktu yang berdekatan"): more than `burstMaxHits` lookups within
 * any `burstWindowMs` (the window ending at a lookup holds the lookups after
 * `at - burstWindowMs`, up to and including `at`).
 *
 * Every lookup counts, repeated or malformed NIKs included: each one is a hit upstream.
 *
 * How a burst is reported: once, when a lookup first takes the window over the limit. While
 * lookups keep taking it over the limit at least once per `burstWindowMs`, they extend that
 * finding (`count` then covers every lookup from the first of the window to the latest
 * over-limit one), so a script running just above the limit gives one finding, not one per
 * lookup. A full `burstWindowMs` with no over-limit lookup ends the burst; the next crossing
 * raises a new finding.
 *
 * Memory: the last `burstMaxHits + 1` lookups, plus at most `evidenceMaxNiks` NIKs waiting to
 * join an open burst's evidence.
 *
 * Internal: the package exports the detector, its options, findings and kinds, not the rules.
 */
import { addEvidence, type FindingRecord } from "./findings.js";
import type { ResolvedUsagePatternOptions } from "./options.js";
import { RingBuffer } from "./structures.js";

interface Hit {
  readonly at: number;
  readonly nik: string;
}

interface OpenBurst {
  readonly record: FindingRecord;
  lastOverAt: number;
  /** Lookups after the last over-limit one; they join the burst if another over-limit lookup follows. */
  pendingCount: number;
  readonly pendingNiks: string[];
}

/**
 * The burst state of one detector.
 */
export class BurstTracker {
  readonly #options: ResolvedUsagePatternOptions;
  readonly #window: RingBuffer<Hit>;
  #open: OpenBurst | undefined;

  constructor(options: ResolvedUsagePatternOptions) {
    this.#options = options;
    this.#window = new RingBuffer(options.burstMaxHits + 1);
  }

  /** Lookups held in the window (at most `burstMaxHits + 1`). */
  get windowSize(): number {
    return this.#window.size;
  }

  /** NIKs waiting to join the open burst's evidence (at most `evidenceMaxNiks`). */
  get pendingSize(): number {
    return this.#open?.pendingNiks.length ?? 0;
  }

  /** Counts one lookup; returns the record of a new finding. */
  observe(atMs: number, nik: string): FindingRecord | undefined {
    const { burstWindowMs, burstMaxHits, evidenceMaxNiks } = this.#options;
    const cutoff = atMs - burstWindowMs;
    for (let oldest = this.#window.oldest(); oldest !== undefined && oldest.at <= cutoff; ) {
      this.#window.shift();
      oldest = this.#window.oldest();
    }
    this.#window.push({ at: atMs, nik });
    const over = this.#window.size > burstMaxHits;

    let open = this.#open;
    if (open !== undefined && atMs - open.lastOverAt > burstWindowMs) {
      open = undefined;
      this.#open = undefined;
    }
    if (!over) {
      if (open !== undefined) {
        open.pendingCount += 1;
        if (open.record.niks.length + open.pendingNiks.length < evidenceMaxNiks) {
          open.pendingNiks.push(nik);
        }
      }
      return undefined;
    }
    if (open !== undefined) {
      const { record } = open;
      for (const pending of open.pendingNiks) addEvidence(record, pending, evidenceMaxNiks);
      addEvidence(record, nik, evidenceMaxNiks);
      record.count += open.pendingCount + 1;
      record.lastAt = atMs;
      open.lastOverAt = atMs;
      open.pendingCount = 0;
      open.pendingNiks.length = 0;
      return undefined;
    }
    const hits = this.#window.toArray();
    const record: FindingRecord = {
      code: "PATTERN_BURST",
      at: atMs,
      niks: hits.slice(0, evidenceMaxNiks).map((hit) => hit.nik),
      count: hits.length,
      firstAt: hits[0]?.at ?? atMs,
      lastAt: atMs,
    };
    this.#open = { record, lastOverAt: atMs, pendingCount: 0, pendingNiks: [] };
    return record;
  }

  /** Forgets every lookup and ends any open burst. */
  clear(): void {
    this.#window.clear();
    this.#open = undefined;
  }
}
