/**
 * The NIK ↔ index bijection and the NO_KK numbering of the fake population.
 *
 * Index space: resident `i` sits in block `b = ⌊i / 32⌋` at offset `o = i mod 32`; a block
 * holds several whole families (see family.ts). There are 9,375,000 blocks
 * (300,000,000 / 32) whatever the population size, so a smaller population is a prefix of
 * a larger one with the same seed.
 *
 * index → NIK:
 * 1. `b' = P(b)`, a keyed Feistel permutation of the blocks. The block's home district
 *    (where all its residents were first registered) is `d = b' mod D` (D = 7,285 current
 *    districts, in code order) and its rank within that district is `r = ⌊b' / D⌋`
 *    (r < 1,287).
 * 2. `c = r · 32 + o` numbers the resident within district d (c < 41,184); `c' = Q_d(c)`,
 *    a second keyed permutation, per district, scatters it.
 * 3. `c'` is written into the two "free" parts of the NIK: the day of the year
 *    (`c' mod 365`, a non-leap calendar: 29 February is never used) and the serial
 *    (`1 + ⌊c' / 365⌋`, so 1–113). The birth **year** and the **sex** come from the
 *    family plan (ages and roles), not from the index.
 *
 * NIK → index reads (district, day of year, serial) back, inverts Q_d and P, and finally
 * regenerates the resident to check the year and sex digits. (district, day, serial)
 * alone already identifies a resident, so NIKs never collide. Any NIK with a serial
 * above 113, a 29 February, a day/serial pair beyond the district's range, an index at or
 * beyond the population size, or a wrong year or sex is not a resident (outcome 13) —
 * most well-formed NIKs are not.
 */
import { districts } from "./geography.js";
import { FeistelPermutation, roundKeys } from "./permutation.js";
import { STREAM } from "./random.js";

/**
 * The largest population `createPopulation` accepts (300 million).
 *
 * @example
 * ```ts
 * import { createPopulation, MAX_POPULATION_SIZE } from "@dukcapil-sandbox/simulator";
 * createPopulation({ seed: "national", size: MAX_POPULATION_SIZE });
 * ```
 */
export const MAX_POPULATION_SIZE = 300_000_000;
/** Residents per block (a block holds whole families). */
export const BLOCK_SIZE = 32;
/** Blocks in the index space (fixed, whatever the population size). */
export const BLOCK_COUNT = MAX_POPULATION_SIZE / BLOCK_SIZE;
/** Days of the year used for birth dates (a non-leap calendar). */
const YEAR_DAYS = 365;
/**
 * The NIK serials the population uses are 1 … this; magic NIKs use 9001 and up, so a
 * magic NIK never collides with a generated resident.
 */
export const MAGIC_SERIAL_BASE = 9000;

/** Cumulative days before each month in a non-leap year. */
const MONTH_START = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365] as const;

/**
 * Month (1–12) and day (1–31) of day-of-year `n` (0–364) in a non-leap year.
 *
 * @example
 * ```ts
 * monthDayOf(59); // [3, 1]
 * ```
 * @internal
 */
export function monthDayOf(n: number): readonly [month: number, day: number] {
  let month = 1;
  while (n >= (MONTH_START[month] as number)) month += 1;
  return [month, n - (MONTH_START[month - 1] as number) + 1];
}

/** Day-of-year (0–364) of a month and day in a non-leap year, or -1 (29 February, 31 April …). */
function dayOfYear(month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1) return -1;
  const first = MONTH_START[month - 1] as number;
  const length = (MONTH_START[month] as number) - first;
  return day > length ? -1 : first + day - 1;
}

/** Where a block's residents were first registered. */
export interface BlockHome {
  /** Index of the home district in `districts().list`. */
  readonly district: number;
  /** Rank of the block within its district (0 ≤ rank < blocksPerDistrict). */
  readonly rank: number;
}

/** The free NIK parts of one resident. */
export interface NikSlot {
  /** Birth month, 1–12. */
  readonly month: number;
  /** Birth day of month. */
  readonly day: number;
  /** NIK serial, 1 … serialMax. */
  readonly serial: number;
}

/** A NIK read back to an index candidate (before the year and sex are checked). */
export interface DecodedNik {
  readonly index: number;
}

/** Days from 2010-01-01 to 2025-12-31: the NO_KK data-entry dates. */
const KK_DAYS = 5844;
const KK_FIRST_DAY_MS = Date.UTC(2010, 0, 1);
const DAY_MS = 86_400_000;
/** Move choices: 48 neighbouring districts in code order (same regency or province), 16 far ones. */
export const MOVE_CHOICES = 64;

/**
 * The numbering of one population: block homes, NIK slots, NO_KK parts; all keyed by the seed.
 *
 * @example
 * ```ts
 * const numbering = new Numbering(seedWords("demo")[0]);
 * const home = numbering.blockHome(0);
 * ```
 * @internal
 */
export class Numbering {
  readonly districtCount: number;
  readonly blocksPerDistrict: number;
  readonly codesPerDistrict: number;
  /** The largest serial a generated resident has. */
  readonly serialMax: number;
  readonly #seedWord: number;
  readonly #blocks: FeistelPermutation;
  readonly #blockKeys: readonly number[];
  readonly #codes: FeistelPermutation;
  readonly #moverCodes: FeistelPermutation;
  readonly #moveOffsets: Uint16Array;

