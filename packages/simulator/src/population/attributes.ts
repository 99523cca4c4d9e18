/**
 * Per-resident values drawn from core's value lists with plausible weights: education and
 * occupation by age and sex, blood group, and the shares of the registry statuses.
 * Only values of core's lists are used (the types are taken from them).
 */
import type {
  GOL_DARAH_VALUES,
  JENIS_PKRJN_VALUES,
  NikSex,
  PDDK_AKH_VALUES,
} from "@dukcapil-sandbox/core";
import { type Rng, type WeightedTable, weightedTable } from "./random.js";
import type { ResidentStatus } from "./types.js";

/** A value of `PDDK_AKH`. */
export type Education = (typeof PDDK_AKH_VALUES)[number];
/** A value of `JENIS_PKRJN`. */
export type Occupation = (typeof JENIS_PKRJN_VALUES)[number];
/** A value of `GOL_DARAH`. */
export type BloodGroup = (typeof GOL_DARAH_VALUES)[number];

/**
 * Shares of the registry statuses (each resident draws independently): about 1% deceased,
 * 0.2% duplicate records, 0.5% inactive, the rest active.
 */
export const STATUS_SHARES = Object.freeze({
  deceased: 0.01,
  duplicate: 0.002,
  inactive: 0.005,
} as const satisfies Partial<Record<ResidentStatus, number>>);

/** Share of residents whose recorded TGL_LHR differs from the date in their NIK (nik.md §1.1). */
export const BIRTH_DATE_MISMATCH_SHARE = 0.01;

/**
 * The registry status of a resident, from one uniform draw.
 *
 * @example
 * ```ts
 * statusFor(0.005); // "deceased"
 * ```
 * @internal
 */
export function statusFor(u: number): ResidentStatus {
  let bound = STATUS_SHARES.deceased;
  if (u < bound) return "deceased";
  bound += STATUS_SHARES.duplicate;
  if (u < bound) return "duplicate";
  bound += STATUS_SHARES.inactive;
  if (u < bound) return "inactive";
  return "active";
}

const E = (entries: readonly (readonly [Education, number])[]): WeightedTable<Education> =>
  weightedTable(entries);

const EDUCATION_YOUNG_ADULT = E([
  ["BELUM TAMAT SD/SEDERAJAT", 2],
  ["TAMAT SD/SEDERAJAT", 8],
  ["SLTP/SEDERAJAT", 20],
  ["SLTA/SEDERAJAT", 60],
  ["DIPLOMA I/II", 2],
  ["AKADEMI/DIPLOMA III/S. MUDA", 3],
  ["DIPLOMA IV/STRATA I", 5],
]);
const EDUCATION_ADULT = E([
  ["TIDAK/BELUM SEKOLAH", 2],
  ["BELUM TAMAT SD/SEDERAJAT", 4],
  ["TAMAT SD/SEDERAJAT", 18],
  ["SLTP/SEDERAJAT", 18],
  ["SLTA/SEDERAJAT", 38],
  ["DIPLOMA I/II", 2],
  ["AKADEMI/DIPLOMA III/S. MUDA", 4],
  ["DIPLOMA IV/STRATA I", 12],
  ["STRATA II", 1.5],
  ["STRATA III", 0.2],
]);
const EDUCATION_MIDDLE = E([
  ["TIDAK/BELUM SEKOLAH", 5],
  ["BELUM TAMAT SD/SEDERAJAT", 8],
  ["TAMAT SD/SEDERAJAT", 30],
  ["SLTP/SEDERAJAT", 16],
  ["SLTA/SEDERAJAT", 28],
  ["DIPLOMA I/II", 1.5],
  ["AKADEMI/DIPLOMA III/S. MUDA", 3],
  ["DIPLOMA IV/STRATA I", 7.5],
  ["STRATA II", 1],
  ["STRATA III", 0.2],
]);
const EDUCATION_OLD = E([
  ["TIDAK/BELUM SEKOLAH", 15],
  ["BELUM TAMAT SD/SEDERAJAT", 20],
  ["TAMAT SD/SEDERAJAT", 38],
  ["SLTP/SEDERAJAT", 10],
  ["SLTA/SEDERAJAT", 12],
  ["DIPLOMA I/II", 1],
  ["AKADEMI/DIPLOMA III/S. MUDA", 1.5],
  ["DIPLOMA IV/STRATA I", 2.5],
  ["STRATA II", 0.4],
  ["STRATA III", 0.1],
]);

