/**
 * The usage-pattern detector: judges one user's NIK lookups against the Juknis rule that
 * NIK input "tidak boleh dilakukan dengan cara berurutan, berpola, dan dalam waktu yang
 * berdekatan" (II.E.1). Live form: one detector per user ID, fed on every lookup. Batch
 * form: a journal of one user's lookups. Both run the same engine.
 */
import { type UsageEvent, type UsagePatternDetectorStats, UsagePatternEngine } from "./engine.js";
import { type FindingRecord, toFinding, type UsagePatternFinding } from "./findings.js";
import {
  parseUsagePatternOptions,
  type ResolvedUsagePatternOptions,
  type UsagePatternOptions,
} from "./options.js";
import { RingBuffer } from "./structures.js";

/**
 * A stateful usage-pattern detector for one user.
 *
 * @example
 * ```ts
 * import { createUsagePatternDetector, type UsagePatternDetector } from "@dukcapil-sandbox/core";
 * const byUser = new Map<string, UsagePatternDetector>();
 * const detectorFor = (userId: string) => {
 *   let detector = byUser.get(userId);
 *   if (detector === undefined) byUser.set(userId, (detector = createUsagePatternDetector()));
 *   return detector;
 * };
 * detectorFor("operator-1").observe({ at: Date.now(), nik: "3204011203900001" }); // []
 * ```
 */
export interface UsagePatternDetector {
  /** The options in force, defaults applied. */
  readonly options: ResolvedUsagePatternOptions;
  /**
   * Counts one lookup and returns the findings it raised: new patterns only, as they stand at
   * this lookup. A lookup that extends an open pattern raises nothing (see `findings()`).
   * Throws `DKS_CORE_INVALID_USAGE_EVENT` when `at` is not a finite number or `nik` not a string;
   * a string that is not 16 digits counts towards bursts only.
   */
  observe(event: UsageEvent): UsagePatternFinding[];
  /**
   * Every finding raised so far (the last `findingsMaxKept`), oldest first, each as it stands
   * now: an open pattern's `count`, `lastAt` and `niks` grow as later lookups extend it.
   */
  findings(): UsagePatternFinding[];
  /** Forgets every lookup and finding, as if newly created. */
  reset(): void;
  /** Buffer sizes, to check that memory stays within the configured bounds. */
  stats(): UsagePatternDetectorStats;
}

/**
 * Creates a usage-pattern detector for one user; throws `DKS_CORE_INVALID_OPTIONS` on bad options.
 *
 * Each pattern is raised once, when it crosses its threshold; further lookups continuing the
 * same pattern extend that finding instead of raising it again, and a new finding comes only
 * once the pattern has stopped for its window (see the rule modules for the exact episode rules).
 *
 * @example
 * ```ts
 * import { createUsagePatternDetector } from "@dukcapil-sandbox/core";
 * const detector = createUsagePatternDetector({ burstMaxHits: 20, burstWindowMs: 60_000 });
 * const t = Date.parse("2026-03-02T09:00:00+07:00");
 * for (const serial of ["0001", "0002", "0003"]) {
 *   detector.observe({ at: t, nik: `320401120390${serial}` }); // []
 * }
 * detector.observe({ at: t + 1000, nik: "3204011203900004" })[0]?.code; // "PATTERN_SEQUENTIAL"
 * ```
 */
export function createUsagePatternDetector(options?: UsagePatternOptions): UsagePatternDetector {
  const resolved = parseUsagePatternOptions(options);
  const engine = new UsagePatternEngine(resolved);
  const kept = new RingBuffer<FindingRecord>(resolved.findingsMaxKept);
  let dropped = 0;

  return {
    options: resolved,
    observe(event) {
      const raised = engine.observe(event);
      if (raised.length === 0) return [];
      for (const record of raised) {
        if (kept.push(record) !== undefined) dropped += 1;
      }
      return raised.map((record) => toFinding(record, resolved));
    },
    findings() {
      return kept.toArray().map((record) => toFinding(record, resolved));
    },
    reset() {
      engine.clear();
      kept.clear();
      dropped = 0;
    },
    stats() {
      const records = kept.toArray();
      return {
        ...engine.bufferSizes(),
        findingsKept: records.length,
        findingsDropped: dropped,
        largestEvidence: records.reduce((max, r) => Math.max(max, r.niks.length), 0),
      };
    },
  };
}

/**
 * Runs the detector over one user's journal of lookups and returns every finding, each as it
 * stands at the end of the journal. Feed one user's lookups per call, in time order.
 *
 * Unlike `findings()` of a live detector, the result is not capped by `findingsMaxKept`.
 *
 * @example
 * ```ts
 * import { detectUsagePatterns } from "@dukcapil-sandbox/core";
 * const t = Date.parse("2026-03-02T09:00:00+07:00");
 * // 30 lookups in 20 s: a script, not an operator.
 * const journal = ["3204011203900001", "3174054508850003", "3578106707920002"].flatMap((nik) =>
 *   Array.from({ length: 10 }, (_, i) => ({ at: t + i * 2000, nik })),
 * );
 * journal.sort((a, b) => a.at - b.at);
 * detectUsagePatterns(journal).map((f) => f.code); // ["PATTERN_BURST"]
 * ```
 */
export function detectUsagePatterns(
  events: Iterable<UsageEvent>,
  options?: UsagePatternOptions,
): UsagePatternFinding[] {
  const resolved = parseUsagePatternOptions(options);
  const engine = new UsagePatternEngine(resolved);
  const records: FindingRecord[] = [];
  for (const event of events) records.push(...engine.observe(event));
  return records.map((record) => toFinding(record, resolved));
}
