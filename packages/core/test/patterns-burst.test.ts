import { describe, expect, it } from "vitest";
import { createUsagePatternDetector, detectUsagePatterns } from "../src/patterns/detector.js";
import type { UsagePatternFinding } from "../src/patterns/findings.js";
import {
  HOUR,
  humanWorkingDay,
  MINUTE,
  MORNING,
  randomResident,
  SECOND,
  seededRandom,
  spaced,
} from "./patterns-fixtures.js";

const codes = (findings: readonly UsagePatternFinding[]) => findings.map((f) => f.code);
const randomNiks = (seed: number, count: number) => {
  const rng = seededRandom(seed);
  return Array.from({ length: count }, () => randomResident(rng));
};

describe("lookups close together in time (dalam waktu yang berdekatan)", () => {
  it("flags 30 lookups of random NIKs in 10 s as one burst, and as nothing else", () => {
    const niks = randomNiks(1, 30);
    const findings = detectUsagePatterns(spaced(niks, MORNING, (10 * SECOND) / 30));
    expect(codes(findings)).toEqual(["PATTERN_BURST"]);
    const [burst] = findings;
    expect(burst?.severity).toBe("warning");
    expect(burst?.evidence.count).toBe(30);
    expect(burst?.evidence.niks).toEqual(niks);
    expect(burst?.evidence.firstAt).toBe(MORNING);
    expect(burst?.message).toContain("more than 20 within 60 s");
  });

  it("raises the burst on the 21st lookup within 60 s, not on the 20th", () => {
    const detector = createUsagePatternDetector();
    const raised = spaced(randomNiks(2, 21), MORNING, 2 * SECOND).map(
      (event) => codes(detector.observe(event)).length,
    );
    expect(raised.slice(0, 20)).toEqual(new Array(20).fill(0));
    expect(raised[20]).toBe(1);
    expect(detector.findings()[0]?.evidence.count).toBe(21);
  });

  it("counts only the lookups after at − burstWindowMs: 21 lookups spanning exactly 60 s are no burst", () => {
    expect(detectUsagePatterns(spaced(randomNiks(3, 21), MORNING, 3 * SECOND))).toEqual([]);
  });

  it("gives one finding for a script running above the limit for ten minutes", () => {
    const detector = createUsagePatternDetector();
    const raised = spaced(randomNiks(4, 300), MORNING, 2 * SECOND).flatMap((event) =>
      detector.observe(event),
    );
    expect(codes(raised)).toEqual(["PATTERN_BURST"]);
    const [burst] = detector.findings();
    expect(burst?.evidence.count).toBe(300);
    expect(burst?.evidence.niks).toHaveLength(50);
    expect(burst?.evidence.lastAt).toBe(MORNING + 299 * 2 * SECOND);
  });

  it("keeps one finding for a script hovering around the limit", () => {
    // Bursts of 15 lookups 1 s apart, every 44 s: each cycle starts with the window at
    // 16 (under the limit) and goes over it from its 6th lookup, 35 s after the last
    // over-limit lookup of the cycle before, so the burst never ends.
    const events: { at: number; nik: string }[] = [];
    const rng = seededRandom(5);
    for (let cycle = 0; cycle < 10; cycle += 1) {
      for (let i = 0; i < 15; i += 1) {
        events.push({ at: MORNING + cycle * 44 * SECOND + i * SECOND, nik: randomResident(rng) });
      }
    }
    const findings = detectUsagePatterns(events);
    expect(codes(findings)).toEqual(["PATTERN_BURST"]);
    expect(findings[0]?.evidence.count).toBe(150);
  });

  it("raises a second finding for a burst after a quiet window", () => {
    const first = spaced(randomNiks(6, 25), MORNING, SECOND);
    const second = spaced(randomNiks(7, 25), MORNING + HOUR, SECOND);
    const findings = detectUsagePatterns([...first, ...second]);
    expect(codes(findings)).toEqual(["PATTERN_BURST", "PATTERN_BURST"]);
    expect(findings.map((f) => f.evidence.count)).toEqual([25, 25]);
  });

  it("counts repeated and malformed NIKs, since each is a hit upstream", () => {
    const events = spaced(new Array(25).fill("32040112039"), MORNING, 200);
    expect(codes(detectUsagePatterns(events))).toEqual(["PATTERN_BURST"]);
  });

  it("does not flag a clerk re-checking one NIK three times", () => {
    expect(
      detectUsagePatterns(spaced(new Array(3).fill("3204011203900001"), MORNING, SECOND)),
    ).toEqual([]);
  });

  it("follows burstMaxHits and burstWindowMs", () => {
    const events = spaced(randomNiks(8, 6), MORNING, 10 * SECOND);
    expect(detectUsagePatterns(events)).toEqual([]);
    expect(codes(detectUsagePatterns(events, { burstMaxHits: 5, burstWindowMs: MINUTE }))).toEqual([
      "PATTERN_BURST",
    ]);
  });

  it.each([1, 2, 3, 4, 5])(
    "does not flag an operator's working day of random residents (seed %i)",
    (seed) => {
      const day = humanWorkingDay(seed);
      expect(day.length).toBeGreaterThan(300);
      expect(detectUsagePatterns(day)).toEqual([]);
    },
  );
});
