/**
 * Findings of the usage-pattern detector: plain values, one per pattern episode.
 */
import { type UsagePatternCode, type UsagePatternSeverity, usagePatternKind } from "./kinds.js";
import type { ResolvedUsagePatternOptions } from "./options.js";

/**
 * What a finding rests on. NIKs are listed in full: findings belong next to the request
 * journal, the one place that keeps full data; mask them before logging anywhere else.
 *
 * @example
 * ```ts
 * import type { UsagePatternEvidence, UsagePatternFinding } from "@dukcapil-sandbox/core";
 * const summary = (finding: UsagePatternFinding) => {
 *   const evidence: UsagePatternEvidence = finding.evidence;
 *   return `${finding.code}: ${evidence.count} (${evidence.niks.length} NIKs listed)`;
 * };
 * ```
 */
export interface UsagePatternEvidence {
  /** The NIKs of the pattern in the order they were looked up; at most `evidenceMaxNiks` of them. */
  readonly niks: readonly string[];
  /**
   * How many lookups (burst), NIKs in progression (sequential), distinct NIKs (12-digit sweep)
   * or consecutive birth dates (district sweep) the pattern has covered so far.
   */
  readonly count: number;
  /** Time of the first lookup of the pattern, epoch milliseconds. */
  readonly firstAt: number;
  /** Time of the latest lookup that extended the pattern, epoch milliseconds. */
  readonly lastAt: number;
  /**
   * Sequential only: the common difference of the 16-digit NIK values, negative when the
   * NIKs were looked up in descending order (1 = serial +1; 100000000 = the day digits +1).
   */
  readonly step?: number;
  /**
   * Sweep only: the shared prefix. Twelve digits (region and birth date) for a sweep of one
   * prefix; six digits (the district) for a sweep of consecutive birth dates.
   */
  readonly prefix?: string;
}

/**
 * One usage pattern the detector has found.
 *
 * @example
 * ```ts
 * import { detectUsagePatterns, type UsagePatternFinding } from "@dukcapil-sandbox/core";
 * const t = Date.parse("2026-03-02T09:00:00+07:00");
 * const findings: UsagePatternFinding[] = detectUsagePatterns(
 *   [1, 2, 3, 4].map((serial, i) => ({ at: t + i * 60_000, nik: `320401120390000${serial}` })),
 * );
 * findings[0]?.code; // "PATTERN_SEQUENTIAL"
 * ```
 */
export interface UsagePatternFinding {
  readonly code: UsagePatternCode;
  readonly severity: UsagePatternSeverity;
  /** When the finding was raised: the time of the lookup that crossed the threshold. */
  readonly at: number;
  readonly evidence: UsagePatternEvidence;
  /** One English sentence for logs and reports; it names no NIK. */
  readonly message: string;
}

/**
 * The detector's mutable record behind a finding, extended while its episode lasts
 * (internal: findings handed out are copies).
 */
export interface FindingRecord {
  readonly code: UsagePatternCode;
  readonly at: number;
  readonly niks: string[];
  count: number;
  firstAt: number;
  lastAt: number;
  step?: number;
  prefix?: string;
}

/**
 * Appends `nik` to a record's evidence unless the evidence list is full.
 */
export function addEvidence(record: FindingRecord, nik: string, max: number): void {
  if (record.niks.length < max) record.niks.push(nik);
}

function isoOrMs(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? `${ms} ms` : date.toISOString();
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function stepPart(step: number): string {
  const size = Math.abs(step);
  if (size < 10_000) return "serial";
  if (size < 10_000_000_000) return "birth-date";
  return "region";
}

type Describe = (record: FindingRecord, options: ResolvedUsagePatternOptions) => string;

const describe: { readonly [C in UsagePatternCode]: Describe } = {
  PATTERN_SEQUENTIAL: (r) =>
    `${r.count} distinct NIKs in arithmetic progression (step ${signed(r.step ?? 0)}, in the ${stepPart(r.step ?? 0)} digits) were looked up between ${isoOrMs(r.firstAt)} and ${isoOrMs(r.lastAt)}.`,
  PATTERN_PREFIX_SWEEP: (r) =>
    (r.prefix ?? "").length === 12
      ? `${r.count} distinct NIKs sharing one 12-digit region and birth-date prefix were looked up between ${isoOrMs(r.firstAt)} and ${isoOrMs(r.lastAt)}.`
      : `NIKs of one district covering ${r.count} consecutive birth dates were looked up between ${isoOrMs(r.firstAt)} and ${isoOrMs(r.lastAt)}.`,
  PATTERN_BURST: (r, o) =>
    `${r.count} lookups between ${isoOrMs(r.firstAt)} and ${isoOrMs(r.lastAt)}: more than ${o.burstMaxHits} within ${o.burstWindowMs / 1000} s.`,
};

/**
 * A finding as handed out: a frozen copy of the record as it stands now.
 */
export function toFinding(
  record: FindingRecord,
  options: ResolvedUsagePatternOptions,
): UsagePatternFinding {
  const evidence: UsagePatternEvidence = Object.freeze({
    niks: Object.freeze([...record.niks]),
    count: record.count,
    firstAt: record.firstAt,
    lastAt: record.lastAt,
    ...(record.step === undefined ? {} : { step: record.step }),
    ...(record.prefix === undefined ? {} : { prefix: record.prefix }),
  });
  return Object.freeze({
    code: record.code,
    severity: usagePatternKind(record.code)?.severity ?? "warning",
    at: record.at,
    evidence,
    message: describe[record.code](record, options),
  });
}
