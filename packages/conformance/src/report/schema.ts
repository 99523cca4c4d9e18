/**
 * The one report object of a PoC run. Every renderer (JSON, JUnit XML, HTML, the Indonesian
 * result letter) reads this shape and nothing else; the JSON Schema is generated from it.
 * NIKs in a report are always masked (`3204**********01`).
 */
import * as z from "zod";

/**
 * The fixed verdict rules, printed in every report (decisions/007).
 *
 * @example
 * ```ts
 * import { VERDICT_RULES } from "@dukcapil-sandbox/conformance";
 * VERDICT_RULES[1]; // "Skipped is not passed: a skipped mandatory criterion fails the run."
 * ```
 */
export const VERDICT_RULES = Object.freeze([
  "The run passes only if every mandatory criterion passes.",
  "Skipped is not passed: a skipped mandatory criterion fails the run.",
  "A criterion whose expected failure does not happen fails.",
  "An error while evaluating a criterion is a failure of that criterion.",
  "Advisory criteria are reported and never change the verdict.",
] as const);

/**
 * The status of one criterion: `passed`, `failed`, `skipped` or `error`.
 *
 * @example
 * ```ts
 * import { type CriterionStatus, criterionResultSchema } from "@dukcapil-sandbox/conformance";
 * const status: CriterionStatus = "skipped"; // not passed: fails the run when mandatory
 * criterionResultSchema.shape.status.options; // ["passed", "failed", "skipped", "error"]
 * ```
 */
export const criterionStatusSchema = z.enum(["passed", "failed", "skipped", "error"]);
/**
 * The status of one criterion (see {@link criterionStatusSchema}).
 *
 * @example
 * ```ts
 * import type { CriterionStatus } from "@dukcapil-sandbox/conformance";
 * const status: CriterionStatus = "error"; // counts as a failure of the criterion
 * ```
 */
export type CriterionStatus = z.infer<typeof criterionStatusSchema>;

/** One upstream request seen in the simulator's journal during a criterion (NIK masked). */
export const evidenceRequestSchema = z.object({
  at: z.string(),
  /** Milliseconds since the run started. */
  tMs: z.number(),
  endpoint: z.string(),
  nikMasked: z.string().nullable(),
  code: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  latencyMs: z.number().nullable(),
  findings: z.array(z.string()),
});

/** One driver action (an operator's lookup or end of day) and what the app answered. */
export const evidenceActionSchema = z.object({
  action: z.enum(["lookup", "endOfDay"]),
  nikMasked: z.string().nullable(),
  tMs: z.number(),
  durationMs: z.number(),
  status: z.number().int().nullable(),
  /** The start of the app's answer, person data masked or cut; null when the driver failed. */
  excerpt: z.string().nullable(),
  error: z.string().nullable(),
});

/**
 * The result of one criterion in a report: what it checks, its status, a one-sentence summary,
 * its individual checks and its evidence (app actions, upstream requests, notes; NIKs masked).
 * `startedAtMs` is milliseconds since the run started, like `tMs`.
 *
 * @example
 * ```ts
 * import { criterionResultSchema } from "@dukcapil-sandbox/conformance";
 * declare const value: unknown;
 * const result = criterionResultSchema.safeParse(value);
 * if (result.success) console.log(result.data.id, result.data.status);
 * ```
 */
export const criterionResultSchema = z.object({
  id: z.string().regex(/^POC-[A-Z]+-\d{2}$/),
  title: z.string(),
  clause: z.string(),
  mandatory: z.boolean(),
  status: criterionStatusSchema,
  /** One sentence: why it passed or failed, what to fix. */
  summary: z.string(),
  /** Individual checks of the expectation, each with its own outcome. */
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
  evidence: z.object({
    actions: z.array(evidenceActionSchema),
    requests: z.array(evidenceRequestSchema),
    notes: z.array(z.string()),
  }),
  startedAtMs: z.number(),
  durationMs: z.number(),
});
/**
 * The result of one criterion (see {@link criterionResultSchema}).
 *
 * @example
 * ```ts
 * import type { CriterionResult, PocReport } from "@dukcapil-sandbox/conformance";
 * declare const report: PocReport;
 * const toFix: CriterionResult[] = report.criteria.filter((c) => c.mandatory && c.status !== "passed");
 * ```
 */
