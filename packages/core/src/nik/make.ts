/**
 * `makeNik`: builds a NIK from its parts (for generators, fixtures and the simulator).
 */
import { DukcapilCoreError } from "../errors.js";
import { formatDay, pad2 } from "../internal/date-format.js";
import { describeValue } from "../internal/describe-value.js";
import { isAsciiDigits } from "../internal/digits.js";
import { readOptions } from "../internal/options.js";
import { lookupDistrict } from "../regions/table.js";
import { isCalendarDate, resolveBirthYear } from "./calendar.js";
import { type NikRegionMode, readRegionMode } from "./options.js";
import type { NikSex } from "./parse.js";
import {
  isSupportedInstant,
  jakartaDayOf,
  type NikReferenceDate,
  referenceDayOf,
} from "./reference-date.js";

/**
 * The parts of a NIK given to {@link makeNik}.
 *
 * @example
 * ```ts
 * import { type NikParts, makeNik } from "@dukcapil-sandbox/core";
 * const parts: NikParts = { district: "320405", birthDate: "1990-02-15", sex: "M", serial: 1 };
 * makeNik(parts); // "3204051502900001"
 * ```
 */
export interface NikParts {
  /** Undotted six-digit district code, e.g. `"320405"` (see `listDistricts`). */
  district: string;
  /**
   * `"YYYY-MM-DD"` (the calendar date as written), or a `Date` read by its calendar day in
   * Asia/Jakarta (as `parseNik` reads its `referenceDate`): `new Date("1990-02-15T20:00:00Z")`
   * is 16 February 1990 (03:00 WIB). Year 1900–2099.
   */
  birthDate: string | Date;
  sex: NikSex;
  /** Integer 1–9999. */
  serial: number;
}

/**
 * Options of {@link makeNik}.
 *
 * @example
 * ```ts
 * import { type MakeNikOptions, makeNik } from "@dukcapil-sandbox/core";
 * const options: MakeNikOptions = { regions: "strict", referenceDate: "2026-11-22" };
 * makeNik({ district: "320405", birthDate: "2001-07-09", sex: "F", serial: 12 }, options);
 * ```
 */
export interface MakeNikOptions {
  /**
   * Check the district against the region tables: `none` (default: any six digits;
   * the tables are not loaded), `strict` (current codes) or `legacy` (also retired codes).
   */
  regions?: NikRegionMode;
  /**
   * When given, also check that `parseNik` with this reference date reads the same birth
   * date back: the date must lie in the 100 years up to the reference date.
   */
  referenceDate?: NikReferenceDate;
}

const OPTION_KEYS = ["regions", "referenceDate"] as const;

function invalidPart(part: string, reason: string, fix: string): never {
  throw new DukcapilCoreError(
    "DKS_CORE_INVALID_NIK_PARTS",
    `Failed to make NIK: ${reason}. ${fix}.`,
    { part },
  );
}

/** The birth date as a `yyyymmdd` integer, or a thrown error. */
function readBirthDate(value: unknown): number {
  let y: number;
  let m: number;
  let d: number;
  if (value instanceof Date) {
    const ms = value.getTime();
    if (!isSupportedInstant(ms)) {
      invalidPart(
        "birthDate",
        "birthDate is an invalid Date",
        "Pass a valid Date or a 'YYYY-MM-DD' string",
      );
    }
    const day = jakartaDayOf(ms);
    y = Math.floor(day / 10000);
    m = Math.floor(day / 100) % 100;
    d = day % 100;
  } else if (typeof value === "string") {
    const shaped =
      value.length === 10 &&
      value[4] === "-" &&
      value[7] === "-" &&
      isAsciiDigits(value, 0, 4) &&
      isAsciiDigits(value, 5, 7) &&
      isAsciiDigits(value, 8);
    if (!shaped) {
      invalidPart(
        "birthDate",
        `birthDate ${describeValue(value)} is not in YYYY-MM-DD form`,
        "Pass a date such as '1990-02-15'",
      );
    }
    y = Number(value.slice(0, 4));
    m = Number(value.slice(5, 7));
    d = Number(value.slice(8, 10));
    if (!isCalendarDate(y, m, d)) {
      invalidPart(
        "birthDate",
        `birthDate ${value} is not a real calendar date`,
        "Pass a date that exists, such as '1990-02-28'",
      );
    }
  } else {
    return invalidPart(
      "birthDate",
      `birthDate is ${describeValue(value)}`,
      "Pass a 'YYYY-MM-DD' string or a Date",
    );
  }
  if (y < 1900 || y > 2099) {
    invalidPart(
      "birthDate",
      `birth year ${y} cannot be written in a NIK`,
      "Pass a birth year from 1900 to 2099",
    );
  }
  return y * 10000 + m * 100 + d;
}

