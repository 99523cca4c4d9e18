import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DukcapilCoreError, isDukcapilCoreError } from "../src/errors.js";
import { createUsagePatternDetector, detectUsagePatterns } from "../src/patterns/detector.js";
import { usagePatternKind, usagePatternKinds } from "../src/patterns/kinds.js";
import { usagePatternDefaults, usagePatternOptionsSchema } from "../src/patterns/options.js";
import {
  MINUTE,
  MORNING,
  nikOf,
  randomResident,
  SECOND,
  seededRandom,
  spaced,
} from "./patterns-fixtures.js";

const juknis = readFileSync(
  new URL("../../../../shared/seeds/002_f37622d7202cca36.txt", import.meta.url),
  "utf8",
);

function thrown(fn: () => unknown): DukcapilCoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DukcapilCoreError) return error;
    throw error;
  }
  throw new Error("expected a DukcapilCoreError");
}

describe("usage-pattern catalogue", () => {
  it("has one row per code", () => {
    expect(new Set(usagePatternKinds.map((row) => row.code)).size).toBe(usagePatternKinds.length);
    expect(usagePatternKinds.map((row) => row.code)).toEqual([
      "PATTERN_SEQUENTIAL",
      "PATTERN_PREFIX_SWEEP",
      "PATTERN_BURST",
    ]);
  });

  it.each(usagePatternKinds.map((row) => [row.code, row] as const))(
    "row %s has Indonesian and English texts and quotes its clause verbatim from the Juknis",
    (_code, row) => {
      for (const text of [
        row.titleId,
        row.titleEn,
        row.detectsId,
        row.detectsEn,
        row.remedyId,
        row.remedyEn,
      ]) {
        expect(text.length).toBeGreaterThan(10);
      }
      expect(["info", "warning", "critical"]).toContain(row.severity);
      expect(row.clause).toContain("II.E.1");
      expect(juknis).toContain(row.clauseQuote);
      expect(usagePatternKind(row.code)).toBe(row);
    },
  );

  it("looks up no row for an unknown code", () => {
    expect(usagePatternKind("PATTERN_NOPE")).toBeUndefined();
  });

  // Every row of the catalogue has a scenario that raises it (derived from the table).
  const scenarios: Record<string, () => { at: number; nik: string }[]> = {
    PATTERN_SEQUENTIAL: () =>
      spaced(
        ["0001", "0002", "0003", "0004"].map((s) => `320401120390${s}`),
        MORNING,
        MINUTE,
      ),
    PATTERN_PREFIX_SWEEP: () =>
      spaced(
        [1, 3, 4, 9, 10, 12, 13, 27, 28, 30].map(
          (s) => `320401120390${String(s).padStart(4, "0")}`,
        ),
        MORNING,
        10 * MINUTE,
      ),
    PATTERN_BURST: () => {
      const rng = seededRandom(9);
      return spaced(
        Array.from({ length: 25 }, () => randomResident(rng)),
        MORNING,
        SECOND,
      );
    },
  };
  it.each(usagePatternKinds.map((row) => [row.code, row] as const))(
    "row %s is raised by its scenario with the row's severity",
    (code, row) => {
      const scenario = scenarios[code];
      expect(scenario).toBeDefined();
      const findings = detectUsagePatterns(scenario?.() ?? []);
      expect(findings.map((f) => [f.code, f.severity])).toEqual([[code, row.severity]]);
    },
  );
});

describe("usage-pattern options", () => {
  it("applies the documented defaults", () => {
    expect(createUsagePatternDetector().options).toEqual(usagePatternDefaults);
    expect(usagePatternDefaults).toMatchObject({
      burstWindowMs: 60_000,
      burstMaxHits: 20,
      sequenceMinLength: 4,
      sweepMinDistinctNiks: 10,
      sweepMinConsecutiveDates: 5,
    });
  });

  it("rejects an unknown option with DKS_CORE_INVALID_OPTIONS and the zod issues", () => {
    const error = thrown(() => createUsagePatternDetector({ burstMaxHit: 5 } as never));
    expect(error.code).toBe("DKS_CORE_INVALID_OPTIONS");
    expect(error.message).toMatch(
      /^Failed to create usage-pattern detector: .*burstMaxHit.*\. .+\.$/,
    );
    expect(Array.isArray(error.details.issues)).toBe(true);
  });

  it.each([
    ["burstMaxHits", 0],
    ["burstMaxHits", 2.5],
    ["burstWindowMs", -1],
    ["sequenceMinLength", 2],
    ["evidenceMaxNiks", Number.NaN],
    ["recentBirthDays", -1],
    ["recentBirthDays", 1.5],
  ] as const)("rejects %s = %s", (field, value) => {
    const error = thrown(() => createUsagePatternDetector({ [field]: value }));
    expect(error.code).toBe("DKS_CORE_INVALID_OPTIONS");
    expect(error.message).toContain(field);
  });

  it("names both fields when a buffer is set smaller than the threshold it serves", () => {
    const error = thrown(() =>
      createUsagePatternDetector({ sweepMinDistinctNiks: 40, trackMaxNiksPerPrefix: 32 }),
    );
    expect(error.message).toContain(
      "trackMaxNiksPerPrefix (32) must be at least sweepMinDistinctNiks (40)",
    );
  });

  it("grows a buffer left at its default to fit a raised threshold", () => {
    const { options } = createUsagePatternDetector({
      sweepMinDistinctNiks: 40,
      sequenceMinLength: 40,
    });
    expect(options.trackMaxNiksPerPrefix).toBe(40);
    expect(options.sequenceWindowMaxNiks).toBe(40);
    expect(
      usagePatternOptionsSchema.parse({ sweepMinConsecutiveDates: 100 }).trackMaxDatesPerDistrict,
    ).toBe(100);
  });

  it("rejects options for the batch form the same way", () => {
    expect(
      isDukcapilCoreError(
        thrown(() => detectUsagePatterns([], { burstMaxHits: -3 })),
        "DKS_CORE_INVALID_OPTIONS",
      ),
    ).toBe(true);
  });
});

