/**
 * The verify-by-element endpoint (`CALL_VERIFY_BY_ELEMEN`, wire-format.md §5):
 * request and response schemas, and the writers the simulator answers with.
 */

import * as z from "zod";
import type { ResponseCode } from "../catalogue/response-codes.js";
import { DukcapilCoreError } from "../errors.js";
import { credentialShape, type NormalisedCredentials, pickCredentials } from "./credentials.js";
import { buildEnvelope, pageEnvelopeSchema, type WireEnvelope } from "./envelope.js";
import { VERIFY_ELEMENTS, type VerifyElement } from "./fields.js";
import {
  formatVerifyResult,
  normaliseWireDate,
  parseVerifyResult,
  type VerifyFieldResult,
  wireTextSchema,
} from "./values.js";
import { checkWriterOptions, failureText } from "./writer-options.js";

/**
 * The spellings of the threshold key, tried in order; the real API spells it `TRESHOLD`.
 *
 * @example
 * ```ts
 * import { THRESHOLD_KEY_SPELLINGS } from "@dukcapil-sandbox/core";
 * THRESHOLD_KEY_SPELLINGS[0]; // "TRESHOLD"
 * ```
 */
export const THRESHOLD_KEY_SPELLINGS = Object.freeze([
  "TRESHOLD",
  "treshold",
  "THRESHOLD",
  "threshold",
] as const);

/** `TRESHOLD` as sent: a string ("80") or a number (95), an integer 0–100. */
const thresholdSchema = z
  .union([
    z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, "Expected an integer 0–100")
      .transform(Number),
    z.number().int(),
  ])
  .pipe(z.number().int().min(0).max(100))
  .nullable();

const elementValueSchema = wireTextSchema.nullable();

/**
 * A normalised verify request: the credentials, the threshold (`null` when not sent)
 * and the elements sent, in {@link VERIFY_ELEMENTS} order. `TGL_LHR` is turned into
 * `YYYY-MM-DD` (from `DD-MM-YYYY` or `YYYY-MM-DD`; other text is kept), `JENIS_KLMIN`
 * is upper-cased; other values, blanks `" "` included, are kept as sent.
 *
 * @example
 * ```ts
 * import type { VerifyRequest } from "@dukcapil-sandbox/core";
 * const threshold = (request: VerifyRequest) => request.threshold ?? 80;
 * ```
 */
export interface VerifyRequest extends NormalisedCredentials {
  readonly threshold: number | null;
  readonly elements: Readonly<Partial<Record<VerifyElement, string>>>;
}

/**
 * A verify request body: credentials in every spelling, `TRESHOLD` as a string or a
 * number 0–100, any subset of {@link VERIFY_ELEMENTS}; unknown keys (`transactionId`,
 * `NOMOR_PROP`) are ignored.
 *
 * @example
 * ```ts
 * import { verifyRequestSchema } from "@dukcapil-sandbox/core";
 * const request = verifyRequestSchema.parse({
 *   NIK: "3204014101900001", USER_ID: "u", PASSWORD: "p", IP_USER: "10.1.1.1",
 *   TRESHOLD: "80", TGL_LHR: "01-01-1990", JENIS_KLMIN: "Perempuan", transactionId: "x",
 * });
 * request.elements; // { TGL_LHR: "1990-01-01", JENIS_KLMIN: "PEREMPUAN" }
 * ```
 */
export const verifyRequestSchema: z.ZodType<VerifyRequest, unknown> = z
  .looseObject({
    ...credentialShape,
    ...Object.fromEntries(THRESHOLD_KEY_SPELLINGS.map((key) => [key, thresholdSchema.optional()])),
    ...Object.fromEntries(VERIFY_ELEMENTS.map((key) => [key, elementValueSchema.optional()])),
  })
  .transform((body, ctx): VerifyRequest => {
    const credentials = pickCredentials(body, ctx);
    if (credentials === null) return z.NEVER;
    let threshold: number | null = null;
    for (const key of THRESHOLD_KEY_SPELLINGS) {
      const value = body[key];
      if (typeof value === "number") {
        threshold = value;
        break;
      }
    }
    const elements: Partial<Record<VerifyElement, string>> = {};
    for (const key of VERIFY_ELEMENTS) {
      const value = body[key];
      if (typeof value !== "string") continue;
      elements[key] =
        key === "TGL_LHR"
          ? normaliseWireDate(value)
          : key === "JENIS_KLMIN"
            ? value.toUpperCase()
            : value;
    }
    return { ...credentials, threshold, elements };
  });

/**
 * The two-digit `RESPONSE_CODE` as read: a string, tolerated as a number (5 → "05").
 *
 * @example
 * ```ts
 * import { responseCodeValueSchema } from "@dukcapil-sandbox/core";
 * responseCodeValueSchema.parse(5); // "05"
 * ```
 */
