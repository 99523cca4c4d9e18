/**
 * Upstream answers as values: a discriminated union keyed by the catalogue code
 * (`"01"` found, `"11"` deceased, …, `"unknown"` for a text the catalogue does not
 * know). Built from the catalogue rows; nothing here switches over codes.
 */

import * as z from "zod";
import {
  matchResponseText,
  type OutcomeName,
  outcomeRow,
  type ResponseCode,
  type ResponseCodeRow,
  responseCodeRow,
  responseCodes,
} from "../catalogue/response-codes.js";
import { lenientEnvelopeSchema } from "../wire/envelope.js";
import { type PersonRecord, personRecordSchema } from "../wire/record.js";
import {
  type VerifyResults,
  verifyErrorRecordSchema,
  verifyResultRecordSchema,
} from "../wire/verify.js";
import { DukcapilResponseFormatError, maskedExcerpt } from "./errors.js";

/**
 * A catalogue code other than `"01"` (found).
 *
 * @example
 * ```ts
 * import type { FailureCode } from "@dukcapil-sandbox/core";
 * const code: FailureCode = "05";
 * ```
 */
export type FailureCode = Exclude<ResponseCode, "01">;

/**
 * An upstream answer other than "found", for one code: its catalogue row (retry
 * advice, actions, texts), the text as received, and `local: true` when the client
 * answered it itself without a network call (a malformed NIK; `reason` is then the
 * `parseNik` failure reason).
 *
 * @example
 * ```ts
 * import type { FailureOutcome } from "@dukcapil-sandbox/core";
 * const advice = (outcome: FailureOutcome) => outcome.row.retry;
 * ```
 */
export interface FailureOutcome<C extends FailureCode = FailureCode> {
  readonly code: C;
  readonly outcome: OutcomeName;
  /** The text as the gateway sent it (for local answers: the catalogue's text). */
  readonly text: string;
  readonly row: ResponseCodeRow;
  readonly local: boolean;
  /** The `parseNik` reason of a local answer; `null` otherwise. */
  readonly reason: string | null;
  /** `quotaLimiter` of the answer (remaining daily hits), `null` when absent. */
  readonly remainingQuota: number | null;
}

/**
 * The union of {@link FailureOutcome}s, one member per failure code.
 *
 * @example
 * ```ts
 * import type { AnyFailureOutcome } from "@dukcapil-sandbox/core";
 * const isDeceased = (outcome: AnyFailureOutcome) => outcome.code === "11";
 * ```
 */
export type AnyFailureOutcome = { [C in FailureCode]: FailureOutcome<C> }[FailureCode];

/**
 * An answer whose text (or `RESPONSE_CODE`) the catalogue does not know. Not an
 * error: log it (it is no person data) and treat it as "no result".
 *
 * @example
 * ```ts
 * import type { UnknownOutcome } from "@dukcapil-sandbox/core";
 * const log = (outcome: UnknownOutcome) => `${outcome.responseCode ?? "-"} ${outcome.text}`;
 * ```
 */
export interface UnknownOutcome {
  readonly code: "unknown";
  readonly outcome: "unknown";
  readonly text: string;
  /** The `RESPONSE_CODE` sent (verify), `null` when none. */
  readonly responseCode: string | null;
  readonly remainingQuota: number | null;
  readonly local: false;
}

interface FoundBase {
  readonly code: "01";
  readonly outcome: "found";
  readonly row: ResponseCodeRow;
  readonly remainingQuota: number | null;
  readonly local: false;
}

/**
 * A found lookup: the normalised record, and `raw`, `content[0]` as read losslessly.
 *
 * @example
 * ```ts
 * import type { LookupFound } from "@dukcapil-sandbox/core";
 * const name = (found: LookupFound) => found.record.NAMA_LGKP?.trim();
 * ```
 */
export interface LookupFound extends FoundBase {
  readonly record: PersonRecord;
  readonly raw: unknown;
}

/**
 * A verify answer with per-field results (`{ match, score? }` per element sent, and `NIK`).
 *
 * @example
 * ```ts
 * import type { VerifyFound } from "@dukcapil-sandbox/core";
 * const allMatch = (found: VerifyFound) => Object.values(found.results).every((r) => r.match);
 * ```
 */
export interface VerifyFound extends FoundBase {
  readonly results: VerifyResults;
}

/**
 * A found family card: one normalised record per member, and `raw`, the content as read.
 *
 * @example
 * ```ts
 * import type { FamilyFound } from "@dukcapil-sandbox/core";
 * const size = (found: FamilyFound) => found.members.length;
 * ```
 */
export interface FamilyFound extends FoundBase {
  readonly members: readonly PersonRecord[];
  readonly raw: unknown;
}