  constructor(seedWord: number) {
    this.#seedWord = seedWord;
    this.districtCount = districts().list.length;
    this.blocksPerDistrict = Math.ceil(BLOCK_COUNT / this.districtCount);
    this.codesPerDistrict = this.blocksPerDistrict * BLOCK_SIZE;
    this.serialMax = Math.ceil(this.codesPerDistrict / YEAR_DAYS);
    if (this.serialMax >= MAGIC_SERIAL_BASE) {
      throw new RangeError("Too few districts for the NIK numbering");
    }
    this.#blocks = new FeistelPermutation(BLOCK_COUNT);
    this.#blockKeys = roundKeys(seedWord, STREAM.blockPermutation, 0);
    this.#codes = new FeistelPermutation(this.codesPerDistrict);
    this.#moverCodes = new FeistelPermutation(this.codesPerDistrict * MOVE_CHOICES);
    this.#moveOffsets = new Uint16Array(MOVE_CHOICES);
    for (let t = 0; t < MOVE_CHOICES; t++) {
      this.#moveOffsets[t] = t < 48 ? t + 1 : 100 + (t - 48) * 449;
    }
  }

  /** The home district and rank of block `b`. */
  blockHome(block: number): BlockHome {
    const permuted = this.#blocks.forward(block, this.#blockKeys);
    return {
      district: permuted % this.districtCount,
      rank: Math.floor(permuted / this.districtCount),
    };
  }

  /** The birth month/day and serial of the resident at `offset` of a block with this home. */
  nikSlot(home: BlockHome, offset: number): NikSlot {
    const keys = roundKeys(this.#seedWord, STREAM.nikPermutation, home.district);
    const scattered = this.#codes.forward(home.rank * BLOCK_SIZE + offset, keys);
    const [month, day] = monthDayOf(scattered % YEAR_DAYS);
    return { month, day, serial: 1 + Math.floor(scattered / YEAR_DAYS) };
  }

  /**
   * Reads a NIK back to the only index that could hold it, or `undefined`. The caller
   * must still regenerate that resident and compare NIKs (year and sex are not decoded).
   */
  decodeNik(nik: string): DecodedNik | undefined {
    if (nik.length !== 16) return undefined;
    for (let i = 0; i < 16; i++) {
      const c = nik.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
    }
    const district = districts().indexByCode.get(nik.slice(0, 6));
    if (district === undefined) return undefined;
    const rawDay = Number(nik.slice(6, 8));
    const day = rawDay > 40 ? rawDay - 40 : rawDay;
    const n = dayOfYear(Number(nik.slice(8, 10)), day);
    if (n < 0 || rawDay === 40 || rawDay > 71) return undefined;
    const serial = Number(nik.slice(12, 16));
    if (serial < 1 || serial > this.serialMax) return undefined;
    const scattered = (serial - 1) * YEAR_DAYS + n;
    if (scattered >= this.codesPerDistrict) return undefined;
    const keys = roundKeys(this.#seedWord, STREAM.nikPermutation, district);
    const code = this.#codes.inverse(scattered, keys);
    const rank = Math.floor(code / BLOCK_SIZE);
    const permuted = rank * this.districtCount + district;
    if (permuted >= BLOCK_COUNT) return undefined;
    const block = this.#blocks.inverse(permuted, this.#blockKeys);
    return { index: block * BLOCK_SIZE + (code % BLOCK_SIZE) };
  }

  /** The district a family whose home is `home` lives in after move choice `t` (0 ≤ t < 64). */
  moveDestination(home: BlockHome, t: number): number {
    return (home.district + (this.#moveOffsets[t] as number)) % this.districtCount;
  }

  /**
   * The NO_KK of the family whose head sits at `headOffset` of a block with this home:
   * the address district, a data-entry date DDMMYY (2010–2025, no +40) and a serial.
   * Stay-at-home families use serials 1–8, moved families 9 and up; within an address
   * district the (date, serial) pair is unique, so two families never share a NO_KK.
   */
  kkNumber(home: BlockHome, headOffset: number, moveChoice: number | undefined): string {
    const local = home.rank * BLOCK_SIZE + headOffset;
    let prefix: number;
    let scattered: number;
    let serialBase: number;
    if (moveChoice === undefined) {
      prefix = home.district;
      const keys = roundKeys(this.#seedWord, STREAM.kkPermutation, prefix);
      scattered = this.#codes.forward(local, keys);
      serialBase = 1;
    } else {
      prefix = this.moveDestination(home, moveChoice);
      const keys = roundKeys(this.#seedWord, STREAM.kkMoverPermutation, prefix);
      scattered = this.#moverCodes.forward(moveChoice * this.codesPerDistrict + local, keys);
      serialBase = 1 + Math.ceil(this.codesPerDistrict / KK_DAYS);
    }
    const date = new Date(KK_FIRST_DAY_MS + (scattered % KK_DAYS) * DAY_MS);
    const serial = serialBase + Math.floor(scattered / KK_DAYS);
    const code = (districts().list[prefix] as { code: string }).code;
    return `${code}${pad2(date.getUTCDate())}${pad2(date.getUTCMonth() + 1)}${pad2(
      date.getUTCFullYear() % 100,
    )}${String(serial).padStart(4, "0")}`;
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
