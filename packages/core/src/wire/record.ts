/**
 * The person record (`content[i]` of a lookup or family answer): reading it from the
 * wire into strings, and writing it in a dialect (bare numbers or digit strings).
 */

import * as z from "zod";
import { DukcapilCoreError } from "../errors.js";
import {
  DATE_ELEMENTS,
  NUMERIC_ELEMENTS,
  type NumericElement,
  RECORD_ELEMENTS,
  type RecordElement,
} from "./fields.js";
import {
  normaliseNumericElement,
  normaliseWireDate,
  toWireNumber,
  wireDigitsSchema,
  wireTextSchema,
} from "./values.js";

/**
 * A person record as read: every element the institution was granted, as a string or
 * `null`; elements not granted are absent. Numeric elements are digit strings,
 * zero-padded per `NUMERIC_ELEMENT_WIDTH` (NO_PROP/NO_KAB/NO_KEC to 2, NO_KEL to 4,
 * NO_RT/NO_RW to 3, KODE_POS to 5; NIK/NO_KK as sent); dates are `YYYY-MM-DD`.
 * Text is kept as sent (trailing spaces included).
 *
 * @example
 * ```ts
 * import type { PersonRecord } from "@dukcapil-sandbox/core";
 * const record: PersonRecord = { NIK: "9171011203900001", NO_PROP: "91", NO_RT: "006" };
 * ```
 */
export type PersonRecord = { readonly [K in RecordElement]?: string | null };

const numericSet: ReadonlySet<string> = new Set(NUMERIC_ELEMENTS);
const dateSet: ReadonlySet<string> = new Set(DATE_ELEMENTS);
const recordElementSet: ReadonlySet<string> = new Set(RECORD_ELEMENTS);

function numericValueSchema(element: NumericElement) {
  return z
    .union([
      wireDigitsSchema,
      z.string(), // non-digit text is kept as sent: a reader tolerates, it does not judge
      z.null(),
    ])
    .transform((value) => {
      if (value === null || value.trim() === "") return null;
      return normaliseNumericElement(element, value);
    });
}

const dateValueSchema = z
  .union([z.string(), z.null()])
  .transform((value) => (value === null || value.trim() === "" ? null : normaliseWireDate(value)));

const textValueSchema = z.union([wireTextSchema, z.null()]);

const recordShape = Object.fromEntries(
  RECORD_ELEMENTS.map((element) => {
    const schema = numericSet.has(element)
      ? numericValueSchema(element as NumericElement)
      : dateSet.has(element)
        ? dateValueSchema
        : textValueSchema;
    return [element, (schema as z.ZodType<string | null, unknown>).optional()];
  }),
) as Record<RecordElement, z.ZodOptional<z.ZodType<string | null, unknown>>>;

/**
 * The zod schema of a person record on the wire: numeric elements as bare numbers
 * (big ones as `bigint` from `parseJsonLossless`), digit strings or `null`; dates
 * `YYYY-MM-DD` (or `DD-MM-YYYY`); unknown keys are dropped (read them from the raw object).
 * A record must hold at least one record element with a value (normally `NIK`): `{}` or
 * `{ "message": "Unauthorized" }` is not a person.
 *
 * @example
 * ```ts
 * import { personRecordSchema } from "@dukcapil-sandbox/core";
 * personRecordSchema.parse({ NIK: 9171011203900001n, NO_PROP: 3, TGL_KWN: null });
 * // { NIK: "9171011203900001", NO_PROP: "03", TGL_KWN: null }
 * ```
 */
export const personRecordSchema: z.ZodType<PersonRecord, unknown> = z
  .object(recordShape)
  .transform((parsed, ctx) => {
    const record: { [K in RecordElement]?: string | null } = {};
    let withValue = 0;
    for (const [key, value] of Object.entries(parsed) as [
      RecordElement,
      string | null | undefined,
    ][]) {
      if (value === undefined) continue;
      record[key] = value;
      if (value !== null) withValue += 1;
    }
    if (withValue === 0) {
      ctx.addIssue({
        code: "custom",
        message:
          "Expected a person record: at least one record element (normally NIK) with a value",
      });
      return z.NEVER;
    }
    return record;
  });

/**
 * A record to write: element → normalised string (digit strings for numeric
 * elements, `YYYY-MM-DD` dates) or `null`.
 *
 * @example
 * ```ts
 * import type { WireRecordInput } from "@dukcapil-sandbox/core";
 * const record: WireRecordInput = { NIK: "3204014101900001", NO_RT: "006", KODE_POS: null };
 * ```
 */
export type WireRecordInput = { readonly [K in RecordElement]?: string | null };

/**
 * How numeric elements are written: `bare` — JSON numbers without leading zeros,
 * big-safe (the real service, the default); `string` — the digit strings as given.
 *
 * @example
 * ```ts
 * import type { WireNumbers } from "@dukcapil-sandbox/core";
 * const numbers: WireNumbers = "string";
 * ```
 */
export type WireNumbers = "bare" | "string";

/**
 * A record as written: keys in output order, numeric elements as `number`/`bigint`
 * (bare dialect) or strings.
 *
 * @example
 * ```ts
 * import type { WireRecord } from "@dukcapil-sandbox/core";
 * const record: WireRecord = { NIK: 9171011203900001n, NAMA_LGKP: "SITI" };
 * ```
 */
export type WireRecord = Record<string, string | number | bigint | null>;

/**
 * Writes one person record in a dialect. With `elements`, writes exactly those keys in
 * that order (a missing value becomes `null`): pass the institution's grant. Without
 * it, writes the record's own keys in their order.
 *
 * @throws {DukcapilCoreError} `DKS_CORE_INVALID_OPTIONS` for a key that is not a record element.
 *
 * @example
 * ```ts
 * import { WEB_PORTAL_GRANT, writePersonRecord } from "@dukcapil-sandbox/core";
 * writePersonRecord({ NIK: "9171011203900001", NO_RT: "006" }, { elements: ["NIK", "NO_RT"] });
 * // { NIK: 9171011203900001n, NO_RT: 6 }
 * writePersonRecord({ NIK: "3204014101900001" }, { elements: WEB_PORTAL_GRANT, numbers: "string" });
 * ```
 */
export function writePersonRecord(
  record: WireRecordInput,
  options: {
    readonly numbers?: WireNumbers | undefined;
    readonly elements?: readonly RecordElement[] | undefined;
  } = {},
): WireRecord {
  const numbers = options.numbers ?? "bare";
  const keys = options.elements ?? (Object.keys(record) as RecordElement[]);
  const out: WireRecord = {};
  for (const key of keys) {
    if (!recordElementSet.has(key)) {
      throw new DukcapilCoreError(
        "DKS_CORE_INVALID_OPTIONS",
        `Failed to write the person record: ${JSON.stringify(key)} is not a record element. Use the keys of RECORD_ELEMENTS.`,
        { key },
      );
    }
    const value = record[key] ?? null;
    if (value === null || numbers === "string" || !numericSet.has(key)) {
      out[key] = value;
    } else {
      out[key] = value.trim() === "" ? null : (toWireNumber(value) ?? value);
    }
  }
  return out;
}