/**
 * The outcome of a lookup.
 *
 * @example
 * ```ts
 * import type { LookupOutcome } from "@dukcapil-sandbox/core";
 * const show = (outcome: LookupOutcome) =>
 *   outcome.code === "01" ? outcome.record.NAMA_LGKP : outcome.text;
 * ```
 */
export type LookupOutcome = LookupFound | AnyFailureOutcome | UnknownOutcome;

/**
 * The outcome of a verify-by-element call.
 *
 * @example
 * ```ts
 * import type { VerifyOutcome } from "@dukcapil-sandbox/core";
 * const matched = (outcome: VerifyOutcome) => outcome.code === "01" && outcome.results.NIK?.match === true;
 * ```
 */
export type VerifyOutcome = VerifyFound | AnyFailureOutcome | UnknownOutcome;

/**
 * The outcome of a family-card call.
 *
 * @example
 * ```ts
 * import type { FamilyOutcome } from "@dukcapil-sandbox/core";
 * const members = (outcome: FamilyOutcome) => (outcome.code === "01" ? outcome.members : []);
 * ```
 */
export type FamilyOutcome = FamilyFound | AnyFailureOutcome | UnknownOutcome;

/**
 * The upstream methods the client calls.
 *
 * @example
 * ```ts
 * import type { DukcapilMethod } from "@dukcapil-sandbox/core";
 * const method: DukcapilMethod = "CALL_VERIFY_BY_ELEMEN";
 * ```
 */
export type DukcapilMethod = "CALL_NIK" | "CALL_VERIFY_BY_ELEMEN" | "CALL_NIK_GET_KK";

const foundRow = responseCodeRow("01") as ResponseCodeRow;
const failureRows: ReadonlyMap<string, ResponseCodeRow> = new Map(
  responseCodes.filter((row) => row.code !== foundRow.code).map((row) => [row.code, row]),
);

/**
 * The outcome of a catalogue row other than "found", built from the row.
 *
 * @example
 * ```ts
 * import { failureOutcome, outcomeRow } from "@dukcapil-sandbox/core";
 * failureOutcome(outcomeRow("deceased"), "Data Ditemukan, Meninggal Dunia").code; // "11"
 * ```
 */
export function failureOutcome(
  row: ResponseCodeRow,
  text: string,
  extra: { remainingQuota?: number | null; local?: boolean; reason?: string | null } = {},
): AnyFailureOutcome {
  if (!failureRows.has(row.code)) {
    throw new TypeError(`Row ${row.code} is not a failure row of the catalogue`);
  }
  // The mapped union cannot be narrowed from a runtime row; the map above guarantees it.
  return {
    code: row.code as FailureCode,
    outcome: row.outcome,
    text,
    row,
    local: extra.local ?? false,
    reason: extra.reason ?? null,
    remainingQuota: extra.remainingQuota ?? null,
  } as AnyFailureOutcome;
}

function unknownOutcome(
  text: string,
  responseCode: string | null,
  remainingQuota: number | null,
): UnknownOutcome {
  return { code: "unknown", outcome: "unknown", text, responseCode, remainingQuota, local: false };
}

function fromText(text: string, remainingQuota: number | null): AnyFailureOutcome | UnknownOutcome {
  const row = matchResponseText(text);
  return row !== undefined && failureRows.has(row.code)
    ? failureOutcome(row, text, { remainingQuota })
    : unknownOutcome(text, null, remainingQuota);
}

function formatError(method: DukcapilMethod, reason: string, body: unknown, issues?: unknown) {
  let excerpt: string;
  try {
    excerpt = maskedExcerpt(
      JSON.stringify(body, (_key, value: unknown) =>
        typeof value === "bigint" ? value.toString() : value,
      ) ?? String(body),
    );
  } catch {
    excerpt = "[unprintable]";
  }
  return new DukcapilResponseFormatError(
    `Failed to read the Dukcapil ${method} answer: ${reason}. Check the base URL, path and method; details.issues and details.bodyExcerpt (NIKs masked) show what arrived.`,
    issues === undefined
      ? { method, bodyExcerpt: excerpt }
      : { method, issues, bodyExcerpt: excerpt },
  );
}

function readEnvelope(method: DukcapilMethod, body: unknown) {
  const envelope = lenientEnvelopeSchema(z.unknown()).safeParse(body);
  if (!envelope.success) {
    throw formatError(
      method,
      "the body is not a page envelope with `content`",
      body,
      envelope.error.issues,
    );
  }
  const first = envelope.data.content[0];
  if (first === undefined) throw formatError(method, "`content` is empty", body);
  return {
    content: envelope.data.content,
    first,
    remainingQuota: envelope.data.quotaLimiter ?? null,
  };
}

function responText(record: unknown): string | undefined {
  if (typeof record !== "object" || record === null) return undefined;
  const value = (record as { RESPON?: unknown }).RESPON;
  return typeof value === "string" ? value : undefined;
}