export const responseCodeValueSchema = z
  .union([z.string().trim(), z.number().int().nonnegative().transform(String)])
  .transform((code) => (/^\d$/.test(code) ? `0${code}` : code));

/**
 * A verify error record: `RESPONSE_CODE`, `RESPONSE`, `RESPONSE_DESC`, `RESPON` — any
 * may be missing (JULO's fixture has only `RESPON` + `RESPONSE_CODE`), but it carries a
 * text or a code other than "01".
 *
 * @example
 * ```ts
 * import { verifyErrorRecordSchema } from "@dukcapil-sandbox/core";
 * verifyErrorRecordSchema.parse({ RESPONSE_CODE: "05", RESPONSE: "Kuota Akses Hari Ini Telah Habis" });
 * ```
 */
export const verifyErrorRecordSchema = z
  .looseObject({
    RESPONSE_CODE: responseCodeValueSchema.optional(),
    RESPONSE: z.string().optional(),
    RESPONSE_DESC: z.string().optional(),
    RESPON: z.string().optional(),
  })
  .refine(
    (record) =>
      record.RESPONSE !== undefined ||
      record.RESPON !== undefined ||
      (record.RESPONSE_CODE !== undefined && record.RESPONSE_CODE !== "01"),
    { message: "Expected RESPONSE, RESPON or a RESPONSE_CODE other than 01" },
  );

/**
 * The per-field results of a verify answer, keyed by element (`NIK` included). `null`
 * means the element is not granted to your institution: the gateway answers no match,
 * no mismatch and no score for it (the simulator's decisions/005, "Verify and grants").
 * `NIK` is always answered.
 *
 * @example
 * ```ts
 * import type { VerifyResults } from "@dukcapil-sandbox/core";
 * const nameMatches = (results: VerifyResults) => results.NAMA_LGKP?.match === true;
 * const notGranted = (results: VerifyResults) =>
 *   Object.keys(results).filter((key) => results[key] === null);
 * ```
 */
export type VerifyResults = Readonly<Record<string, VerifyFieldResult | null>>;

/**
 * A verify success record: every value `Sesuai`, `Tidak Sesuai`, `Sesuai (NN)` or
 * `Tidak Sesuai (NN)`, read into `{ match, score? }`, or `null` for an element not
 * granted to your institution (kept as `null`). A `RESPONSE_CODE: "01"` that some
 * gateways add is dropped. A record without any non-null result (`{}`,
 * `{ "NAMA_LGKP": null }`) is refused: a verify answer has a result for `NIK` and a key
 * for every element sent.
 *
 * @example
 * ```ts
 * import { verifyResultRecordSchema } from "@dukcapil-sandbox/core";
 * verifyResultRecordSchema.parse({ NIK: "Sesuai", NAMA_LGKP: "Tidak Sesuai (59)", NAMA_LGKP_IBU: null });
 * // { NIK: { match: true }, NAMA_LGKP: { match: false, score: 59 }, NAMA_LGKP_IBU: null }
 * ```
 */
export const verifyResultRecordSchema: z.ZodType<VerifyResults, unknown> = z
  .record(z.string(), z.unknown())
  .transform((record, ctx) => {
    const results: Record<string, VerifyFieldResult | null> = {};
    let answered = 0;
    for (const [key, value] of Object.entries(record)) {
      if (key === "RESPONSE_CODE" && (value === "01" || value === 1)) continue;
      if (value === null) {
        // Not granted to the institution: no match, no mismatch, no score.
        results[key] = null;
        continue;
      }
      const result = typeof value === "string" ? parseVerifyResult(value) : undefined;
      if (result === undefined) {
        ctx.addIssue({
          code: "custom",
          message:
            'Expected "Sesuai", "Tidak Sesuai", "Sesuai (NN)", "Tidak Sesuai (NN)" or null (not granted)',
          path: [key],
        });
        continue;
      }
      results[key] = result;
      answered += 1;
    }
    if (answered === 0) {
      ctx.addIssue({
        code: "custom",
        message: "Expected per-field results: at least NIK and every element sent",
      });
    }
    return results;
  });

/**
 * The zod schema of a whole verify answer: the envelope (with `quotaLimiter`) holding
 * one error record or one result record.
 *
 * @example
 * ```ts
 * import { verifyResponseSchema } from "@dukcapil-sandbox/core";
 * verifyResponseSchema.parse({ content: [{ NIK: "Sesuai" }], lastPage: true, numberOfElements: 1,
 *   sort: null, totalElements: 1, firstPage: true, number: 0, size: 1, quotaLimiter: 56616 });
 * ```
 */
export const verifyResponseSchema = pageEnvelopeSchema(
  z.union([verifyErrorRecordSchema, verifyResultRecordSchema]),
);

