/**
 * Upstream answers as values: a discriminated union keyed by the catalogue code
 * (`"01"` found, `"11"` deceased, …, `"unknown"` for a text the catalogue does not
 * know). Built from the catalogue rows; nothing here switches over codes.
 */

import * as z from "zod";
import {
  matchResponseText,
  type OutcomeNameOf,
  outcomeRow,
  type ResponseCode,
  type ResponseCodeRow,
  responseCodeRow,
  responseCodes,
} from "../catalogue/response-codes.js";
import { DukcapilCoreError } from "../errors.js";
import { issueDetails } from "../internal/zod-issues.js";
import { lenientEnvelopeSchema } from "../wire/envelope.js";
import { type PersonRecord, personRecordSchema } from "../wire/record.js";
import {
  responseCodeValueSchema,
  type VerifyResults,
  verifyResultRecordSchema,
} from "../wire/verify.js";
import { DukcapilResponseFormatError } from "./errors.js";
import { redactBody } from "./redact.js";

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
 * `parseNik` failure reason). `outcome` is the name the catalogue pairs with `code`, so
 * narrowing one narrows the other.
 *
 * @example
 * ```ts
 * import type { FailureOutcome } from "@dukcapil-sandbox/core";
 * const advice = (outcome: FailureOutcome) => outcome.row.retry;
 * ```
 */
