// The public API of @dukcapil-sandbox/core. One named export per line, grouped by
// area; no `export *` (the surface is reviewed here, not discovered).

// --- Errors ---
export {
  type CoreErrorCode,
  coreErrorRegistry,
  DukcapilCoreError,
  isDukcapilCoreError,
} from "./errors.js";

// --- Time ---
export {
  type Clock,
  createManualClock,
  DAY_MS,
  JAKARTA_OFFSET_MS,
  jakartaDay,
  nextJakartaMidnight,
  systemClock,
} from "./time.js";

// --- NIK ---
export {
  type NikParseFailure,
  type NikSex,
  type ParsedNik,
  type ParseNikOptions,
  type ParseNikResult,
  parseNik,
} from "./nik/parse.js";
export { type MakeNikOptions, makeNik, type NikParts } from "./nik/make.js";
export { maskNik } from "./nik/mask.js";
export {
  NIK_FAILURE_REASONS,
  type NikFailureReason,
  type NikMessageLanguage,
  nikFailureMessages,
} from "./nik/reasons.js";
export type { NikReferenceDate } from "./nik/century.js";
export type { NikRegionMode } from "./nik/options.js";

// --- Regions ---
export {
  CURRENT_REGION_SOURCE,
  LEGACY_REGION_SOURCE,
  listDistricts,
  listProvinces,
  listRegencies,
  lookupDistrict,
  lookupProvince,
  lookupRegency,
  type RegionCounts,
  type RegionEntry,
  type RegionMode,
  regionCounts,
  regionTablesLoaded,
} from "./regions/table.js";

// --- Response codes ---
export {
  matchResponseText,
  type OutcomeName,
  outcomeRow,
  type ResponseCategory,
  type ResponseCode,
  type ResponseCodeRow,
  type RetryAdvice,
  requestCheckOrder,
  responseCodeRow,
  responseCodes,
} from "./catalogue/response-codes.js";

// --- Quota ---
export {
  parseQuotaPolicy,
  type QuotaPolicy,
  type QuotaPolicyPreset,
  type QuotaPresetId,
  type QuotaPresetSource,
  quotaPolicyFor,
  quotaPolicyPresets,
  quotaPolicySchema,
} from "./quota/policy.js";
export { type SemesterId, type SemesterRange, semesterOf, semesterRange } from "./quota/semester.js";
export type { QuotaDayUsage, QuotaStore, QuotaStoreConsumeResult } from "./quota/store.js";
export { createMemoryQuotaStore } from "./quota/memory-store.js";
export {
  createQuotaLedger,
  type QuotaConsumeResult,
  type QuotaLedger,
  type QuotaLedgerOptions,
  type QuotaSemesterTotals,
  type QuotaStatus,
} from "./quota/ledger.js";

// --- Token ---
export {
  TOKEN_ID_BYTES,
  TOKEN_PREFIX,
  TOKEN_SECRET_BYTES,
  type TokenRecord,
  type TokenRevocation,
  tokenIdOf,
  tokenRecordSchema,
} from "./token/record.js";
export {
  type IssuedToken,
  type IssueTokenOptions,
  issueToken,
  type ReapplyTokenOptions,
  type RevokeTokenOptions,
  type RotatedToken,
  type RotateTokenOptions,
  reapplyToken,
  revokeToken,
  rotateToken,
} from "./token/issue.js";
export { type TokenState, type TokenStateOptions, tokenState } from "./token/state.js";
export {
  type TokenRefusalReason,
  type TokenVerification,
  type VerifyTokenOptions,
  verifyToken,
} from "./token/verify.js";
export {
  createTokenUsageMonitor,
  type TokenAddressSighting,
  type TokenSharedFinding,
  type TokenUse,
  type TokenUsageMonitor,
  type TokenUsageMonitorOptions,
} from "./token/monitor.js";
export { constantTimeEqual } from "./token/bytes.js";

// --- Usage patterns ---
export {
  createUsagePatternDetector,
  detectUsagePatterns,
  type UsagePatternDetector,
} from "./patterns/detector.js";
export type { UsageEvent, UsagePatternDetectorStats } from "./patterns/engine.js";
export type { UsagePatternEvidence, UsagePatternFinding } from "./patterns/findings.js";
export {
  type UsagePatternCode,
  type UsagePatternKindRow,
  type UsagePatternSeverity,
  usagePatternKind,
  usagePatternKinds,
} from "./patterns/kinds.js";
export {
  type ResolvedUsagePatternOptions,
  type UsagePatternOptions,
  usagePatternDefaults,
  usagePatternOptionsSchema,
} from "./patterns/options.js";