/**
 * Last education (`PDDK_AKH`) for an age at the reference date.
 *
 * @example
 * ```ts
 * educationFor(rng, 3); // "TIDAK/BELUM SEKOLAH"
 * ```
 * @internal
 */
export function educationFor(rng: Rng, age: number): Education {
  if (age < 7) return "TIDAK/BELUM SEKOLAH";
  if (age < 13) return "BELUM TAMAT SD/SEDERAJAT";
  if (age < 16) return "TAMAT SD/SEDERAJAT";
  if (age < 19) return "SLTP/SEDERAJAT";
  if (age < 25) return rng.weighted(EDUCATION_YOUNG_ADULT);
  if (age < 40) return rng.weighted(EDUCATION_ADULT);
  if (age < 60) return rng.weighted(EDUCATION_MIDDLE);
  return rng.weighted(EDUCATION_OLD);
}

const O = (entries: readonly (readonly [Occupation, number])[]): WeightedTable<Occupation> =>
  weightedTable(entries);

const OCCUPATION_YOUNG = O([
  ["PELAJAR/MAHASISWA", 30],
  ["BELUM/TIDAK BEKERJA", 20],
  ["KARYAWAN SWASTA", 20],
  ["WIRASWASTA", 8],
  ["BURUH HARIAN LEPAS", 8],
  ["PETANI/PEKEBUN", 5],
  ["PEDAGANG", 3],
  ["KARYAWAN HONORER", 3],
  ["SOPIR", 1],
  ["LAINNYA", 2],
]);
const OCCUPATION_MEN = O([
  ["WIRASWASTA", 20],
  ["KARYAWAN SWASTA", 18],
  ["PETANI/PEKEBUN", 17],
  ["BURUH HARIAN LEPAS", 10],
  ["PEDAGANG", 5],
  ["BURUH TANI/PERKEBUNAN", 4],
  ["BELUM/TIDAK BEKERJA", 4],
  ["PERDAGANGAN", 3],
  ["SOPIR", 3],
  ["PEGAWAI NEGERI SIPIL", 3],
  ["NELAYAN/PERIKANAN", 2],
  ["GURU", 1.5],
  ["KARYAWAN HONORER", 1.5],
  ["TUKANG BATU", 1.5],
  ["KARYAWAN BUMN", 1],
  ["TUKANG KAYU", 1],
  ["MEKANIK", 1],
  ["TENTARA NASIONAL INDONESIA", 0.8],
  ["KEPOLISIAN RI", 0.8],
  ["PERANGKAT DESA", 0.5],
  ["PETERNAK", 0.5],
  ["KONSTRUKSI", 0.5],
  ["TRANSPORTASI", 0.5],
  ["LAINNYA", 1],
]);
const OCCUPATION_WOMEN = O([
  ["MENGURUS RUMAH TANGGA", 38],
  ["KARYAWAN SWASTA", 12],
  ["WIRASWASTA", 12],
  ["PETANI/PEKEBUN", 8],
  ["PEDAGANG", 6],
  ["BELUM/TIDAK BEKERJA", 5],
  ["GURU", 4],
  ["BURUH HARIAN LEPAS", 4],
  ["PEGAWAI NEGERI SIPIL", 2.5],
  ["KARYAWAN HONORER", 1.5],
  ["PERAWAT", 1],
  ["TUKANG JAHIT", 1],
  ["BIDAN", 0.8],
  ["PENATA RIAS", 0.5],
  ["LAINNYA", 1],
]);
const OCCUPATION_GRADUATE = O([
  ["KARYAWAN SWASTA", 30],
  ["PEGAWAI NEGERI SIPIL", 18],
  ["GURU", 14],
  ["WIRASWASTA", 10],
  ["KARYAWAN BUMN", 6],
  ["DOSEN", 3],
  ["DOKTER", 2],
  ["PERAWAT", 2],
  ["BIDAN", 1.5],
  ["APOTEKER", 1],
  ["AKUNTAN", 1],
  ["PENGACARA", 0.5],
  ["NOTARIS", 0.3],
  ["ARSITEK", 0.5],
  ["KONSULTAN", 1],
  ["PENELITI", 0.5],
  ["WARTAWAN", 0.5],
  ["BELUM/TIDAK BEKERJA", 4],
  ["MENGURUS RUMAH TANGGA", 4],
]);
const OCCUPATION_OLD_MEN = O([
  ["BELUM/TIDAK BEKERJA", 30],
  ["PETANI/PEKEBUN", 25],
  ["PENSIUNAN", 18],
  ["WIRASWASTA", 12],
  ["PEDAGANG", 6],
  ["BURUH HARIAN LEPAS", 5],
  ["LAINNYA", 4],
]);
const OCCUPATION_OLD_WOMEN = O([
  ["MENGURUS RUMAH TANGGA", 40],
  ["BELUM/TIDAK BEKERJA", 25],
  ["PETANI/PEKEBUN", 15],
  ["PENSIUNAN", 10],
  ["PEDAGANG", 6],
  ["WIRASWASTA", 4],
]);