/**
 * Reads a lookup answer (already parsed with `parseJsonLossless`) into a {@link LookupOutcome}:
 * `content[0].RESPON` is matched with `matchResponseText`, anything else is the record.
 *
 * @throws {DukcapilResponseFormatError} when the body is not the wire format.
 *
 * @example
 * ```ts
 * import { lookupOutcomeFromBody, parseJsonLossless } from "@dukcapil-sandbox/core";
 * const outcome = lookupOutcomeFromBody(parseJsonLossless('{"content":[{"RESPON":"Data Tidak Ditemukan"}]}'));
 * outcome.code; // "13"
 * ```
 */
export function lookupOutcomeFromBody(
  body: unknown,
  method: DukcapilMethod = "CALL_NIK",
): LookupOutcome {
  const { first, remainingQuota } = readEnvelope(method, body);
  const text = responText(first);
  if (text !== undefined) return fromText(text, remainingQuota);
  const record = personRecordSchema.safeParse(first);
  if (!record.success) {
    throw formatError(
      method,
      "`content[0]` is neither a person record nor `{ RESPON }`",
      body,
      record.error.issues,
    );
  }
  return {
    code: "01",
    outcome: "found",
    row: foundRow,
    record: record.data,
    raw: first,
    remainingQuota,
    local: false,
  };
}

/**
 * Reads a family answer into a {@link FamilyOutcome}: `{ RESPON }` as for lookup, else
 * one record per element of `content`.
 *
 * @throws {DukcapilResponseFormatError} when the body is not the wire format.
 *
 * @example
 * ```ts
 * import { familyOutcomeFromBody } from "@dukcapil-sandbox/core";
 * familyOutcomeFromBody({ content: [{ NIK: "3204010101800001" }, { NIK: "3204014101850002" }] }).code; // "01"
 * ```
 */
export function familyOutcomeFromBody(body: unknown): FamilyOutcome {
  const method = "CALL_NIK_GET_KK";
  const { content, first, remainingQuota } = readEnvelope(method, body);
  const text = responText(first);
  if (text !== undefined) return fromText(text, remainingQuota);
  const members = z.array(personRecordSchema).safeParse(content);
  if (!members.success) {
    throw formatError(
      method,
      "`content` holds something other than person records",
      body,
      members.error.issues,
    );
  }
  return {
    code: "01",
    outcome: "found",
    row: foundRow,
    members: members.data,
    raw: content,
    remainingQuota,
    local: false,
  };
}

/**
 * Reads a verify answer into a {@link VerifyOutcome}: an error record by its
 * `RESPONSE_CODE` when present, else by its text; a result record into per-field results.
 *
 * @throws {DukcapilResponseFormatError} when the body is not the wire format.
 *
 * @example
 * ```ts
 * import { verifyOutcomeFromBody } from "@dukcapil-sandbox/core";
 * const outcome = verifyOutcomeFromBody({ content: [{ NIK: "Sesuai", NAMA_LGKP: "Sesuai (97)" }], quotaLimiter: 41 });
 * outcome.code === "01" && outcome.results.NAMA_LGKP; // { match: true, score: 97 }
 * ```
 */
export function verifyOutcomeFromBody(body: unknown): VerifyOutcome {
  const method = "CALL_VERIFY_BY_ELEMEN";
  const { first, remainingQuota } = readEnvelope(method, body);
  const error = verifyErrorRecordSchema.safeParse(first);
  if (error.success) {
    const record = error.data;
    const text = record.RESPONSE ?? record.RESPON ?? record.RESPONSE_DESC;
    const code = record.RESPONSE_CODE;
    if (code !== undefined) {
      const row = failureRows.get(code);
      if (row !== undefined) {
        return failureOutcome(row, text ?? row.verifyText ?? "", { remainingQuota });
      }
      if (code !== foundRow.code) return unknownOutcome(text ?? "", code, remainingQuota);
    }
    return fromText(text ?? "", remainingQuota);
  }
  const results = verifyResultRecordSchema.safeParse(first);
  if (!results.success) {
    throw formatError(
      method,
      "`content[0]` is neither per-field results nor an error record",
      body,
      results.error.issues,
    );
  }
  return {
    code: "01",
    outcome: "found",
    row: foundRow,
    results: results.data,
    remainingQuota,
    local: false,
  };
}

/**
 * The outcome the client answers locally for a malformed NIK: code 15 with the
 * catalogue's text for the endpoint, `local: true`, no quota spent.
 *
 * @example
 * ```ts
 * import { localMalformedNikOutcome } from "@dukcapil-sandbox/core";
 * localMalformedNikOutcome("lookupText", "length").local; // true
 * ```
 */
export function localMalformedNikOutcome(
  endpoint: "lookupText" | "verifyText",
  reason: string,
): AnyFailureOutcome {
  const row = outcomeRow("malformed-nik");
  return failureOutcome(row, row[endpoint] ?? row.portalText ?? "", { local: true, reason });
}
