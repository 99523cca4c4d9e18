/**
 * Shared helpers of the population tests: deterministic index samples, an independent
 * reading of idn-area-data's villages.csv, and date arithmetic on `YYYY-MM-DD`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";

/** The national-size population the brief targets. */
export const NATIONAL_SIZE = 280_000_000;
/** The reference date of the generated population. */
export const REFERENCE_DATE = "2026-01-01";

/** `count` indices in [0, size), the same on every run. */
export function sampleIndices(count: number, size: number, seed = 20260101): number[] {
  return fc.sample(fc.integer({ min: 0, max: size - 1 }), { numRuns: count, seed });
}

/** One row per village of idn-area-data: undotted 10-digit code → name as in the CSV. */
export function readVillageNames(): Map<string, string> {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("idn-area-data/package.json");
  const text = readFileSync(manifest.replace(/package\.json$/, "data/villages.csv"), "utf8");
  const names = new Map<string, string>();
  for (const line of text.split("\n").slice(1)) {
    if (line.trim() === "") continue;
    const code = line.slice(0, 13);
    let name = line.slice(23).replace(/\r$/, "");
    if (name.startsWith('"')) name = name.slice(1, -1).replaceAll('""', '"');
    names.set(code.replaceAll(".", ""), name);
  }
  return names;
}

/** Whole years from birth date `from` to date `to` (both `YYYY-MM-DD`). */
export function wholeYears(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

/** Age in whole years on the reference date. */
export function ageOn(birthDate: string, on = REFERENCE_DATE): number {
  return wholeYears(birthDate, on);
}
