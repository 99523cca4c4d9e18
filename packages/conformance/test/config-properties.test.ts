// Property tests of the PoC run configuration (issue 7 "Bad input"): `parseRunConfig` on
// arbitrary input throws nothing but DKS_POC_CONFIG_INVALID, whose issues name the field;
// a generated valid configuration reads back as written with the documented defaults
// (config.ts: appTimeoutMs 5000, maxRetries 2, graceMs 1000, settleMs 250, core's
// DEFAULT_ATTRIBUTION, 100,000 residents with seed dukcapil-sandbox).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRunConfig, type RunConfig } from "../src/config.js";
import { PocError } from "../src/errors.js";

const DEFAULTS = {
  appTimeoutMs: 5_000,
  maxRetries: 2,
  graceMs: 1_000,
  settleMs: 250,
  attribution: "Layanan ini menggunakan API Dukcapil",
  seed: "dukcapil-sandbox",
  population: 100_000,
  storage: { paths: [] },
} as const;
const TOP_KEYS = new Set([
  ...Object.keys(DEFAULTS),
  "selectionSeed",
  "simulator",
  "http",
  "browser",
  "production",
]);

const text = (min: number, max: number) => fc.string({ minLength: min, maxLength: max });
const nonBlank = (max: number) =>
  fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim() !== "");
const httpUrl = fc
  .tuple(
    fc.constantFrom("http", "https", "HTTP"),
    fc.constantFrom("127.0.0.1", "localhost", "sim.example.test", "[::1]"),
    fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
    fc.constantFrom("", "/", "//", "/base", "/base/"),
  )
  .map(
    ([scheme, host, port, path]) =>
      `${scheme}://${host}${port === undefined ? "" : `:${port}`}${path}`,
  );
const template = fc.record(
  {
    method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE"),
    path: text(1, 30),
    headers: fc.dictionary(
      fc.string({ maxLength: 10 }).filter((k) => k !== "__proto__"),
      fc.string({ maxLength: 10 }),
      { maxKeys: 3 },
    ),
    body: text(0, 30),
  },
  { requiredKeys: ["path"] },
);

/** A valid run configuration: any subset of fields with valid values. */
const validConfig = fc
  .record(
    {
      appTimeoutMs: fc.integer({ min: 100, max: 600_000 }),
      maxRetries: fc.integer({ min: 0, max: 10 }),
      graceMs: fc.integer({ min: 0, max: 60_000 }),
      settleMs: fc.integer({ min: 0, max: 60_000 }),
      attribution: fc
        .tuple(fc.constantFrom("", " ", "\n"), nonBlank(100))
        .map(([pad, t]) => `${pad}${t}${pad}`),
      seed: text(1, 40),
      population: fc.integer({ min: 1_000, max: 300_000_000 }),
      selectionSeed: text(1, 40),
      storage: fc.record({ paths: fc.array(text(1, 20), { maxLength: 3 }) }, { requiredKeys: [] }),
      simulator: fc.record(
        {
          url: httpUrl,
          adminToken: text(16, 40),
          institutionId: text(1, 20),
          userId: text(1, 20),
          password: text(1, 20),
        },
        { requiredKeys: ["url", "adminToken"] },
      ),
      http: fc.record({ lookup: template, endOfDay: template }, { requiredKeys: ["lookup"] }),
      production: fc.record(
        {
          endpoint: text(1, 30),
          methods: fc.array(text(1, 20), { minLength: 1, maxLength: 3 }),
          grant: fc.array(text(1, 12), { minLength: 1, maxLength: 3 }),
        },
        { requiredKeys: ["endpoint"] },
      ),
    },
    { requiredKeys: [] },
  )
  .filter((c) => (c.appTimeoutMs ?? 5_000) + (c.graceMs ?? 1_000) <= 600_000);

