/**
 * The family-card endpoint (`CALL_NIK_GET_KK`). Only a request was ever observed
 * (wire-format.md §6); the answer follows Decisions §9: the lookup envelope with one
 * record per member of the person's family card.
 */

import type * as z from "zod";
import type { ResponseCode } from "../catalogue/response-codes.js";
import type { NormalisedCredentials } from "./credentials.js";
import { buildEnvelope } from "./envelope.js";
import {
  buildLookupFailure,
  type LookupEnvelope,
  type LookupWriterOptions,
  lookupRequestSchema,
  lookupResponseSchema,
} from "./lookup.js";
import { type WireRecord, type WireRecordInput, writePersonRecord } from "./record.js";
import { checkWriterOptions } from "./writer-options.js";

/**
 * A family request body: the same keys as lookup, in every spelling (the one client
 * seen sends `nik`, `userId`, `password`, `ipUser`).
 *
 * @example
 * ```ts
 * import { familyRequestSchema } from "@dukcapil-sandbox/core";
 * familyRequestSchema.parse({ nik: "3204014101900001", userId: "u", password: "p", ipUser: "10.1.1.1" }).userId; // "u"
 * ```
 */
export const familyRequestSchema: z.ZodType<NormalisedCredentials, unknown> = lookupRequestSchema;

/**
 * The zod schema of a family answer: the envelope holding member records or one `{ RESPON }`.
 *
 * @example
 * ```ts
 * import { familyResponseSchema } from "@dukcapil-sandbox/core";
 * familyResponseSchema.safeParse({ content: [] }).success; // false (envelope keys missing)
 * ```
 */
export const familyResponseSchema = lookupResponseSchema;

/**
 * Builds a family answer (Decisions §9): one record per member, in the order given,
 * `numberOfElements` = `totalElements` = `size` = member count.
 *
 * @example
 * ```ts
 * import { buildFamilySuccess } from "@dukcapil-sandbox/core";
 * buildFamilySuccess([{ NIK: "3204010101800001" }, { NIK: "3204014101850002" }]).totalElements; // 2
 * ```
 */
export function buildFamilySuccess(
  members: readonly WireRecordInput[],
  options: LookupWriterOptions = {},
): LookupEnvelope {
  checkWriterOptions("build the family answer", options);
  return buildEnvelope<WireRecord | { RESPON: string }>(
    members.map((member) =>
      writePersonRecord(member, { numbers: options.numbers, elements: options.elements }),
    ),
    { quotaLimiter: options.quotaLimiter },
  );
}

/**
 * Builds a family failure answer: the same `{ RESPON }` envelope as lookup.
 *
 * @example
 * ```ts
 * import { buildFamilyFailure } from "@dukcapil-sandbox/core";
 * buildFamilyFailure("11").content; // [{ RESPON: "Data Ditemukan, Meninggal Dunia" }]
 * ```
 */
export function buildFamilyFailure(
  code: ResponseCode,
  options: Omit<LookupWriterOptions, "numbers" | "elements"> = {},
): LookupEnvelope {
  return buildLookupFailure(code, options);
}
