/**
 * The lookup endpoint (`CALL_NIK`, `BYNIK`, `GET_NIK`): request and response schemas,
 * and the writers the simulator answers with.
 */

import * as z from "zod";
import type { ResponseCode } from "../catalogue/response-codes.js";
import { credentialShape, type NormalisedCredentials, pickCredentials } from "./credentials.js";
import { buildEnvelope, pageEnvelopeSchema, type WireEnvelope } from "./envelope.js";
import type { RecordElement } from "./fields.js";
import {
  personRecordSchema,
  type WireNumbers,
  type WireRecord,
  type WireRecordInput,
  writePersonRecord,
} from "./record.js";
import { checkWriterOptions, failureText } from "./writer-options.js";

/**
 * A lookup (or family) request body: every key spelling of wire-format.md §1.2 is
 * accepted, unknown keys are ignored, and the result is normalised to
 * `{ nik, userId, password, ipUser }` strings. Fails (→ code 07) only when the body is
 * not an object, the NIK is missing/blank or a key has an unusable type.
 *
 * @example
 * ```ts
 * import { lookupRequestSchema } from "@dukcapil-sandbox/core";
 * lookupRequestSchema.parse({ NIK: 3204014101900001, userId: "u", PASSWORD: "p", IP_user: "10.1.1.1" });
 * // { nik: "3204014101900001", userId: "u", password: "p", ipUser: "10.1.1.1", spellings: {…} }
 * ```
 */
export const lookupRequestSchema: z.ZodType<NormalisedCredentials, unknown> = z
  .looseObject(credentialShape)
  .transform((body, ctx) => pickCredentials(body, ctx) ?? z.NEVER);

/**
 * A normalised lookup request.
 *
 * @example
 * ```ts
 * import type { LookupRequest } from "@dukcapil-sandbox/core";
 * const nik = (request: LookupRequest) => request.nik;
 * ```
 */
export type LookupRequest = NormalisedCredentials;

/**
 * The zod schema of a lookup error record: `{ RESPON }` and nothing the client needs besides.
 *
 * @example
 * ```ts
 * import { lookupErrorRecordSchema } from "@dukcapil-sandbox/core";
 * lookupErrorRecordSchema.parse({ RESPON: "Data Tidak Ditemukan" }).RESPON;
 * ```
 */
export const lookupErrorRecordSchema = z.looseObject({ RESPON: z.string() });

/**
 * The zod schema of a whole lookup answer: the envelope holding either person records
 * or one `{ RESPON }` record.
 *
 * @example
 * ```ts
 * import { lookupResponseSchema, parseJsonLossless } from "@dukcapil-sandbox/core";
 * lookupResponseSchema.parse(parseJsonLossless('{"content":[{"RESPON":"Login Gagal"}],"lastPage":true,"numberOfElements":1,"sort":null,"totalElements":1,"firstPage":true,"number":0,"size":1}'));
 * ```
 */
export const lookupResponseSchema = pageEnvelopeSchema(
  z.union([lookupErrorRecordSchema, personRecordSchema]),
);

/**
 * Options of the lookup and family writers — one institution's dialect.
 *
 * @example
 * ```ts
 * import type { LookupWriterOptions } from "@dukcapil-sandbox/core";
 * const dialect: LookupWriterOptions = { numbers: "string", quotaLimiter: 199, texts: { "13": "Data tidak ditemukan" } };
 * ```
 */
export interface LookupWriterOptions {
  /** How numeric elements are written; default `bare` (JSON numbers, as the real service). */
  readonly numbers?: WireNumbers | undefined;
  /** Writes these record keys in this order (the institution's grant); default: the record's keys. */
  readonly elements?: readonly RecordElement[] | undefined;
  /** When given, appended after `size` (a dialect option for lookup; the default omits it). */
  readonly quotaLimiter?: number | undefined;
  /** Per-code text overrides of the catalogue's `lookupText`. */
  readonly texts?: Partial<Record<ResponseCode, string>> | undefined;
}

/**
 * A lookup answer as a plain ordered object, ready for `stringifyLossless`.
 *
 * @example
 * ```ts
 * import type { LookupEnvelope } from "@dukcapil-sandbox/core";
 * const count = (envelope: LookupEnvelope) => envelope.content.length;
 * ```
 */
export type LookupEnvelope = WireEnvelope<WireRecord | { RESPON: string }>;

/**
 * Builds a lookup success answer (§2.1): the envelope holding one person record.
 *
 * @example
 * ```ts
 * import { buildLookupSuccess, stringifyLossless } from "@dukcapil-sandbox/core";
 * stringifyLossless(buildLookupSuccess({ NIK: "9171011203900001", NAMA_LGKP: "SITI" }));
 * // '{"content":[{"NIK":9171011203900001,"NAMA_LGKP":"SITI"}],"lastPage":true,…,"size":1}'
 * ```
 */
export function buildLookupSuccess(
  record: WireRecordInput,
  options: LookupWriterOptions = {},
): LookupEnvelope {
  checkWriterOptions("build the lookup answer", options);
  return buildEnvelope<WireRecord | { RESPON: string }>(
    [writePersonRecord(record, { numbers: options.numbers, elements: options.elements })],
    { quotaLimiter: options.quotaLimiter },
  );
}

/**
 * Builds a lookup failure answer (§2.2): the envelope holding `{ RESPON }` with the
 * catalogue's `lookupText` of `code` (or the dialect's override).
 *
 * @throws {DukcapilCoreError} `DKS_CORE_INVALID_OPTIONS` for `"01"` or a code the catalogue lacks.
 *
 * @example
 * ```ts
 * import { buildLookupFailure } from "@dukcapil-sandbox/core";
 * buildLookupFailure("13").content; // [{ RESPON: "Data Tidak Ditemukan" }]
 * ```
 */
export function buildLookupFailure(
  code: ResponseCode,
  options: Omit<LookupWriterOptions, "numbers" | "elements"> = {},
): LookupEnvelope {
  checkWriterOptions("build the lookup failure answer", options);
  const text = failureText("build the lookup failure answer", code, "lookupText", options.texts);
  return buildEnvelope<WireRecord | { RESPON: string }>([{ RESPON: text }], {
    quotaLimiter: options.quotaLimiter,
  });
}
