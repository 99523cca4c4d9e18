/**
 * Where residents come from and live: the current Kemendagri districts (from core's region
 * tables) and, loaded lazily on the first record, the 83,762 villages of idn-area-data 4.0.1.
 *
 * Villages are kept compactly: the CSV file as one `Buffer` (off the JS heap) plus one
 * `Uint32Array` of line offsets and one of per-district ranges; a village's code and name
 * are read from the buffer when a record needs them. Nothing is stored per resident.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  listDistricts,
  listRegencies,
  lookupProvince,
  lookupRegency,
  type RegionEntry,
} from "@dukcapil-sandbox/core";
import { SimulatorError } from "../errors.js";

/** The districts a NIK may be registered in, sorted by code, with an index per code. */
interface DistrictTable {
  readonly list: readonly RegionEntry[];
  readonly indexByCode: ReadonlyMap<string, number>;
}

let districtTable: DistrictTable | undefined;

/**
 * The current districts (7,285 in idn-area-data 4.0.1) in code order; index = position.
 *
 * @example
 * ```ts
 * districts().list[0]?.code; // "110101"
 * ```
 * @internal
 */
export function districts(): DistrictTable {
  if (districtTable === undefined) {
    const list = listDistricts("strict");
    const indexByCode = new Map<string, number>();
    list.forEach((entry, i) => {
      indexByCode.set(entry.code, i);
    });
    districtTable = { list, indexByCode };
  }
  return districtTable;
}

const upperNames = new Map<string, string>();

/**
 * The upper-case name of a province (2 digits), regency (4) or district (6) code.
 *
 * @example
 * ```ts
 * regionNameUpper("3204"); // "KABUPATEN BANDUNG"
 * ```
 * @internal
 */
export function regionNameUpper(code: string): string {
  let name = upperNames.get(code);
  if (name === undefined) {
    const entry =
      code.length === 2
        ? lookupProvince(code)
        : code.length === 4
          ? lookupRegency(code)
          : districts().list[districts().indexByCode.get(code) ?? -1];
    if (entry === undefined) {
      throw new SimulatorError(
        "DKS_SIM_INTERNAL",
        `Failed to name region ${code}: it is not in the current region table. This is a simulator bug.`,
        { code },
      );
    }
    name = entry.name.toUpperCase();
    upperNames.set(code, name);
  }
  return name;
}

const REGENCY_PREFIXES = ["KABUPATEN ADMINISTRASI ", "KOTA ADMINISTRASI ", "KABUPATEN ", "KOTA "];

/**
 * The place-of-birth form of a regency name: upper case, without "KABUPATEN"/"KOTA"
 * ("Kota Administrasi Jakarta Selatan" → "JAKARTA SELATAN").
 *
 * @example
 * ```ts
 * birthPlaceName("3273"); // "BANDUNG"
 * ```
 * @internal
 */
export function birthPlaceName(regencyCode: string): string {
  const name = regionNameUpper(regencyCode);
  for (const prefix of REGENCY_PREFIXES) {
    if (name.startsWith(prefix)) return name.slice(prefix.length);
  }
  return name;
}

let regencyCodes: readonly string[] | undefined;

/**
 * Every current regency/city code (514), for places of birth outside the home district.
 *
 * @example
 * ```ts
 * allRegencyCodes().length; // 514
 * ```
 * @internal
 */
export function allRegencyCodes(): readonly string[] {
  regencyCodes ??= listRegencies("strict").map((entry) => entry.code);
  return regencyCodes;
}

/** The villages table: the CSV bytes, line offsets, and each district's range of lines. */
interface VillageTable {
  readonly bytes: Buffer;
  /** Byte offset of each village's line (code at +0, name at +23). */
  readonly lineStart: Uint32Array;
  /** Byte offset just past each village's name. */
  readonly nameEnd: Uint32Array;
  /** Villages of district d are [districtFirst[d], districtFirst[d + 1]). */
  readonly districtFirst: Uint32Array;
  /** How long parsing took, in milliseconds (for the benchmark). */
  readonly loadMs: number;
}

let villageTable: VillageTable | undefined;

function villagesPath(): string {
  // tsup shims import.meta.url in the CJS build, so one code path serves both formats.
  const resolve = createRequire(import.meta.url).resolve;
  const manifest = resolve("idn-area-data/package.json");
  return `${manifest.slice(0, manifest.length - "package.json".length)}data/villages.csv`;
}

