/**
 * The options of a load run: ONE zod schema (`loadOptionsSchema`) for the API, the
 * `--config load.json` file and the `load` flags; and the k6-like thresholds (`p95<200`).
 */
import { responseCodes } from "@dukcapil-sandbox/core";
import * as z from "zod";
import { httpRequestTemplateSchema } from "../config.js";
import { invalidFieldsError } from "../errors.js";
import { MAGIC_NIK_KINDS } from "../plan/schema.js";

const CODES = responseCodes.map((row) => row.code) as [string, ...string[]];

/**
 * The metrics a threshold can name.
 *
 * @example
 * ```ts
 * import { LOAD_METRICS } from "@dukcapil-sandbox/conformance/load";
 * LOAD_METRICS.includes("p95"); // true
 * ```
 */
export const LOAD_METRICS = Object.freeze(["p50", "p90", "p95", "p99", "errors", "rps"] as const);

/**
 * A metric of a threshold: a latency percentile (ms), the error rate (0–1) or good answers per second.
 *
 * @example
 * ```ts
 * import type { LoadMetric } from "@dukcapil-sandbox/conformance/load";
 * const metric: LoadMetric = "p99";
 * ```
 */
export type LoadMetric = (typeof LOAD_METRICS)[number];

const THRESHOLD =
  /^\s*(p50|p90|p95|p99|errors|error_rate|rps)\s*(<=|<|>=|>)\s*(\d+(?:\.\d+)?)\s*(%|ms)?\s*$/;

/**
 * A threshold, read: `{ name: "p95<200", metric: "p95", op: "<", limit: 200 }`.
 *
 * @example
 * ```ts
 * import type { LoadThreshold } from "@dukcapil-sandbox/conformance/load";
 * const threshold: LoadThreshold = { name: "p95<200", metric: "p95", op: "<", limit: 200 };
 * ```
 */
export interface LoadThreshold {
  readonly name: string;
  readonly metric: LoadMetric;
  readonly op: "<" | "<=" | ">" | ">=";
  readonly limit: number;
}

/**
 * Reads a threshold like k6's: `p50<20`, `p95<200`, `p99<=500` (latency in ms; a trailing
 * `ms` is allowed), `errors<0.01` or `errors<1%` (error rate), `rps>100` (good answers per
 * second). Returns `undefined` for text it cannot read.
 *
 * @internal
 */
export function readThreshold(text: string): LoadThreshold | undefined {
  const match = THRESHOLD.exec(text);
  if (match === null) return undefined;
  const [, rawMetric, op, number, unit] = match as unknown as [
    string,
    string,
    LoadThreshold["op"],
    string,
    string | undefined,
  ];
  const metric = (rawMetric === "error_rate" ? "errors" : rawMetric) as LoadMetric;
  if (unit === "%" && metric !== "errors") return undefined;
  if (unit === "ms" && !metric.startsWith("p")) return undefined;
  const limit = unit === "%" ? Number(number) / 100 : Number(number);
  return { name: `${metric}${op}${unit === "%" ? `${number}%` : number}`, metric, op, limit };
}

const thresholdSchema = z.string().transform((text, context) => {
  const threshold = readThreshold(text);
  if (threshold === undefined) {
    context.addIssue({
      code: "custom",
      message: `Expected a threshold such as p95<200, p99<=500, errors<1% or rps>100 (got "${text}")`,
    });
    return z.NEVER;
  }
  return threshold;
});

const regexSchema = z.string().refine((source) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}, "Expected a valid regular expression");

/**
 * One entry of the simulator's request mix: a lookup (`CALL_NIK`) or a verify
 * (`CALL_VERIFY_BY_ELEMEN`) of a magic NIK by outcome or of random active residents, with a
 * weight. The expected answer is computed (code from the magic table, the record's NIK, the
 * verify's "Sesuai"); `expectCode` overrides the code (a wrong one makes every answer an error).
 */
const mixEntrySchema = z.strictObject({
  call: z.enum(["lookup", "verify"]).default("lookup"),
  nik: z.union([z.enum(MAGIC_NIK_KINDS), z.literal("random")]).default("random"),
  weight: z.number().positive().max(1_000_000).default(1),
  expectCode: z.enum(CODES).optional(),
});

/**
 * The default mix: mostly random residents, every magic outcome, some verify calls.
 *
 * @example
 * ```ts
 * import { DEFAULT_LOAD_MIX } from "@dukcapil-sandbox/conformance/load";
 * const verifyShare = DEFAULT_LOAD_MIX.filter((entry) => entry.call === "verify").length;
 * ```
 */
export const DEFAULT_LOAD_MIX = Object.freeze([
  { call: "lookup", nik: "random", weight: 60 },
  { call: "lookup", nik: "found", weight: 5 },
  { call: "lookup", nik: "not-found", weight: 8 },
  { call: "lookup", nik: "deceased", weight: 3 },
  { call: "lookup", nik: "duplicate", weight: 2 },
  { call: "lookup", nik: "inactive", weight: 2 },
  { call: "lookup", nik: "malformed-nik", weight: 2 },
  { call: "lookup", nik: "big-nik", weight: 3 },
  { call: "verify", nik: "random", weight: 15 },
] as const);

