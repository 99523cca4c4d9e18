/**
 * What the lookup, verify and family writers share (internal): the check of a dialect's
 * options, and the text of a failure code in that dialect.
 */

import * as z from "zod";
import { type ResponseCode, responseCodeRow } from "../catalogue/response-codes.js";
import { DukcapilCoreError } from "../errors.js";
import { zodError } from "../internal/zod-issues.js";

const writerOptionsSchema = z
  .object({
    numbers: z.enum(["bare", "string"]).optional(),
    elements: z.array(z.string()).readonly().optional(),
    quotaLimiter: z.number().int().optional(),
    texts: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/**
 * Validates writer options and names the writer (`fn`) in the error:
 * `DKS_CORE_INVALID_OPTIONS` with `details.issues`.
 *
 * @internal
 */
export function checkWriterOptions(fn: string, options: unknown): void {
  const result = writerOptionsSchema.safeParse(options ?? {});
  if (!result.success) {
    throw zodError(
      "DKS_CORE_INVALID_OPTIONS",
      fn,
      result.error,
      'Pass numbers "bare" | "string", elements, an integer quotaLimiter and texts',
      "the options are invalid",
    );
  }
}

/**
 * The text of a failure code for an endpoint in a dialect: the dialect's override, else
 * the catalogue's text. Throws `DKS_CORE_INVALID_OPTIONS` for `"01"` or a code the
 * catalogue lacks.
 *
 * @internal
 */
export function failureText(
  fn: string,
  code: ResponseCode,
  endpoint: "lookupText" | "verifyText",
  texts: Partial<Record<ResponseCode, string>> | undefined,
): string {
  const row = responseCodeRow(code);
  const text = texts?.[code] ?? row?.[endpoint] ?? null;
  if (row === undefined || row.code === "01" || text === null) {
    throw new DukcapilCoreError(
      "DKS_CORE_INVALID_OPTIONS",
      `Failed to ${fn}: ${JSON.stringify(code)} is not a failure code of the catalogue. Pass a code of responseCodes other than "01".`,
      { code },
    );
  }
  return text;
}