function invalidVillages(reason: string): never {
  throw new SimulatorError(
    "DKS_SIM_INTERNAL",
    `Failed to load the villages of idn-area-data: ${reason}. Reinstall the pinned idn-area-data@4.0.1 (npm ci).`,
    { reason },
  );
}

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
/** `11.01.01.2001,11.01.01,` is 23 bytes: the name starts there. */
const NAME_OFFSET = 23;

function loadVillages(): VillageTable {
  const started = performance.now();
  let bytes: Buffer;
  try {
    bytes = readFileSync(villagesPath());
  } catch (error) {
    return invalidVillages(
      `villages.csv could not be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const { list, indexByCode } = districts();
  const starts: number[] = [];
  const ends: number[] = [];
  const districtFirst = new Uint32Array(list.length + 1);
  let current = -1;
  let position = bytes.indexOf(NEWLINE) + 1; // skip the header
  while (position < bytes.length) {
    let end = bytes.indexOf(NEWLINE, position);
    if (end === -1) end = bytes.length;
    let lineEnd = end;
    if (bytes[lineEnd - 1] === 0x0d) lineEnd -= 1;
    if (lineEnd > position) {
      if (bytes[position + 13] !== COMMA || bytes[position + 22] !== COMMA) {
        invalidVillages(`line at byte ${position} is not "PP.KK.CC.VVVV,PP.KK.CC,name"`);
      }
      const district = bytes.toString("latin1", position, position + 8).replaceAll(".", "");
      const d = indexByCode.get(district);
      if (d === undefined) invalidVillages(`district ${district} is not in core's region table`);
      if (d !== current) {
        if (d !== current + 1) {
          invalidVillages(`district ${district} has no villages or is out of code order`);
        }
        districtFirst[d] = starts.length;
        current = d;
      }
      starts.push(position);
      ends.push(lineEnd);
    }
    position = end + 1;
  }
  if (current !== list.length - 1) {
    invalidVillages(`only ${current + 1} of ${list.length} districts have villages`);
  }
  districtFirst[list.length] = starts.length;
  return {
    bytes,
    lineStart: Uint32Array.from(starts),
    nameEnd: Uint32Array.from(ends),
    districtFirst,
    loadMs: performance.now() - started,
  };
}

/**
 * The villages table, loaded on first use (about 3 MB, mostly off-heap).
 *
 * @example
 * ```ts
 * villages().lineStart.length; // 83762
 * ```
 * @internal
 */
export function villages(): VillageTable {
  villageTable ??= loadVillages();
  return villageTable;
}

/**
 * True once the villages table has been loaded (for tests and the benchmark).
 *
 * @example
 * ```ts
 * villagesLoaded(); // false until the first record is built
 * ```
 * @internal
 */
export function villagesLoaded(): boolean {
  return villageTable !== undefined;
}

/**
 * A village drawn from district `d` with a uniform `u` in [0, 1): its global index.
 *
 * @example
 * ```ts
 * const v = villageIn(0, 0.5);
 * ```
 * @internal
 */
export function villageIn(d: number, u: number): number {
  const { districtFirst } = villages();
  const first = districtFirst[d] as number;
  const count = (districtFirst[d + 1] as number) - first;
  return first + Math.floor(u * count);
}

/** A village's codes and name, as a record needs them. */
export interface Village {
  /** Undotted 10-digit code, e.g. `"3204052001"`. */
  readonly code: string;
  readonly province: string;
  readonly regency: string;
  readonly district: string;
  /** The 4-digit village part (`NO_KEL`). */
  readonly village: string;
  /** Upper-case name (`KEL_NAME`). */
  readonly name: string;
}

/**
 * Reads village `v` (global index) from the table.
 *
 * @example
 * ```ts
 * village(0).name; // "KEUDE BAKONGAN"
 * ```
 * @internal
 */
export function village(v: number): Village {
  const { bytes, lineStart, nameEnd } = villages();
  const start = lineStart[v] as number;
  const code = bytes.toString("latin1", start, start + 13);
  let name = bytes.toString("utf8", start + NAME_OFFSET, nameEnd[v] as number);
  if (bytes[start + NAME_OFFSET] === QUOTE) {
    name = name.slice(1, -1).replaceAll('""', '"');
  }
  return {
    code: code.replaceAll(".", ""),
    province: code.slice(0, 2),
    regency: code.slice(3, 5),
    district: code.slice(6, 8),
    village: code.slice(9, 13),
    name: name.toUpperCase(),
  };
}
