// Property tests of the sandbox controls' inputs (issue 7 "Bad input"): the clock change
// body, fault plans, the journal query and the `Prefer` header. Arbitrary input is refused
// with a typed error naming the field; what is accepted leaves the simulator working (a clock
// every date computation can read, a fault plan whose times are times of day).
import { responseCodes } from "@dukcapil-sandbox/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLOCK_RANGE_MS, createControlledClock } from "../src/controls/clock.js";
import { faultPlanSchema, readPreferredFault } from "../src/controls/faults.js";
import { readPreferredCode } from "../src/engine/prefer.js";
import { SimulatorError } from "../src/errors.js";
import { applyClockChange, clockChangeSchema, journalQuerySchema } from "../src/http/sandbox.js";

const CODES: readonly string[] = responseCodes.map((row) => row.code);

describe("POST /sandbox/clock", () => {
  const instantText = fc
    .tuple(
      fc.date({
        min: new Date("0000-01-01T00:00:00Z"),
        max: new Date("9999-12-31T23:59:59Z"),
        noInvalidDate: true,
      }),
      fc.constantFrom("Z", "+07:00", "-12:00", "+14:00"),
    )
    .map(([date, offset]) => date.toISOString().replace("Z", offset));
  const body = fc.oneof(
    fc.record(
      { set: instantText, frozen: fc.option(fc.boolean(), { nil: undefined }) },
      { requiredKeys: ["set"] },
    ),
    fc.record({
      advanceMs: fc.oneof(
        fc.integer({ min: -(10 ** 13), max: 10 ** 13 }),
        fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 8.64e15, -8.64e15),
      ),
    }),
    fc.constant({ real: true as const }),
    fc.dictionary(
      fc.constantFrom("set", "frozen", "advanceMs", "real", "x"),
      fc.jsonValue({ maxDepth: 0 }),
    ),
  );

  it("keeps the clock readable after any accepted change, or refuses it naming set or advanceMs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: CLOCK_RANGE_MS.min, max: CLOCK_RANGE_MS.max }),
        fc.boolean(),
        fc.array(body, { minLength: 1, maxLength: 4 }),
        (start, frozen, changes) => {
          const clock = createControlledClock(() => 1_772_416_800_000);
          clock.set(start, frozen);
          for (const change of changes) {
            const parsed = clockChangeSchema.safeParse(change);
            if (!parsed.success) {
              expect(parsed.error.issues.length).toBeGreaterThan(0);
              continue;
            }
            const before = clock.state();
            try {
              applyClockChange(clock, parsed.data);
            } catch (error) {
              expect(error).toBeInstanceOf(SimulatorError);
              expect((error as SimulatorError).code).toBe("DKS_SIM_VALIDATION");
              const issues = (error as SimulatorError).details.issues as { path: string[] }[];
              expect(issues.map((issue) => issue.path)).toEqual([
                [parsed.data.set !== undefined ? "set" : "advanceMs"],
              ]);
              // A refused change leaves the clock as it was.
              expect(clock.state()).toEqual(before);
              continue;
            }
            const now = clock.now();
            expect(Number.isSafeInteger(now)).toBe(true);
            expect(now).toBeGreaterThanOrEqual(CLOCK_RANGE_MS.min);
            expect(now).toBeLessThanOrEqual(CLOCK_RANGE_MS.max);
            expect(() => new Date(now).toISOString()).not.toThrow();
            if (parsed.data.set !== undefined) expect(now).toBe(Date.parse(parsed.data.set));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("accepts exactly one of set, advanceMs or real", () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            set: instantText,
            advanceMs: fc.integer({ min: -1000, max: 1000 }),
            real: fc.constant(true as const),
            frozen: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
        (change) => {
          const given = ["set", "advanceMs", "real"].filter((key) => key in change).length;
          expect(clockChangeSchema.safeParse(change).success).toBe(given === 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("fault plans", () => {
  it("read any accepted plan within its documented ranges, and maintenance times as WIB times of day", () => {
    const time = fc.oneof(
      fc.stringMatching(/^\d{2}:\d{2}$/),
      fc.constantFrom("08:00", "23:59", "00:00", "24:00", "99:99", "12:60", "7:00"),
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            latencyMs: fc.oneof(fc.integer({ min: -10, max: 130_000 }), fc.double()),
            jitterMs: fc.integer({ min: -10, max: 70_000 }),
            bandwidthKbps: fc.oneof(fc.double({ min: -1, max: 2e7 }), fc.integer()),
            error: fc.oneof(
              fc.constantFrom(500, 502, 503, 504),
              fc.integer({ min: 100, max: 599 }),
            ),
            reset: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 0 })),
            noAnswer: fc.boolean(),
            maintenance: fc.oneof(
              fc.constant(true),
              fc.constant(false),
              fc.record({ from: time, to: time }),
            ),
            maxConcurrent: fc.integer({ min: -5, max: 100 }),
            probability: fc.double({ min: -0.5, max: 1.5 }),
          },
          { requiredKeys: [] },
        ),
        (plan) => {
          const result = faultPlanSchema.safeParse(plan);
          if (!result.success) {
            for (const issue of result.error.issues) {
              expect(Object.keys(plan)).toContain(issue.path[0]);
            }
            return;
          }
          const p = result.data;
          expect(p).toEqual(plan);
          if (p.latencyMs !== undefined)
            expect(
              Number.isInteger(p.latencyMs) && p.latencyMs >= 0 && p.latencyMs <= 120_000,
            ).toBe(true);
          if (p.probability !== undefined)
            expect(p.probability >= 0 && p.probability <= 1).toBe(true);
          if (p.error !== undefined) expect([500, 502, 503, 504]).toContain(p.error);
          if (typeof p.maintenance === "object") {
            for (const t of [p.maintenance.from, p.maintenance.to]) {
              expect(t).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("GET /sandbox/journal query", () => {
  it("never throws on any query, and reads limit 1–1000 and offset ≥ 0 as integers", () => {
    const value = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer({ min: -5, max: 2000 }).map(String),
      fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
      fc.constantFrom("01", "05", "99", "2026-03-02T09:00:00+07:00", "1e3", ""),
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom("institution", "user", "code", "from", "to", "limit", "offset", "x"),
          value,
        ),
        (query) => {
          const result = journalQuerySchema.safeParse(query);
          if (!result.success) {
            for (const issue of result.error.issues) {
              if (issue.path.length > 0) expect(Object.keys(query)).toContain(issue.path[0]);
            }
            return;
          }
          const q = result.data;
          expect(Number.isInteger(q.limit) && q.limit >= 1 && q.limit <= 1000).toBe(true);
          expect(Number.isInteger(q.offset) && q.offset >= 0).toBe(true);
          if (q.code !== undefined) expect(CODES).toContain(q.code);
          for (const instant of [q.from, q.to]) {
            if (instant !== undefined)
              expect(Number.isSafeInteger(instant) && instant >= 0).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("Prefer header", () => {
  const preference = fc.oneof(
    fc
      .constantFrom(
        "timeout",
        "no-answer",
        "reset",
        "500",
        "502",
        "503",
        "504",
        "maintenance",
        "418",
        "",
        "slow",
      )
      .map((v) => `fault=${v}`),
    fc
      .oneof(fc.nat(200_000).map(String), fc.constantFrom("-1", "1.5", "abc", ""))
      .map((v) => `latency=${v}`),
    fc
      .oneof(fc.constantFrom(...CODES), fc.stringMatching(/^\d{1,3}$/), fc.constant("x"))
      .map((v) => `code=${v}`),
    fc.constantFrom("respond-async", "wait=10", "return=minimal"),
    fc.string({ maxLength: 12 }),
  );
  const header = fc
    .tuple(fc.array(preference, { maxLength: 4 }), fc.constantFrom(",", ";", ", "))
    .map(([parts, separator]) => parts.join(separator));

  it("reads faults and latency or refuses with DKS_SIM_PREFER_INVALID, never another error", () => {
    fc.assert(
      fc.property(fc.oneof(header, fc.array(header, { maxLength: 3 })), (value) => {
        for (const read of [readPreferredFault, readPreferredCode] as const) {
          let result: unknown;
          try {
            result = read(value);
          } catch (error) {
            expect(error).toBeInstanceOf(SimulatorError);
            expect((error as SimulatorError).code).toBe("DKS_SIM_PREFER_INVALID");
            expect((error as SimulatorError).status).toBe(400);
            continue;
          }
          if (read === readPreferredCode) {
            if (result !== undefined) expect(CODES).toContain(result);
          } else if (result !== undefined) {
            // What the header asks for is a valid fault plan.
            expect(faultPlanSchema.safeParse(result).success).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("reads latency=N for any whole number of milliseconds up to 120000 and refuses the rest", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 250_000 }), fc.constantFrom("", '"'), (ms, quote) => {
        const header = `latency=${quote}${ms}${quote}`;
        if (ms <= 120_000) expect(readPreferredFault(header)).toEqual({ latencyMs: ms });
        else expect(() => readPreferredFault(header)).toThrow(/latency=/);
      }),
      { numRuns: 300 },
    );
  });
});
