/**
 * The options of the usage-pattern detector: one strict zod schema, defaults in
 * the schema, units in the names. Why each default is what it is: see
 * `usagePatternDefaults` below and docs in the package README.
 */
import { z } from "zod";
import { zodError } from "../internal/zod-issues.js";
import { DAY_MS } from "../time.js";

const MINUTE_MS = 60_000;

const count = (min: number, max: number) => z.number().int().min(min).max(max);
const durationMs = (max: number) => z.number().int().min(1).max(max);

/**
 * The default thresholds and bounds of the usage-pattern detector, with the reason for each.
 *
 * - `burstWindowMs: 60_000`, `burstMaxHits: 20` — a finding when **more than 20 lookups fall
 *   within 60 s**. An operator serving people has to obtain the NIK (type 16 digits or read
 *   the KTP-el), send it and read the answer: 10–30 s per lookup, at most a few a minute even
 *   in a queue. Twenty in a minute is one every 3 s for a whole minute, which only scripts
 *   reach; and at that rate the Juknis' pre-PoC quota of 200 hits a day would be gone in ten
 *   minutes.
 * - `sequenceMinLength: 4` — a progression needs **4 terms (3 equal steps)**. Two distinct NIKs
 *   always form a progression, and three happen in real service: triplets of one sex share a
 *   12-digit prefix and often hold consecutive serials. Four terms with an exactly equal
 *   16-digit step among unrelated residents do not happen by chance.
 * - `sequenceWindowMaxNiks: 32`, `sequenceWindowMs: 24 h` — the progression search looks at
 *   the last 32 distinct NIKs of the day, in any order. The search costs O(32 × run length)
 *   per lookup.
 * - `sweepWindowMs: 24 h`, `sweepMinDistinctNiks: 10` — a finding when **10 distinct NIKs
 *   with the same first 12 digits** (district, birth date and sex) are looked up within 24 h.
 *   Real people sharing all 12 digits are few (twins, triplets, and elderly residents given a
 *   placeholder birth date such as 1 January), so a social-aid clerk checking one village
 *   stays below 10, while a script enumerating serials crosses it in minutes.
 * - `sweepMinConsecutiveDates: 5` — a finding when NIKs of **one 6-digit district cover 5
 *   consecutive calendar birth dates** within 24 h, recent births not counted. A district
 *   office sees hundreds of its residents a day, but their birth dates spread over ~80
 *   years; five consecutive days by chance is about 1 in 10,000 days at 200 lookups a day,
 *   while a script stepping dates crosses it on its fifth date.
 * - `recentBirthDays: 366` — NIKs whose birth date lies **within the year before the
 *   lookup** (newborns and infants) count towards neither the district's consecutive dates
 *   nor progressions. Newborn services are legitimate and dense: a hospital or puskesmas
 *   checks the babies of its district born over the last days or weeks, and since a serial
 *   counts the NIKs of one district, date and sex from 0001, their NIKs are consecutive by
 *   nature. In simulated days of 40 newborns of one district (the babies of the last three
 *   to four weeks, serials as the registry assigns them), 5 consecutive dates came up on
 *   nearly every day, day-digit progressions on half to nine in ten, and serial runs
 *   0001–0004 on about one in eight. Birth registration (60 days), newborn health-insurance
 *   enrolment (28 days) and basic immunisation (the first year) all fall within a year.
 *   Left undetected is a slow script over the NIKs of last year's babies that tries fewer
 *   than `sweepMinDistinctNiks` serials per date; the burst rule, the daily quota and the
 *   12-digit rule still apply to it. `0` treats no birth as recent.
 * - `trackMaxPrefixes: 256`, `trackMaxNiksPerPrefix: 32`, `trackMaxDatesPerDistrict: 64` —
 *   the memory bounds of the per-prefix and per-district state (least recently used prefixes
 *   and oldest entries go first). A run interleaved with other lookups is still caught while
 *   its prefix is among the 256 most recently used.
 * - `evidenceMaxNiks: 50`, `findingsMaxKept: 1000` — a finding lists at most 50 NIKs (its
 *   `count` has the full number) and a detector keeps its last 1000 findings.
 *
 * @example
 * ```ts
 * import { usagePatternDefaults } from "@dukcapil-sandbox/core";
 * usagePatternDefaults.burstMaxHits; // 20
 * ```
 */
export const usagePatternDefaults = Object.freeze({
  burstWindowMs: MINUTE_MS,
  burstMaxHits: 20,
  sequenceMinLength: 4,
  sequenceWindowMaxNiks: 32,
  sequenceWindowMs: DAY_MS,
  sweepWindowMs: DAY_MS,
  sweepMinDistinctNiks: 10,
  sweepMinConsecutiveDates: 5,
  recentBirthDays: 366,
  trackMaxPrefixes: 256,
  trackMaxNiksPerPrefix: 32,
  trackMaxDatesPerDistrict: 64,
  evidenceMaxNiks: 50,
  findingsMaxKept: 1000,
} as const);

const d = usagePatternDefaults;

/**
 * The zod schema of {@link UsagePatternOptions}: strict, with defaults and cross-field rules.
 *
 * The three buffer sizes that must hold a threshold's worth of NIKs (`sequenceWindowMaxNiks`,
 * `trackMaxNiksPerPrefix`, `trackMaxDatesPerDistrict`) default to the larger of their
 * documented default and that threshold, so raising a threshold alone is enough; set
 * explicitly, they must be at least the thresholds they serve.
 *
 * @example
 * ```ts
 * import { usagePatternOptionsSchema } from "@dukcapil-sandbox/core";
 * usagePatternOptionsSchema.parse({ burstMaxHits: 30 }).burstWindowMs; // 60000
 * usagePatternOptionsSchema.parse({ sweepMinDistinctNiks: 40 }).trackMaxNiksPerPrefix; // 40
 * ```
 */
