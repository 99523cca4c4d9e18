/**
 * Reading what an app showed: the visible text of an answer (HTML without tags and with
 * entities decoded, JSON string values, or the text itself), matched case-insensitively
 * with spacing normalised.
 */
import { responseCodeRow } from "@dukcapil-sandbox/core";
import type { DriverAnswer } from "../drivers/types.js";

const ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith("#x") || entity.startsWith("#X")) {
      return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    }
    if (entity.startsWith("#")) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function jsonStrings(value: unknown, out: string[]): void {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) jsonStrings(item, out);
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      jsonStrings(item, out);
    }
  }
}

/** Lower case, one space for any run of spaces, no trailing `.`/`!`. */
export function normaliseText(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.!]+$/, "")
    .toLowerCase();
}

/** Everything the user could read in an answer, normalised: raw body, HTML text, JSON strings. */
export function visibleText(answer: DriverAnswer): string {
  const parts = [answer.body];
  if (/<[a-z!/]/i.test(answer.body)) {
    parts.push(
      decodeEntities(
        answer.body.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]+>/g, " "),
      ),
    );
  }
  const trimmed = answer.body.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.startsWith('"')) {
    try {
      const strings: string[] = [];
      jsonStrings(JSON.parse(trimmed), strings);
      parts.push(strings.join("\n"));
    } catch {
      // not JSON after all
    }
  }
  return normaliseText(parts.join("\n"));
}

/** Whether the answer shows `needle` (case-insensitive, spacing normalised). */
export function shows(answer: DriverAnswer, needle: string): boolean {
  const wanted = normaliseText(needle);
  return wanted !== "" && visibleText(answer).includes(wanted);
}

/**
 * The texts that count as "the catalogue's confirmation" of a code: its portal, lookup and
 * verify texts, the known variants, and the Indonesian action for operators.
 */
export function catalogueTexts(code: string): string[] {
  const row = responseCodeRow(code);
  if (row === undefined) return [];
  return [row.portalText, row.lookupText, row.verifyText, ...row.textVariants, row.actionId].filter(
    (text): text is string => text !== null && text.trim() !== "",
  );
}

/** Whether the answer shows one of the catalogue's texts of `code`. */
export function showsOutcome(answer: DriverAnswer, code: string): boolean {
  const seen = visibleText(answer);
  return catalogueTexts(code).some((text) => seen.includes(normaliseText(text)));
}
