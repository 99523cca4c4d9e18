// Types of scripts/audit.mjs (for its test, packages/conformance/test/dependency-audit.test.ts).

/** Severities that fail the audit. */
export declare const FAILING_SEVERITIES: readonly string[];

/** The verdict on one `npm audit --json` output. */
export interface AuditJudgement {
  readonly status: "clean" | "vulnerable" | "not-checked" | "error";
  readonly exitCode: 0 | 1;
  readonly lines: string[];
  readonly packages: { name: string; severity: string }[];
}

/** Judges the standard output of `npm audit --json`. */
export declare function judgeAudit(
  stdout: string,
  options?: { required?: boolean; exitCode?: number | null; stderr?: string },
): AuditJudgement;

/** Runs npm audit (or reads `--from <file>`) and returns the exit code. */
export declare function main(
  argv?: readonly string[],
  env?: Record<string, string | undefined>,
): number;
