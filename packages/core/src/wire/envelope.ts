/**
 * The page envelope every imitated endpoint answers with (wire-format.md §2): an old
 * Spring-Data page, keys in a fixed order, `quotaLimiter` appended after `size`.
 */

import * as z from "zod";
import { DukcapilCoreError } from "../errors.js";

/**
 * The envelope keys in the exact order the upstream writes them (§2.1).
 *
 * @example
 * ```ts
 * import { ENVELOPE_KEYS } from "@dukcapil-sandbox/core";
 * ENVELOPE_KEYS.join(","); // "content,lastPage,numberOfElements,sort,totalElements,firstPage,number,size"
 * ```
 */
export const ENVELOPE_KEYS = Object.freeze([
  "content",
  "lastPage",
  "numberOfElements",
  "sort",
  "totalElements",
  "firstPage",
  "number",
  "size",
] as const);

/**
 * The envelope keys of a response that carries the remaining quota (§2.3): the
 * {@link ENVELOPE_KEYS} followed by `quotaLimiter`.
 *
 * @example
 * ```ts
 * import { QUOTA_ENVELOPE_KEYS } from "@dukcapil-sandbox/core";
 * QUOTA_ENVELOPE_KEYS.at(-1); // "quotaLimiter"
 * ```
 */
export const QUOTA_ENVELOPE_KEYS = Object.freeze([...ENVELOPE_KEYS, "quotaLimiter"] as const);

/**
 * A page envelope as written: a plain object whose keys are in wire order.
 *
 * @example
 * ```ts
 * import type { WireEnvelope } from "@dukcapil-sandbox/core";
 * const envelope: WireEnvelope<{ RESPON: string }> = {
 *   content: [{ RESPON: "Data Tidak Ditemukan" }],
 *   lastPage: true, numberOfElements: 1, sort: null, totalElements: 1,
 *   firstPage: true, number: 0, size: 1,
 * };
 * ```
 */
export interface WireEnvelope<T> {
  content: T[];
  lastPage: boolean;
  numberOfElements: number;
  sort: null;
  totalElements: number;
  firstPage: boolean;
  number: number;
  size: number;
  quotaLimiter?: number;
}

/**
 * Wraps records in an envelope with keys in wire order: one page holding all
 * `content` (`numberOfElements` = `totalElements` = `size` = its length), and
 * `quotaLimiter` appended after `size` when given.
 *
 * @example
 * ```ts
 * import { buildEnvelope } from "@dukcapil-sandbox/core";
 * buildEnvelope([{ RESPON: "Login Gagal" }], { quotaLimiter: 499 }).quotaLimiter; // 499
 * ```
 */
export function buildEnvelope<T>(
  content: readonly T[],
  options: { readonly quotaLimiter?: number | undefined } = {},
): WireEnvelope<T> {
  const count = content.length;
  const envelope: WireEnvelope<T> = {
    content: [...content],
    lastPage: true,
    numberOfElements: count,
    sort: null,
    totalElements: count,
    firstPage: true,
    number: 0,
    size: count,
  };
  if (options.quotaLimiter !== undefined) {
    if (!Number.isSafeInteger(options.quotaLimiter)) {
      throw new DukcapilCoreError(
        "DKS_CORE_INVALID_OPTIONS",
        `Failed to build the response envelope: quotaLimiter ${options.quotaLimiter} is not an integer. Pass the remaining daily hits as an integer.`,
        { field: "quotaLimiter" },
      );
    }
    envelope.quotaLimiter = options.quotaLimiter;
  }
  return envelope;
}

/** `quotaLimiter` as read: an integer, tolerated as a digit string. */
const quotaLimiterSchema = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform((text) => Number(text))
    .pipe(z.number().int()),
]);

/**
 * The zod schema of a page envelope holding `item`s, exact as to types
 * (`sort` must be `null`, counts integers); unknown extra keys are tolerated.
 *
 * @example
 * ```ts
 * import * as z from "zod";
 * import { pageEnvelopeSchema } from "@dukcapil-sandbox/core";
 * const schema = pageEnvelopeSchema(z.object({ RESPON: z.string() }));
 * schema.parse({ content: [{ RESPON: "Login Gagal" }], lastPage: true, numberOfElements: 1,
 *   sort: null, totalElements: 1, firstPage: true, number: 0, size: 1 });
 * ```
 */
export function pageEnvelopeSchema<T extends z.ZodType>(item: T) {
  const count = z.number().int().nonnegative();
  return z.looseObject({
    content: z.array(item),
    lastPage: z.boolean(),
    numberOfElements: count,
    sort: z.null(),
    totalElements: count,
    firstPage: z.boolean(),
    number: count,
    size: count,
    quotaLimiter: quotaLimiterSchema.optional(),
  });
}

/**
 * The lenient envelope schema the client reads with: only `content` is required;
 * page counters may be missing or odd (a gateway that differs there still answered).
 *
 * @example
 * ```ts
 * import * as z from "zod";
 * import { lenientEnvelopeSchema } from "@dukcapil-sandbox/core";
 * lenientEnvelopeSchema(z.unknown()).parse({ content: [] }).content; // []
 * ```
 */
export function lenientEnvelopeSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    content: z.array(item),
    quotaLimiter: quotaLimiterSchema.optional().catch(undefined),
  });
}
