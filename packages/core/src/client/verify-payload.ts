/**
 * The body of a verify-by-element call, built as the real clients build it: upper-case
 * keys, `TRESHOLD` (sic) as a string, and `TGL_LHR` as `DD-MM-YYYY`.
 */

import * as z from "zod";
import { ISO_CALENDAR_DATE } from "../internal/date-format.js";
import { zodError } from "../internal/zod-issues.js";
import { VERIFY_ELEMENTS, type VerifyElement } from "../wire/fields.js";

/**
 * The elements to verify with their expected values (`TGL_LHR` as `YYYY-MM-DD` or
 * `DD-MM-YYYY`; it is sent as `DD-MM-YYYY`, as the real clients do).
 *
 * @example
 * ```ts
 * import type { VerifyElementsInput } from "@dukcapil-sandbox/core";
 * const elements: VerifyElementsInput = { NAMA_LGKP: "SITI AMINAH", TGL_LHR: "1990-01-01" };
 * ```
 */
export type VerifyElementsInput = Readonly<Partial<Record<VerifyElement, string>>>;

const verifyArgumentsSchema = z
  .object({
    elements: z
      .object(
        Object.fromEntries(VERIFY_ELEMENTS.map((key) => [key, z.string().optional()])) as Record<
          VerifyElement,
          z.ZodOptional<z.ZodString>
        >,
      )
      .strict(),
    threshold: z.number().int().min(0).max(100),
  })
  .strict();

/**
 * Checks the arguments of `verify`; throws `DKS_CORE_INVALID_OPTIONS`.
 *
 * @internal
 */
export function checkVerifyArguments(elements: unknown, threshold: unknown) {
  const args = verifyArgumentsSchema.safeParse({ elements, threshold });
  if (!args.success) {
    throw zodError(
      "DKS_CORE_INVALID_OPTIONS",
      "verify the NIK by element",
      args.error,
      "Pass elements named as in VERIFY_ELEMENTS with string values, and an integer threshold 0–100",
    );
  }
  return args.data;
}

/**
 * The verify request body: `NIK`, the credentials, `TRESHOLD`, then the elements in
 * {@link VERIFY_ELEMENTS} order, `TGL_LHR` turned from `YYYY-MM-DD` into `DD-MM-YYYY`.
 *
 * @internal
 */
export function buildVerifyPayload(
  credentials: { readonly userId: string; readonly password: string; readonly ipUser: string },
  nik: string,
  elements: Readonly<Partial<Record<VerifyElement, string | undefined>>>,
  threshold: number,
): Record<string, string> {
  const payload: Record<string, string> = {
    NIK: nik,
    USER_ID: credentials.userId,
    PASSWORD: credentials.password,
    IP_USER: credentials.ipUser,
    TRESHOLD: String(threshold),
  };
  for (const key of VERIFY_ELEMENTS) {
    const value = elements[key];
    if (value === undefined) continue;
    const iso = key === "TGL_LHR" ? ISO_CALENDAR_DATE.exec(value.trim()) : null;
    payload[key] = iso === null ? value : `${iso[3]}-${iso[2]}-${iso[1]}`;
  }
  return payload;
}
