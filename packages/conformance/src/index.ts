// The public API of @dukcapil-sandbox/conformance. Named exports grouped by area, each group
// under its `// --- Area ---` comment; no `export *`. The CLI is the `/cli` subpath.

// --- Runner ---
export { type PocProgressEvent, type RunPocOptions, runPoc } from "./runner/run.js";

// --- Plans ---
export {
  type ExpectationKind,
  MAGIC_NIK_KINDS,
  type NikSelector,
  nikSelectorSchema,
  type PlanCriterion,
  planCriterionSchema,
  type PlanExpectation,
  planExpectationSchema,
  type PlanSetup,
  planSetupSchema,
  type PlanStep,
  planStepSchema,
  type PocPlan,
  type PocPlanInput,
  pocPlanSchema,
} from "./plan/schema.js";
export { loadPlan, parsePlan, planSha256 } from "./plan/load.js";
export { standardPlan, standardPlanInput } from "./plan/standard.js";

// --- Run configuration ---
export {
  type HttpRequestTemplate,
  httpRequestTemplateSchema,
  parseRunConfig,
  type RunConfig,
  type RunConfigInput,
  runConfigSchema,
} from "./config.js";

// --- App contract and drivers ---
export type {
  AppAnswer,
  CreatePocApp,
  PocApp,
  PocAppContext,
  PocUpstream,
} from "./app/contract.js";
export type { DriverActionOptions, DriverAnswer, PocDriver } from "./drivers/types.js";
export { createModuleDriver, type PocAppModule } from "./drivers/module.js";
export { createHttpDriver, type HttpDriverOptions } from "./drivers/http.js";
export {
  type BrowserDriverConfig,
  browserDriverConfigSchema,
  type BrowserDriverOptions,
  browserFormSchema,
  createBrowserDriver,
} from "./drivers/browser.js";

// --- Errors ---
export {
  isPocError,
  PocError,
  type PocErrorCode,
  pocErrorRegistry,
} from "./errors.js";

// --- Report ---
export {
  type CriterionResult,
  type CriterionStatus,
  criterionResultSchema,
  type PocReport,
  pocReportSchema,
  type RunManifest,
  VERDICT_RULES,
} from "./report/schema.js";
export { checkReportConsistency, expectedVerdict, parseReport } from "./report/validate.js";
export { renderJson, reportJsonSchema } from "./report/json.js";
export { renderJunit } from "./report/junit.js";
export { type HtmlReportOptions, renderHtml } from "./report/html.js";
export { formatIndonesianDate, letterNumber, renderLetter } from "./report/letter.js";
export {
  loadOrCreateSigningKey,
  publicKeyFingerprint,
  type ReportSignature,
  type ReportVerification,
  type ReportVerificationCode,
  type SignedPocReport,
  type SigningKey,
  signReport,
  verifyReport,
} from "./report/sign.js";
export { REPORT_FILES, writeReports } from "./report/write.js";
export { runVerifyCli, type VerifyCliIo } from "./report/verify-cli.js";
export {
  isReportError,
  ReportError,
  type ReportErrorCode,
  reportErrorRegistry,
} from "./report/errors.js";
