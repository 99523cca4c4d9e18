import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createUsagePatternDetector, detectUsagePatterns } from "../src/patterns/detector.js";
import type { UsagePatternDetectorStats } from "../src/patterns/engine.js";
import type { ResolvedUsagePatternOptions, UsagePatternOptions } from "../src/patterns/options.js";
import { MAX_OPEN_RUNS } from "../src/patterns/sequence.js";
import {
  BANDUNG_DISTRICTS,
  intBetween,
  MORNING,
  randomResident,
  SECOND,
  seededRandom,
} from "./patterns-fixtures.js";

const digits16 = fc.stringMatching(/^[0-9]{16}$/);

/** NIKs biased towards patterns: random, near a shared base (small serial steps), or repeated. */
const nikStream = fc
  .tuple(
    digits16,
    fc.array(
      fc.oneof(
        digits16,
        fc.integer({ min: -20, max: 20 }).map((delta) => ({ delta })),
        fc.constant("repeat" as const),
        fc.string({ maxLength: 20 }),
      ),
      { maxLength: 300 },
    ),
  )
  .map(([base, steps]) => {
    const out: string[] = [];
    for (const step of steps) {
      if (step === "repeat") out.push(out[out.length - 1] ?? base);
      else if (typeof step === "string") out.push(step);
      else {
        const value = BigInt(base) + BigInt(step.delta);
        out.push(value < 0n ? base : value.toString().padStart(16, "0").slice(-16));
      }
    }
    return out;
  });

const increasingTimes = (length: number) =>
  fc
    .tuple(
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.array(
        fc.oneof(
          fc.constant(0),
          fc.integer({ min: 0, max: 5000 }),
          fc.integer({ min: 0, max: 1e9 }),
        ),
        {
          minLength: length,
          maxLength: length,
        },
      ),
    )
    .map(([start, gaps]) => {
      let at = start;
      return gaps.map((gap) => (at += gap));
    });

function expectWithinBounds(stats: UsagePatternDetectorStats, o: ResolvedUsagePatternOptions) {
  expect(stats.burstWindow).toBeLessThanOrEqual(o.burstMaxHits + 1);
  expect(stats.burstPending).toBeLessThanOrEqual(o.evidenceMaxNiks);
  expect(stats.sequenceWindow).toBeLessThanOrEqual(o.sequenceWindowMaxNiks);
  expect(stats.openRuns).toBeLessThanOrEqual(MAX_OPEN_RUNS);
  expect(stats.prefixesTracked).toBeLessThanOrEqual(o.trackMaxPrefixes);
  expect(stats.largestPrefix).toBeLessThanOrEqual(o.trackMaxNiksPerPrefix);
  expect(stats.districtsTracked).toBeLessThanOrEqual(o.trackMaxPrefixes);
  expect(stats.largestDistrict).toBeLessThanOrEqual(o.trackMaxDatesPerDistrict);
  expect(stats.findingsKept).toBeLessThanOrEqual(o.findingsMaxKept);
  expect(stats.largestEvidence).toBeLessThanOrEqual(o.evidenceMaxNiks);
}

describe("usage-pattern detector properties", () => {
  it("never throws on arbitrary streams of NIK-like strings at arbitrary increasing times", () => {
    fc.assert(
      fc.property(
        nikStream.chain((niks) => fc.tuple(fc.constant(niks), increasingTimes(niks.length))),
        ([niks, times]) => {
          const detector = createUsagePatternDetector({
            sequenceMinLength: 3,
            sweepMinDistinctNiks: 3,
          });
          niks.forEach((nik, i) => {
            for (const finding of detector.observe({ at: times[i] ?? 0, nik })) {
              expect(finding.evidence.count).toBeGreaterThan(0);
              expect(finding.message.length).toBeGreaterThan(0);
            }
          });
          detector.findings();
          expectWithinBounds(detector.stats(), detector.options);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("returns from detectUsagePatterns what a live detector's findings() holds at the end", () => {
    fc.assert(
      fc.property(
        nikStream.chain((niks) => fc.tuple(fc.constant(niks), increasingTimes(niks.length))),
        ([niks, times]) => {
          const events = niks.map((nik, i) => ({ at: times[i] ?? 0, nik }));
          const detector = createUsagePatternDetector();
          for (const event of events) detector.observe(event);
          expect(detectUsagePatterns(events)).toEqual(detector.findings());
        },
      ),
      { numRuns: 100 },
    );
  });

  it.each<[string, UsagePatternOptions]>([
    ["default bounds", {}],
    [
      "small bounds",
      {
        burstMaxHits: 5,
        sequenceMinLength: 3,
        sequenceWindowMaxNiks: 8,
        sweepMinDistinctNiks: 3,
        sweepMinConsecutiveDates: 3,
        trackMaxPrefixes: 4,
        trackMaxNiksPerPrefix: 4,
        trackMaxDatesPerDistrict: 4,
        evidenceMaxNiks: 3,
        findingsMaxKept: 10,
      },
    ],
  ])("keeps every buffer within its bound over 100,000 lookups (%s)", (_name, options) => {
    const detector = createUsagePatternDetector(options);
    const rng = seededRandom(2026);
    let at = MORNING;
    let runBase = 3204011203900001n;
    for (let i = 0; i < 100_000; i += 1) {
      // Mostly random lookups, with stretches of scripted patterns: runs of one prefix,
      // sweeps of one prefix, and bursts.
      at += rng() < 0.2 ? intBetween(rng, 0, 500) : intBetween(rng, 1, 120) * SECOND;
      const roll = rng();
      let nik: string;
      if (roll < 0.6) nik = randomResident(rng);
      else if (roll < 0.8) {
        runBase += 1n;
        nik = runBase.toString();
      } else if (roll < 0.9)
        nik = `320401120390${String(intBetween(rng, 1, 9999)).padStart(4, "0")}`;
      else nik = randomResident(rng, BANDUNG_DISTRICTS);
      if (rng() < 0.001) runBase = BigInt(randomResident(rng));
      detector.observe({ at, nik });
      if (i % 10_000 === 0) expectWithinBounds(detector.stats(), detector.options);
    }
    const stats = detector.stats();
    expect(stats.eventsObserved).toBe(100_000);
    expect(stats.findingsKept).toBeGreaterThan(0);
    expectWithinBounds(stats, detector.options);
  });

  it("raises nothing for a stream of distinct random 12-digit prefixes at human pace", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const rng = seededRandom(seed);
        const prefixes = new Set<string>();
        const detector = createUsagePatternDetector();
        let at = MORNING;
        for (let i = 0; i < 600; i += 1) {
          let nik = randomResident(rng, rng() < 0.5 ? BANDUNG_DISTRICTS : undefined);
          while (prefixes.has(nik.slice(0, 12))) nik = randomResident(rng);
          prefixes.add(nik.slice(0, 12));
          at += intBetween(rng, 20, 90) * SECOND;
          expect(detector.observe({ at, nik })).toEqual([]);
        }
      }),
      { numRuns: 25 },
    );
  });
});
