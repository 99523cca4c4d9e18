// The public API of @dukcapil-sandbox/core. Named exports grouped by area, each group under
// its `// --- Area ---` comment; no `export *` (the surface is reviewed here, not discovered).
// Biome's organizeImports is off for this file (biome.json overrides) so the groups stay put.

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
export { maskNik, maskNikRuns } from "./nik/mask.js";
export type { NikRegionMode } from "./nik/options.js";
export type { NikReferenceDate } from "./nik/reference-date.js";
export {
  NIK_FAILURE_REASONS,
  type NikFailureReason,
  type NikMessageLanguage,
  nikFailureMessages,
} from "./nik/reasons.js";

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
  type OutcomeNameOf,
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
export {
  createQuotaLedger,
  type QuotaConsumeResult,
  type QuotaLedger,
  type QuotaLedgerOptions,
  type QuotaSemesterTotals,
  type QuotaStatus,
} from "./quota/ledger.js";
export { createMemoryQuotaStore } from "./quota/memory-store.js";
export type { QuotaDayUsage, QuotaStore, QuotaStoreConsumeResult } from "./quota/store.js";
export {
  type SemesterId,
  type SemesterRange,
  semesterOf,
  semesterRange,
} from "./quota/semester.js";

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
  type TokenMisuseCode,
  type TokenMisuseFinding,
  type TokenSharedFinding,
  type TokenUnregisteredAddressFinding,
  type TokenUsageMonitor,
  type TokenUsageMonitorOptions,
  type TokenUse,
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

// --- Wire format ---
export {
  type LosslessJsonValue,
  parseJsonLossless,
  stringifyLossless,
} from "./wire/lossless-json.js";
export {
  AGAMA_VALUES,
  DATE_ELEMENTS,
  EKTP_STATUS_VALUES,
  ELEMENT_VALUE_LISTS,
  FUZZY_VERIFY_ELEMENTS,
  GOL_DARAH_VALUES,
  JENIS_KLMIN_VALUES,
  JENIS_PKRJN_VALUES,
  NUMERIC_ELEMENT_WIDTH,
  NUMERIC_ELEMENTS,
  type NumericElement,
  PDDK_AKH_VALUES,
  PERSON_ELEMENTS,
  type PersonElement,
  RECORD_ELEMENTS,
  type RecordElement,
  STAT_HBKEL_VALUES,
  STATUS_KAWIN_VALUES,
  VERIFY_ELEMENTS,
  type VerifyElement,
  WEB_PORTAL_GRANT,
} from "./wire/fields.js";
export {
  buildEnvelope,
  ENVELOPE_KEYS,
  lenientEnvelopeSchema,
  pageEnvelopeSchema,
  QUOTA_ENVELOPE_KEYS,
  type WireEnvelope,
} from "./wire/envelope.js";
export { type NormalisedCredentials, REQUEST_KEY_SPELLINGS } from "./wire/credentials.js";
export {
  formatVerifyResult,
  normaliseNumericElement,
  normaliseWireDate,
  parseVerifyResult,
  toWireNumber,
  type VerifyFieldResult,
  verifyResultSchema,
  wireDigitsSchema,
  wireTextSchema,
} from "./wire/values.js";
export {
  type PersonRecord,
  personRecordSchema,
  type WireNumbers,
  type WireRecord,
  type WireRecordInput,
  writePersonRecord,
} from "./wire/record.js";
export {
  buildLookupFailure,
  buildLookupSuccess,
  type LookupEnvelope,
  type LookupRequest,
  type LookupWriterOptions,
  lookupErrorRecordSchema,
  lookupRequestSchema,
  lookupResponseSchema,
} from "./wire/lookup.js";
export {
  buildVerifyFailure,
  buildVerifySuccess,
  responseCodeValueSchema,
  THRESHOLD_KEY_SPELLINGS,
  type VerifyEnvelope,
  type VerifyErrorRecord,
  type VerifyRequest,
  type VerifyResults,
  type VerifyWriterOptions,
  verifyErrorRecordSchema,
  verifyRequestSchema,
  verifyResponseSchema,
  verifyResultRecordSchema,
} from "./wire/verify.js";
export {
  buildFamilyFailure,
  buildFamilySuccess,
  familyRequestSchema,
  familyResponseSchema,
} from "./wire/family.js";
export {
  buildDataBalikanRequest,
  buildDataBalikanResponse,
  DATA_BALIKAN_MESSAGES,
  DATA_BALIKAN_STATUS,
  type DataBalikanSubmission,
  dataBalikanRequestSchema,
  dataBalikanResponseSchema,
} from "./wire/data-balikan.js";

// --- Client ---
export { createDukcapilClient, type DukcapilClient } from "./client/client.js";
export { DEFAULT_ATTRIBUTION, type DukcapilClientOptions } from "./client/options.js";
export type { VerifyElementsInput } from "./client/verify-payload.js";
export {
  type DataBalikanInput,
  type DataBalikanOutcome,
  DEFAULT_DATA_BALIKAN_PATH,
} from "./client/data-balikan.js";
export {
  type AnyFailureOutcome,
  type DukcapilMethod,
  type FailureCode,
  type FailureOutcome,
  type FamilyFound,
  type FamilyOutcome,
  failureOutcome,
  familyOutcomeFromBody,
  type LookupFound,
  type LookupOutcome,
  localMalformedNikOutcome,
  lookupOutcomeFromBody,
  type UnknownOutcome,
  type VerifyFound,
  type VerifyOutcome,
  verifyOutcomeFromBody,
} from "./client/outcome.js";
export {
  DukcapilHttpError,
  DukcapilNetworkError,
  DukcapilResponseFormatError,
  DukcapilTimeoutError,
  DukcapilTransportError,
  isDukcapilHttpError,
  isDukcapilNetworkError,
  isDukcapilResponseFormatError,
  isDukcapilTimeoutError,
  isDukcapilTransportError,
} from "./client/errors.js";
export { maskedExcerpt } from "./client/redact.js";

// --- Errors ---
export {
  type CoreErrorCode,
  coreErrorRegistry,
  DukcapilCoreError,
  isDukcapilCoreError,
} from "./errors.js";
