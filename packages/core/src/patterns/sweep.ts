/**
 * The sweep rule ("berpola"): many distinct NIKs sharing one region/birth-date prefix.
 *
 * Two shapes are caught, both within `sweepWindowMs`:
 * - **one 12-digit prefix** (district + birth date + sex): at least `sweepMinDistinctNiks`
 *   distinct NIKs. Evidence `prefix` has 12 digits; `count` is distinct NIKs.
 * - **one 6-digit district, consecutive birth dates**: the birth dates (day − 40 for women)
 *   of its NIKs cover at least `sweepMinConsecutiveDates` consecutive calendar days. Evidence
 *   `prefix` has 6 digits; `count` is consecutive dates, `niks` one NIK per date. Recent
 *   births (born within `recentBirthDays` before the lookup) do not count: a hospital or
 *   puskesmas serving newborns of its district sees consecutive birth dates by nature,
 *   while the birth dates of other residents spread over some 80 years.
 *
 * How a sweep is reported: once, when it crosses the threshold. Each further distinct NIK of
 * the same prefix (or each further date adjoining the run) extends that finding while the
 * sweep is open; it closes when nothing has extended it for `sweepWindowMs`, or when its
 * prefix drops out of the tracked set (`trackMaxPrefixes`, least recently used first).
 *
 * Internal: the package exports the detector, its options, findings and kinds, not the rules.
 */
import { DAY_MS, JAKARTA_OFFSET_MS } from "../time.js";
import { addEvidence, type FindingRecord } from "./findings.js";
import type { ResolvedUsagePatternOptions } from "./options.js";
import type { Term } from "./sequence.js";
import { RecentMap } from "./structures.js";

/**
 * What a detector keeps per 12-digit prefix: its recent distinct NIKs and its open sweep.
 */
export interface PrefixState {
  at: number;
  readonly niks: RecentMap<bigint, Term>;
  sweep: { readonly record: FindingRecord; lastAt: number } | undefined;
}

/**
 * What a detector keeps per 6-digit district: one lookup per recent birth date, and its open sweep.
 */
export interface DistrictState {
  at: number;
  readonly dates: RecentMap<number, Term>;
  sweep: { readonly record: FindingRecord; lo: number; hi: number; lastAt: number } | undefined;
}

/**
 * An empty {@link PrefixState}.
 */
export function newPrefixState(atMs: number, options: ResolvedUsagePatternOptions): PrefixState {
  return { at: atMs, niks: new RecentMap(options.trackMaxNiksPerPrefix), sweep: undefined };
}

/**
 * An empty {@link DistrictState}.
 */
export function newDistrictState(
  atMs: number,
  options: ResolvedUsagePatternOptions,
): DistrictState {
  return { at: atMs, dates: new RecentMap(options.trackMaxDatesPerDistrict), sweep: undefined };
}

/**
 * The birth date in a NIK as a day number (days since 1970-01-01, reading YY as 20YY), or
 * `undefined` when digits 7–12 are not a calendar date. Reading every year in one century
 * keeps leap days valid and consecutive days consecutive, except across the 99 → 00 boundary.
 */
export function birthDayNumber(nik: string): number | undefined {
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const year = 2000 + Number(nik.slice(10, 12));
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  if (day < 1 || day > 31 || month < 1 || month > 12) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return undefined;
  return ms / DAY_MS;
}

/**
 * Whether a birth day number (see {@link birthDayNumber}) is a recent birth for a lookup at
 * `atMs`: on the lookup's Jakarta calendar day or up to `recentBirthDays` days before it.
 */
export function isRecentBirth(
  birthDay: number | undefined,
  atMs: number,
  options: ResolvedUsagePatternOptions,
): boolean {
  if (birthDay === undefined || options.recentBirthDays === 0) return false;
  const lookupDay = Math.floor((atMs + JAKARTA_OFFSET_MS) / DAY_MS);
  return birthDay <= lookupDay && birthDay >= lookupDay - options.recentBirthDays;
}

/**
 * Applies the 12-digit sweep rule to a lookup of a NIK new to its prefix's window;
 * returns the record of a new finding.
 */
export function observePrefixSweep(
  state: PrefixState,
  prefix: string,
  term: Term,
  options: ResolvedUsagePatternOptions,
): FindingRecord | undefined {
  const cutoff = term.at - options.sweepWindowMs;
  if (state.sweep !== undefined && state.sweep.lastAt < cutoff) state.sweep = undefined;
  if (state.sweep !== undefined) {
    const { record } = state.sweep;
    record.count += 1;
    record.lastAt = term.at;
    addEvidence(record, term.nik, options.evidenceMaxNiks);
    state.sweep.lastAt = term.at;
    return undefined;
  }
  const recent = [...state.niks.values()].filter((t) => t.at >= cutoff);
  if (recent.length < options.sweepMinDistinctNiks) return undefined;
  recent.sort((a, b) => a.seq - b.seq);
  const record: FindingRecord = {
    code: "PATTERN_PREFIX_SWEEP",
    at: term.at,
    niks: recent.slice(0, options.evidenceMaxNiks).map((t) => t.nik),
    count: recent.length,
    firstAt: recent[0]?.at ?? term.at,
    lastAt: term.at,
    prefix,
  };
  state.sweep = { record, lastAt: term.at };
  return record;
}

/**
 * Applies the district rule to a lookup whose birth date `day` is new to its district's
 * window (the caller has already added it); returns the record of a new finding.
 */
export function observeDistrictSweep(
  state: DistrictState,
  district: string,
  day: number,
  term: Term,
  options: ResolvedUsagePatternOptions,
): FindingRecord | undefined {
  if (state.sweep !== undefined && state.sweep.lastAt < term.at - options.sweepWindowMs) {
    state.sweep = undefined;
  }
  let lo = day;
  while (state.dates.has(lo - 1)) lo -= 1;
  let hi = day;
  while (state.dates.has(hi + 1)) hi += 1;
  const datesIn = (from: number, to: number, skipLo: number, skipHi: number): Term[] => {
    const out: Term[] = [];
    for (let d = from; d <= to; d += 1) {
      if (d >= skipLo && d <= skipHi) continue;
      const found = state.dates.get(d);
      if (found !== undefined) out.push(found);
    }
    return out.sort((a, b) => a.seq - b.seq);
  };

  const open = state.sweep;
  if (open !== undefined && lo <= open.hi + 1 && hi >= open.lo - 1) {
    for (const t of datesIn(lo, hi, open.lo, open.hi)) {
      addEvidence(open.record, t.nik, options.evidenceMaxNiks);
    }
    open.lo = Math.min(open.lo, lo);
    open.hi = Math.max(open.hi, hi);
    open.record.count = open.hi - open.lo + 1;
    open.record.lastAt = term.at;
    open.lastAt = term.at;
    return undefined;
  }

  const length = hi - lo + 1;
  if (length < options.sweepMinConsecutiveDates) return undefined;
  const terms = datesIn(lo, hi, 1, 0);
  const record: FindingRecord = {
    code: "PATTERN_PREFIX_SWEEP",
    at: term.at,
    niks: terms.slice(0, options.evidenceMaxNiks).map((t) => t.nik),
    count: length,
    firstAt: terms[0]?.at ?? term.at,
    lastAt: term.at,
    prefix: district,
  };
  state.sweep = { record, lo, hi, lastAt: term.at };
  return record;
}
