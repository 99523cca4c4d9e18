/**
 * Kemendagri region tables (province, regency, district), parsed lazily.
 *
 * The generated modules hold the data as compact strings; nothing is split into
 * maps until the first lookup, so callers that only check the NIK format
 * (`parseNik(x, { regions: "none" })`) never pay for the tables.
 */
import { readChoice } from "../internal/options.js";
import {
  CURRENT_DISTRICT_LINES,
  CURRENT_PROVINCE_LINES,
  CURRENT_REGENCY_LINES,
} from "./current.generated.js";
import {
  LEGACY_DISTRICT_LINES,
  LEGACY_PROVINCE_LINES,
  LEGACY_REGENCY_LINES,
} from "./legacy.generated.js";

export { CURRENT_REGION_SOURCE } from "./current.generated.js";
export { LEGACY_REGION_SOURCE } from "./legacy.generated.js";

/**
 * Which codes a lookup accepts: `strict` = current Kemendagri codes only;
 * `legacy` = current codes, then retired codes (e.g. pre-2022 Papua 91.01 Merauke).
 *
 * @example
 * ```ts
 * import { type RegionMode, lookupRegency } from "@dukcapil-sandbox/core";
 * const mode: RegionMode = "legacy";
 * lookupRegency("9101", mode)?.successor; // "9301"
 * ```
 */
export type RegionMode = "strict" | "legacy";

/**
 * One province, regency or district.
 *
 * `code` is undotted (2, 4 or 6 digits). `name` is in Title Case as in idn-area-data
 * for current codes ("Kabupaten Bandung"); retired codes keep the upper-case name of
 * the older table ("KAB. MERAUKE"). `successor`, on retired codes only, is the code
 * of the same level that replaced it, when known.
 *
 * @example
 * ```ts
 * import { type RegionEntry, lookupDistrict } from "@dukcapil-sandbox/core";
 * const kurulu: RegionEntry | undefined = lookupDistrict("910203", "legacy");
 * // { code: "910203", name: "KURULU", legacy: true, successor: "950102" }
 * ```
 */
export interface RegionEntry {
  readonly code: string;
  readonly name: string;
  readonly legacy: boolean;
  readonly successor?: string;
}

/**
 * Row counts of the region tables.
 *
 * @example
 * ```ts
 * import { type RegionCounts, regionCounts } from "@dukcapil-sandbox/core";
 * const counts: RegionCounts = regionCounts();
 * counts.current.districts; // 7285
 * ```
 */
export interface RegionCounts {
  readonly current: {
    readonly provinces: number;
    readonly regencies: number;
    readonly districts: number;
  };
  readonly legacy: {
    readonly provinces: number;
    readonly regencies: number;
    readonly districts: number;
  };
}

interface Level {
  readonly current: ReadonlyMap<string, RegionEntry>;
  readonly legacy: ReadonlyMap<string, RegionEntry>;
  readonly currentList: readonly RegionEntry[];
  readonly allList: readonly RegionEntry[];
}

interface Tables {
  readonly province: Level;
  readonly regency: Level;
  readonly district: Level;
}

let tables: Tables | undefined;

function parseLines(lines: string, legacy: boolean): Map<string, RegionEntry> {
  const map = new Map<string, RegionEntry>();
  if (lines === "") return map;
  for (const line of lines.split("\n")) {
    const bar = line.indexOf("|");
    const code = line.slice(0, bar);
    if (legacy) {
      const bar2 = line.indexOf("|", bar + 1);
      const successor = line.slice(bar2 + 1);
      const name = line.slice(bar + 1, bar2);
      map.set(
        code,
        Object.freeze(
          successor === "" ? { code, name, legacy } : { code, name, legacy, successor },
        ),
      );
    } else {
      map.set(code, Object.freeze({ code, name: line.slice(bar + 1), legacy }));
    }
  }
  return map;
}

function buildLevel(currentLines: string, legacyLines: string): Level {
  const current = parseLines(currentLines, false);
  const legacy = parseLines(legacyLines, true);
  const currentList = Object.freeze([...current.values()]);
  const allList = Object.freeze(
    [...current.values(), ...legacy.values()].sort((a, b) =>
      a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
    ),
  );
  return { current, legacy, currentList, allList };
}

function load(): Tables {
  if (tables === undefined) {
    tables = {
      province: buildLevel(CURRENT_PROVINCE_LINES, LEGACY_PROVINCE_LINES),
      regency: buildLevel(CURRENT_REGENCY_LINES, LEGACY_REGENCY_LINES),
      district: buildLevel(CURRENT_DISTRICT_LINES, LEGACY_DISTRICT_LINES),
    };
  }
  return tables;
}

const REGION_MODES: readonly RegionMode[] = ["strict", "legacy"];

