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
  DKS_CORE_JSON_PARSE: {
    summary: "A JSON text could not be parsed.",
    fix: "Check `details.position`; the upstream or the caller sent a body that is not JSON.",
  },
  DKS_CORE_WIRE_INVALID: {
    summary: "A request or response did not match the Dukcapil wire format.",
    fix: "Read `details.issues` for the path of the field that failed; see shared/spec/wire-format.md.",
  },
  DKS_CORE_CLIENT_CONFIG: {
    summary: "`createDukcapilClient` was given invalid options.",
    fix: "Pass `baseUrl` (http or https URL), `path`, `userId`, `password` and `ipUser`; see `details.issues`.",
  },
} as const satisfies Record<string, { summary: string; fix: string }>;

/** A stable error code of `@dukcapil-sandbox/core`. */
export type CoreErrorCode = keyof typeof coreErrorRegistry;

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
export class DukcapilCoreError extends Error {
  override readonly name = "DukcapilCoreError";
  readonly code: CoreErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: CoreErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = Object.freeze({ ...details });
  }
}

/** True when `value` is a {@link DukcapilCoreError}, optionally with the given code. */
export function isDukcapilCoreError(
  value: unknown,
  code?: CoreErrorCode,
): value is DukcapilCoreError {
  return value instanceof DukcapilCoreError && (code === undefined || value.code === code);
}
