/**
 * The error codes of the runner side of `@dukcapil-sandbox/conformance` (plans, run
 * configuration, drivers, the simulator connection, the CLI): one row per stable code.
 * The report side has its own registry (`reportErrorRegistry`, src/report/errors.ts); the two
 * never share a code. Codes are never reused once retired.
 */

import { CodedError } from "./coded-error.js";

/**
 * The runner error registry: for every code, what it means and what to do about it.
 *
 * @example
 * ```ts
 * import { pocErrorRegistry } from "@dukcapil-sandbox/conformance";
 * pocErrorRegistry.DKS_POC_PLAN_INVALID.fix; // what to do about an invalid plan
 * ```
 */
export const pocErrorRegistry = {
  DKS_POC_USAGE: {
    summary: "The command line is incomplete or has an unknown flag or value.",
    fix: "Run `dukcapil-sandbox poc --help` and pass the flags it lists.",
  },
  DKS_POC_PLAN_INVALID: {
    summary: "A PoC plan does not match the plan schema (`pocPlanSchema`).",
    fix: "Fix the fields named in the message (`details.issues` has every one) and run again.",
  },
  DKS_POC_PLAN_LOAD_FAILED: {
    summary:
      "A plan file cannot be read or parsed (missing file, bad JSON/YAML, a module without a plan export).",
    fix: "Check the path and the syntax; a .ts/.js plan module must `export default` the plan (or export `plan`).",
  },
  DKS_POC_CONFIG_INVALID: {
    summary:
      "The run configuration (`--config` file or `runPoc` options) does not match `runConfigSchema`.",
    fix: "Fix the fields named in the message; an http app needs `http.lookup` and `simulator.url`/`simulator.adminToken`.",
  },
  DKS_POC_APP_LOAD_FAILED: {
    summary:
      "The app under test cannot be loaded: the module is missing, fails to import, has no `createPocApp`, or `createPocApp` threw.",
    fix: "Check the path given to `--app`; the module must export `createPocApp(context)` (see src/app/contract.ts).",
  },
  DKS_POC_SIMULATOR_UNAVAILABLE: {
    summary:
      "The simulator cannot be started, or the one named in the run configuration does not answer its admin API.",
    fix: "Check `simulator.url` and `simulator.adminToken` (the token `npm start` printed), or let the runner start its own simulator for a module app.",
  },
  DKS_POC_SETUP_FAILED: {
    summary:
      "A criterion's setup could not be applied or restored through the simulator's admin API.",
    fix: "Read the cause; for a remote simulator give `simulator.password` (needed to restore the user's password) and check that the institution and user exist.",
  },
  DKS_POC_BROWSER_UNAVAILABLE: {
    summary:
      "The browser driver cannot start: Chromium is not installed where it looks, or playwright-core is missing.",
    fix: "Install Debian's chromium (`apt-get install chromium`) or set CHROMIUM_PATH, and `npm install --save-dev playwright-core`.",
  },
  DKS_POC_DRIVER_FAILED: {
    summary:
      "The driver could not make the app do an action (the app threw, did not answer in time, or its HTTP request failed).",
    fix: "Read the action's `error` in the report; the criterion that ran it fails with this cause.",
  },
  DKS_POC_LOAD_OPTIONS_INVALID: {
    summary:
      "The options of a load run (`runLoad`, `--config load.json` or the `load` flags) do not match `loadOptionsSchema`, or a threshold such as `p95<200` cannot be read.",
    fix: "Fix the fields named in the message; run `dukcapil-sandbox load --help` for the flags and the threshold syntax (p50, p95, p99, errors, rps).",
  },
  DKS_POC_LOAD_SETUP_FAILED: {
    summary:
      "A load run could not start: the simulator did not answer, the production-stage institution and user could not be provisioned, or the target refused every request before the run.",
    fix: "Check `--simulator-url` and `--admin-token` (or give `credentials`), that the app is running at the target URL, and read the cause in the message.",
  },
} as const satisfies Record<string, { summary: string; fix: string }>;

/**
 * A stable error code of the runner side: a key of {@link pocErrorRegistry}.
 *
 * @example
 * ```ts
 * import { type PocErrorCode, pocErrorRegistry } from "@dukcapil-sandbox/conformance";
 * const code: PocErrorCode = "DKS_POC_CONFIG_INVALID";
 * pocErrorRegistry[code].fix;
 * ```
 */
export type PocErrorCode = keyof typeof pocErrorRegistry;

/**
 * An error of the runner (plan, configuration, driver, simulator), with a stable `code`,
 * frozen `details` and an optional `cause`. Messages never carry an unmasked NIK.
 *
 * @example
 * ```ts
 * import { loadPlan, PocError } from "@dukcapil-sandbox/conformance";
 * try {
 *   await loadPlan("./missing-plan.yaml");
 * } catch (error) {
 *   if (error instanceof PocError) console.error(error.code); // "DKS_POC_PLAN_LOAD_FAILED"
 * }
 * ```
 */
export class PocError extends CodedError<PocErrorCode> {
  override readonly name = "PocError";
}

/**
 * True when `value` is a {@link PocError}, optionally with the given code.
 *
 * @example
 * ```ts
 * import { isPocError, loadPlan } from "@dukcapil-sandbox/conformance";
 * try {
 *   await loadPlan("plan.yaml");
 * } catch (error) {
 *   if (isPocError(error, "DKS_POC_PLAN_INVALID")) console.error(error.details.issues);
 * }
 * ```
 */
export function isPocError(value: unknown, code?: PocErrorCode): value is PocError {
  return value instanceof PocError && (code === undefined || value.code === code);
}

/**
 * Zod issues as `path: message` lines, the path dotted (`criteria.3.expect.kind`).
 *
 * @internal
 */
export function issueLines(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return `${path === "" ? "(root)" : path}: ${issue.message}`;
  });
}

/**
 * The `PocError` for a value that failed its schema: the first five issues in the message,
 * every one in `details.issues`, and where the value came from in `details.source`.
 *
 * @internal
 */
export function invalidFieldsError(
  code: PocErrorCode,
  source: string,
  zodIssues: Parameters<typeof issueLines>[0],
): PocError {
  const issues = issueLines(zodIssues);
  return new PocError(
    code,
    `Failed to read ${source}: ${issues.slice(0, 5).join("; ")}. Fix the named fields.`,
    { issues, source },
  );
}
