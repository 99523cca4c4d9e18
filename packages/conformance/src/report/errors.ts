/**
 * The error codes of the report side of `@dukcapil-sandbox/conformance`: one row per stable code.
 *
 * The same codes name the thrown errors ({@link ReportError}: an invalid report given to a
 * renderer, an unreadable signing key, a failed write) and the failures of
 * `verifyReport` (which returns them as values: a tampered report is an outcome, not a bug).
 * Codes are never reused once retired.
 */

import { CodedError } from "../coded-error.js";

/**
 * The report error registry: for every code, what it means and what to do about it.
 *
 * @example
 * ```ts
 * import { reportErrorRegistry } from "@dukcapil-sandbox/conformance";
 * reportErrorRegistry.DKS_POC_SIGNATURE_INVALID.fix; // what to do about a tampered report
 * ```
 */
export const reportErrorRegistry = {
  DKS_POC_REPORT_INVALID: {
    summary: "A value given as a PoC report does not match the report schema (`pocReportSchema`).",
    fix: "Read `details.issues` for the fields that failed; a report file must be the `report.json` written by `dukcapil-sandbox poc`, unedited.",
  },
  DKS_POC_REPORT_INCONSISTENT: {
    summary:
      "A report's verdict, counts, verdict rules or production specification do not follow from its criteria.",
    fix: "Read `details.problems`; a report produced by the runner is always consistent, so this one was built by hand or by a buggy runner. Run the PoC again.",
  },
  DKS_POC_SIGNATURE_MISSING: {
    summary: "The report has no `signature` member.",
    fix: "Run the PoC again with `dukcapil-sandbox poc` (it signs every report), or sign it with `signReport`.",
  },
  DKS_POC_SIGNATURE_INVALID: {
    summary:
      "The Ed25519 signature does not match the report's content, or the embedded key or fingerprint is malformed.",
    fix: "The report was changed after it was signed: do not trust its verdict. Ask for the original `report.json`, or run the PoC again.",
  },
  DKS_POC_KEY_MISMATCH: {
    summary: "The report is signed correctly, but by another key than the one given.",
    fix: "Check that `--public-key` is the key of the party that ran the PoC; compare `details.reportFingerprint` with the fingerprint they published.",
  },
  DKS_POC_PUBLIC_KEY_INVALID: {
    summary: "The public key given to check the signer is not a PEM Ed25519 key.",
    fix: "Pass the SPKI public key PEM (`-----BEGIN PUBLIC KEY-----`) of the signer, or the PKCS#8 signing key file itself.",
  },
  DKS_POC_SIGNING_KEY_INVALID: {
    summary: "The signing key file cannot be read, or it is not a PEM PKCS#8 Ed25519 private key.",
    fix: "Check `details.path`: fix its permissions, or move the file away so that a new key is created on the next run (reports signed with the old key keep verifying with its public key).",
  },
  DKS_POC_REPORT_WRITE_FAILED: {
    summary: "A report file could not be written.",
    fix: "Check `details.path` and the `cause` (missing permission, full disk, a file where a directory should be).",
  },
} as const satisfies Record<string, { summary: string; fix: string }>;

/**
 * A stable error code of the report side: a key of {@link reportErrorRegistry}.
 *
 * @example
 * ```ts
 * import { type ReportErrorCode, reportErrorRegistry } from "@dukcapil-sandbox/conformance";
 * const code: ReportErrorCode = "DKS_POC_KEY_MISMATCH";
 * reportErrorRegistry[code].summary;
 * ```
 */
export type ReportErrorCode = keyof typeof reportErrorRegistry;

/**
 * An error thrown by a report function (renderers, signing, writing), with a stable `code`,
 * frozen `details` and an optional `cause`.
 *
 * @example
 * ```ts
 * import { ReportError, renderJson } from "@dukcapil-sandbox/conformance";
 * try {
 *   renderJson(JSON.parse("{}"));
 * } catch (error) {
 *   if (error instanceof ReportError) console.error(error.code); // "DKS_POC_REPORT_INVALID"
 * }
 * ```
 */
export class ReportError extends CodedError<ReportErrorCode> {
  override readonly name = "ReportError";
}

/**
 * True when `value` is a {@link ReportError}, optionally with the given code.
 *
 * @example
 * ```ts
 * import { isReportError, loadOrCreateSigningKey } from "@dukcapil-sandbox/conformance";
 * try {
 *   await loadOrCreateSigningKey(".dukcapil-sandbox/poc-signing-key.pem");
 * } catch (error) {
 *   if (isReportError(error, "DKS_POC_SIGNING_KEY_INVALID")) console.error(error.details.path);
 * }
 * ```
 */
export function isReportError(value: unknown, code?: ReportErrorCode): value is ReportError {
  return value instanceof ReportError && (code === undefined || value.code === code);
}