/**
 * Builds a 16-digit NIK from a district code, birth date, sex and serial.
 * Throws `DKS_CORE_INVALID_NIK_PARTS` on a bad part (and `DKS_CORE_INVALID_OPTIONS` on bad options).
 *
 * By default the district only has to be six ASCII digits, so generators that already
 * draw codes from `listDistricts()` do not pay for another lookup; pass
 * `regions: "strict"` or `"legacy"` to require a known code. Women get day + 40.
 * With `referenceDate`, the birth date must be one that `parseNik` reads back with the
 * same reference date (within the 100 years up to it); without it, any date in
 * 1900–2099 is written.
 *
 * @example
 * ```ts
 * import { makeNik, parseNik } from "@dukcapil-sandbox/core";
 * const nik = makeNik({ district: "320405", birthDate: "1990-02-15", sex: "F", serial: 1 });
 * nik; // "3204055502900001"
 * parseNik(nik).ok; // true
 * ```
 */
export function makeNik(parts: NikParts, options?: MakeNikOptions): string {
  const raw = options === undefined ? {} : readOptions("makeNik", options, OPTION_KEYS);
  const regions = readRegionMode("makeNik", raw.regions, "none");
  const referenceDay =
    raw.referenceDate === undefined ? undefined : referenceDayOf(raw.referenceDate, "makeNik");

  if (typeof parts !== "object" || parts === null) {
    invalidPart(
      "parts",
      `parts is ${describeValue(parts)}`,
      "Pass { district, birthDate, sex, serial }",
    );
  }
  const { district, birthDate, sex, serial } = parts as Partial<Record<keyof NikParts, unknown>>;

  if (typeof district !== "string" || district.length !== 6 || !isAsciiDigits(district)) {
    invalidPart(
      "district",
      `district ${describeValue(district)} is not six ASCII digits`,
      "Pass an undotted district code such as '320405'",
    );
  }
  if (regions !== "none" && lookupDistrict(district, regions) === undefined) {
    invalidPart(
      "district",
      `district ${district} is not in the ${regions} region table`,
      "Pick a code from listDistricts(), or pass regions: 'none' to skip the check",
    );
  }
  if (sex !== "M" && sex !== "F") {
    invalidPart("sex", `sex is ${describeValue(sex)}`, "Pass 'M' or 'F'");
  }
  if (typeof serial !== "number" || !Number.isInteger(serial) || serial < 1 || serial > 9999) {
    invalidPart(
      "serial",
      `serial ${describeValue(serial, { numbers: true })} is not an integer from 1 to 9999`,
      "Pass an integer serial from 1 to 9999",
    );
  }
  const birth = readBirthDate(birthDate);
  const year = Math.floor(birth / 10000);
  const month = Math.floor(birth / 100) % 100;
  const day = birth % 100;

  if (referenceDay !== undefined) {
    const readBack = resolveBirthYear(year % 100, month, day, referenceDay);
    if (readBack !== year || birth > referenceDay) {
      invalidPart(
        "birthDate",
        `birthDate ${formatDay(birth)} is outside the 100 years up to the reference date ${formatDay(referenceDay)}, so parseNik would not read it back`,
        "Pass a birth date after the same day 100 years before the reference date and not after it",
      );
    }
  }

  const dd = sex === "F" ? day + 40 : day;
  return `${district}${pad2(dd)}${pad2(month)}${pad2(year % 100)}${String(serial).padStart(4, "0")}`;
}
