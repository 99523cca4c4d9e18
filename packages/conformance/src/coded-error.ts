/**
 * What every error class of `@dukcapil-sandbox/conformance` shares: a stable `code`, frozen
 * `details` and an optional `cause`. The classes stay distinct (runner errors and report errors
 * are caught apart, and neither is an instance of the other); only their plumbing is shared.
 *
 * @internal
 */
export class CodedError<Code extends string> extends Error {
  readonly code: Code;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: Code,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = Object.freeze({ ...details });
  }
}
