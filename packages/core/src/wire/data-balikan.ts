/**
 * The "data balikan" (return data / store) API (wire-format.md §6, Decisions §10):
 * an institution reports back, per NIK it looked up, what it did with it.
 */

import * as z from "zod";
import { wireDigitsSchema, wireTextSchema } from "./values.js";

/**
 * The `message` texts of the data balikan API, by outcome.
 *
 * @example
 * ```ts
 * import { DATA_BALIKAN_MESSAGES } from "@dukcapil-sandbox/core";
 * DATA_BALIKAN_MESSAGES.duplicate; // "Data sudah pernah dikirim"
 * ```
 */
export const DATA_BALIKAN_MESSAGES = Object.freeze({
  /** HTTP 200 [client: JULO compares it exactly]. */
  sent: "Success",
  /** HTTP 400: the institution already sent this NIK with the same parameters [client]. */
  duplicate: "Data sudah pernah dikirim",
  /** HTTP 401: missing or revoked token (inferred). */
  unauthorized: "Unauthorized",
} as const);

/**
 * The HTTP status of each data balikan outcome.
 *
 * @example
 * ```ts
 * import { DATA_BALIKAN_STATUS } from "@dukcapil-sandbox/core";
 * DATA_BALIKAN_STATUS.unauthorized; // 401
 * ```
 */
export const DATA_BALIKAN_STATUS = Object.freeze({
  sent: 200,
  duplicate: 400,
  invalid: 400,
  unauthorized: 401,
} as const);

/**
 * One normalised data balikan submission.
 *
 * @example
 * ```ts
 * import type { DataBalikanSubmission } from "@dukcapil-sandbox/core";
 * const count = (submission: DataBalikanSubmission) => submission.items.length;
 * ```
 */
export interface DataBalikanSubmission {
  readonly institutionId: string;
  readonly institutionName: string;
  readonly items: readonly {
    readonly nik: string;
    readonly params: readonly Readonly<Record<string, string>>[];
  }[];
}

const paramSchema = z.record(
  z.string(),
  wireTextSchema.nullable().transform((v) => v ?? ""),
);

const itemSchema = z
  .looseObject({
    NIK: z.union([z.string(), wireDigitsSchema]).optional(),
    nik: z.union([z.string(), wireDigitsSchema]).optional(),
    param: z.array(paramSchema),
  })
  .transform((item, ctx) => {
    const nik = item.NIK ?? item.nik;
    if (nik === undefined || nik.trim() === "") {
      ctx.addIssue({ code: "custom", message: "The NIK is missing", path: ["NIK"] });
      return z.NEVER;
    }
    return { nik, params: item.param };
  });

/**
 * A data balikan request body: an array of
 * `{ id_lembaga, nama_lembaga, data: [{ NIK, param: [{ KEY: "value" }] }] }`,
 * normalised to {@link DataBalikanSubmission}s. Unknown keys are ignored; a failure's
 * zod issue path names the field (Decisions §10: the 400 message names it).
 *
 * @example
 * ```ts
 * import { dataBalikanRequestSchema } from "@dukcapil-sandbox/core";
 * dataBalikanRequestSchema.parse([{ id_lembaga: "BPS", nama_lembaga: "Badan Pusat Statistik",
 *   data: [{ NIK: "3204014101900001", param: [{ CUSTOMER_ID: "42" }] }] }]);
 * ```
 */
export const dataBalikanRequestSchema: z.ZodType<readonly DataBalikanSubmission[], unknown> = z
  .array(
    z
      .looseObject({
        id_lembaga: wireTextSchema.pipe(z.string().trim().min(1)),
        nama_lembaga: wireTextSchema,
        data: z.array(itemSchema).min(1),
      })
      .transform((entry) => ({
        institutionId: entry.id_lembaga,
        institutionName: entry.nama_lembaga,
        items: entry.data,
      })),
  )
  .min(1);

/**
 * A data balikan answer body: `{ message }`.
 *
 * @example
 * ```ts
 * import { dataBalikanResponseSchema } from "@dukcapil-sandbox/core";
 * dataBalikanResponseSchema.parse({ message: "Success" }).message; // "Success"
 * ```
 */
export const dataBalikanResponseSchema = z.looseObject({ message: z.string() });

/**
 * Builds the body of a data balikan request (the array of one submission), ready for
 * `stringifyLossless`.
 *
 * @example
 * ```ts
 * import { buildDataBalikanRequest } from "@dukcapil-sandbox/core";
 * buildDataBalikanRequest({ institutionId: "BPS", institutionName: "BPS",
 *   items: [{ nik: "3204014101900001", params: [{ CUSTOMER_ID: "42" }] }] });
 * // [{ id_lembaga: "BPS", nama_lembaga: "BPS", data: [{ NIK: "3204014101900001", param: [{ CUSTOMER_ID: "42" }] }] }]
 * ```
 */
export function buildDataBalikanRequest(submission: DataBalikanSubmission): {
  id_lembaga: string;
  nama_lembaga: string;
  data: { NIK: string; param: Record<string, string>[] }[];
}[] {
  return [
    {
      id_lembaga: submission.institutionId,
      nama_lembaga: submission.institutionName,
      data: submission.items.map((item) => ({
        NIK: item.nik,
        param: item.params.map((param) => ({ ...param })),
      })),
    },
  ];
}

/**
 * Builds a data balikan answer: the status and the `{ message }` body. For `invalid`,
 * pass the message naming the field.
 *
 * @example
 * ```ts
 * import { buildDataBalikanResponse } from "@dukcapil-sandbox/core";
 * buildDataBalikanResponse("duplicate"); // { status: 400, body: { message: "Data sudah pernah dikirim" } }
 * ```
 */
export function buildDataBalikanResponse(
  outcome: "sent" | "duplicate" | "unauthorized" | "invalid",
  invalidMessage = "Invalid request body",
): { status: number; body: { message: string } } {
  const message = outcome === "invalid" ? invalidMessage : DATA_BALIKAN_MESSAGES[outcome];
  return { status: DATA_BALIKAN_STATUS[outcome], body: { message } };
}
