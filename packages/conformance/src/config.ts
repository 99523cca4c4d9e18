/**
 * The run configuration (`--config run.json`, or `runPoc({ config })`): one strict zod
 * schema with defaults and units in the names. It describes the app's own limits (timeout,
 * retries), the notice it must show, where it may store files, how to drive an HTTP app and
 * which simulator to use.
 */
import { DEFAULT_ATTRIBUTION } from "@dukcapil-sandbox/core";
import * as z from "zod";
import { browserDriverConfigSchema } from "./drivers/browser.js";
import { invalidFieldsError } from "./errors.js";

const httpMethod = z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]);

/**
 * A request template of the HTTP driver: `{{nik}}` is replaced in `path` (URL-encoded),
 * `headers` and `body` (JSON-escaped when the body is JSON). `path` is relative to the app
 * URL given to `--app` (or absolute).
 *
 * @example
 * ```ts
 * import { httpRequestTemplateSchema } from "@dukcapil-sandbox/conformance";
 * httpRequestTemplateSchema.parse({ method: "POST", path: "/cek", body: '{"nik":"{{nik}}"}',
 *   headers: { "content-type": "application/json" } });
 * ```
 */
export const httpRequestTemplateSchema = z.strictObject({
  method: httpMethod.default("GET"),
  path: z.string().min(1),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
});

/**
 * A request template (see {@link httpRequestTemplateSchema}).
 *
 * @example
 * ```ts
 * import type { HttpRequestTemplate } from "@dukcapil-sandbox/conformance";
 * const lookup: HttpRequestTemplate = { method: "GET", path: "/cek?nik={{nik}}", headers: {} };
 * ```
 */
export type HttpRequestTemplate = z.infer<typeof httpRequestTemplateSchema>;

/**
 * The run configuration. Defaults: `appTimeoutMs` 5000, `maxRetries` 2, `graceMs` 1000,
 * `settleMs` 250, `attribution` core's `DEFAULT_ATTRIBUTION`, a simulator of 100,000
 * residents with seed `dukcapil-sandbox` started in-process.
 *
 * - `appTimeoutMs`, `maxRetries` — the app's own limits: it must answer its user within
 *   `appTimeoutMs` (+ `graceMs`) and make at most `maxRetries` + 1 upstream attempts per action.
 * - `settleMs` — how long the runner waits after a criterion's last action before reading the
 *   journal (late retries show up); resilience and quota criteria wait `graceMs`.
 * - `storage.paths` — files and directories the app declares as its storage (scanned by the
 *   zero-storage criterion), besides `storageDir` of a module app.
 * - `simulator` — connect to a running simulator (`url`, `adminToken`), the institution and
 *   user ID the app uses and, to restore it after the wrong-password criterion, its password.
 *   Without it the runner starts its own (`seed`, `population`).
 * - `http` — the HTTP driver's request templates (`lookup`, optional `endOfDay`).
 * - `browser` — the browser driver's forms (`lookup`, optional `endOfDay`, `executablePath`):
 *   when present, an `http(s)://` app is operated in headless Chromium instead of over HTTP.
 * - `production` — the production specification stated in a passing report.
 *
 * @example
 * ```ts
 * import { runConfigSchema } from "@dukcapil-sandbox/conformance";
 * const config = runConfigSchema.parse({ appTimeoutMs: 2000 });
 * config.maxRetries; // 2
 * ```
 */
export const runConfigSchema = z
  .strictObject({
    appTimeoutMs: z.int().min(100).max(600_000).default(5_000),
    maxRetries: z.int().min(0).max(10).default(2),
    graceMs: z.int().min(0).max(60_000).default(1_000),
    settleMs: z.int().min(0).max(60_000).default(250),
    attribution: z.string().trim().min(1).max(500).default(DEFAULT_ATTRIBUTION),
    seed: z.string().min(1).max(256).default("dukcapil-sandbox"),
    population: z.int().min(1_000).max(300_000_000).default(100_000),
    /** Seed of the random residents and canaries; default: from the simulator seed and the plan hash. */
    selectionSeed: z.string().min(1).max(256).optional(),
    storage: z
      .strictObject({ paths: z.array(z.string().min(1)).default([]) })
      .default({ paths: [] }),
    simulator: z
      .strictObject({
        url: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, "")),
        adminToken: z.string().min(16, "must have at least 16 characters"),
        institutionId: z.string().min(1).default("dinsos-3204"),
        userId: z.string().min(1).optional(),
        password: z.string().min(1).optional(),
      })
      .optional(),
    http: z
      .strictObject({
        lookup: httpRequestTemplateSchema,
        endOfDay: httpRequestTemplateSchema.optional(),
      })
      .optional(),
    /** The browser driver's forms: with it, an `http(s)://` app is operated in headless Chromium. */
    browser: browserDriverConfigSchema.optional(),
    production: z
      .strictObject({
        endpoint: z.string().min(1),
        methods: z.array(z.string().min(1)).min(1).default(["CALL_NIK"]),
        grant: z.array(z.string().min(1)).min(1).optional(),
      })
      .optional(),
  })
  .refine((config) => config.appTimeoutMs + config.graceMs <= 600_000, {
    message: "appTimeoutMs + graceMs must be at most 600000",
    path: ["graceMs"],
  });

/**
 * The run configuration as written (every field optional).
 *
 * @example
 * ```ts
 * import type { RunConfigInput } from "@dukcapil-sandbox/conformance";
 * const config: RunConfigInput = { appTimeoutMs: 2000, storage: { paths: ["./var"] } };
 * ```
 */
export type RunConfigInput = z.input<typeof runConfigSchema>;

/**
 * The run configuration, defaults applied.
 *
 * @example
 * ```ts
 * import type { RunConfig } from "@dukcapil-sandbox/conformance";
 * const deadline = (config: RunConfig) => config.appTimeoutMs + config.graceMs;
 * ```
 */
export type RunConfig = z.infer<typeof runConfigSchema>;

/**
 * Validates a run configuration; throws `PocError` `DKS_POC_CONFIG_INVALID` naming the fields.
 *
 * @example
 * ```ts
 * import { parseRunConfig } from "@dukcapil-sandbox/conformance";
 * parseRunConfig({ appTimeoutMs: 2000 }).graceMs; // 1000
 * ```
 */
export function parseRunConfig(value: unknown, source = "the run configuration"): RunConfig {
  const result = runConfigSchema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw invalidFieldsError("DKS_POC_CONFIG_INVALID", source, result.error.issues);
}
