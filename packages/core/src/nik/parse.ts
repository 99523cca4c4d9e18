/**
 * `parseNik`: validates and reads a NIK (Nomor Induk Kependudukan).
 */

import { pad2 } from "../internal/date-format.js";
import { describeValue } from "../internal/describe-value.js";
import { isAsciiDigits } from "../internal/digits.js";
import { invalidOptions, readOptions } from "../internal/options.js";
import { lookupDistrict, lookupProvince, lookupRegency } from "../regions/table.js";
import { daysInMonth, resolveBirthYear } from "./calendar.js";
import { maskNik } from "./mask.js";
import { isSixteenAsciiDigits, normalizeNikString } from "./normalize.js";
import { type NikRegionMode, readRegionMode } from "./options.js";
import { type NikFailureReason, type NikMessageLanguage, nikFailureMessages } from "./reasons.js";
import { type NikReferenceDate, referenceDayOf } from "./reference-date.js";

/**
 * The sex encoded in a NIK: `M` (day 01–31) or `F` (day + 40, 41–71).
 *
 * @example
 * ```ts
 * import { type NikSex, makeNik } from "@dukcapil-sandbox/core";
 * const sex: NikSex = "F";
 * makeNik({ district: "320405", birthDate: "1990-02-15", sex, serial: 1 }); // "3204055502900001"
 * ```
 */
export type NikSex = "M" | "F";

/**
 * Options of {@link parseNik}.
 *
 * @example
 * ```ts
 * import { type ParseNikOptions, parseNik } from "@dukcapil-sandbox/core";
 * const options: ParseNikOptions = { regions: "legacy", referenceDate: "2026-11-22" };
 * parseNik("9101011506900001", options);
 * ```
 */
export interface ParseNikOptions {
  /** Region check: `strict` (default; current codes), `legacy` (also retired codes) or `none`. */
  regions?: NikRegionMode;
  /**
   * The "today" of the century rule. Default: now, as a calendar day in Asia/Jakarta. A
   * `Date` or epoch ms is read by its Jakarta calendar day; `"YYYY-MM-DD"` as written; a
   * date-time string must carry an offset (see {@link NikReferenceDate}).
   */
  referenceDate?: NikReferenceDate;
  /** Trim and drop space/`.`/`-` separators between digits first. Default `true`. */
  normalize?: boolean;
  /** Language of `message` on failure: `en` (default) or `id`. */
  language?: NikMessageLanguage;
}

/**
 * A NIK that passed every check, with its parts.
 *
 * @example
 * ```ts
 * import { type ParsedNik, parseNik } from "@dukcapil-sandbox/core";
 * const result = parseNik("3204055502900001", { referenceDate: "2026-11-22" });
 * if (result.ok) {
 *   const parsed: ParsedNik = result;
 *   parsed.birthDate; // "1990-02-15"
 * }
 * ```
 */
export interface ParsedNik {
  readonly ok: true;
  /** The normalised NIK: 16 ASCII digits. */
  readonly nik: string;
  /** Digits 1–2. */
  readonly province: string;
  /** Digits 1–4. */
  readonly regency: string;
  /** Digits 1–6. */
  readonly district: string;
  /** `YYYY-MM-DD`; the century comes from the reference date (see {@link parseNik}). */
  readonly birthDate: string;
  readonly sex: NikSex;
  /** Digits 13–16 as a number, 1–9999. */
  readonly serial: number;
  /** Names from the region tables; all `undefined` with `regions: "none"`. */
  readonly regionNames: {
    readonly province: string | undefined;
    readonly regency: string | undefined;
    readonly district: string | undefined;
  };
  /** True when any of the three codes matched only the retired-code table (`regions: "legacy"`). */
  readonly legacyRegion: boolean;
}

/**
 * Why a value is not a valid NIK.
 *
 * `input` is the input masked with {@link maskNik} (present for strings only), so the
 * failure can be logged as is.
 *
 * @example
 * ```ts
 * import { type NikParseFailure, parseNik } from "@dukcapil-sandbox/core";
 * const result = parseNik("3204053102900001");
 * if (!result.ok) {
 *   const failure: NikParseFailure = result;
 *   failure.reason; // "date"
 * }
 * ```
 */
export interface NikParseFailure {
  readonly ok: false;
  readonly reason: NikFailureReason;
  readonly message: string;
  readonly input?: string;
}