describe("usage events", () => {
  it("rejects a NIK given as a number, which loses digits above 2^53", () => {
    const detector = createUsagePatternDetector();
    const error = thrown(() =>
      detector.observe({ at: MORNING, nik: Number("9101011506900001") as never }),
    );
    expect(error.code).toBe("DKS_CORE_INVALID_USAGE_EVENT");
    expect(error.details.field).toBe("nik");
    expect(error.message).toMatch(
      /^Failed to observe NIK lookup: `nik` is a number, not a string\. .+\.$/,
    );
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, "2026-03-02"])("rejects at = %s", (at) => {
    const error = thrown(() =>
      createUsagePatternDetector().observe({ at: at as never, nik: "3204011203900001" }),
    );
    expect(error.code).toBe("DKS_CORE_INVALID_USAGE_EVENT");
    expect(error.details.field).toBe("at");
  });

  it("rejects an event that is not an object", () => {
    expect(thrown(() => createUsagePatternDetector().observe(null as never)).details.field).toBe(
      "event",
    );
  });

  it("treats a time earlier than the latest seen as the latest (out-of-order journal lines)", () => {
    const niks = ["0001", "0002", "0003", "0004"].map((s) => `320401120390${s}`);
    const events = [
      { at: MORNING + 2 * MINUTE, nik: niks[0] as string },
      { at: MORNING, nik: niks[1] as string },
      { at: MORNING + MINUTE, nik: niks[2] as string },
      { at: MORNING + 3 * MINUTE, nik: niks[3] as string },
    ];
    const [finding] = detectUsagePatterns(events);
    expect(finding?.evidence.firstAt).toBe(MORNING + 2 * MINUTE);
    expect(finding?.evidence.lastAt).toBe(MORNING + 3 * MINUTE);
  });

  it("lets well-formed but impossible dates take part in progressions, not in date sweeps", () => {
    // Day 35 is no day; the digits still step.
    const niks = [1, 2, 3, 4].map((serial) =>
      nikOf({ district: "320401", day: 35, month: 13, year: 1990, serial }),
    );
    expect(detectUsagePatterns(spaced(niks, MORNING, MINUTE)).map((f) => f.code)).toEqual([
      "PATTERN_SEQUENTIAL",
    ]);
  });
});

describe("detector lifecycle", () => {
  it("forgets everything on reset()", () => {
    const detector = createUsagePatternDetector();
    const run = spaced(
      ["0001", "0002", "0003", "0004"].map((s) => `320401120390${s}`),
      MORNING,
      MINUTE,
    );
    for (const event of run) detector.observe(event);
    expect(detector.findings()).toHaveLength(1);
    detector.reset();
    expect(detector.findings()).toEqual([]);
    expect(detector.stats()).toMatchObject({
      eventsObserved: 0,
      burstWindow: 0,
      sequenceWindow: 0,
      openRuns: 0,
    });
    expect(run.flatMap((event) => detector.observe(event))).toHaveLength(1);
  });

  it("keeps the last findingsMaxKept findings and counts the dropped ones", () => {
    const detector = createUsagePatternDetector({ findingsMaxKept: 2 });
    for (let i = 0; i < 3; i += 1) {
      const prefix = `32040112039${i}`;
      const run = spaced(
        ["0001", "0002", "0003", "0004"].map((s) => `${prefix}${s}`),
        MORNING + i * 3_600_000,
        MINUTE,
      );
      for (const event of run) detector.observe(event);
    }
    expect(detector.findings().map((f) => f.evidence.niks[0])).toEqual([
      "3204011203910001",
      "3204011203920001",
    ]);
    expect(detector.stats()).toMatchObject({ findingsKept: 2, findingsDropped: 1 });
  });

  it("hands out findings as frozen copies", () => {
    const detector = createUsagePatternDetector();
    for (const event of spaced(
      ["0001", "0002", "0003", "0004"].map((s) => `320401120390${s}`),
      MORNING,
      MINUTE,
    )) {
      detector.observe(event);
    }
    const [finding] = detector.findings();
    expect(Object.isFrozen(finding)).toBe(true);
    expect(Object.isFrozen(finding?.evidence.niks)).toBe(true);
  });
});
