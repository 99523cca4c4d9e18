/**
 * Validation of a report beyond its types: the schema at runtime, and the verdict rules
 * (a verdict, its counts and its production specification must follow from the criteria).
 */
import type * as z from "zod";
import { ReportError } from "./errors.js";
import { type PocReport, pocReportSchema, VERDICT_RULES } from "./schema.js";

/** At most this many schema issues are named in a message (all are in `details.issues`). */
const ISSUES_IN_MESSAGE = 5;

/**
 * The zod issues of a failed parse as `path: message` lines.
 *
 * @internal
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return `${path === "" ? "(report)" : path}: ${issue.message}`;
  });
}

/**
 * The issues as one clause for a message, cut after a few.
 *
 * @internal
 */
export function issuesClause(lines: readonly string[]): string {
  const shown = lines.slice(0, ISSUES_IN_MESSAGE).join("; ");
  const more = lines.length - ISSUES_IN_MESSAGE;
  return more > 0 ? `${shown}; and ${more} more` : shown;
}

/**
 * Checks `value` against {@link pocReportSchema} and returns the parsed report (members in
 * schema order, unknown members dropped); throws a `ReportError` with code
 * `DKS_POC_REPORT_INVALID` naming the fields that failed.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { parseReport } from "@dukcapil-sandbox/conformance";
 * const report = parseReport(JSON.parse(readFileSync("poc-report/report.json", "utf8")));
 * report.verdict; // "passed" | "failed"
 * ```
 */
export function parseReport(value: unknown): PocReport {
  const result = pocReportSchema.safeParse(value);
  if (!result.success) {
    const issues = describeIssues(result.error.issues);
    throw new ReportError(
      "DKS_POC_REPORT_INVALID",
      `Failed to read the PoC report: it does not match the report schema (${issuesClause(issues)}). Pass the report object built by the runner, or the unedited report.json.`,
      { issues },
    );
  }
  return result.data;
}

/**
 * The verdict a report's criteria call for under the fixed verdict rules: passed only when
 * every mandatory criterion passed (skipped and error are not passed; advisory criteria
 * never count).
 *
 * @example
 * ```ts
 * import { expectedVerdict, type PocReport } from "@dukcapil-sandbox/conformance";
 * declare const report: PocReport;
 * expectedVerdict(report.criteria) === report.verdict; // true for a consistent report
 * ```
 */
export function expectedVerdict(
  criteria: readonly Pick<PocReport["criteria"][number], "mandatory" | "status">[],
): PocReport["verdict"] {
  return criteria.every((criterion) => !criterion.mandatory || criterion.status === "passed")
    ? "passed"
    : "failed";
}

/**
 * The ways a report's summary contradicts its criteria, as sentences; empty when consistent.
 * Checked: the verdict follows the verdict rules; `counts` tally the statuses of all criteria
 * (advisory included); `verdictRules` are the fixed {@link VERDICT_RULES}; `production` is
 * present exactly when the verdict is passed; criterion ids are unique.
 *
 * @example
 * ```ts
 * import { checkReportConsistency, type PocReport } from "@dukcapil-sandbox/conformance";
 * declare const report: PocReport;
 * const problems = checkReportConsistency(report);
 * if (problems.length > 0) throw new Error(problems.join(" "));
 * ```
 */
export function checkReportConsistency(report: PocReport): string[] {
  const problems: string[] = [];
  const verdict = expectedVerdict(report.criteria);
  if (report.verdict !== verdict) {
    const blocking = report.criteria
      .filter((criterion) => criterion.mandatory && criterion.status !== "passed")
      .map((criterion) => `${criterion.id} (${criterion.status})`);
    problems.push(
      verdict === "failed"
        ? `The verdict is "${report.verdict}" but mandatory criteria did not pass: ${blocking.join(", ")}.`
        : `The verdict is "${report.verdict}" but every mandatory criterion passed.`,
    );
  }
  const tally = { passed: 0, failed: 0, skipped: 0, error: 0 };
  for (const criterion of report.criteria) tally[criterion.status]++;
  for (const status of ["passed", "failed", "skipped", "error"] as const) {
    if (report.counts[status] !== tally[status]) {
      problems.push(
        `counts.${status} is ${report.counts[status]} but ${tally[status]} criteria have status "${status}".`,
      );
    }
  }
  if (
    report.verdictRules.length !== VERDICT_RULES.length ||
    report.verdictRules.some((rule, index) => rule !== VERDICT_RULES[index])
  ) {
    problems.push("verdictRules are not the fixed verdict rules of the suite.");
  }
  if (report.verdict === "passed" && report.production === null) {
    problems.push("The verdict is passed but the production access specification is missing.");
  }
  if (report.verdict === "failed" && report.production !== null) {
    problems.push("The verdict is failed but a production access specification is given.");
  }
  const seen = new Set<string>();
  for (const criterion of report.criteria) {
    if (seen.has(criterion.id)) problems.push(`Criterion ${criterion.id} appears more than once.`);
    seen.add(criterion.id);
  }
  return problems;
}
