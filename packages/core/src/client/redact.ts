/**
 * What of an upstream body may go into an error: its structure (keys), the texts the
 * upstream writes about the request (`RESPON`, `RESPONSE`, `RESPONSE_DESC`, `message`,
 * …, bounded) and envelope counters. Never a value of a person element: names,
 * addresses, dates and numbers are replaced, NIK-like digit runs masked. Applications
 * log errors; person data must not follow them there.
 */

import { maskNik } from "../nik/mask.js";
import { parseJsonLossless } from "../wire/lossless-json.js";

/** Keys whose string values are the upstream's own words about the request, not person data. */
const TEXT_KEYS: ReadonlySet<string> = new Set([
  "RESPON",
  "RESPONSE",
  "RESPONSE_DESC",
  "RESPONSE_CODE",
  "message",
  "error",
  "status",
  "statusText",
]);

/** Keys whose numeric or boolean values are envelope counters, not person data. */
const COUNTER_KEYS: ReadonlySet<string> = new Set([
  "lastPage",
  "numberOfElements",
  "totalElements",
  "firstPage",
  "number",
  "size",
  "quotaLimiter",
  "RESPONSE_CODE",
  "status",
]);

/** The longest upstream text kept. */
const MAX_TEXT = 120;
/** Array items and object members shown per container. */
const MAX_ITEMS = 3;
const MAX_MEMBERS = 40;
const MAX_DEPTH = 6;

const SIXTEEN_DIGIT_RUN = /(?<!\d)\d{16}(?!\d)/g;
const LONG_DIGIT_RUN = /\d{6,}/g;

/** Masks NIK-like digit runs: 16 digits as `maskNik` does, any other run of 6 or more fully. */
function maskDigits(text: string): string {
  return text
    .replace(SIXTEEN_DIGIT_RUN, (digits) => maskNik(digits))
    .replace(LONG_DIGIT_RUN, (digits) => "*".repeat(digits.length));
}

function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A number that is not a counter: its digits hidden, a 16-digit NIK masked. */
function hiddenNumber(value: number | bigint): string {
  const digits = typeof value === "bigint" ? value.toString() : String(value);
  return /^\d{16}$/.test(digits) ? maskNik(digits) : digits.replace(/\d/g, "*");
}

function keyText(key: string): string {
  return JSON.stringify(bounded(maskDigits(key), 40));
}

function summarise(value: unknown, key: string | undefined, depth: number): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return key !== undefined && TEXT_KEYS.has(key)
        ? JSON.stringify(bounded(maskDigits(value), MAX_TEXT))
        : '"…"';
    case "number":
    case "bigint":
      return key !== undefined && COUNTER_KEYS.has(key) ? String(value) : hiddenNumber(value);
    case "boolean":
      return key !== undefined && COUNTER_KEYS.has(key) ? String(value) : "<boolean>";
    case "object":
      break;
    default:
      return `<${typeof value}>`;
  }
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? "[…]" : "{…}";
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_ITEMS).map((item) => summarise(item, undefined, depth + 1));
    if (value.length > MAX_ITEMS) shown.push(`…(${value.length - MAX_ITEMS} more)`);
    return `[${shown.join(",")}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const shown = entries
    .slice(0, MAX_MEMBERS)
    .map(([name, member]) => `${keyText(name)}:${summarise(member, name, depth + 1)}`);
  if (entries.length > MAX_MEMBERS) shown.push(`…(${entries.length - MAX_MEMBERS} more)`);
  return `{${shown.join(",")}}`;
}

/**
 * The structure of a parsed body for an error detail: keys kept, upstream texts
 * (`RESPON`, `RESPONSE`, `message`, …) kept up to 120 characters, envelope counters
 * kept, every other value replaced (`"…"` for text, `*` per digit for numbers, a
 * 16-digit number masked as `maskNik` does).
 *
 * @internal
 */
export function redactBody(value: unknown, maxLength = 400): string {
  return bounded(summarise(value, undefined, 0), maxLength);
}

/** A JSON string literal, possibly cut off at the end of the text. */
const STRING_LITERAL = /"(?:[^"\\]|\\.)*(?:"|\\?$)/g;

/**
 * Redacts a body that is not JSON (an HTML error page, a cut-off answer): string
 * literals that are not keys or values of the upstream's text keys become `"…"`, and
 * NIK-like digit runs are masked.
 */
function redactText(text: string): string {
  let lastKey: string | undefined;
  const redacted = text.replace(STRING_LITERAL, (literal, offset: number) => {
    const after = text.slice(offset + literal.length).trimStart();
    const inner = literal.slice(1, literal.endsWith('"') && literal.length > 1 ? -1 : undefined);
    if (after.startsWith(":")) {
      lastKey = inner;
      return keyText(inner);
    }
    const keep = lastKey !== undefined && TEXT_KEYS.has(lastKey);
    lastKey = undefined;
    return keep ? JSON.stringify(bounded(maskDigits(inner), MAX_TEXT)) : '"…"';
  });
  return maskDigits(redacted);
}

/**
 * The start of a body for an error detail, safe to log. A JSON body is reduced to its
 * structure (see the module notes: keys, the upstream's `RESPON`/`RESPONSE`/`message`
 * texts, envelope counters; other values replaced). Any other text (an HTML error page,
 * a cut-off answer) keeps its words, but every quoted value that is not such a text
 * becomes `"…"`, and NIK-like digit runs are masked: a run of exactly 16 digits as
 * `maskNik` does (`3204**********01`), any other run of 6 or more digits completely.
 *
 * @example
 * ```ts
 * import { maskedExcerpt } from "@dukcapil-sandbox/core";
 * maskedExcerpt('{"content":[{"NIK":3204014101900001,"NAMA_LGKP":"SITI"}]}');
 * // '{"content":[{"NIK":3204**********01,"NAMA_LGKP":"…"}]}'
 * maskedExcerpt("<h1>502 Bad Gateway</h1>"); // "<h1>502 Bad Gateway</h1>"
 * ```
 */
export function maskedExcerpt(text: string, maxLength = 200): string {
  let parsed: unknown;
  let isJson = false;
  try {
    parsed = parseJsonLossless(text);
    isJson = typeof parsed === "object" && parsed !== null;
  } catch {
    isJson = false;
  }
  if (isJson) return redactBody(parsed, maxLength);
  // Redact before cutting, so that a value across the cut is not left half visible.
  const redacted = redactText(text.slice(0, maxLength + 64));
  return text.length > maxLength || redacted.length > maxLength
    ? `${redacted.slice(0, maxLength)}…`
    : redacted;
}

/**
 * Removes the given secrets (password, user ID, NIK, token) from a text wherever they
 * appear, then masks NIK-like digit runs and bounds it.
 *
 * @internal
 */
export function scrubText(
  text: string,
  secrets: readonly string[],
  maxLength = MAX_TEXT * 2,
): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 3) out = out.split(secret).join("[redacted]");
  }
  return bounded(redactText(out), maxLength);
}