function checkMode(mode: unknown, fn: string): asserts mode is RegionMode {
  readChoice(fn, "mode", mode, REGION_MODES);
}

function lookup(level: Level, code: string, mode: RegionMode): RegionEntry | undefined {
  const hit = level.current.get(code);
  if (hit !== undefined || mode === "strict") return hit;
  return level.legacy.get(code);
}

/**
 * Finds a province by its two-digit code.
 *
 * @example
 * ```ts
 * import { lookupProvince } from "@dukcapil-sandbox/core";
 * lookupProvince("32")?.name; // "Jawa Barat"
 * lookupProvince("99"); // undefined
 * ```
 */
export function lookupProvince(code: string, mode: RegionMode = "strict"): RegionEntry | undefined {
  checkMode(mode, "lookupProvince");
  return lookup(load().province, code, mode);
}

/**
 * Finds a regency (kabupaten) or city (kota) by its undotted four-digit code.
 *
 * @example
 * ```ts
 * import { lookupRegency } from "@dukcapil-sandbox/core";
 * lookupRegency("3204")?.name; // "Kabupaten Bandung"
 * lookupRegency("9101"); // undefined: retired in 2022
 * lookupRegency("9101", "legacy"); // { code: "9101", name: "KAB. MERAUKE", legacy: true, successor: "9301" }
 * ```
 */
export function lookupRegency(code: string, mode: RegionMode = "strict"): RegionEntry | undefined {
  checkMode(mode, "lookupRegency");
  return lookup(load().regency, code, mode);
}

/**
 * Finds a district (kecamatan) by its undotted six-digit code.
 *
 * @example
 * ```ts
 * import { lookupDistrict } from "@dukcapil-sandbox/core";
 * lookupDistrict("320411")?.name; // "Katapang"
 * lookupDistrict("910203", "legacy")?.successor; // "950102" (Kurulu, now in Jayawijaya 95.01)
 * ```
 */
export function lookupDistrict(code: string, mode: RegionMode = "strict"): RegionEntry | undefined {
  checkMode(mode, "lookupDistrict");
  return lookup(load().district, code, mode);
}

/**
 * All provinces, sorted by code; with `"legacy"`, retired codes are included.
 *
 * @example
 * ```ts
 * import { listProvinces } from "@dukcapil-sandbox/core";
 * listProvinces().length; // 38
 * ```
 */
export function listProvinces(mode: RegionMode = "strict"): readonly RegionEntry[] {
  checkMode(mode, "listProvinces");
  const level = load().province;
  return mode === "strict" ? level.currentList : level.allList;
}

/**
 * All regencies and cities, sorted by code; with `"legacy"`, retired codes are included.
 *
 * @example
 * ```ts
 * import { listRegencies } from "@dukcapil-sandbox/core";
 * listRegencies().filter((r) => r.code.startsWith("32")).length; // 27
 * ```
 */
export function listRegencies(mode: RegionMode = "strict"): readonly RegionEntry[] {
  checkMode(mode, "listRegencies");
  const level = load().regency;
  return mode === "strict" ? level.currentList : level.allList;
}

/**
 * All districts, sorted by code (for generators); with `"legacy"`, retired codes are included.
 *
 * @example
 * ```ts
 * import { listDistricts, makeNik } from "@dukcapil-sandbox/core";
 * const districts = listDistricts();
 * const district = districts[42]!.code;
 * makeNik({ district, birthDate: "1990-02-15", sex: "F", serial: 1 });
 * ```
 */
export function listDistricts(mode: RegionMode = "strict"): readonly RegionEntry[] {
  checkMode(mode, "listDistricts");
  const level = load().district;
  return mode === "strict" ? level.currentList : level.allList;
}

/**
 * The number of current and retired codes at each level (loads the tables).
 *
 * @example
 * ```ts
 * import { regionCounts } from "@dukcapil-sandbox/core";
 * regionCounts().legacy.districts; // 523
 * ```
 */
export function regionCounts(): RegionCounts {
  const t = load();
  return {
    current: {
      provinces: t.province.current.size,
      regencies: t.regency.current.size,
      districts: t.district.current.size,
    },
    legacy: {
      provinces: t.province.legacy.size,
      regencies: t.regency.legacy.size,
      districts: t.district.legacy.size,
    },
  };
}

/**
 * True once the region tables have been parsed (introspection for tests and the benchmark).
 *
 * @example
 * ```ts
 * import { parseNik, regionTablesLoaded } from "@dukcapil-sandbox/core";
 * parseNik("3204051502900001", { regions: "none" });
 * regionTablesLoaded(); // false, unless something else looked up a region
 * ```
 */
export function regionTablesLoaded(): boolean {
  return tables !== undefined;
}
