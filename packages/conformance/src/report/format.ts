/**
 * Text helpers shared by the renderers: escaping for XML and HTML, masking of stray NIKs in free
 * text (runner/evidence's `maskDigits`), and number formats. Internal to the report renderers.
 */
import { maskDigits } from "../runner/evidence.js";
import type { CriterionResult, PocReport } from "./schema.js";

/** True for a UTF-16 code unit that XML 1.0 forbids (except as part of a surrogate pair). */
function isForbiddenInXml(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
    code === 0xfffe ||
    code === 0xffff
  );
}

/**
 * Replaces characters that XML 1.0 forbids (C0 controls other than tab, LF and CR; lone
 * surrogates; U+FFFE and U+FFFF) with U+FFFD, so that any text can go into a document.
 *
 * @internal
 */
export function toXmlChars(text: string): string {
  let out = "";
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[index]! + text[index + 1]!;
        index++;
      } else {
        out += "\uFFFD";
      }
    } else if ((code >= 0xdc00 && code <= 0xdfff) || isForbiddenInXml(code)) {
      out += "\uFFFD";
    } else {
      out += text[index]!;
    }
  }
  return out;
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for XML or HTML element content and quoted attribute values (`& < > " '`),
 * after {@link toXmlChars}.
 *
 * @internal
 */
export function escapeMarkup(text: string): string {
  return toXmlChars(text).replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/**
 * Like {@link escapeMarkup}, and also keeps tabs and line breaks of an attribute value (an XML
 * parser would turn them into spaces).
 *
 * @internal
 */
export function escapeAttribute(text: string): string {
  return escapeMarkup(text).replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

/**
 * Free text from a criterion (summary, check detail, excerpt, note) ready for markup: stray NIKs
 * masked, then escaped.
 *
 * @internal
 */
export function freeText(text: string): string {
  return escapeMarkup(maskDigits(text));
}

/**
 * A duration for people: `850 ms`, `1.25 s`, `2 min 05 s`.
 *
 * @internal
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  if (Math.abs(ms) < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms - minutes * 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, "0")} s`;
}

/**
 * A whole number with its thousands grouped by `separator` (`1,000,000` in English,
 * `1.000.000` in Indonesian), without depending on the runtime's locale data.
 *
 * @internal
 */
export function groupDigits(value: number, separator: string): string {
  const [whole = "", fraction] = String(value).split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = sign === "" ? whole : whole.slice(1);
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return `${sign}${grouped}${fraction === undefined ? "" : `${separator === "." ? "," : "."}${fraction}`}`;
}

/**
 * Seconds with millisecond precision, as JUnit wants them (`12.345`).
 *
 * @internal
 */
export function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/**
 * The start of a criterion in milliseconds since the run started. The report stores
 * `startedAtMs`; an epoch value (after 2001) is taken relative to `manifest.startedAt`.
 *
 * @internal
 */
export function criterionOffsetMs(report: PocReport, criterion: CriterionResult): number {
  if (criterion.startedAtMs < 1e12) return criterion.startedAtMs;
  const runStart = Date.parse(report.manifest.startedAt);
  return Number.isNaN(runStart) ? 0 : criterion.startedAtMs - runStart;
}

/**
 * English words for the statuses, used by the JSON-facing renderers (HTML, JUnit).
 *
 * @internal
 */
export const STATUS_WORDS: Readonly<Record<CriterionResult["status"], string>> = {
  passed: "Passed",
  failed: "Failed",
  skipped: "Skipped",
  error: "Error",
};

/**
 * What an upstream request answered, as a short label: the response code, else the HTTP
 * status, else "no answer".
 *
 * @internal
 */
export function requestOutcomeLabel(request: {
  code: string | null;
  httpStatus: number | null;
}): string {
  if (request.code !== null) return `code ${request.code}`;
  if (request.httpStatus !== null) return `HTTP ${request.httpStatus}`;
  return "no answer";
}
