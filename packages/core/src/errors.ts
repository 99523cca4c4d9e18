/**
 * The error registry of `@dukcapil-sandbox/core`: one row per stable code.
 *
 * Usage and configuration errors are thrown as {@link DukcapilCoreError} with a
 * code from this table. Upstream outcomes (deceased, quota used, …) are never
 * errors: they are values (see the response-code catalogue). Transport errors of
 * the client have their own classes in `client/errors.ts`.
 *
 * Codes are never reused once retired. `docs/errors.md` is generated from this
 * table and a test checks both directions.
 *
 * @example
 * ```ts
 * import { coreErrorRegistry } from "@dukcapil-sandbox/core";
 * coreErrorRegistry.DKS_CORE_INVALID_NIK.summary;
 * Object.keys(coreErrorRegistry).every((code) => code.startsWith("DKS_CORE_")); // true
 * ```
 */
export const coreErrorRegistry = {
  DKS_CORE_INVALID_OPTIONS: {
    summary: "Options passed to a core function failed validation.",
    fix: "Read `details.issues` for the field that failed and pass a value of the documented type.",
  },
  DKS_CORE_INVALID_NIK: {
    summary: "A NIK given to a function that requires a valid NIK is malformed.",
    fix: "Check the NIK with `parseNik` first and pass its `nik` value; `details.reason` names the failed rule.",
  },
  DKS_CORE_INVALID_NIK_PARTS: {
    summary: "The parts given to `makeNik` do not form a valid NIK.",
    fix: "Use a six-digit district code, a real birth date and a serial from 1 to 9999.",
  },
  DKS_CORE_QUOTA_STORE_FAILED: {
    summary: "The quota store could not record or read a hit.",
    fix: "Check the store's `cause`; the hit was not counted, so the request must not be served.",
  },
  DKS_CORE_TOKEN_INVALID: {
    summary: "A token operation was asked for a token in a state that does not allow it.",
    fix: "Check `details.state`: a revoked token cannot be rotated or revoked again; issue a new one.",
  },
  DKS_CORE_TOKEN_RECORD_INVALID: {
    summary: "A token record passed to a token function does not match the token record schema.",
    fix: "Pass a record returned by `issueToken`, `rotateToken`, `reapplyToken` or `revokeToken`; parse stored JSON with `tokenRecordSchema`.",
  },
  DKS_CORE_INVALID_SEMESTER: {
    summary: "A semester is not `YYYY-1` or `YYYY-2`, or its year is outside 1970–9999.",
    fix: "Pass the year and half as `2026-1` (January–June) or `2026-2` (July–December); see `details.semester`.",
  },
  DKS_CORE_INVALID_USAGE_EVENT: {
    summary:
      "A lookup given to the usage-pattern detector has no finite `at` time, or a `nik` that is not a string.",
    fix: "Pass `{ at: epochMs, nik: string }`; see `details.field`. Keep NIKs as strings: JS numbers lose digits above 2^53.",
  },
  DKS_CORE_JSON_PARSE: {
    summary: "A JSON text could not be parsed.",
    fix: "Check `details.position`; the upstream or the caller sent a body that is not JSON.",
  },
  DKS_CORE_CLIENT_CONFIG: {
    summary: "`createDukcapilClient` was given invalid options.",
    fix: "Pass `baseUrl` (http or https URL), `path`, `userId`, `password` and `ipUser`; see `details.issues`.",
  },
  DKS_CORE_JSON_STRINGIFY: {
    summary: "A value could not be written as JSON (cycle, NaN/Infinity, or nothing to write).",
    fix: "Check `details.path`; pass plain objects, arrays, strings, finite numbers, bigints, booleans and null.",
  },
  DKS_CORE_HTTP_STATUS: {
    summary: "The gateway answered with a status other than 2xx (`DukcapilHttpError`).",
    fix: "Check `details.status` and `details.bodyExcerpt` (the body's structure and texts, person values replaced); business outcomes come back as HTTP 200, so a non-2xx status is a gateway or URL problem.",
  },
  DKS_CORE_NETWORK: {
    summary: "The request failed before a response arrived (`DukcapilNetworkError`).",
    fix: "Check the network path to the gateway (closed network, VPN, address, port) and the `cause`.",
  },
  DKS_CORE_TIMEOUT: {
    summary: "The gateway did not answer within `timeoutMs` (`DukcapilTimeoutError`).",
    fix: "Raise `timeoutMs` or check the gateway; the request may still have counted against the daily quota.",
  },
  DKS_CORE_CLOCK_INVALID: {
    summary:
      "A clock's `now()` threw, or returned something other than whole epoch milliseconds from 0 to 8.64e15 (NaN, Infinity, a string, a fraction).",
    fix: "Pass a `Clock` whose `now()` returns `Date.now()`-style milliseconds, such as `systemClock` or `createManualClock(ms)`; see `details.value`.",
  },
  DKS_CORE_RESPONSE_FORMAT: {
    summary: "The answer is not JSON or not the wire format (`DukcapilResponseFormatError`).",
    fix: "Check the base URL, path and method; `details.issues` or `details.position` name what failed, and `details.bodyExcerpt` shows the body's structure (keys and the upstream's own texts; person values replaced, NIKs masked).",
  },
} as const satisfies Record<string, { summary: string; fix: string }>;

/**
 * A stable error code of `@dukcapil-sandbox/core`: a key of {@link coreErrorRegistry}.
 *
 * @example
 * ```ts
 * import { type CoreErrorCode, coreErrorRegistry } from "@dukcapil-sandbox/core";
 * const code: CoreErrorCode = "DKS_CORE_INVALID_NIK";
 * coreErrorRegistry[code].fix; // what to do about it
 * ```
 */
export type CoreErrorCode = keyof typeof coreErrorRegistry;

/**
 * What every error class of core shares: a stable `code`, frozen `details` and an
 * optional `cause`. The classes stay distinct (usage errors and transport errors are
 * caught apart); only their plumbing is shared.
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

/**
 * A usage or configuration error thrown by core, with a stable `code`.
 *
 * @example
 * ```ts
 * import { DukcapilCoreError, makeNik } from "@dukcapil-sandbox/core";
 * try {
 *   makeNik({ district: "320401", birthDate: "1990-02-30", sex: "M", serial: 1 });
 * } catch (error) {
 *   if (error instanceof DukcapilCoreError) console.log(error.code); // "DKS_CORE_INVALID_NIK_PARTS"
 * }
 * ```
 */
export class DukcapilCoreError extends CodedError<CoreErrorCode> {
  override readonly name = "DukcapilCoreError";
}

/**
 * True when `value` is a {@link DukcapilCoreError}, optionally with the given code.
 *
 * @example
 * ```ts
 * import { isDukcapilCoreError, makeNik } from "@dukcapil-sandbox/core";
 * try {
 *   makeNik({ district: "3204", birthDate: "1990-02-15", sex: "M", serial: 1 });
 * } catch (error) {
 *   if (isDukcapilCoreError(error, "DKS_CORE_INVALID_NIK_PARTS")) console.log(error.details.part); // "district"
 * }
 * ```
 */
export function isDukcapilCoreError(
  value: unknown,
  code?: CoreErrorCode,
): value is DukcapilCoreError {
  return value instanceof DukcapilCoreError && (code === undefined || value.code === code);
}