export interface FailureOutcome<C extends FailureCode = FailureCode> {
  readonly code: C;
  readonly outcome: OutcomeNameOf<C>;
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
 * The union of {@link FailureOutcome}s, one member per failure code: checking `code`
 * narrows `outcome` and the other way round.
 *
 * @example
 * ```ts
 * import type { AnyFailureOutcome } from "@dukcapil-sandbox/core";
 * const isDeceased = (outcome: AnyFailureOutcome) => outcome.code === "11";
 * const quota = (outcome: AnyFailureOutcome) =>
 *   outcome.outcome === "quota-exhausted" ? outcome.code : undefined; // "05" | undefined
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
 * An element not granted to your institution is `null`: neither a match nor a mismatch.
 *
 * @example
 * ```ts
 * import type { VerifyFound } from "@dukcapil-sandbox/core";
 * const allMatch = (found: VerifyFound) => Object.values(found.results).every((r) => r?.match === true);
 * const notGranted = (found: VerifyFound) =>
 *   Object.entries(found.results).flatMap(([element, r]) => (r === null ? [element] : []));
 * ```
 */
export interface VerifyFound extends FoundBase {
  /** Per element sent (and `NIK`): `{ match, score? }`, or `null` when the element is not granted to your institution. */
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
 * @throws {DukcapilCoreError} `DKS_CORE_INVALID_OPTIONS` for the "found" row or a row
 * that is not in the catalogue.
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
  const code = (row as { code?: unknown } | null)?.code;
  const canonical = typeof code === "string" ? failureRows.get(code) : undefined;
  if (canonical === undefined) {
    throw new DukcapilCoreError(
      "DKS_CORE_INVALID_OPTIONS",
      `Failed to build the failure outcome: ${code === "01" ? 'the "found" row' : "the row"} is not a failure row of the catalogue. Pass a row of responseCodes other than "01", e.g. outcomeRow("deceased").`,
      { code: typeof code === "string" ? code : null },
    );
  }
  // The mapped union cannot be narrowed from a runtime row; the map above guarantees that
  // code and outcome come from one catalogue row.
  return {
    code: canonical.code as FailureCode,
    outcome: canonical.outcome,
    text,
    row: canonical,
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

function fromText(
  text: string,
  remainingQuota: number | null,
  responseCode: string | null = null,
): AnyFailureOutcome | UnknownOutcome {
  const row = matchResponseText(text);
  return row !== undefined && failureRows.has(row.code)
    ? failureOutcome(row, text, { remainingQuota })
    : unknownOutcome(text, responseCode, remainingQuota);
}

function formatError(
  method: DukcapilMethod,
  reason: string,
  body: unknown,
  issues?: readonly z.core.$ZodIssue[],
) {
  const bodyExcerpt = redactBody(body);
  return new DukcapilResponseFormatError(
    `Failed to read the Dukcapil ${method} answer: ${reason}. Check the base URL, path and method; details.issues and details.bodyExcerpt (the body's structure, no person data) show what arrived.`,
    issues === undefined
      ? { method, bodyExcerpt }
      : { method, issues: issueDetails(issues), bodyExcerpt },
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

/** The keys of an error record (wire-format.md §2.2, §2.4, Decisions §4). */
const ERROR_RECORD_KEYS = ["RESPONSE_CODE", "RESPONSE", "RESPONSE_DESC", "RESPON"] as const;

type ErrorTextKey = "RESPON" | "RESPONSE" | "RESPONSE_DESC";

/** Lookup and family answers write `RESPON`; verify answers `RESPONSE` (all four when written by the upstream). */
const LOOKUP_TEXT_KEYS: readonly ErrorTextKey[] = ["RESPON", "RESPONSE", "RESPONSE_DESC"];
const VERIFY_TEXT_KEYS: readonly ErrorTextKey[] = ["RESPONSE", "RESPON", "RESPONSE_DESC"];

interface ErrorRecordReading {
  /** `RESPONSE_CODE` as a two-digit string, when sent and readable. */
  readonly code: string | undefined;
  /** The first string among the text keys, in the endpoint's order. */
  readonly text: string | undefined;
}

/**
 * Reads `record` as an error record when it carries any of the error keys (whatever
 * their values: `{ RESPON: null }` is an error record without a text, never a person);
 * `undefined` when it carries none. A lone `RESPONSE_CODE: "01"`, which some gateways add
 * to a success record, does not make an error record.
 */
function readErrorRecord(
  record: unknown,
  textKeys: readonly ErrorTextKey[],
): ErrorRecordReading | undefined {
  if (typeof record !== "object" || record === null || Array.isArray(record)) return undefined;
  const fields = record as Record<string, unknown>;
  const present = ERROR_RECORD_KEYS.filter((key) => Object.hasOwn(fields, key));
  if (present.length === 0) return undefined;
  const parsedCode =
    fields.RESPONSE_CODE === undefined || fields.RESPONSE_CODE === null
      ? undefined
      : responseCodeValueSchema.safeParse(fields.RESPONSE_CODE);
  const code = parsedCode?.success === true ? parsedCode.data : undefined;
  if (present.length === 1 && code === foundRow.code) return undefined;
  let text: string | undefined;
  for (const key of textKeys) {
    const value = fields[key];
    if (typeof value === "string") {
      text = value;
      break;
    }
  }
  return { code, text };
}

/**
 * The outcome of an error record: by its `RESPONSE_CODE` when that is a failure code
 * (the text as sent, else the catalogue's), else by its text.
 */
function errorOutcome(
  method: DukcapilMethod,
  body: unknown,
  reading: ErrorRecordReading,
  endpoint: "lookupText" | "verifyText",
  remainingQuota: number | null,
): AnyFailureOutcome | UnknownOutcome {
  const { code, text } = reading;
  if (code !== undefined && code !== foundRow.code) {
    const row = failureRows.get(code);
    if (row !== undefined) {
      return failureOutcome(row, text ?? row[endpoint] ?? "", { remainingQuota });
    }
    return unknownOutcome(text ?? "", code, remainingQuota);
  }
  if (text !== undefined) return fromText(text, remainingQuota, code ?? null);
  throw formatError(
    method,
    "`content[0]` is an error record (RESPON, RESPONSE or RESPONSE_CODE) with neither a text nor a failure code",
    body,
  );
}

/**
 * Reads a lookup answer (already parsed with `parseJsonLossless`) into a {@link LookupOutcome}.
 * `content[0]` is an error record when it carries `RESPON`, `RESPONSE`, `RESPONSE_DESC` or
 * `RESPONSE_CODE` (read by its `RESPONSE_CODE` when that is a failure code, else by its
 * text with `matchResponseText`); otherwise it must be a person record with at least one
 * record element holding a value (normally `NIK`).
 *
 * @throws {DukcapilResponseFormatError} when the body is not the wire format: no envelope,
 * empty `content`, an error record with neither text nor code, or a record without any
 * element (`{}`, `{ "message": "Unauthorized" }`).
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
  const error = readErrorRecord(first, LOOKUP_TEXT_KEYS);
  if (error !== undefined) return errorOutcome(method, body, error, "lookupText", remainingQuota);
  const record = personRecordSchema.safeParse(first);
  if (!record.success) {
    throw formatError(
      method,
      "`content[0]` is neither a person record nor an error record",
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
 * Reads a family answer into a {@link FamilyOutcome}: an error record in `content[0]` as
 * for lookup, else one person record per element of `content`. Every member must be a
 * person record: an error record after the first element is a format error, not a member.
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
  const error = readErrorRecord(first, LOOKUP_TEXT_KEYS);
  if (error !== undefined) return errorOutcome(method, body, error, "lookupText", remainingQuota);
  const stray = content.findIndex((member) => readErrorRecord(member, LOOKUP_TEXT_KEYS));
  if (stray !== -1) {
    throw formatError(
      method,
      `\`content[${stray}]\` is an error record, not a family member`,
      body,
    );
  }
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
 * `RESPONSE_CODE` when that is a failure code, else by its text; a result record (at
 * least one answered field) into per-field results, an element not granted to your
 * institution (JSON `null`) read as `null`.
 *
 * @throws {DukcapilResponseFormatError} when the body is not the wire format (an empty
 * record `{}` included: a verify answer always has a result for `NIK`).
 *
 * @example
 * ```ts
 * import { verifyOutcomeFromBody } from "@dukcapil-sandbox/core";
 * const outcome = verifyOutcomeFromBody({
 *   content: [{ NIK: "Sesuai", NAMA_LGKP: "Sesuai (97)", NAMA_LGKP_IBU: null }], quotaLimiter: 41,
 * });
 * outcome.code === "01" && outcome.results.NAMA_LGKP; // { match: true, score: 97 }
 * outcome.code === "01" && outcome.results.NAMA_LGKP_IBU; // null: not granted to the institution
 * ```
 */
export function verifyOutcomeFromBody(body: unknown): VerifyOutcome {
  const method = "CALL_VERIFY_BY_ELEMEN";
  const { first, remainingQuota } = readEnvelope(method, body);
  const error = readErrorRecord(first, VERIFY_TEXT_KEYS);
  if (error !== undefined) return errorOutcome(method, body, error, "verifyText", remainingQuota);
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
