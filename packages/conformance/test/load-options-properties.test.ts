// Property tests of the load runner's options (issue 7 "Bad input"): the k6-like threshold
// reader, `loadOptionsSchema` through `parseLoadOptions`, and the `load` flags. Arbitrary
// input is refused with PocError DKS_POC_LOAD_OPTIONS_INVALID naming the field (never another
// error); generated valid options read back with the documented defaults. No property here
// starts a load: every CLI case carries a value the CLI must refuse.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { responseCodes } from "@dukcapil-sandbox/core";
import fc from "fast-check";
import { afterAll, describe, expect, it, vi } from "vitest";
import { PocError } from "../src/errors.js";
import { runLoadCli } from "../src/load/cli.js";
import {
  DEFAULT_LOAD_MIX,
  LOAD_METRICS,
  type LoadOptions,
  parseLoadOptions,
  readThreshold,
} from "../src/load/schema.js";
import { MAGIC_NIK_KINDS } from "../src/plan/schema.js";

const dir = mkdtempSync(join(tmpdir(), "load-options-properties-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CODES = responseCodes.map((row) => row.code);
const space = fc.constantFrom("", " ", "  ", "\t");
const decimal = fc.oneof(
  fc.nat(100_000).map(String),
  fc
    .tuple(fc.nat(1000), fc.stringMatching(/^\d{1,3}$/))
    .map(([whole, fraction]) => `${whole}.${fraction}`),
);

/** A threshold written by the grammar of readThreshold, and what it must read as. */
const writtenThreshold = fc
  .record({
    metric: fc.constantFrom("p50", "p90", "p95", "p99", "errors", "error_rate", "rps"),
    op: fc.constantFrom("<", "<=", ">", ">="),
    number: decimal,
    unit: fc.constantFrom("", "%", "ms"),
    gaps: fc.tuple(space, space, space, space, space),
  })
  .filter(({ metric, unit }) =>
    unit === "%"
      ? metric === "errors" || metric === "error_rate"
      : unit === "ms"
        ? metric.startsWith("p")
        : true,
  )
  .map(({ metric, op, number, unit, gaps: [a, b, c, d, e] }) => {
    const canonical = metric === "error_rate" ? "errors" : metric;
    return {
      text: `${a}${metric}${b}${op}${c}${number}${d}${unit}${e}`,
      expected: {
        name: `${canonical}${op}${number}${unit === "%" ? "%" : ""}`,
        metric: canonical,
        op,
        limit: unit === "%" ? Number(number) / 100 : Number(number),
      },
    };
  });

describe("readThreshold", () => {
  it("reads every threshold of its grammar exactly", () => {
    fc.assert(
      fc.property(writtenThreshold, ({ text, expected }) => {
        expect(readThreshold(text)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("reads any text it accepts to a threshold whose name reads back the same", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 16 }),
          fc.string({ unit: fc.constantFrom(..."p59091errors_ate<>=.%ms \t-e+"), maxLength: 16 }),
          writtenThreshold.map(({ text }) => text),
        ),
        (text) => {
          const threshold = readThreshold(text);
          if (threshold === undefined) return;
          expect(LOAD_METRICS).toContain(threshold.metric);
          expect(["<", "<=", ">", ">="]).toContain(threshold.op);
          expect(Number.isFinite(threshold.limit) && threshold.limit >= 0).toBe(true);
          expect(readThreshold(threshold.name)).toEqual(threshold);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("refuses a unit its metric cannot have, a missing operator or a non-decimal limit", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(fc.constantFrom("p50", "p95", "rps"), decimal).map(([m, n]) => `${m}<${n}%`),
          fc.tuple(fc.constantFrom("errors", "rps"), decimal).map(([m, n]) => `${m}<${n}ms`),
          fc.tuple(fc.constantFrom(...LOAD_METRICS), decimal).map(([m, n]) => `${m}${n}`),
          fc
            .tuple(
              fc.constantFrom(...LOAD_METRICS),
              fc.constantFrom("1e3", "-1", "+1", ".5", "1.", "0x10", "∞", ""),
            )
            .map(([m, n]) => `${m}<${n}`),
          fc
            .tuple(fc.constantFrom("p100", "p9", "latency", "error", "P95", "rps2"), decimal)
            .map(([m, n]) => `${m}<${n}`),
        ),
        (text) => {
          expect(readThreshold(text)).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });
});

// --- The options schema ---

const httpUrl = fc
  .tuple(
    fc.constantFrom("http", "https"),
    fc.constantFrom("127.0.0.1", "localhost", "app.example.test"),
    fc.constantFrom("", "/", "/app//"),
  )
  .map(([scheme, host, path]) => `${scheme}://${host}${path}`);
const simulatorTarget = fc.record(
  {
    kind: fc.constant("simulator" as const),
    url: httpUrl,
    adminToken: fc.string({ minLength: 16, maxLength: 30 }),
    credentials: fc.record({
      path: fc.string({ minLength: 1, maxLength: 10 }),
      userId: fc.string({ minLength: 1, maxLength: 10 }),
      password: fc.string({ minLength: 1, maxLength: 10 }),
      ipUser: fc.string({ minLength: 1, maxLength: 10 }),
    }),
    population: fc.integer({ min: 1_000, max: 300_000_000 }),
    seed: fc.string({ minLength: 1, maxLength: 20 }),
    mix: fc.array(
      fc.record(
        {
          call: fc.constantFrom("lookup", "verify"),
          nik: fc.constantFrom("random", ...MAGIC_NIK_KINDS),
          weight: fc.double({ min: 0.001, max: 1_000_000, noNaN: true }),
          expectCode: fc.constantFrom(...CODES),
        },
        { requiredKeys: [] },
      ),
      { minLength: 1, maxLength: 5 },
    ),
  },
  { requiredKeys: ["kind"] },
);
const appTarget = fc.record(
  {
    kind: fc.constant("app" as const),
    url: httpUrl,
    request: fc.record(
      {
        method: fc.constantFrom("GET", "POST"),
        path: fc.string({ minLength: 1, maxLength: 20 }),
        body: fc.string({ maxLength: 20 }),
      },
      { requiredKeys: ["path"] },
    ),
    niks: fc.array(fc.string({ minLength: 1, maxLength: 64 }), { minLength: 1, maxLength: 4 }),
    expect: fc.record(
      { status: fc.integer({ min: 100, max: 599 }), regex: fc.constantFrom("ok", "^\\{", "") },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ["kind", "url", "request"] },
);
const validOptions = fc.record(
  {
    target: fc.oneof(simulatorTarget, appTarget),
    connections: fc.integer({ min: 1, max: 10_000 }),
    rate: fc.double({ min: 0.001, max: 1_000_000, noNaN: true }),
    durationS: fc.double({ min: 0.001, max: 86_400, noNaN: true }),
    warmupS: fc.double({ min: 0, max: 3_600, noNaN: true }),
    timeoutS: fc.double({ min: 0.001, max: 600, noNaN: true }),
    verifyBody: fc.boolean(),
    thresholds: fc.array(writtenThreshold, { maxLength: 4 }),
  },
  { requiredKeys: ["target"] },
);

function optionsError(input: unknown): PocError | undefined {
  try {
    parseLoadOptions(input);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(PocError);
    expect((error as PocError).code).toBe("DKS_POC_LOAD_OPTIONS_INVALID");
    return error as PocError;
  }
}

describe("parseLoadOptions", () => {
  it("reads valid options as written, with the documented defaults", () => {
    fc.assert(
      fc.property(validOptions, (generated) => {
        const { thresholds, ...rest } = generated;
        const input =
          thresholds === undefined ? rest : { ...rest, thresholds: thresholds.map((t) => t.text) };
        const options: LoadOptions = parseLoadOptions(input);
        expect(options.durationS).toBe(generated.durationS ?? 10);
        expect(options.warmupS).toBe(generated.warmupS ?? 0);
        expect(options.timeoutS).toBe(generated.timeoutS ?? 10);
        expect(options.verifyBody).toBe(generated.verifyBody ?? true);
        expect(options.connections).toBe(generated.connections);
        expect(options.rate).toBe(generated.rate);
        expect(options.thresholds).toEqual((generated.thresholds ?? []).map((t) => t.expected));
        const target = options.target;
        if (target.url !== undefined) expect(target.url).not.toMatch(/\/$/);
        if (target.kind === "simulator") {
          const given = generated.target as {
            population?: number;
            seed?: string;
            mix?: Record<string, unknown>[];
          };
          expect(target.population).toBe(given.population ?? 100_000);
          expect(target.seed).toBe(given.seed ?? "dukcapil-sandbox");
          expect(target.mix).toEqual(
            given.mix === undefined
              ? DEFAULT_LOAD_MIX
              : given.mix.map((entry) => ({ call: "lookup", nik: "random", weight: 1, ...entry })),
          );
        } else {
          const given = generated.target as { niks?: string[]; expect?: object; request: object };
          expect(target.niks).toEqual(given.niks ?? ["3319041307949001"]);
          expect(target.expect).toEqual(given.expect ?? {});
          expect(target.request).toEqual({ method: "GET", headers: {}, ...given.request });
        }
      }),
      { numRuns: 500 },
    );
  });

  it("names the field of one invalid value", () => {
    const invalid: readonly [string[], fc.Arbitrary<unknown>][] = [
      [
        ["connections"],
        fc.oneof(
          fc.integer({ max: 0 }),
          fc.integer({ min: 10_001 }),
          fc.double({ noInteger: true, min: 1, max: 100 }),
        ),
      ],
      [
        ["rate"],
        fc.oneof(
          fc.double({ max: 0 }),
          fc.double({ min: 1_000_001, max: 1e9 }),
          fc.constant(Number.NaN),
        ),
      ],
      [["durationS"], fc.oneof(fc.double({ max: 0 }), fc.constant(86_401), fc.constant("10"))],
      [["warmupS"], fc.oneof(fc.double({ max: -0.001, min: -100 }), fc.constant(3_601))],
      [["timeoutS"], fc.oneof(fc.constant(0), fc.constant(601))],
      [["verifyBody"], fc.constantFrom("yes", 1, null)],
      [["thresholds", "0"], fc.constantFrom("p95 under 200", "p95<200%", "rps>", "errors<1ms", "")],
      [["target", "kind"], fc.constantFrom("browser", "", 1)],
      [["target", "url"], fc.constantFrom("ftp://x", "not a url", "")],
      [["target", "population"], fc.constantFrom(999, 300_000_001, 1.5)],
      [
        ["target", "mix"],
        fc.constantFrom([], [{ weight: 0 }], [{ nik: "nobody" }], [{ expectCode: "02" }]),
      ],
      [["target", "extra"], fc.constant(1)],
    ];
    fc.assert(
      fc.property(
        fc.record({ kind: fc.constant("simulator" as const), url: httpUrl }),
        fc.constantFrom(...invalid).chain(([path, value]) => fc.tuple(fc.constant(path), value)),
        (target, [path, value]) => {
          const input: Record<string, unknown> = { target: { ...target } };
          if (path[0] === "target")
            (input.target as Record<string, unknown>)[path[1] as string] = value;
          else if (path[0] === "thresholds") input.thresholds = ["p95<200", value];
          else input[path[0] as string] = value;
          const named =
            path[0] === "thresholds"
              ? "thresholds.1"
              : path[1] === "extra"
                ? "target"
                : path.join(".");
          const error = optionsError(input);
          expect(error).toBeDefined();
          const issues = error?.details.issues as string[];
          expect(issues.some((issue) => issue.startsWith(named))).toBe(true);
          expect(error?.message).toMatch(
            /^Failed to read the load options: .*Fix the named fields\.$/s,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("throws only DKS_POC_LOAD_OPTIONS_INVALID on arbitrary input", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ withBigInt: true, withNullPrototype: true }),
          fc.dictionary(
            fc.constantFrom("target", "connections", "rate", "durationS", "thresholds", "x"),
            fc.oneof(
              fc.jsonValue({ maxDepth: 2 }),
              fc.dictionary(
                fc.constantFrom("kind", "url", "mix", "request"),
                fc.jsonValue({ maxDepth: 2 }),
              ),
            ),
          ),
        ),
        (input) => {
          const error = optionsError(input);
          if (error === undefined) return;
          for (const issue of error.details.issues as string[])
            expect(issue).toMatch(/^(\(root\)|[^:\s]+): ./s);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

// --- The `load` flags (runLoadCli) ---

/** Runs the CLI with its output captured. */
async function load(argv: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runLoadCli(argv, {
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** Text of a refusal before the usage block (the usage's own examples hold a NIK). */
const refusal = (stderr: string) => stderr.split("\n\nUsage:")[0] ?? stderr;

/** A threshold no load may start with: every CLI case below carries one as a safety net. */
const NO_LOAD = "--threshold=never-valid";

describe("dukcapil-sandbox load flags", () => {
  const isPositive = (text: string, integer: boolean) => {
    const value = Number(text);
    return Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
  };
  const numberText = fc.oneof(
    fc.constantFrom("", " ", "0", "-1", "abc", "NaN", "Infinity", "1e400", "1.5", "0x10", "1_000"),
    fc.integer({ min: -100, max: 100 }).map(String),
    fc.string({ maxLength: 5 }),
  );

  it("refuses a number flag that is not a positive number (warm-up: 0 or more), naming it, before any load", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          numberText.filter((t) => !isPositive(t, true)).map((t) => ["connections", t] as const),
          numberText.filter((t) => !isPositive(t, false)).map((t) => ["rate", t] as const),
          numberText.filter((t) => !isPositive(t, false)).map((t) => ["duration", t] as const),
          numberText
            .filter((t) => t.trim() === "" || !(Number.isFinite(Number(t)) && Number(t) >= 0))
            .map((t) => ["warmup", t] as const),
        ),
        async ([flag, text]) => {
          const run = await load(["--target", "simulator", `--${flag}=${text}`, NO_LOAD]);
          expect(run.code).toBe(2);
          expect(refusal(run.stderr)).toMatch(
            /^DKS_POC_LOAD_OPTIONS_INVALID: Failed to read the options: /,
          );
          expect(refusal(run.stderr)).toContain(`--${flag}`);
          expect(run.stdout).toBe("");
        },
      ),
      { numRuns: 300, examples: [[["warmup", ""]], [["warmup", " "]]] },
    );
  });

  it("refuses an unreadable threshold naming it, and a target that is neither simulator nor a URL", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc
            .string({ maxLength: 12 })
            .filter((t) => readThreshold(t) === undefined)
            .map((t) => ({
              args: ["--target", "simulator", `--threshold=${t}`],
              says: "Expected a threshold",
            })),
          fc
            .string({ maxLength: 12 })
            .filter((t) => t !== "simulator" && !/^https?:\/\//i.test(t))
            .map((t) => ({ args: [`--target=${t}`, NO_LOAD], says: "--target" })),
          fc.constant({ args: [NO_LOAD], says: "--target is required" }),
          fc.constant({
            args: ["--target", "http://127.0.0.1:9", NO_LOAD],
            says: "request template",
          }),
          fc.constant({
            args: ["--target", "http://127.0.0.1:9", "--simulator-url", "http://x", NO_LOAD],
            says: "--simulator-url",
          }),
        ),
        async ({ args, says }) => {
          const run = await load(args);
          expect(run.code).toBe(2);
          expect(refusal(run.stderr)).toContain(says);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses any unknown flag or positional argument with the usage", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc
            .stringMatching(/^--[a-z][a-z-]{0,12}$/)
            .filter(
              (flag) =>
                ![
                  "--target",
                  "--simulator-url",
                  "--admin-token",
                  "--connections",
                  "--rate",
                  "--duration",
                  "--warmup",
                  "--threshold",
                  "--config",
                  "--out",
                  "--help",
                ].includes(flag),
            ),
          fc.string({ maxLength: 10 }).filter((s) => !s.startsWith("-") && s !== ""),
        ),
        async (arg) => {
          const run = await load([arg, NO_LOAD]);
          expect(run.code).toBe(2);
          expect(run.stderr).toContain("Usage: dukcapil-sandbox load");
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses a config file of arbitrary content with a typed message, never throwing", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(".json", ".yaml"),
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.string({ unit: fc.constantFrom(..."!%&*:-[]{} \nab1"), maxLength: 30 }),
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        ),
        async (extension, text) => {
          n++;
          const path = join(dir, `load-${n}${extension}`);
          writeFileSync(path, text);
          // Everything goes through the CLI's io: no YAML warning on the process's stderr.
          const warnings = vi.spyOn(process, "emitWarning");
          const run = await load(["--config", path, NO_LOAD]);
          expect(warnings).not.toHaveBeenCalled();
          warnings.mockRestore();
          expect(run.code).toBe(2);
          expect(refusal(run.stderr)).toMatch(/^DKS_POC_LOAD_OPTIONS_INVALID: /);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("never prints a NIK given on the command line unmasked", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[1-9]\d{15}$/),
        fc.constantFrom(
          "target",
          "connections",
          "rate",
          "duration",
          "warmup",
          "threshold",
          "unknown",
          "positional",
        ),
        async (nik, where) => {
          const args =
            where === "positional"
              ? [nik, NO_LOAD]
              : where === "unknown"
                ? [`--${nik}`, NO_LOAD]
                : [
                    "--target",
                    where === "target" ? nik : "simulator",
                    `--${where}=x${nik}`,
                    NO_LOAD,
                  ];
          const run = await load(args);
          expect(run.code).toBe(2);
          expect(refusal(run.stderr)).not.toContain(nik);
          expect(run.stdout).not.toContain(nik);
        },
      ),
      { numRuns: 200 },
    );
  });
});
