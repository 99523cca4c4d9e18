import { describe, expect, it } from "vitest";
import { createUsagePatternDetector, detectUsagePatterns } from "../src/patterns/detector.js";
import type { UsagePatternFinding } from "../src/patterns/findings.js";
import { HOUR, MINUTE, MORNING, nikOf, SECOND, spaced } from "./patterns-fixtures.js";

const codes = (findings: readonly UsagePatternFinding[]) => findings.map((f) => f.code);

// Serials with no three in arithmetic progression (base-3 digits 0 and 1 only), so a sweep of
// them is a sweep and nothing else.
const NO_PROGRESSION = [1, 3, 4, 9, 10, 12, 13, 27, 28, 30, 31, 36, 37, 39, 40];
const samePrefix = (prefix: string, count: number) =>
  NO_PROGRESSION.slice(0, count).map((s) => `${prefix}${String(s).padStart(4, "0")}`);

describe("sweep of one region/birth-date prefix (berpola)", () => {
  it("flags 10 distinct NIKs with the same first 12 digits at a slow pace, and nothing else", () => {
    const niks = samePrefix("320401120390", 12);
    const findings = detectUsagePatterns(spaced(niks, MORNING, 10 * MINUTE));
    expect(codes(findings)).toEqual(["PATTERN_PREFIX_SWEEP"]);
    const [finding] = findings;
    expect(finding?.severity).toBe("warning");
    expect(finding?.at).toBe(MORNING + 9 * 10 * MINUTE);
    expect(finding?.evidence).toEqual({
      niks,
      count: 12,
      firstAt: MORNING,
      lastAt: MORNING + 11 * 10 * MINUTE,
      prefix: "320401120390",
    });
    expect(finding?.message).not.toContain("320401120390");
  });

  it("raises the sweep once, on the 10th distinct NIK, and extends it afterwards", () => {
    const detector = createUsagePatternDetector();
    const raised = spaced(samePrefix("320401120390", 15), MORNING, 10 * MINUTE).map(
      (event) => codes(detector.observe(event)).length,
    );
    expect(raised).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect(detector.findings()[0]?.evidence.count).toBe(15);
  });

  it("does not flag 9 distinct NIKs of one prefix in a day", () => {
    expect(
      detectUsagePatterns(spaced(samePrefix("320401120390", 9), MORNING, 10 * MINUTE)),
    ).toEqual([]);
  });

  it("does not count re-checks of the same NIKs as distinct", () => {
    const three = samePrefix("320401120390", 3);
    const events = spaced([...three, ...three, ...three, ...three], MORNING, 5 * MINUTE);
    expect(detectUsagePatterns(events)).toEqual([]);
  });

  it("does not flag 10 NIKs of one prefix spread over more than sweepWindowMs", () => {
    const niks = samePrefix("320401120390", 10);
    expect(
      detectUsagePatterns(spaced(niks, MORNING, 3 * HOUR), { sweepWindowMs: 24 * HOUR }),
    ).toEqual([]);
  });

  it("flags NIKs of one district covering 5 consecutive birth dates", () => {
    const niks = [10, 11, 12, 13, 14].map((day, i) =>
      nikOf({
        district: "320401",
        day,
        month: 3,
        year: 1990,
        serial: NO_PROGRESSION[i] ?? 1,
        female: i % 2 === 1,
      }),
    );
    const findings = detectUsagePatterns(spaced(niks, MORNING, 5 * MINUTE));
    expect(codes(findings)).toEqual(["PATTERN_PREFIX_SWEEP"]);
    expect(findings[0]?.evidence).toMatchObject({ prefix: "320401", count: 5, niks });
    expect(findings[0]?.message).toContain("5 consecutive birth dates");
  });

  it("extends a date sweep as further dates join the run", () => {
    const detector = createUsagePatternDetector();
    const niks = [1, 2, 3, 4, 5, 6, 7, 8].map((day, i) =>
      nikOf({ district: "357810", day, month: 6, year: 2001, serial: NO_PROGRESSION[i] ?? 1 }),
    );
    const raised = spaced(niks, MORNING, 5 * MINUTE).flatMap((event) =>
      detector.observe(event).filter((f) => f.code === "PATTERN_PREFIX_SWEEP"),
    );
    expect(raised).toHaveLength(1);
    const sweep = detector.findings().find((f) => f.code === "PATTERN_PREFIX_SWEEP");
    expect(sweep?.evidence.count).toBe(8);
  });

  it("does not flag 4 consecutive birth dates, or dates of different districts", () => {
    const four = [10, 11, 12, 13].map((day, i) =>
      nikOf({ district: "320401", day, month: 3, year: 1990, serial: NO_PROGRESSION[i] ?? 1 }),
    );
    expect(detectUsagePatterns(spaced(four, MORNING, 5 * MINUTE))).toEqual([]);
    const spread = [10, 11, 12, 13, 14].map((day, i) =>
      nikOf({
        district: `3204${String(5 + i).padStart(2, "0")}`,
        day,
        month: 3,
        year: 1990,
        serial: NO_PROGRESSION[i] ?? 1,
      }),
    );
    expect(detectUsagePatterns(spaced(spread, MORNING, 5 * MINUTE))).toEqual([]);
  });

  it("does not flag two NIKs of one family (same district, different dates)", () => {
    const family = [
      nikOf({ district: "320401", day: 12, month: 3, year: 1980, serial: 3 }),
      nikOf({ district: "320401", day: 5, month: 7, year: 1984, serial: 2, female: true }),
    ];
    expect(detectUsagePatterns(spaced(family, MORNING, 30 * SECOND))).toEqual([]);
  });

  it("does not flag a whole family of five checked one after another", () => {
    const family = [
      nikOf({ district: "320401", day: 12, month: 3, year: 1980, serial: 3 }),
      nikOf({ district: "320401", day: 5, month: 7, year: 1984, serial: 2, female: true }),
      nikOf({ district: "320401", day: 21, month: 1, year: 2008, serial: 1, female: true }),
      nikOf({ district: "320401", day: 2, month: 11, year: 2011, serial: 4 }),
      nikOf({ district: "320401", day: 30, month: 8, year: 2015, serial: 1 }),
    ];
    expect(detectUsagePatterns(spaced(family, MORNING, 45 * SECOND))).toEqual([]);
  });
});