/**
 * A verify error record as written (Decisions §4).
 *
 * @example
 * ```ts
 * import type { VerifyErrorRecord } from "@dukcapil-sandbox/core";
 * const code = (record: VerifyErrorRecord) => record.RESPONSE_CODE;
 * ```
 */
export interface VerifyErrorRecord {
  RESPONSE_CODE: string;
  RESPONSE: string;
  RESPONSE_DESC: string;
  RESPON: string;
}

/**
 * A verify answer as a plain ordered object, ready for `stringifyLossless`.
 *
 * @example
 * ```ts
 * import type { VerifyEnvelope } from "@dukcapil-sandbox/core";
 * const remaining = (envelope: VerifyEnvelope) => envelope.quotaLimiter;
 * ```
 */
export type VerifyEnvelope = WireEnvelope<Record<string, string | null> | VerifyErrorRecord>;

/**
 * Options of the verify writers — one institution's dialect.
 *
 * @example
 * ```ts
 * import type { VerifyWriterOptions } from "@dukcapil-sandbox/core";
 * const options: VerifyWriterOptions = { quotaLimiter: 56616 };
 * ```
 */
export interface VerifyWriterOptions {
  /** The remaining daily hits, appended after `size`; Decisions §5: verify answers carry it. */
  readonly quotaLimiter?: number | undefined;
  /** Per-code text overrides of the catalogue's `verifyText`. */
  readonly texts?: Partial<Record<ResponseCode, string>> | undefined;
}

const RESERVED_RESULT_KEYS: ReadonlySet<string> = new Set([
  "RESPONSE_CODE",
  "RESPONSE",
  "RESPONSE_DESC",
  "RESPON",
]);

/**
 * Builds a verify success answer (§2.3): one record with a key per element in the
 * order given (`NIK` first, by convention), values written `Sesuai (NN)` etc.; a `null`
 * result (an element not granted to the institution) is written JSON `null`, never a
 * match, a mismatch or a score; never a `RESPONSE_CODE`; `quotaLimiter` after `size`.
 *
 * @throws {DukcapilCoreError} `DKS_CORE_INVALID_OPTIONS` for a result key of an error record.
 *
 * @example
 * ```ts
 * import { buildVerifySuccess } from "@dukcapil-sandbox/core";
 * buildVerifySuccess(
 *   { NIK: { match: true }, NAMA_LGKP: { match: true, score: 100 }, NAMA_LGKP_IBU: null },
 *   { quotaLimiter: 56616 },
 * );
 * // { content: [{ NIK: "Sesuai", NAMA_LGKP: "Sesuai (100)", NAMA_LGKP_IBU: null }], …, size: 1, quotaLimiter: 56616 }
 * ```
 */
export function buildVerifySuccess(
  results: Readonly<Record<string, VerifyFieldResult | string | null>>,
  options: VerifyWriterOptions = {},
): VerifyEnvelope {
  checkWriterOptions("build the verify answer", options);
  const record: Record<string, string | null> = {};
  for (const [key, result] of Object.entries(results)) {
    if (RESERVED_RESULT_KEYS.has(key)) {
      throw new DukcapilCoreError(
        "DKS_CORE_INVALID_OPTIONS",
        `Failed to build the verify answer: a success record must not carry ${key}. Use buildVerifyFailure for failures.`,
        { key },
      );
    }
    record[key] =
      result === null ? null : typeof result === "string" ? result : formatVerifyResult(result);
  }
  return buildEnvelope<Record<string, string | null> | VerifyErrorRecord>([record], {
    quotaLimiter: options.quotaLimiter,
  });
}

/**
 * Builds a verify failure answer (§2.4, Decisions §4): `RESPONSE_CODE` (two-digit
 * string), `RESPONSE`, `RESPONSE_DESC` and `RESPON`, all with the catalogue's
 * `verifyText` (or the dialect's override).
 *
 * @throws {DukcapilCoreError} `DKS_CORE_INVALID_OPTIONS` for `"01"` or a code the catalogue lacks.
 *
 * @example
 * ```ts
 * import { buildVerifyFailure } from "@dukcapil-sandbox/core";
 * buildVerifyFailure("05", { quotaLimiter: 0 }).content[0];
 * // { RESPONSE_CODE: "05", RESPONSE: "Kuota Akses Hari Ini Telah Habis", RESPONSE_DESC: …, RESPON: … }
 * ```
 */
export function buildVerifyFailure(
  code: ResponseCode,
  options: VerifyWriterOptions = {},
): VerifyEnvelope {
  checkWriterOptions("build the verify failure answer", options);
  const text = failureText("build the verify failure answer", code, "verifyText", options.texts);
  return buildEnvelope<Record<string, string | null> | VerifyErrorRecord>(
    [{ RESPONSE_CODE: code, RESPONSE: text, RESPONSE_DESC: text, RESPON: text }],
    { quotaLimiter: options.quotaLimiter },
  );
}
