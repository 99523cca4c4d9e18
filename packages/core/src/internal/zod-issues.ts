/**
 * Turning a zod failure into a core error (internal): one message shape, "Failed to
 * <action>: <reason>. <fix>.", and one `details.issues` shape, `{ path, message, code }`
 * per issue (never the input: it may be person data or a password).
 */
import type * as z from "zod";
import { type CoreErrorCode, DukcapilCoreError } from "../errors.js";

/**
 * One issue in `details.issues`: where (`path`) and what (`message`), and zod's issue
 * `code` when zod found it (hand-written checks leave it out).
 *
 * @internal
 */
export interface IssueDetail {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
}

/**
 * The issues of a zod error as {@link IssueDetail}s.
 *
 * @internal
 */
export function issueDetails(issues: readonly z.core.$ZodIssue[]): IssueDetail[] {
  return issues.map((issue) => ({ path: issue.path, message: issue.message, code: issue.code }));
}

/**
 * `path: message; path: message` (`(root)` for an issue on the whole value).
 *
 * @example
 * ```ts
 * summariseIssues([{ path: ["retry", "attempts"], message: "Too small", code: "too_small" }]);
 * // "retry.attempts: Too small"
 * ```
 * @internal
 */
export function summariseIssues(issues: readonly IssueDetail[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)";
      return `${path}: ${issue.message}`;
    })
    .join("; ");
}

/** Ends a sentence with exactly one full stop. */
function sentence(text: string): string {
  return text.replace(/[.\s]*$/, ".");
}

/**
 * A `DukcapilCoreError` for failed checks: "Failed to <action>: <reason>. <fix>.", where
 * the reason is the issues summarised (after `lead` when given: "the options are invalid
 * (retry.attempts: Too small)"), and `details.issues`.
 *
 * @internal
 */
export function issuesError(
  code: CoreErrorCode,
  action: string,
  issues: readonly IssueDetail[],
  fix: string,
  options: { readonly lead?: string; readonly cause?: unknown } = {},
): DukcapilCoreError {
  const summary = summariseIssues(issues);
  const reason = options.lead === undefined ? summary : `${options.lead} (${summary})`;
  return new DukcapilCoreError(
    code,
    `Failed to ${action}: ${reason.replace(/[.\s]*$/, "")}. ${sentence(fix)}`,
    { issues },
    options.cause === undefined ? undefined : { cause: options.cause },
  );
}

/**
 * {@link issuesError} for a zod error, which becomes the `cause`.
 *
 * @internal
 */
export function zodError(
  code: CoreErrorCode,
  action: string,
  error: z.ZodError,
  fix: string,
  lead?: string,
): DukcapilCoreError {
  return issuesError(code, action, issueDetails(error.issues), fix, {
    cause: error,
    ...(lead === undefined ? {} : { lead }),
  });
}