/** Invalid values per field path (a value that type-checks nowhere near the rule). */
const INVALID: readonly [string, fc.Arbitrary<unknown>][] = [
  [
    "appTimeoutMs",
    fc.oneof(
      fc.integer({ max: 99 }),
      fc.integer({ min: 600_001 }),
      fc.double({ noInteger: true }),
      fc.constant("5000"),
    ),
  ],
  ["maxRetries", fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 11 }), fc.constant(null))],
  ["graceMs", fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 60_001 }), fc.boolean())],
  ["settleMs", fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 60_001 }))],
  [
    "attribution",
    fc.oneof(
      fc.constantFrom("", "   ", "\t"),
      fc.string({ minLength: 501, maxLength: 600 }).filter((s) => s.trim().length > 500),
      fc.integer(),
    ),
  ],
  ["seed", fc.oneof(fc.constant(""), fc.string({ minLength: 257, maxLength: 300 }), fc.integer())],
  ["population", fc.oneof(fc.integer({ max: 999 }), fc.integer({ min: 300_000_001 }))],
  ["selectionSeed", fc.oneof(fc.constant(""), fc.integer())],
  [
    "storage",
    fc.oneof(
      fc.constant({ paths: [""] }),
      fc.constant({ paths: "x" }),
      fc.constant({ other: [] }),
      fc.constant([]),
    ),
  ],
  [
    "simulator",
    fc.oneof(
      fc.constant({ url: "ftp://127.0.0.1", adminToken: "0123456789abcdef" }),
      fc.constant({ url: "not a url", adminToken: "0123456789abcdef" }),
      fc.constant({ url: "http://127.0.0.1", adminToken: "short" }),
      fc.constant({ adminToken: "0123456789abcdef" }),
      fc.constant({ url: "http://127.0.0.1", adminToken: "0123456789abcdef", extra: 1 }),
    ),
  ],
  [
    "http",
    fc.oneof(
      fc.constant({}),
      fc.constant({ lookup: { path: "" } }),
      fc.constant({ lookup: { path: "/", method: "HEAD" } }),
      fc.constant({ lookup: { path: "/", headers: { a: 1 } } }),
    ),
  ],
  [
    "browser",
    fc.oneof(
      fc.constant({}),
      fc.constant({ lookup: { submit: " " } }),
      fc.constant({ lookup: { submit: "b" } }),
    ),
  ],
  [
    "production",
    fc.oneof(
      fc.constant({}),
      fc.constant({ endpoint: "" }),
      fc.constant({ endpoint: "x", methods: [] }),
    ),
  ],
];

function configError(input: unknown): PocError | undefined {
  try {
    parseRunConfig(input);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(PocError);
    expect((error as PocError).code).toBe("DKS_POC_CONFIG_INVALID");
    return error as PocError;
  }
}
const issuesOf = (error: PocError | undefined) =>
  (error?.details.issues ?? []) as readonly string[];

describe("parseRunConfig", () => {
  it("reads a valid configuration as written, with the documented defaults for the rest", () => {
    fc.assert(
      fc.property(validConfig, (input) => {
        const config: RunConfig = parseRunConfig(input);
        for (const [key, value] of Object.entries(DEFAULTS)) {
          const given = (input as Record<string, unknown>)[key];
          if (key === "attribution") {
            expect(config.attribution).toBe(input.attribution?.trim() ?? value);
          } else if (key === "storage") {
            expect(config.storage).toEqual({ paths: input.storage?.paths ?? [] });
          } else {
            expect(config[key as keyof RunConfig]).toEqual(given ?? value);
          }
        }
        expect(config.selectionSeed).toBe(input.selectionSeed);
        if (input.simulator === undefined) expect(config.simulator).toBeUndefined();
        else {
          const url = config.simulator?.url ?? "";
          expect(url).not.toMatch(/\/$/);
          expect(input.simulator.url.startsWith(url)).toBe(true);
          expect(new URL(url).protocol).toMatch(/^https?:$/);
          expect(config.simulator).toEqual({
            institutionId: "dinsos-3204",
            ...input.simulator,
            url,
          });
        }
        if (input.http === undefined) expect(config.http).toBeUndefined();
        else {
          expect(config.http?.lookup).toEqual({ method: "GET", headers: {}, ...input.http.lookup });
        }
        if (input.production !== undefined) {
          expect(config.production).toEqual({ methods: ["CALL_NIK"], ...input.production });
        }
        expect(Object.keys(config).every((key) => TOP_KEYS.has(key))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("names the field of one invalid value, in details.issues and the message", () => {
    fc.assert(
      fc.property(
        validConfig,
        fc.constantFrom(...INVALID).chain(([field, value]) => fc.tuple(fc.constant(field), value)),
        (input, [field, value]) => {
          const error = configError({ ...input, [field]: value });
          expect(error).toBeDefined();
          const issues = issuesOf(error);
          expect(issues.length).toBeGreaterThan(0);
          for (const issue of issues) {
            // The graceMs cross-field rule is the only issue that may name another field.
            expect(issue.startsWith(`${field}`) || issue.startsWith("graceMs:")).toBe(true);
          }
          expect(error?.message).toContain(issues[0]);
          expect(error?.message).toMatch(
            /^Failed to read the run configuration: .*Fix the named fields\.$/s,
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("refuses appTimeoutMs + graceMs above 600000, naming graceMs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 600_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        (appTimeoutMs, graceMs) => {
          const error = configError({ appTimeoutMs, graceMs });
          if (appTimeoutMs + graceMs <= 600_000) expect(error).toBeUndefined();
          else
            expect(issuesOf(error)).toEqual([
              "graceMs: appTimeoutMs + graceMs must be at most 600000",
            ]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never throws anything but DKS_POC_CONFIG_INVALID on arbitrary input", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ withBigInt: true, withDate: true, withNullPrototype: true }),
          fc.dictionary(fc.constantFrom(...TOP_KEYS, "x"), fc.anything({ maxDepth: 2 })),
        ),
        (input) => {
          const error = configError(input);
          if (error === undefined) return;
          for (const issue of issuesOf(error)) expect(issue).toMatch(/^(\(root\)|[^:]+): ./s);
          expect(error.details.source).toBe("the run configuration");
        },
      ),
      { numRuns: 1000 },
    );
  });
});