/**
 * The result of {@link parseNik}: check `ok` first.
 *
 * @example
 * ```ts
 * import { type ParseNikResult, parseNik } from "@dukcapil-sandbox/core";
 * const result: ParseNikResult = parseNik("3204055502900001");
 * const label = result.ok ? result.sex : result.reason;
 * ```
 */
export type ParseNikResult = ParsedNik | NikParseFailure;

interface ResolvedOptions {
  readonly regions: NikRegionMode;
  /** `yyyymmdd`, or `undefined` for "now at the time of the call". */
  readonly referenceDay: number | undefined;
  readonly normalize: boolean;
  readonly language: NikMessageLanguage;
}

const DEFAULT_OPTIONS: ResolvedOptions = {
  regions: "strict",
  referenceDay: undefined,
  normalize: true,
  language: "en",
};

const OPTION_KEYS = ["regions", "referenceDate", "normalize", "language"] as const;

function resolveOptions(options: unknown): ResolvedOptions {
  const raw = readOptions("parseNik", options, OPTION_KEYS);
  const normalize = raw.normalize ?? true;
  if (typeof normalize !== "boolean") {
    invalidOptions("parseNik", "normalize", `is ${describeValue(normalize)}`, "Pass true or false");
  }
  const language = raw.language ?? "en";
  if (language !== "en" && language !== "id") {
    invalidOptions("parseNik", "language", `is ${describeValue(language)}`, "Pass 'en' or 'id'");
  }
  return {
    regions: readRegionMode("parseNik", raw.regions, "strict"),
    referenceDay:
      raw.referenceDate === undefined ? undefined : referenceDayOf(raw.referenceDate, "parseNik"),
    normalize,
    language,
  };
}

// One-slot memo of the last options object: callers usually pass the same object on every
// call. The fields are re-read and compared each time, so a mutated object is re-validated.
let memoOptions: object | undefined;
let memoFields: readonly unknown[] = [];
let memoResolved: ResolvedOptions = DEFAULT_OPTIONS;

function fieldsOf(options: ParseNikOptions): readonly unknown[] {
  const referenceDate = options.referenceDate;
  return [
    options.regions,
    referenceDate,
    referenceDate instanceof Date ? referenceDate.getTime() : undefined,
    options.normalize,
    options.language,
  ];
}

function resolveMemoized(options: object): ResolvedOptions {
  if (options === memoOptions) {
    const o = options as ParseNikOptions;
    const ref = o.referenceDate;
    if (
      o.regions === memoFields[0] &&
      ref === memoFields[1] &&
      (!(ref instanceof Date) || ref.getTime() === memoFields[2]) &&
      o.normalize === memoFields[3] &&
      o.language === memoFields[4]
    ) {
      return memoResolved;
    }
  }
  const resolved = resolveOptions(options);
  memoOptions = options;
  memoFields = fieldsOf(options as ParseNikOptions);
  memoResolved = resolved;
  return resolved;
}

function failure(
  reason: NikFailureReason,
  options: ResolvedOptions,
  input: unknown,
): NikParseFailure {
  const message = nikFailureMessages[reason][options.language];
  return typeof input === "string"
    ? { ok: false, reason, message, input: maskNik(input) }
    : { ok: false, reason, message };
}

function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