export const usagePatternOptionsSchema = z
  .object({
    /** Length of the sliding window of the burst rule, in milliseconds. */
    burstWindowMs: durationMs(7 * DAY_MS).default(d.burstWindowMs),
    /** A burst is more than this many lookups within `burstWindowMs`. */
    burstMaxHits: count(1, 10_000).default(d.burstMaxHits),
    /** Fewest distinct NIKs in arithmetic progression that make a sequential finding (at least 3). */
    sequenceMinLength: count(3, 64).default(d.sequenceMinLength),
    /** How many of the most recent distinct NIKs the progression search looks at. */
    sequenceWindowMaxNiks: count(3, 1024).optional(),
    /** How far back, in milliseconds, the terms of one progression may lie. */
    sequenceWindowMs: durationMs(31 * DAY_MS).default(d.sequenceWindowMs),
    /** How far back, in milliseconds, the NIKs of one sweep may lie. */
    sweepWindowMs: durationMs(31 * DAY_MS).default(d.sweepWindowMs),
    /** Fewest distinct NIKs sharing the first 12 digits that make a sweep finding. */
    sweepMinDistinctNiks: count(3, 1024).default(d.sweepMinDistinctNiks),
    /** Fewest consecutive calendar birth dates within one 6-digit district that make a sweep finding. */
    sweepMinConsecutiveDates: count(3, 366).default(d.sweepMinConsecutiveDates),
    /**
     * Births on the lookup's Jakarta day or up to this many days before it are recent: they
     * count towards neither the district sweep nor progressions. `0` treats no birth as recent.
     */
    recentBirthDays: count(0, 3660).default(d.recentBirthDays),
    /** How many 12-digit prefixes, and separately how many 6-digit districts, are tracked at once. */
    trackMaxPrefixes: count(1, 100_000).default(d.trackMaxPrefixes),
    /** How many distinct NIKs are kept per tracked 12-digit prefix. */
    trackMaxNiksPerPrefix: count(3, 1024).optional(),
    /** How many distinct birth dates are kept per tracked 6-digit district. */
    trackMaxDatesPerDistrict: count(3, 4096).optional(),
    /** Most NIKs listed in one finding's `evidence.niks` (`evidence.count` has the full number). */
    evidenceMaxNiks: count(1, 10_000).default(d.evidenceMaxNiks),
    /** Most findings a detector keeps for `findings()`; the oldest go first. */
    findingsMaxKept: count(1, 1_000_000).default(d.findingsMaxKept),
  })
  .strict()
  .check((ctx) => {
    const o = ctx.value;
    const atLeast = (
      field: "sequenceWindowMaxNiks" | "trackMaxNiksPerPrefix" | "trackMaxDatesPerDistrict",
      other: "sequenceMinLength" | "sweepMinDistinctNiks" | "sweepMinConsecutiveDates",
    ) => {
      const value = o[field];
      if (value !== undefined && value < o[other]) {
        ctx.issues.push({
          code: "custom",
          input: value,
          path: [field],
          message: `${field} (${value}) must be at least ${other} (${o[other]})`,
        });
      }
    };
    atLeast("sequenceWindowMaxNiks", "sequenceMinLength");
    atLeast("trackMaxNiksPerPrefix", "sequenceMinLength");
    atLeast("trackMaxNiksPerPrefix", "sweepMinDistinctNiks");
    atLeast("trackMaxDatesPerDistrict", "sweepMinConsecutiveDates");
  })
  .transform((o) => ({
    ...o,
    sequenceWindowMaxNiks:
      o.sequenceWindowMaxNiks ?? Math.max(d.sequenceWindowMaxNiks, o.sequenceMinLength),
    trackMaxNiksPerPrefix:
      o.trackMaxNiksPerPrefix ??
      Math.max(d.trackMaxNiksPerPrefix, o.sequenceMinLength, o.sweepMinDistinctNiks),
    trackMaxDatesPerDistrict:
      o.trackMaxDatesPerDistrict ??
      Math.max(d.trackMaxDatesPerDistrict, o.sweepMinConsecutiveDates),
  }));

/**
 * Options of {@link createUsagePatternDetector}; every field is optional and has a default.
 *
 * @example
 * ```ts
 * import type { UsagePatternOptions } from "@dukcapil-sandbox/core";
 * const strict: UsagePatternOptions = { burstMaxHits: 10, sequenceMinLength: 3 };
 * ```
 */
export type UsagePatternOptions = z.input<typeof usagePatternOptionsSchema>;

/**
 * Options after defaults are applied: every field is present.
 *
 * @example
 * ```ts
 * import { createUsagePatternDetector, type ResolvedUsagePatternOptions } from "@dukcapil-sandbox/core";
 * const resolved: ResolvedUsagePatternOptions = createUsagePatternDetector().options;
 * ```
 */
export type ResolvedUsagePatternOptions = Readonly<z.output<typeof usagePatternOptionsSchema>>;

/**
 * Parses detector options, or throws `DKS_CORE_INVALID_OPTIONS` naming every failed field
 * (internal: callers pass options to `createUsagePatternDetector`).
 */
export function parseUsagePatternOptions(input: unknown): ResolvedUsagePatternOptions {
  const result = usagePatternOptionsSchema.safeParse(input ?? {});
  if (result.success) return Object.freeze(result.data);
  throw zodError(
    "DKS_CORE_INVALID_OPTIONS",
    "create usage-pattern detector",
    result.error,
    "Pass only the documented options, as whole numbers within their ranges (see details.issues)",
  );
}
