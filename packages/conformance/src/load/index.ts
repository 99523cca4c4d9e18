// The public API of @dukcapil-sandbox/conformance/load: the load runner (autocannon), its
// options schema, its outputs and its CLI. Named exports; no `export *`.

// --- CLI ---
export { DEFAULT_LOAD_DIR, LOAD_USAGE, type LoadCliIo, runLoadCli } from "./cli.js";
// --- Outputs ---
export {
  LOAD_REPORT_FILES,
  renderLoadHtml,
  renderLoadJson,
  renderLoadJunit,
  writeLoadReports,
} from "./report.js";
// --- Runner ---
export {
  type LoadHistogramBar,
  type LoadProgress,
  type LoadResult,
  type LoadSecond,
  type LoadSummary,
  type LoadThresholdResult,
  type RunLoadHooks,
  runLoad,
} from "./run.js";
// --- Options ---
export {
  DEFAULT_LOAD_MIX,
  LOAD_METRICS,
  type LoadMetric,
  type LoadOptions,
  type LoadOptionsInput,
  type LoadThreshold,
  loadOptionsSchema,
  parseLoadOptions,
} from "./schema.js";