const urlSchema = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ""));

const simulatorTargetSchema = z.strictObject({
  kind: z.literal("simulator"),
  /** A running simulator; without it the runner starts one in-process (`population`, `seed`, `:memory:`). */
  url: urlSchema.optional(),
  /** The admin token, to provision a production-stage institution and user. */
  adminToken: z.string().min(16, "must have at least 16 characters").optional(),
  /** Use these credentials instead of provisioning (the institution's registered path and a user). */
  credentials: z
    .strictObject({
      path: z.string().min(1),
      userId: z.string().min(1),
      password: z.string().min(1),
      ipUser: z.string().min(1),
    })
    .optional(),
  population: z.int().min(1_000).max(300_000_000).default(100_000),
  seed: z.string().min(1).max(256).default("dukcapil-sandbox"),
  mix: z
    .array(mixEntrySchema)
    .min(1)
    .max(100)
    .default([...DEFAULT_LOAD_MIX]),
});

const appTargetSchema = z.strictObject({
  kind: z.literal("app"),
  /** The agency app's URL; the request template's path is relative to it. */
  url: urlSchema,
  /** The HTTP driver's request template, `{{nik}}` substituted. */
  request: httpRequestTemplateSchema,
  /** The NIKs typed, in turn (default: the magic found resident). */
  niks: z.array(z.string().min(1).max(64)).min(1).max(100_000).default(["3319041307949001"]),
  /** What a good answer is: the status (default any below 400) and a regex the body matches. */
  expect: z
    .strictObject({
      status: z.int().min(100).max(599).optional(),
      regex: regexSchema.optional(),
    })
    .default({}),
});

/**
 * The options of a load run (`runLoad`, `--config load.json`): the target, connections OR a
 * fixed rate (`rate`, autocannon's `overallRate`; with `connections` too, the rate is spread
 * over them), `durationS`, `warmupS` (a discarded run before), `timeoutS` per request,
 * `verifyBody` (a wrong answer counts as an error, not as throughput) and `thresholds`.
 * Defaults: 10 connections, 10 s, no warm-up, 10 s timeout, bodies verified, no thresholds.
 *
 * @example
 * ```ts
 * import { loadOptionsSchema } from "@dukcapil-sandbox/conformance/load";
 * const options = loadOptionsSchema.parse({
 *   target: { kind: "simulator", mix: [{ nik: "found", weight: 3 }, { call: "verify" }] },
 *   rate: 200,
 *   durationS: 5,
 *   thresholds: ["p95<50", "errors<1%"],
 * });
 * options.thresholds[0]?.metric; // "p95"
 * ```
 */
export const loadOptionsSchema = z.strictObject({
  target: z.discriminatedUnion("kind", [simulatorTargetSchema, appTargetSchema]),
  connections: z.int().min(1).max(10_000).optional(),
  rate: z.number().positive().max(1_000_000).optional(),
  durationS: z.number().positive().max(86_400).default(10),
  warmupS: z.number().min(0).max(3_600).default(0),
  timeoutS: z.number().positive().max(600).default(10),
  verifyBody: z.boolean().default(true),
  thresholds: z.array(thresholdSchema).max(50).default([]),
});

/**
 * The options of a load run as written (see {@link loadOptionsSchema}).
 *
 * @example
 * ```ts
 * import type { LoadOptionsInput } from "@dukcapil-sandbox/conformance/load";
 * const options: LoadOptionsInput = {
 *   target: { kind: "app", url: "http://127.0.0.1:3000", request: { path: "/cek?nik={{nik}}" } },
 *   connections: 4,
 *   durationS: 2,
 *   thresholds: ["p99<500"],
 * };
 * ```
 */
export type LoadOptionsInput = z.input<typeof loadOptionsSchema>;

/**
 * The options of a load run, defaults applied and thresholds read.
 *
 * @example
 * ```ts
 * import type { LoadOptions } from "@dukcapil-sandbox/conformance/load";
 * const fixedRate = (options: LoadOptions) => options.rate !== undefined;
 * ```
 */
export type LoadOptions = z.infer<typeof loadOptionsSchema>;

/**
 * Validates load options; throws `PocError` `DKS_POC_LOAD_OPTIONS_INVALID` naming the fields.
 *
 * @example
 * ```ts
 * import { parseLoadOptions } from "@dukcapil-sandbox/conformance/load";
 * parseLoadOptions({ target: { kind: "simulator" } }).durationS; // 10
 * ```
 */
export function parseLoadOptions(value: unknown, source = "the load options"): LoadOptions {
  const result = loadOptionsSchema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw invalidFieldsError("DKS_POC_LOAD_OPTIONS_INVALID", source, result.error.issues);
}
