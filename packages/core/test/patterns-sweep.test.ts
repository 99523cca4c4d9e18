import { describe, expect, it } from "vitest";
import { createUsagePatternDetector, detectUsagePatterns } from "../src/patterns/detector.js";
import type { UsagePatternFinding } from "../src/patterns/findings.js";
import {
  districtOfficeDay,
  HOUR,
  hospitalNewbornDay,
  MINUTE,
  MORNING,
  nikOf,
  SECOND,
  spaced,
} from "./patterns-fixtures.js";

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

describe("regressions: newborn and district services are not sweeps (review finding 5)", () => {
  const DAY = 24 * HOUR;
  const dateBefore = (daysBefore: number) => {
    const date = new Date(MORNING + 7 * HOUR - daysBefore * DAY);
    return { day: date.getUTCDate(), month: date.getUTCMonth() + 1, year: date.getUTCFullYear() };
  };
  const seeds = Array.from({ length: 20 }, (_, i) => i + 1);

  it.each(seeds)(
    "does not flag a hospital checking 40 newborns of one district over a working day (seed %i)",
    (seed) => {
      const day = hospitalNewbornDay(seed);
      expect(day).toHaveLength(40);
      expect(detectUsagePatterns(day)).toEqual([]);
    },
  );

  it.each(seeds)(
    "does not flag a kecamatan office checking 200 residents of its own district (seed %i)",
    (seed) => {
      expect(detectUsagePatterns(districtOfficeDay(seed))).toEqual([]);
    },
  );

  it("flagged those newborn days before recent births were left out (the fixture is not too easy)", () => {
    const flagged = seeds.filter(
      (seed) => detectUsagePatterns(hospitalNewbornDay(seed), { recentBirthDays: 0 }).length > 0,
    );
    expect(flagged.length).toBeGreaterThanOrEqual(15);
  });

  it("does not count 5 consecutive recent birth dates of one district (newborn service)", () => {
    const niks = [1, 2, 3, 4, 5].map((back, i) =>
      nikOf({ district: "320401", ...dateBefore(back), serial: 1, female: i % 2 === 1 }),
    );
    expect(detectUsagePatterns(spaced(niks, MORNING, 5 * MINUTE))).toEqual([]);
  });

  it("counts them again with recentBirthDays: 0", () => {
    const niks = [1, 2, 3, 4, 5].map((back, i) =>
      nikOf({ district: "320401", ...dateBefore(back), serial: 1, female: i % 2 === 1 }),
    );
    expect(
      detectUsagePatterns(spaced(niks, MORNING, 5 * MINUTE), { recentBirthDays: 0 }).map(
        (f) => f.code,
      ),
    ).toContain("PATTERN_PREFIX_SWEEP");
  });

  it("still flags 5 consecutive birth dates just older than a year", () => {
    const niks = [368, 369, 370, 371, 372].map((back, i) =>
      nikOf({
        district: "320401",
        ...dateBefore(back),
        serial: NO_PROGRESSION[i] ?? 1,
        female: i % 2 === 1,
      }),
    );
    expect(detectUsagePatterns(spaced(niks, MORNING, 5 * MINUTE)).map((f) => f.code)).toEqual([
      "PATTERN_PREFIX_SWEEP",
    ]);
  });

  it("still flags 10 serials of one newborn prefix by the 12-digit rule", () => {
    const prefix = nikOf({ district: "320401", ...dateBefore(3), serial: 0 }).slice(0, 12);
    const findings = detectUsagePatterns(spaced(samePrefix(prefix, 10), MORNING, 10 * MINUTE));
    expect(findings.map((f) => f.code)).toEqual(["PATTERN_PREFIX_SWEEP"]);
    expect(findings[0]?.evidence.prefix).toBe(prefix);
  });

  it("still flags residents' serials counting up, even between newborn checks", () => {
    const newborns = hospitalNewbornDay(7).map((event) => event.nik);
    const run = ["0001", "0002", "0003", "0004"].map((serial) => `320401120390${serial}`);
    const niks = newborns.slice(0, 12);
    niks.splice(3, 0, run[0] as string);
    niks.splice(6, 0, run[1] as string);
    niks.splice(9, 0, run[2] as string);
    niks.push(run[3] as string);
    const codes = detectUsagePatterns(spaced(niks, MORNING, 5 * MINUTE)).map((f) => f.code);
    expect(codes).toEqual(["PATTERN_SEQUENTIAL"]);
  });
});
