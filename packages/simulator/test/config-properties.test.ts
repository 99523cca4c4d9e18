// Property tests of the simulator configuration (issue 7 "Bad input"): `parseSimulatorConfig`
// on arbitrary input never throws anything but DKS_SIM_CONFIG_INVALID, that error names the
// failing field, and a generated valid configuration reads back as given, with the
// documented defaults (README "Configuration") for what it leaves out.
import { usagePatternDefaults } from "@dukcapil-sandbox/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSimulatorConfig, type SimulatorConfig } from "../src/config.js";
import { SimulatorError } from "../src/errors.js";

/** The documented defaults (README "Configuration"), written out, not read from the schema. */
const DEFAULTS = {
  host: "127.0.0.1",
  port: 0,
  seed: "dukcapil-sandbox",
  population: 1_000_000,
  db: ":memory:",
  seedDefaults: true,
  clockFrozen: false,
  maxBodyBytes: 1_048_576,
  requestTimeoutMs: 30_000,
} as const;
const OPTIONAL = ["adminToken", "clockStartAt", "patterns"] as const;
const FIELDS = new Set<string>([...Object.keys(DEFAULTS), ...OPTIONAL]);

/** An ISO 8601 instant with an offset, as `clockStartAt` takes it. */
const isoWithOffset = fc
  .tuple(
    fc.date({ min: new Date("1970-01-02"), max: new Date("9999-12-30"), noInvalidDate: true }),
    fc.constantFrom("Z", "+07:00", "-03:30", "+00:00"),
  )
  .map(([date, offset]) => date.toISOString().replace("Z", offset));

/** Valid values of each field. */
const valid = {
  host: fc.string({ minLength: 1, maxLength: 20 }),
  port: fc.integer({ min: 0, max: 65_535 }),
  seed: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.integer()),
  population: fc.integer({ min: 1, max: 300_000_000 }),
  db: fc.string({ minLength: 1, maxLength: 20 }),
  adminToken: fc.string({ minLength: 16, maxLength: 40 }),
  seedDefaults: fc.boolean(),
  clockStartAt: isoWithOffset,
  patterns: fc.record(
    {
      burstMaxHits: fc.integer({ min: 1, max: 10_000 }),
      burstWindowMs: fc.integer({ min: 1, max: 7 * 86_400_000 }),
      recentBirthDays: fc.integer({ min: 0, max: 3660 }),
    },
    { requiredKeys: [] },
  ),
  maxBodyBytes: fc.integer({ min: 1024, max: 64 * 1024 * 1024 }),
  requestTimeoutMs: fc.integer({ min: 100, max: 600_000 }),
};

/** Invalid values of each field: out of range, not an integer, or of another type. */
const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.nat(), { maxLength: 2 }),
  fc.object({ maxDepth: 0 }),
);
const invalid: Record<string, fc.Arbitrary<unknown>> = {
  host: fc.oneof(fc.constant(""), fc.integer(), wrongType),
  port: fc.oneof(
    fc.integer({ min: 65_536 }),
    fc.integer({ max: -1 }),
    fc.double({ min: 0.1, max: 65_000, noInteger: true }),
    fc.constant(Number.NaN),
    fc.constant("8080"),
    wrongType,
  ),
  seed: fc.oneof(fc.constant(""), fc.double({ noInteger: true }), wrongType),
  population: fc.oneof(
    fc.integer({ min: 300_000_001 }),
    fc.integer({ max: 0 }),
    fc.double({ min: 1.1, max: 1000, noInteger: true }),
    fc.constant("1000"),
    wrongType,
  ),
  db: fc.oneof(fc.constant(""), fc.integer(), wrongType),
  adminToken: fc.oneof(fc.string({ maxLength: 15 }), fc.integer(), wrongType),
  seedDefaults: fc.oneof(fc.constantFrom("true", "false", 0, 1), fc.constant(null)),
  clockStartAt: fc.oneof(
    fc.constantFrom("2026-03-02", "2026-03-02T09:00:00", "yesterday", "2026-13-02T09:00:00Z", ""),
    // Outside the clock's range: before the epoch core's clocks start at, after Jakarta's 9999.
    fc.constantFrom(
      "1969-12-31T23:59:59Z",
      "1970-01-01T06:59:59+07:00",
      "0001-01-01T00:00:00Z",
      "9999-12-31T17:00:00Z",
    ),
    fc.integer(),
    wrongType,
  ),
  clockFrozen: fc.oneof(fc.constantFrom("true", 1), fc.constant(null)),
  patterns: fc.oneof(
    fc.constant({ burstMaxHits: 0 }),
    fc.constant({ unknownRule: 1 }),
    fc.constant({ sequenceMinLength: 2 }),
    fc.constantFrom("strict", 1, null, []),
  ),
  maxBodyBytes: fc.oneof(
    fc.integer({ max: 1023 }),
    fc.integer({ min: 64 * 1024 * 1024 + 1 }),
    fc.double({ noInteger: true, noNaN: true, min: 2000, max: 1e6 }),
    wrongType,
  ),
  requestTimeoutMs: fc.oneof(
    fc.integer({ max: 99 }),
    fc.integer({ min: 600_001 }),
    fc.constant(Number.POSITIVE_INFINITY),
    wrongType,
  ),
};

