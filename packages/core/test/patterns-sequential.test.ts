import { describe, expect, it } from "vitest";
import { createUsagePatternDetector, detectUsagePatterns } from "../src/patterns/detector.js";
import type { UsagePatternFinding } from "../src/patterns/findings.js";
import {
  HOUR,
  hiddenBetween,
  MINUTE,
  MORNING,
  nikOf,
  SECOND,
  seededRandom,
  spaced,
} from "./patterns-fixtures.js";

const codes = (findings: readonly UsagePatternFinding[]) => findings.map((f) => f.code);
const sequential = (findings: readonly UsagePatternFinding[]) =>
  findings.filter((f) => f.code === "PATTERN_SEQUENTIAL");

const serials = (prefix: string, list: readonly number[]) =>
  list.map((s) => `${prefix}${String(s).padStart(4, "0")}`);

describe("sequential NIK input (berurutan)", () => {
  it("flags serials 0001, 0002, 0003, 0004 of one prefix, with full NIKs as evidence", () => {
    const niks = serials("320401120390", [1, 2, 3, 4]);
    const findings = detectUsagePatterns(spaced(niks, MORNING, MINUTE));
    expect(codes(findings)).toEqual(["PATTERN_SEQUENTIAL"]);
    const [finding] = findings;
    expect(finding?.severity).toBe("critical");
    expect(finding?.at).toBe(MORNING + 3 * MINUTE);
    expect(finding?.evidence).toEqual({
      niks,
      count: 4,
      firstAt: MORNING,
      lastAt: MORNING + 3 * MINUTE,
      step: 1,
    });
    expect(finding?.message).toContain("step +1");
    expect(finding?.message).not.toContain("3204011203900001");
  });

  it("raises the finding on the lookup that completes the run, not before", () => {
    const detector = createUsagePatternDetector();
    const niks = serials("320401120390", [1, 2, 3, 4]);
    const raised = spaced(niks, MORNING, MINUTE).map((event) => codes(detector.observe(event)));
    expect(raised).toEqual([[], [], [], ["PATTERN_SEQUENTIAL"]]);
  });

  it("flags a descending run with a negative step", () => {
    const niks = serials("320401120390", [9, 8, 7, 6]);
    const [finding] = detectUsagePatterns(spaced(niks, MORNING, MINUTE));
    expect(finding?.code).toBe("PATTERN_SEQUENTIAL");
    expect(finding?.evidence.step).toBe(-1);
    expect(finding?.evidence.niks).toEqual(niks);
  });

  it("flags an arithmetic progression with step 7 on the serials", () => {
    const niks = serials("327305550185", [3, 10, 17, 24]);
    const [finding] = detectUsagePatterns(spaced(niks, MORNING, 2 * MINUTE));
    expect(finding?.code).toBe("PATTERN_SEQUENTIAL");
    expect(finding?.evidence.step).toBe(7);
  });

  it("flags a progression across the date part (the day digits counting up)", () => {
    const niks = [1, 2, 3, 4].map((day) =>
      nikOf({ district: "320401", day, month: 3, year: 1990, serial: 1 }),
    );
    expect(niks[0]).toBe("3204010103900001");
    const findings = detectUsagePatterns(spaced(niks, MORNING, MINUTE));
    const [finding] = sequential(findings);
    expect(finding?.evidence.step).toBe(100_000_000);
    expect(finding?.message).toContain("birth-date digits");
  });

  it("flags a progression over the whole 16-digit value, even when the region digits move", () => {
    const niks = ["3204011203900001", "3204021203900001", "3204031203900001", "3204041203900001"];
    const [finding] = detectUsagePatterns(spaced(niks, MORNING, MINUTE));
    expect(finding?.code).toBe("PATTERN_SEQUENTIAL");
    expect(finding?.evidence.step).toBe(10_000_000_000);
    expect(finding?.message).toContain("region digits");
  });

  it("computes exactly on NIKs above 2^53 (Papua, province 91)", () => {
    const niks = serials("910101150690", [1, 2, 3, 4]);
    expect(Number(niks[0])).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    const [finding] = detectUsagePatterns(spaced(niks, MORNING, MINUTE));
    expect(finding?.evidence.step).toBe(1);
    expect(finding?.evidence.niks).toEqual(niks);
  });

  it("flags a run looked up out of order (1, 3, 2, 4)", () => {
    const niks = serials("320401120390", [1, 3, 2, 4]);
    const [finding] = detectUsagePatterns(spaced(niks, MORNING, MINUTE));
    expect(finding?.code).toBe("PATTERN_SEQUENTIAL");
    expect(finding?.evidence.count).toBe(4);
    expect(finding?.evidence.niks).toEqual(niks);
  });

  it("catches a run of one prefix hidden between random lookups", () => {
    const rng = seededRandom(7);
    const run = serials("357810670792", [41, 42, 43, 44]);
    const events = hiddenBetween(run, 3, rng, 40 * SECOND);
    const found = sequential(detectUsagePatterns(events));
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence.niks).toEqual(run);
  });

  it("catches a run of one 12-digit prefix even when 50 other lookups separate its terms", () => {
    const rng = seededRandom(11);
    const run = serials("320401120390", [5, 6, 7, 8]);
    const events = hiddenBetween(run, 50, rng, 30 * SECOND);
    const found = sequential(detectUsagePatterns(events));
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence.niks).toEqual(run);
    expect(found[0]?.evidence.step).toBe(1);
  });

  it("does not follow a date-stepping run once more than sequenceWindowMaxNiks lookups separate its terms (documented limit)", () => {
    const rng = seededRandom(13);
    const run = [10, 11, 12, 13].map((day) =>
      nikOf({ district: "320401", day, month: 5, year: 1988, serial: 7 }),
    );
    const events = hiddenBetween(run, 40, rng, 30 * SECOND);
    expect(sequential(detectUsagePatterns(events))).toEqual([]);
    expect(sequential(detectUsagePatterns(events, { sequenceWindowMaxNiks: 256 }))).toHaveLength(1);
  });

  it("raises an ongoing run once and extends it, instead of raising it for every further term", () => {
    const detector = createUsagePatternDetector();
    const niks = serials("320401120390", [1, 2, 3, 4, 5, 6, 7, 8]);
    const raised = spaced(niks, MORNING, MINUTE).flatMap((event) => detector.observe(event));
    expect(codes(raised)).toEqual(["PATTERN_SEQUENTIAL"]);
    expect(raised[0]?.evidence.count).toBe(4);
    const [now] = detector.findings();
    expect(now?.evidence.count).toBe(8);
    expect(now?.evidence.niks).toEqual(niks);
    expect(now?.evidence.lastAt).toBe(MORNING + 7 * MINUTE);
    expect(now?.at).toBe(MORNING + 3 * MINUTE);
  });

  it("extends a run at its lower end too", () => {
    const detector = createUsagePatternDetector();
    const niks = serials("320401120390", [5, 6, 7, 8, 4, 3]);
    const raised = spaced(niks, MORNING, MINUTE).flatMap((event) => detector.observe(event));
    expect(raised).toHaveLength(1);
    expect(detector.findings()[0]?.evidence.count).toBe(6);
  });

  it("does not count a re-check of a NIK already in a run", () => {
    const detector = createUsagePatternDetector();
    const niks = serials("320401120390", [1, 2, 3, 4, 2, 3, 2]);
    for (const event of spaced(niks, MORNING, MINUTE)) detector.observe(event);
    expect(detector.findings().map((f) => f.evidence.count)).toEqual([4]);
  });

  it("raises again when a new run starts, separate from the first", () => {
    const niks = serials("320401120390", [1, 2, 3, 4, 10, 11, 12, 13]);
    const found = sequential(detectUsagePatterns(spaced(niks, MORNING, MINUTE)));
    expect(found.map((f) => f.evidence.niks)).toEqual([niks.slice(0, 4), niks.slice(4)]);
  });

  it("raises the same progression again only after it has been quiet for sequenceWindowMs", () => {
    const detector = createUsagePatternDetector({ sequenceWindowMs: HOUR });
    const first = serials("320401120390", [1, 2, 3, 4]);
    for (const event of spaced(first, MORNING, MINUTE)) detector.observe(event);
    // Two hours later the run is closed and its terms are out of the window: 5 alone is no run.
    expect(detector.observe({ at: MORNING + 2 * HOUR, nik: "3204011203900005" })).toEqual([]);
    const more = serials("320401120390", [6, 7, 8]);
    const raised = spaced(more, MORNING + 2 * HOUR + MINUTE, MINUTE).flatMap((e) =>
      detector.observe(e),
    );
    expect(codes(raised)).toEqual(["PATTERN_SEQUENTIAL"]);
    expect(detector.findings()).toHaveLength(2);
  });

  it("does not flag a clerk re-checking the same NIK two or three times in a row", () => {
    const nik = "3204011203900001";
    expect(detectUsagePatterns(spaced([nik, nik], MORNING, 5 * SECOND))).toEqual([]);
    expect(detectUsagePatterns(spaced([nik, nik, nik], MORNING, 5 * SECOND))).toEqual([]);
    expect(detectUsagePatterns(spaced([nik, nik, nik, nik, nik], MORNING, 5 * SECOND))).toEqual([]);
  });

  it("does not flag three terms with equal steps that happen by chance (triplets of one sex)", () => {
    const triplets = serials("320401120320", [1, 2, 3]);
    expect(detectUsagePatterns(spaced(triplets, MORNING, 2 * MINUTE))).toEqual([]);
  });

  it("flags three terms when sequenceMinLength is 3", () => {
    const niks = serials("320401120390", [1, 2, 3]);
    const findings = detectUsagePatterns(spaced(niks, MORNING, MINUTE), { sequenceMinLength: 3 });
    expect(codes(findings)).toEqual(["PATTERN_SEQUENTIAL"]);
  });

  it("does not flag two NIKs of one family (same district, different birth dates)", () => {
    const father = nikOf({ district: "320401", day: 12, month: 3, year: 1980, serial: 3 });
    const mother = nikOf({
      district: "320401",
      day: 5,
      month: 7,
      year: 1984,
      serial: 2,
      female: true,
    });
    expect(detectUsagePatterns(spaced([father, mother], MORNING, 2 * MINUTE))).toEqual([]);
  });
});