export type CriterionResult = z.infer<typeof criterionResultSchema>;

export const manifestSchema = z.object({
  suite: z.object({ name: z.literal("@dukcapil-sandbox/conformance"), version: z.string() }),
  plan: z.object({ id: z.string(), title: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  simulator: z.object({
    version: z.string(),
    seed: z.string(),
    population: z.number().int().positive(),
    datasetSha256: z.string().regex(/^[0-9a-f]{64}$/),
    url: z.string(),
  }),
  app: z.object({
    driver: z.enum(["module", "http", "browser"]),
    target: z.string(),
    name: z.string(),
  }),
  institution: z.object({ id: z.string(), path: z.string(), name: z.string() }),
  runId: z.string(),
  /**
   * The run's limits and choices (added compatibly; absent in reports of older runners): the
   * app's timeout and retry budget, the grace, the attribution notice checked, and the seed the
   * random residents and canaries were drawn from (same seed, same NIKs).
   */
  run: z
    .object({
      appTimeoutMs: z.number().int(),
      maxRetries: z.number().int(),
      graceMs: z.number().int(),
      attribution: z.string(),
      selectionSeed: z.string(),
    })
    .optional(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  node: z.string(),
});
/**
 * The manifest of a run: suite version, plan id and hash, simulator seed and dataset hash, the
 * app and institution, the run's id and times.
 *
 * @example
 * ```ts
 * import type { PocReport, RunManifest } from "@dukcapil-sandbox/conformance";
 * declare const report: PocReport;
 * const manifest: RunManifest = report.manifest;
 * manifest.plan.sha256; // SHA-256 of the plan's canonical JSON
 * ```
 */
export type RunManifest = z.infer<typeof manifestSchema>;

/** The production access specification, stated in a passing report (Juknis II.D.2c). */
export const productionSpecSchema = z.object({
  endpoint: z.string(),
  methods: z.array(z.string()),
  grant: z.array(z.string()),
  quota: z.literal("unlimited"),
});

export const signatureSchema = z.object({
  algorithm: z.literal("Ed25519"),
  /** SPKI public key, PEM. */
  publicKeyPem: z.string(),
  /** SHA-256 of the DER public key, hex. */
  keyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  /** Base64 signature over the RFC 8785 canonical JSON of the report without `signature`. */
  value: z.string(),
});

/**
 * The one report object of a PoC run (zod). Renderers read only this shape; the JSON Schema of
 * `report.json` is generated from it (`reportJsonSchema`).
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { pocReportSchema } from "@dukcapil-sandbox/conformance";
 * const report = pocReportSchema.parse(JSON.parse(readFileSync("poc-report/report.json", "utf8")));
 * report.verdict; // "passed" | "failed"
 * ```
 */
export const pocReportSchema = z.object({
  schemaVersion: z.literal(1),
  manifest: manifestSchema,
  verdict: z.enum(["passed", "failed"]),
  verdictRules: z.array(z.string()),
  counts: z.object({
    passed: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    error: z.number().int(),
  }),
  criteria: z.array(criterionResultSchema),
  /** Present only when the verdict is passed. */
  production: productionSpecSchema.nullable(),
  signature: signatureSchema.optional(),
});
/**
 * A PoC report (see {@link pocReportSchema}).
 *
 * @example
 * ```ts
 * import type { PocReport } from "@dukcapil-sandbox/conformance";
 * declare const report: PocReport;
 * if (report.verdict === "passed") console.log(report.production?.quota); // "unlimited"
 * ```
 */
export type PocReport = z.infer<typeof pocReportSchema>;
