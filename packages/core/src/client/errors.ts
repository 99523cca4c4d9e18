/**
 * Transport errors of the typed client: the gateway answered with a non-2xx status,
 * the network failed, the gateway did not answer in time, or the body is not the wire
 * format. Upstream outcomes (quota used, deceased, …) are never errors: they are
 * values of the outcome union. Codes come from the core registry (`errors.ts`).
 *
 * No message or detail carries person data: NIKs are masked with `maskNik`, and bodies
 * are reduced to their structure by `maskedExcerpt` (see `redact.ts`).
 */

import { CodedError, type CoreErrorCode } from "../errors.js";

/** The registry codes of the transport errors. */
type TransportErrorCode = Extract<
  CoreErrorCode,
  "DKS_CORE_HTTP_STATUS" | "DKS_CORE_NETWORK" | "DKS_CORE_TIMEOUT" | "DKS_CORE_RESPONSE_FORMAT"
>;

/**
 * The base class of every transport error of the client.
 *
 * @example
 * ```ts
 * import { createDukcapilClient, DukcapilTransportError } from "@dukcapil-sandbox/core";
 * const client = createDukcapilClient({ baseUrl: "http://10.0.0.1:8080", path: "BPS",
 *   userId: "u", password: "p", ipUser: "10.0.0.2" });
 * try {
 *   await client.lookup("3204014101900001");
 * } catch (error) {
 *   if (error instanceof DukcapilTransportError) console.log(error.code);
 * }
 * ```
 */
export class DukcapilTransportError extends CodedError<TransportErrorCode> {
  override readonly name: string = "DukcapilTransportError";
}

/**
 * The gateway answered with an HTTP status other than 2xx (business outcomes are HTTP 200).
 *
 * @example
 * ```ts
 * import { DukcapilHttpError } from "@dukcapil-sandbox/core";
 * const describe = (error: DukcapilHttpError) => `${error.status}: ${error.bodyExcerpt}`;
 * ```
 */
export class DukcapilHttpError extends DukcapilTransportError {
  override readonly name = "DukcapilHttpError";
  /** The HTTP status code. */
  readonly status: number;
  /** The start of the body as `maskedExcerpt` gives it: structure and upstream texts only, NIKs masked. */
  readonly bodyExcerpt: string;

  constructor(
    message: string,
    status: number,
    bodyExcerpt: string,
    details: Record<string, unknown> = {},
  ) {
    super("DKS_CORE_HTTP_STATUS", message, { ...details, status, bodyExcerpt });
    this.status = status;
    this.bodyExcerpt = bodyExcerpt;
  }
}

/**
 * The request failed before a response arrived (refused, reset, DNS, TLS); see `cause`.
 *
 * @example
 * ```ts
 * import { DukcapilNetworkError } from "@dukcapil-sandbox/core";
 * const reason = (error: DukcapilNetworkError) => error.cause;
 * ```
 */
export class DukcapilNetworkError extends DukcapilTransportError {
  override readonly name = "DukcapilNetworkError";

  constructor(message: string, details: Record<string, unknown>, cause: unknown) {
    super("DKS_CORE_NETWORK", message, details, { cause });
  }
}

/**
 * The gateway did not answer within `timeoutMs`; the request was aborted.
 *
 * @example
 * ```ts
 * import { DukcapilTimeoutError } from "@dukcapil-sandbox/core";
 * const waited = (error: DukcapilTimeoutError) => error.timeoutMs;
 * ```
 */
export class DukcapilTimeoutError extends DukcapilTransportError {
  override readonly name = "DukcapilTimeoutError";
  readonly timeoutMs: number;

  constructor(message: string, timeoutMs: number, details: Record<string, unknown> = {}) {
    super("DKS_CORE_TIMEOUT", message, { ...details, timeoutMs });
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The body is not JSON, or not the wire format (`details.issues` / `details.position`).
 *
 * @example
 * ```ts
 * import { DukcapilResponseFormatError } from "@dukcapil-sandbox/core";
 * const issues = (error: DukcapilResponseFormatError) => error.details.issues;
 * ```
 */
export class DukcapilResponseFormatError extends DukcapilTransportError {
  override readonly name = "DukcapilResponseFormatError";

  constructor(message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super(
      "DKS_CORE_RESPONSE_FORMAT",
      message,
      details,
      cause === undefined ? undefined : { cause },
    );
  }
}

function hasShape(value: unknown, name: string, code?: string): boolean {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown };
  return candidate.name === name && (code === undefined || candidate.code === code);
}

/**
 * True for any transport error of the client (also across duplicate package copies).
 *
 * @example
 * ```ts
 * import { isDukcapilTransportError } from "@dukcapil-sandbox/core";
 * isDukcapilTransportError(new Error("x")); // false
 * ```
 */
export function isDukcapilTransportError(value: unknown): value is DukcapilTransportError {
  return (
    value instanceof DukcapilTransportError ||
    isDukcapilHttpError(value) ||
    isDukcapilNetworkError(value) ||
    isDukcapilTimeoutError(value) ||
    isDukcapilResponseFormatError(value)
  );
}

/**
 * True for a {@link DukcapilHttpError}.
 *
 * @example
 * ```ts
 * import { isDukcapilHttpError } from "@dukcapil-sandbox/core";
 * const status = (error: unknown) => (isDukcapilHttpError(error) ? error.status : undefined);
 * ```
 */
export function isDukcapilHttpError(value: unknown): value is DukcapilHttpError {
  return (
    value instanceof DukcapilHttpError ||
    hasShape(value, "DukcapilHttpError", "DKS_CORE_HTTP_STATUS")
  );
}

/**
 * True for a {@link DukcapilNetworkError}.
 *
 * @example
 * ```ts
 * import { isDukcapilNetworkError } from "@dukcapil-sandbox/core";
 * const retryable = (error: unknown) => isDukcapilNetworkError(error);
 * ```
 */
export function isDukcapilNetworkError(value: unknown): value is DukcapilNetworkError {
  return (
    value instanceof DukcapilNetworkError ||
    hasShape(value, "DukcapilNetworkError", "DKS_CORE_NETWORK")
  );
}

/**
 * True for a {@link DukcapilTimeoutError}.
 *
 * @example
 * ```ts
 * import { isDukcapilTimeoutError } from "@dukcapil-sandbox/core";
 * const timedOut = (error: unknown) => isDukcapilTimeoutError(error);
 * ```
 */
export function isDukcapilTimeoutError(value: unknown): value is DukcapilTimeoutError {
  return (
    value instanceof DukcapilTimeoutError ||
    hasShape(value, "DukcapilTimeoutError", "DKS_CORE_TIMEOUT")
  );
}

/**
 * True for a {@link DukcapilResponseFormatError}.
 *
 * @example
 * ```ts
 * import { isDukcapilResponseFormatError } from "@dukcapil-sandbox/core";
 * const badBody = (error: unknown) => isDukcapilResponseFormatError(error);
 * ```
 */
export function isDukcapilResponseFormatError(
  value: unknown,
): value is DukcapilResponseFormatError {
  return (
    value instanceof DukcapilResponseFormatError ||
    hasShape(value, "DukcapilResponseFormatError", "DKS_CORE_RESPONSE_FORMAT")
  );
}
