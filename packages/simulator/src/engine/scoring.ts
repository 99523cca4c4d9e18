import {
  FUZZY_VERIFY_ELEMENTS,
  NUMERIC_ELEMENTS,
  type VerifyElement,
  type VerifyFieldResult,
  type WireRecordInput,
} from "@dukcapil-sandbox/core";

const fuzzy: ReadonlySet<string> = new Set(FUZZY_VERIFY_ELEMENTS);
const numeric: ReadonlySet<string> = new Set(NUMERIC_ELEMENTS);

const canonicalText = (value: string): string => value.trim().replace(/\s+/g, " ").toUpperCase();

/** Levenshtein similarity 0–100 of two texts after case and spacing are normalised. */
export function similarity(a: string, b: string): number {
  const x = canonicalText(a);
  const y = canonicalText(b);
  if (x === y) return x === "" ? 0 : 100;
  if (x === "" || y === "") return 0;
  // The distance is at least the difference of the lengths, so the score is at most
  // round(shorter / longer × 100): 0 when the longer text is over 200 times the shorter.
  // Answered without the O(n·m) table, a megabyte of verify text costs nothing to score.
  if (Math.min(x.length, y.length) * 200 < Math.max(x.length, y.length)) return 0;
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x.charCodeAt(i - 1) === y.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  const distance = previous[y.length] ?? 0;
  return Math.round((1 - distance / Math.max(x.length, y.length)) * 100);
}

function sameValue(element: string, sent: string, actual: string | null | undefined): boolean {
  if (actual === null || actual === undefined) return false;
  const s = sent.trim();
  if (s === "") return false;
  if (numeric.has(element)) {
    return /^\d+$/.test(s) && s.replace(/^0+(?=\d)/, "") === actual.replace(/^0+(?=\d)/, "");
  }
  return canonicalText(s) === canonicalText(actual);
}

/**
 * Scores a verify-by-element request against a record (Decisions §8): exact fields
 * `Sesuai`/`Tidak Sesuai`; NAMA_LGKP, TMPT_LHR, ALAMAT, NAMA_LGKP_IBU a similarity
 * 0–100, `Sesuai` when ≥ threshold. A key for NIK and for every element sent; an
 * element outside `granted` (the institution's grant, Decisions §7) answers `null`,
 * never a match or a score, so a verify call reveals nothing of ungranted data
 * (decisions/005, "Verify and grants"). NIK is always answered.
 */
export function scoreVerify(
  nik: string,
  elements: Readonly<Partial<Record<VerifyElement, string>>>,
  threshold: number,
  record: WireRecordInput,
  granted: ReadonlySet<string> | readonly string[],
): Record<string, VerifyFieldResult | null> {
  const grant: ReadonlySet<string> = granted instanceof Set ? granted : new Set(granted);
  const results: Record<string, VerifyFieldResult | null> = {
    NIK: { match: nik === record.NIK },
  };
  for (const [element, sent] of Object.entries(elements) as [VerifyElement, string][]) {
    if (!grant.has(element)) {
      results[element] = null;
      continue;
    }
    const actual = record[element];
    if (fuzzy.has(element)) {
      const score = actual === null || actual === undefined ? 0 : similarity(sent, actual);
      results[element] = { match: score >= threshold && score > 0, score };
    } else {
      results[element] = { match: sameValue(element, sent, actual) };
    }
  }
  return results;
}