/** A valid configuration: any subset of fields, each with a valid value. */
const validConfig: fc.Arbitrary<Record<string, unknown>> = fc
  .record(valid, { requiredKeys: [] })
  .chain((config) =>
    // clockFrozen needs clockStartAt.
    config.clockStartAt === undefined
      ? fc.constant(config as Record<string, unknown>)
      : fc
          .option(fc.boolean(), { nil: undefined })
          .map((frozen) =>
            frozen === undefined
              ? config
              : ({ ...config, clockFrozen: frozen } as Record<string, unknown>),
          ),
  );

function configError(input: unknown): SimulatorError | undefined {
  try {
    parseSimulatorConfig(input);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(SimulatorError);
    expect((error as SimulatorError).code).toBe("DKS_SIM_CONFIG_INVALID");
    return error as SimulatorError;
  }
}

type Issue = { path: PropertyKey[]; message: string };
const issuesOf = (error: SimulatorError) => error.details.issues as Issue[];

describe("parseSimulatorConfig", () => {
  it("reads a valid configuration as given, with the documented defaults for the rest", () => {
    fc.assert(
      fc.property(validConfig, (input) => {
        const config: SimulatorConfig = parseSimulatorConfig(input);
        for (const [key, value] of Object.entries(DEFAULTS)) {
          expect(config[key as keyof SimulatorConfig]).toEqual(input[key] ?? value);
        }
        expect(config.adminToken).toBe(input.adminToken);
        expect(config.clockStartAt).toBe(input.clockStartAt);
        if (input.patterns === undefined) expect(config.patterns).toBeUndefined();
        else {
          // Core's detector defaults fill what the patterns object leaves out.
          const patterns = input.patterns as Record<string, number>;
          expect(config.patterns).toMatchObject({
            burstMaxHits: patterns.burstMaxHits ?? usagePatternDefaults.burstMaxHits,
            burstWindowMs: patterns.burstWindowMs ?? usagePatternDefaults.burstWindowMs,
            recentBirthDays: patterns.recentBirthDays ?? usagePatternDefaults.recentBirthDays,
          });
        }
        expect(Object.keys(config).every((key) => FIELDS.has(key))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("names the field of one invalid value in a valid configuration, in the issues and the message", () => {
    fc.assert(
      fc.property(
        validConfig,
        fc
          .constantFrom(...Object.keys(invalid))
          .chain((field) => fc.tuple(fc.constant(field), invalid[field] as fc.Arbitrary<unknown>)),
        (input, [field, value]) => {
          const config = { ...input, [field]: value };
          if (field === "clockFrozen") delete config.clockStartAt;
          const error = configError(config);
          expect(error).toBeDefined();
          const issues = issuesOf(error as SimulatorError);
          expect(issues.length).toBeGreaterThan(0);
          for (const issue of issues) expect(issue.path[0]).toBe(field);
          expect((error as SimulatorError).message).toContain(`${field}`);
          expect((error as SimulatorError).message).toMatch(/Fix the named field\.$/);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("refuses clockFrozen without clockStartAt, naming clockFrozen", () => {
    fc.assert(
      fc.property(validConfig, (input) => {
        const { clockStartAt: _, ...rest } = input;
        const error = configError({ ...rest, clockFrozen: true });
        expect(issuesOf(error as SimulatorError).map((issue) => issue.path)).toEqual([
          ["clockFrozen"],
        ]);
      }),
      { numRuns: 200 },
    );
  });

  it("names an unknown key in the message", () => {
    fc.assert(
      fc.property(
        validConfig,
        fc
          .string({ minLength: 1, maxLength: 12 })
          .filter((key) => !FIELDS.has(key) && key !== "__proto__"),
        fc.jsonValue({ maxDepth: 1 }),
        (input, key, value) => {
          const error = configError({ ...input, [key]: value });
          expect(error).toBeDefined();
          expect((error as SimulatorError).message).toContain(key);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throws anything but DKS_SIM_CONFIG_INVALID on arbitrary input, and every issue has a path", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ withBigInt: true, withDate: true, withMap: true, withNullPrototype: true }),
          fc.dictionary(
            fc.constantFrom(...FIELDS, "clockFrozen", "other"),
            fc.anything({ maxDepth: 1 }),
          ),
        ),
        (input) => {
          const error = configError(input);
          if (error === undefined) return;
          for (const issue of issuesOf(error)) {
            expect(Array.isArray(issue.path)).toBe(true);
            expect(typeof issue.message).toBe("string");
            if (issue.path.length > 0 && typeof input === "object" && input !== null) {
              expect([...Object.keys(input), "clockFrozen"]).toContain(issue.path[0]);
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
