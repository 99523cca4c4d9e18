import { maskNik, parseNik } from "@dukcapil-sandbox/core";

/** How strictly region codes are checked (see parseNik). */
export type RegionMode = "strict" | "legacy" | "none";

/** The verdict on one line of the input. */
export interface LineVerdict {
  line: number;
  /** The NIK masked as in logs (`3204**********01`); the full NIK is never kept in a report. */
  masked: string;
  ok: boolean;
  /** For a bad NIK: the stable reason of parseNik (`length`, `date`, …). */
  reason?: string;
  message?: string;
  /** True when the same NIK appeared on an earlier line (it would be looked up twice). */
  duplicateOf?: number;
  /** True when the NIK is valid only because retired region codes are accepted. */
  legacyRegion?: boolean;
}

export interface CheckReport {
  checked: number;
  valid: number;
  invalid: number;
  duplicates: number;
  lines: LineVerdict[];
}

/** Reads the first CSV column of each line, skipping blanks and `#` comments. */
export function extractCandidates(text: string): { line: number; value: string }[] {
  const out: { line: number; value: string }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const first = trimmed.split(/[,;\t]/, 1)[0] ?? "";
    out.push({ line: index + 1, value: first.replace(/^"|"$/g, "") });
  });
  return out;
}

/**
 * Checks every NIK of a list locally: nothing is sent anywhere, so a malformed NIK
 * costs no quota (upstream, a malformed NIK still uses a hit).
 */
export function checkNiks(
  text: string,
  options: { regions: RegionMode; referenceDate?: Date },
): CheckReport {
  const seen = new Map<string, number>();
  const lines: LineVerdict[] = [];
  for (const { line, value } of extractCandidates(text)) {
    const parsed = parseNik(value, {
      regions: options.regions,
      ...(options.referenceDate ? { referenceDate: options.referenceDate } : {}),
    });
    if (!parsed.ok) {
      lines.push({
        line,
        masked: maskNik(value),
        ok: false,
        reason: parsed.reason,
        message: parsed.message,
      });
      continue;
    }
    const verdict: LineVerdict = { line, masked: maskNik(parsed.nik), ok: true };
    if (parsed.legacyRegion) verdict.legacyRegion = true;
    const first = seen.get(parsed.nik);
    if (first !== undefined) verdict.duplicateOf = first;
    else seen.set(parsed.nik, line);
    lines.push(verdict);
  }
  const valid = lines.filter((l) => l.ok).length;
  return {
    checked: lines.length,
    valid,
    invalid: lines.length - valid,
    duplicates: lines.filter((l) => l.duplicateOf !== undefined).length,
    lines,
  };
}

/** A plain-text table for the terminal. */
export function renderReport(report: CheckReport): string {
  const rows = report.lines.map((l) => {
    const verdict = l.ok
      ? l.duplicateOf !== undefined
        ? `valid, duplicate of line ${l.duplicateOf}`
        : l.legacyRegion
          ? "valid (retired region code)"
          : "valid"
      : `INVALID [${l.reason}] ${l.message}`;
    return `${String(l.line).padStart(5)}  ${l.masked.padEnd(18)}  ${verdict}`;
  });
  return [
    " line  NIK (masked)        verdict",
    ...rows,
    "",
    `${report.checked} checked: ${report.valid} valid, ${report.invalid} invalid, ${report.duplicates} duplicate`,
  ].join("\n");
}