const TERTIARY: ReadonlySet<Education> = new Set<Education>([
  "DIPLOMA IV/STRATA I",
  "STRATA II",
  "STRATA III",
]);

/**
 * Occupation (`JENIS_PKRJN`) for an age, sex and education: children are
 * "BELUM/TIDAK BEKERJA" or "PELAJAR/MAHASISWA"; graduates draw from professional jobs.
 *
 * @example
 * ```ts
 * occupationFor(rng, 10, "F", "BELUM TAMAT SD/SEDERAJAT"); // "PELAJAR/MAHASISWA"
 * ```
 * @internal
 */
export function occupationFor(
  rng: Rng,
  age: number,
  sex: NikSex,
  education: Education,
): Occupation {
  if (age < 7) return "BELUM/TIDAK BEKERJA";
  if (age < 16) return "PELAJAR/MAHASISWA";
  if (age < 19) return rng.chance(0.85) ? "PELAJAR/MAHASISWA" : "BELUM/TIDAK BEKERJA";
  if (age < 23) {
    const pick = rng.weighted(OCCUPATION_YOUNG);
    return pick === "KARYAWAN SWASTA" && sex === "F" && rng.chance(0.3)
      ? "MENGURUS RUMAH TANGGA"
      : pick;
  }
  if (age >= 65) return rng.weighted(sex === "M" ? OCCUPATION_OLD_MEN : OCCUPATION_OLD_WOMEN);
  if (TERTIARY.has(education) && rng.chance(0.8)) return rng.weighted(OCCUPATION_GRADUATE);
  return rng.weighted(sex === "M" ? OCCUPATION_MEN : OCCUPATION_WOMEN);
}

const BLOOD_GROUPS = weightedTable<BloodGroup>([
  ["TIDAK TAHU", 55],
  ["O", 13],
  ["B", 11],
  ["A", 10],
  ["AB", 3],
  ["O+", 2.5],
  ["A+", 1.5],
  ["B+", 1.5],
  ["AB+", 0.5],
  ["O-", 0.1],
  ["A-", 0.1],
  ["B-", 0.1],
  ["AB-", 0.05],
]);

/**
 * Blood group (`GOL_DARAH`): "TIDAK TAHU" for about half the residents.
 *
 * @example
 * ```ts
 * bloodGroupFor(rng); // e.g. "TIDAK TAHU"
 * ```
 * @internal
 */
export function bloodGroupFor(rng: Rng): BloodGroup {
  return rng.weighted(BLOOD_GROUPS);
}

/**
 * Whether a resident has a birth certificate number on record, by age (older residents
 * more often have none).
 *
 * @example
 * ```ts
 * hasBirthCertificate(rng, 80); // usually false
 * ```
 * @internal
 */
export function hasBirthCertificate(rng: Rng, age: number): boolean {
  return rng.chance(age < 18 ? 0.85 : age < 40 ? 0.55 : 0.2);
}