/**
 * Validates a NIK and reads its region, birth date, sex and serial. Never throws for any
 * `input` (numbers, `null`, Proxies, objects whose `toString` throws all give
 * `reason: "type"`); only invalid `options` throw `DKS_CORE_INVALID_OPTIONS`.
 *
 * Checks, in order; the first that fails is the `reason`:
 * 1. `type`: the input is a string (numbers are refused: NIKs of provinces 91–96 exceed 2^53).
 * 2. `non-digit`: only ASCII `0`–`9` (Arabic-Indic or full-width digits are refused).
 *    By default surrounding whitespace is trimmed first, and runs of space, `.` or `-`
 *    between digits are removed (`"3204 0515 0290 0001"`, `"32.04.05.150290.0001"`);
 *    `normalize: false` removes nothing. `nik` in the result is the normalised form.
 * 3. `length`: exactly 16 digits.
 * 4. `province`, 5. `regency`, 6. `district`: digits 1–2, 1–4 and 1–6 are known codes.
 *    `regions: "strict"` (default) uses the current Kemendagri list (idn-area-data 4.0.1,
 *    provinces 93–96 included); `"legacy"` also accepts retired codes such as pre-2022
 *    Papua 91.01 (then `legacyRegion` is true); `"none"` skips these checks and never
 *    loads the region tables.
 * 7. `date`: day 01–31 (man) or 41–71 (woman, day + 40; day 40 is neither), month 01–12,
 *    a real calendar date (29 February in leap years only), not after the reference date.
 * 8. `serial`: digits 13–16 are not `0000` (numbering starts at 0001).
 *
 * Century: a NIK has only `YY`. The year is 20YY when that date is on or before the
 * reference date (`referenceDate`, default now, as a calendar day in Asia/Jakarta), else
 * 19YY. So the NIK covers the 100 years up to the reference date. When `YY` equals the
 * reference year's `YY` the NIK is ambiguous (a newborn or a centenarian): the rule
 * reads a date on or before the reference day as this year's newborn and a later date
 * as 100 years ago. `YY = 00` is the only case where the century changes validity:
 * `290200` is valid as 2000-02-29 and invalid as 1900.
 *
 * Not a NIK: a family-card number (NKK, Nomor Kartu Keluarga) has the same 16-digit shape,
 * but its digits 7–12 are the data-entry date with no +40. `parseNik` accepts many NKKs
 * and reports a wrong sex and birth date for them; only the context tells them apart.
 * The region in a NIK is where it was first issued, not the holder's address, and the
 * date in a NIK can differ from the recorded birth date (corrections do not change a NIK).
 *
 * @example
 * ```ts
 * import { parseNik } from "@dukcapil-sandbox/core";
 * const result = parseNik("3204055502900001", { referenceDate: "2026-11-22" });
 * if (result.ok) {
 *   result.sex; // "F"
 *   result.birthDate; // "1990-02-15"
 *   result.regionNames.regency; // "Kabupaten Bandung"
 * } else {
 *   result.reason; // e.g. "date"
 * }
 * ```
 */
export function parseNik(input: unknown, options?: ParseNikOptions): ParseNikResult {
  const o =
    options === undefined
      ? DEFAULT_OPTIONS
      : typeof options === "object" && options !== null
        ? resolveMemoized(options)
        : resolveOptions(options);
  if (typeof input !== "string") return failure("type", o, undefined);

  let nik = input;
  if (!isSixteenAsciiDigits(input)) {
    const candidate = o.normalize ? normalizeNikString(input) : input;
    if (!isAsciiDigits(candidate)) return failure("non-digit", o, input);
    if (candidate.length !== 16) return failure("length", o, input);
    nik = candidate;
  }

  const province = nik.slice(0, 2);
  const regency = nik.slice(0, 4);
  const district = nik.slice(0, 6);
  let provinceName: string | undefined;
  let regencyName: string | undefined;
  let districtName: string | undefined;
  let legacyRegion = false;
  if (o.regions !== "none") {
    const p = lookupProvince(province, o.regions);
    if (p === undefined) return failure("province", o, input);
    const r = lookupRegency(regency, o.regions);
    if (r === undefined) return failure("regency", o, input);
    const d = lookupDistrict(district, o.regions);
    if (d === undefined) return failure("district", o, input);
    provinceName = p.name;
    regencyName = r.name;
    districtName = d.name;
    legacyRegion = p.legacy || r.legacy || d.legacy;
  }

  const rawDay = twoDigits(nik, 6);
  const month = twoDigits(nik, 8);
  const yy = twoDigits(nik, 10);
  if (month < 1 || month > 12) return failure("date", o, input);
  let sex: NikSex;
  let day: number;
  if (rawDay >= 1 && rawDay <= 31) {
    sex = "M";
    day = rawDay;
  } else if (rawDay >= 41 && rawDay <= 71) {
    sex = "F";
    day = rawDay - 40;
  } else {
    return failure("date", o, input);
  }
  const referenceDay = o.referenceDay ?? referenceDayOf(undefined, "parseNik");
  const year = resolveBirthYear(yy, month, day, referenceDay);
  if (day > daysInMonth(year, month)) return failure("date", o, input);
  if (year * 10000 + month * 100 + day > referenceDay) return failure("date", o, input);

  const serial =
    (nik.charCodeAt(12) - 48) * 1000 +
    (nik.charCodeAt(13) - 48) * 100 +
    (nik.charCodeAt(14) - 48) * 10 +
    (nik.charCodeAt(15) - 48);
  if (serial === 0) return failure("serial", o, input);

  return {
    ok: true,
    nik,
    province,
    regency,
    district,
    birthDate: `${year}-${nik.slice(8, 10)}-${pad2(day)}`,
    sex,
    serial,
    regionNames: { province: provinceName, regency: regencyName, district: districtName },
    legacyRegion,
  };
}
