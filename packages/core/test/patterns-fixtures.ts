// Shared fixtures of the usage-pattern tests: real-looking NIKs and human-paced journals.
// Seeded, so every failure can be replayed.

/** A small, fast, seeded PRNG (mulberry32): `rng()` returns a float in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function intBetween(rng: () => number, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Builds a NIK from its parts: `PPKKCC` + `DDMMYY` (+40 on the day for women) + `SSSS`. */
export function nikOf(parts: {
  district: string;
  day: number;
  month: number;
  year: number;
  serial: number;
  female?: boolean;
}): string {
  const day = parts.female === true ? parts.day + 40 : parts.day;
  return `${parts.district}${pad(day, 2)}${pad(parts.month, 2)}${pad(parts.year % 100, 2)}${pad(parts.serial, 4)}`;
}

/** Regencies of several provinces, including Papua (91) whose NIKs exceed 2^53. */
const REGENCIES = ["3204", "3273", "3217", "3171", "3578", "1271", "7371", "5171", "9101", "6471"];

/** Kabupaten Bandung districts (3204.xx) that exist in the current data. */
export const BANDUNG_DISTRICTS = [
  5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37,
  38, 39, 40, 44, 46,
].map((cc) => `3204${pad(cc, 2)}`);

/** A real-looking NIK of a random resident: random regency, district, birth date, sex, serial. */
export function randomResident(rng: () => number, districts?: readonly string[]): string {
  const district =
    districts === undefined
      ? `${REGENCIES[intBetween(rng, 0, REGENCIES.length - 1)]}${pad(intBetween(rng, 1, 30), 2)}`
      : (districts[intBetween(rng, 0, districts.length - 1)] as string);
  return nikOf({
    district,
    day: intBetween(rng, 1, 28),
    month: intBetween(rng, 1, 12),
    year: intBetween(rng, 1945, 2023),
    serial: intBetween(rng, 1, 150),
    female: rng() < 0.5,
  });
}

/** 09:00 WIB on a Monday. */
export const MORNING = Date.parse("2026-03-02T09:00:00+07:00");

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/**
 * An operator's working day: one lookup every 20–90 s from 08:00 to 16:00 WIB, each of a
 * different random resident (optionally from the given districts only).
 */
export function humanWorkingDay(
  seed: number,
  districts?: readonly string[],
): { at: number; nik: string }[] {
  const rng = seededRandom(seed);
  const events: { at: number; nik: string }[] = [];
  const end = MORNING + 7 * HOUR;
  for (let at = MORNING - HOUR; at < end; at += intBetween(rng, 20, 90) * SECOND) {
    events.push({ at, nik: randomResident(rng, districts) });
  }
  return events;
}

/**
 * The NIKs of `run`, each preceded by `fillers` lookups of random residents, all `gapMs` apart.
 */
export function hiddenBetween(
  run: readonly string[],
  fillers: number,
  rng: () => number,
  gapMs: number,
): { at: number; nik: string }[] {
  const niks: string[] = [];
  for (const nik of run) {
    for (let i = 0; i < fillers; i += 1) niks.push(randomResident(rng));
    niks.push(nik);
  }
  return spaced(niks, MORNING, gapMs);
}

/** Lookups of `niks` starting at `start`, `gapMs` apart. */
export function spaced(niks: readonly string[], start: number, gapMs: number) {
  return niks.map((nik, i) => ({ at: start + i * gapMs, nik }));
}
