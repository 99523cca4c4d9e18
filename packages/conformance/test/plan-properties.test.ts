// Property tests of PoC plans (issue 7 "Bad input"): `pocPlanSchema` through `parsePlan`,
// and `loadPlan` on JSON and YAML files. Arbitrary input is refused with PocError
// DKS_POC_PLAN_INVALID or DKS_POC_PLAN_LOAD_FAILED (never another error), the issues name
// the field; a generated valid plan reads the same from an object, JSON and YAML, with the
// schema's defaults, and hashes the same whatever its key order.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RECORD_ELEMENTS, responseCodes } from "@dukcapil-sandbox/core";
import fc from "fast-check";
import { afterAll, describe, expect, it, vi } from "vitest";
import { stringify as toYaml } from "yaml";
import { PocError } from "../src/errors.js";
import { loadPlan, parsePlan, planSha256 } from "../src/plan/load.js";
import { MAGIC_NIK_KINDS, type PocPlan, type PocPlanInput } from "../src/plan/schema.js";

const dir = mkdtempSync(join(tmpdir(), "poc-plan-properties-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CODES = responseCodes.map((row) => row.code);

const selector = (canaries: number, lookupsBefore: number) =>
  fc.oneof(
    fc.constantFrom(...MAGIC_NIK_KINDS).map((magic) => ({ magic })),
    ...(canaries > 0
      ? [fc.integer({ min: 0, max: canaries - 1 }).map((canary) => ({ canary }))]
      : []),
    fc.constant({ random: "resident" as const }),
    fc.string({ maxLength: 64 }).map((literal) => ({ literal })),
    ...(lookupsBefore > 0
      ? [fc.integer({ min: 0, max: lookupsBefore - 1 }).map((sameAs) => ({ sameAs }))]
      : []),
  );

/** Steps whose `sameAs` only names earlier lookups (generated one at a time). */
const steps = (canaries: number): fc.Arbitrary<Record<string, unknown>[]> =>
  fc
    .array(
      fc.tuple(
        fc.nat(3),
        fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
        fc.nat(),
        fc.nat(60_000),
      ),
      { maxLength: 6 },
    )
    .chain((shapes) => {
      let lookups = 0;
      const arbitraries = shapes.map(([kind, repeat, , ms]) => {
        const withRepeat = (step: Record<string, unknown>) =>
          repeat === undefined ? step : { ...step, repeat };
        if (kind === 0) {
          const before = lookups;
          lookups += repeat ?? 1;
          return selector(canaries, before).map((nik) => withRepeat({ action: "lookup", nik }));
        }
        if (kind === 1) return fc.constant(withRepeat({ action: "endOfDay" }));
        if (kind === 2) return fc.constant({ action: "nextDay" });
        return fc.constant({ action: "wait", ms });
      });
      return fc.tuple(...arbitraries);
    });

const expectation = fc.oneof(
  fc.record(
    {
      kind: fc.constant("outcome-shown"),
      code: fc.constantFrom(...CODES),
      maxUpstreamCallsPerAction: fc.integer({ min: 0, max: 20 }),
    },
    { requiredKeys: ["kind", "code"] },
  ),
  fc.record(
    {
      kind: fc.constant("record-shown"),
      elements: fc.shuffledSubarray([...RECORD_ELEMENTS], { minLength: 1, maxLength: 4 }),
    },
    { requiredKeys: ["kind"] },
  ),
  fc
    .constantFrom(
      "no-upstream-call",
      "nik-digit-exact",
      "quota-stop-until-next-day",
      "no-usage-patterns",
      "no-stored-person-data",
      "attribution-shown",
    )
    .map((kind) => ({ kind })),
  fc.record(
    { kind: fc.constant("bounded-resilience"), requireRecord: fc.boolean() },
    { requiredKeys: ["kind"] },
  ),
  fc.record(
    { kind: fc.constant("data-balikan-complete"), minParamKeys: fc.integer({ min: 0, max: 50 }) },
    { requiredKeys: ["kind"] },
  ),
  fc.record(
    {
      kind: fc.constant("answer-matches"),
      status: fc.integer({ min: 100, max: 599 }),
      regex: fc.constantFrom("Sesuai", "^\\d+$", "(?:a|b)*", ""),
      jsonPath: fc.record(
        {
          path: fc.constantFrom("$.status", "$.data[0].nik"),
          equals: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
        },
        { requiredKeys: ["path"] },
      ),
    },
    { requiredKeys: ["kind", "status"] },
  ),
  fc.record({
    kind: fc.constant("load"),
    ratePerSecond: fc.double({ min: 0.01, max: 10_000, noNaN: true }),
    durationMs: fc.integer({ min: 1_000, max: 3_600_000 }),
    maxP95Ms: fc.integer({ min: 1, max: 100_000 }),
    maxErrorRate: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);

const octet = fc.integer({ min: 0, max: 255 });
const setup = fc.record(
  {
    user: fc.record(
      {
        dailyQuota: fc.option(fc.nat(1000), { nil: null }),
        status: fc.constantFrom("active", "inactive"),
        wrongPassword: fc.constant(true),
        ipUser: fc.tuple(octet, octet, octet, octet).map((p) => p.join(".")),
      },
      { requiredKeys: [] },
    ),
    institution: fc.record(
      {
        status: fc.constantFrom("active", "inactive"),
        allowlist: fc.array(fc.constantFrom("10.0.0.0/8", "127.0.0.1", "::1"), { maxLength: 2 }),
        grant: fc.shuffledSubarray([...RECORD_ELEMENTS], { minLength: 1, maxLength: 3 }),
        patternPolicy: fc.constantFrom("record", "warn", "block"),
      },
      { requiredKeys: [] },
    ),
    faults: fc.record(
      {
        error: fc.constantFrom(500, 503),
        latencyMs: fc.nat(5000),
        probability: fc.double({ min: 0, max: 1, noNaN: true }),
      },
      { requiredKeys: [] },
    ),
    clock: fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => ({
        timeOfDay: `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`,
      })),
  },
  { requiredKeys: [] },
);

const criterionId = fc
  .tuple(fc.stringMatching(/^[A-Z]{1,8}$/), fc.integer({ min: 0, max: 99 }))
  .map(([area, n]) => `POC-${area}-${String(n).padStart(2, "0")}`);
const title = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== "");

/** A valid plan as written: defaults left out at random, unique criterion ids. */
const validPlan: fc.Arbitrary<PocPlanInput> = fc
  .record(
    {
      id: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/),
      title,
      version: fc.string({ maxLength: 40 }),
      description: fc.string({ maxLength: 200 }),
      canaries: fc.integer({ min: 0, max: 20 }),
      closeDayAfterEachCriterion: fc.boolean(),
      ids: fc.uniqueArray(criterionId, { minLength: 1, maxLength: 4 }),
    },
    { requiredKeys: ["id", "title", "ids"] },
  )
  .chain(({ ids, ...plan }) =>
    fc
      .tuple(
        ...ids.map((id) =>
          fc.record(
            {
              id: fc.constant(id),
              title,
              clause: title,
              mandatory: fc.boolean(),
              description: fc.string({ maxLength: 100 }),
              setup,
              steps: steps(plan.canaries ?? 3),
              expect: expectation,
            },
            { requiredKeys: ["id", "title", "clause", "expect"] },
          ),
        ),
      )
      .map((criteria) => ({ ...plan, criteria }) as PocPlanInput),
  );

function planError(value: unknown): PocError {
  try {
    parsePlan(value);
  } catch (error) {
    expect(error).toBeInstanceOf(PocError);
    expect((error as PocError).code).toBe("DKS_POC_PLAN_INVALID");
    return error as PocError;
  }
  throw new Error("the plan was accepted");
}
const issuesOf = (error: PocError) => error.details.issues as readonly string[];

/** A copy with object keys in reverse order at every depth. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    );
  }
  return value;
}

describe("parsePlan", () => {
  it("reads a generated valid plan with the schema's defaults, idempotently, and hashes it by content", () => {
    fc.assert(
      fc.property(validPlan, (input) => {
        const plan: PocPlan = parsePlan(input);
        expect(plan.canaries).toBe(input.canaries ?? 3);
        expect(plan.closeDayAfterEachCriterion).toBe(input.closeDayAfterEachCriterion ?? true);
        plan.criteria.forEach((criterion, i) => {
          const given = input.criteria[i] as Record<string, unknown>;
          expect(criterion.id).toBe(given.id);
          expect(criterion.title).toBe((given.title as string).trim());
          expect(criterion.mandatory).toBe(given.mandatory ?? true);
          expect(criterion.setup).toEqual(given.setup ?? {});
          expect(criterion.steps.length).toBe(((given.steps as unknown[]) ?? []).length);
          for (const step of criterion.steps) {
            if (step.action === "lookup" || step.action === "endOfDay") {
              expect(step.repeat).toBeGreaterThanOrEqual(1);
            }
          }
        });
        // Parsing a parsed plan changes nothing, through JSON too.
        expect(parsePlan(plan)).toEqual(plan);
        expect(parsePlan(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
        expect(planSha256(parsePlan(reversedKeys(input)))).toBe(planSha256(plan));
      }),
      { numRuns: 300 },
    );
  });

  it("names a repeated criterion id, a missing canary and a sameAs before its lookup", () => {
    fc.assert(
      fc.property(
        validPlan,
        fc.nat(),
        fc.constantFrom("duplicate", "canary", "sameAs"),
        (input, at, what) => {
          const criteria = input.criteria.map((c) => ({ ...(c as Record<string, unknown>) }));
          const i = at % criteria.length;
          let expected: string;
          if (what === "duplicate") {
            criteria.push({ ...criteria[i], steps: [] });
            expected = `criteria.${criteria.length - 1}.id: Duplicate id`;
          } else if (what === "canary") {
            const canaries = input.canaries ?? 3;
            const steps = [
              ...((criteria[i]?.steps as unknown[]) ?? []),
              { action: "lookup", nik: { canary: canaries } },
            ];
            criteria[i] = { ...criteria[i], steps };
            expected =
              canaries >= 20
                ? `criteria.${i}.steps.${steps.length - 1}.nik`
                : `criteria.${i}.steps.${steps.length - 1}.nik.canary: Canary ${canaries} does not exist`;
          } else {
            const steps = [
              { action: "lookup", nik: { sameAs: 0 } },
              ...((criteria[i]?.steps as unknown[]) ?? []),
            ];
            criteria[i] = { ...criteria[i], steps };
            expected = `criteria.${i}.steps.0.nik.sameAs: sameAs 0 names a lookup that has not happened yet`;
          }
          const error = planError({ ...input, criteria });
          expect(issuesOf(error).some((issue) => issue.startsWith(expected))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("names the path of a field broken anywhere in a valid plan", () => {
    const breakages: readonly [string[], unknown][] = [
      [["id"], "Not An Id"],
      [["title"], "   "],
      [["canaries"], 21],
      [["criteria"], []],
      [["criteria", "0", "id"], "POC-x-1"],
      [["criteria", "0", "expect", "kind"], "no-such-kind"],
      [["criteria", "0", "expect"], { kind: "answer-matches" }],
      [["criteria", "0", "expect"], { kind: "answer-matches", regex: "(" }],
      [["criteria", "0", "setup", "clock", "timeOfDay"], "24:00"],
      [["criteria", "0", "setup", "user", "ipUser"], "10.0.0.300"],
      [["criteria", "0", "setup", "faults", "error"], 418],
      [["criteria", "0", "steps"], [{ action: "wait", ms: 60_001 }]],
      [["criteria", "0", "steps"], [{ action: "lookup", nik: { literal: "1".repeat(65) } }]],
      [["criteria", "0", "unknownKey"], true],
    ];
    fc.assert(
      fc.property(validPlan, fc.constantFrom(...breakages), (input, [path, value]) => {
        const copy = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
        let node = copy;
        for (const segment of path.slice(0, -1)) {
          node[segment] ??= {};
          node = node[segment] as Record<string, unknown>;
        }
        node[path.at(-1) as string] = value;
        const error = planError(copy);
        const named = path.at(-1) === "unknownKey" ? path.slice(0, -1) : path;
        // Every issue lies on the broken path (or below it; the criterion for an unknown key).
        expect(issuesOf(error).some((issue) => issue.startsWith(named.join(".")))).toBe(true);
        expect(error.message).toMatch(
          /^Failed to read the plan: .+ Fix the named fields \(see details\.issues\)\.$/s,
        );
      }),
      { numRuns: 500 },
    );
  });

  it("throws only DKS_POC_PLAN_INVALID on arbitrary values, with path: message issues", () => {
    const planKeys = fc.constantFrom("id", "title", "criteria", "canaries", "version", "x");
    const criterionKeys = fc.constantFrom(
      "id",
      "title",
      "clause",
      "steps",
      "expect",
      "setup",
      "mandatory",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({
            withBigInt: true,
            withDate: true,
            withNullPrototype: true,
            withSparseArray: true,
          }),
          fc.dictionary(
            planKeys,
            fc.oneof(
              fc.jsonValue({ maxDepth: 2 }),
              fc.array(fc.dictionary(criterionKeys, fc.jsonValue({ maxDepth: 3 })), {
                maxLength: 3,
              }),
            ),
          ),
        ),
        (value) => {
          let error: unknown;
          try {
            parsePlan(value);
            return;
          } catch (caught) {
            error = caught;
          }
          expect(error).toBeInstanceOf(PocError);
          expect((error as PocError).code).toBe("DKS_POC_PLAN_INVALID");
          for (const issue of issuesOf(error as PocError))
            expect(issue).toMatch(/^(\(root\)|[^:\s]+): ./s);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("loadPlan from files", () => {
  let file = 0;
  const write = (extension: string, text: string) => {
    file++;
    const path = join(dir, `plan-${file}${extension}`);
    writeFileSync(path, text);
    return path;
  };

  it("reads a generated plan the same from JSON, YAML and the object", async () => {
    await fc.assert(
      fc.asyncProperty(validPlan, async (input) => {
        const expected = parsePlan(input);
        expect(await loadPlan(write(".json", JSON.stringify(input)))).toEqual(expected);
        expect(await loadPlan(write(".yaml", toYaml(input)))).toEqual(expected);
        expect(await loadPlan(write(".YML", toYaml(reversedKeys(input))))).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it("refuses any other file text with DKS_POC_PLAN_LOAD_FAILED or DKS_POC_PLAN_INVALID naming the path", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(".json", ".yaml", ".yml"),
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.string({ unit: fc.constantFrom(..."{}[]:,-\"' \n\tabc1&*!|>#%"), maxLength: 60 }),
          fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
        ),
        async (extension, text) => {
          const path = write(extension, text);
          // Nothing reaches the process's stderr (YAML warnings included): only the error.
          const warnings = vi.spyOn(process, "emitWarning");
          let error: unknown;
          try {
            await loadPlan(path);
            return; // A text that happens to be a valid plan.
          } catch (caught) {
            error = caught;
          } finally {
            expect(warnings).not.toHaveBeenCalled();
            warnings.mockRestore();
          }
          expect(error).toBeInstanceOf(PocError);
          const { code, message } = error as PocError;
          expect(["DKS_POC_PLAN_LOAD_FAILED", "DKS_POC_PLAN_INVALID"]).toContain(code);
          expect(message).toContain(path);
        },
      ),
      { numRuns: 300 },
    );
  });
});
