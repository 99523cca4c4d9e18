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

const DAY = 24 * HOUR;

/** The calendar date `daysBefore` days before `at`, in Asia/Jakarta. */
function jakartaDateBefore(at: number, daysBefore: number) {
  const date = new Date(at + 7 * HOUR - daysBefore * DAY);
  return { day: date.getUTCDate(), month: date.getUTCMonth() + 1, year: date.getUTCFullYear() };
}

/**
 * The babies of one district born over the `days` days up to `at`, about `perDay` a day, with
 * serials as the registry assigns them: per district, birth date and sex, counting from 0001.
 */
export function districtBirths(
  rng: () => number,
  options: { district: string; days: number; perDay: number; at: number },
): string[] {
  const niks: string[] = [];
  for (let back = 0; back < options.days; back += 1) {
    const date = jakartaDateBefore(options.at, back);
    const serials = [0, 0];
    // Binomial(4 × perDay, 1/4): about perDay births, varying from day to day.
    let births = 0;
    for (let trial = 0; trial < options.perDay * 4; trial += 1) if (rng() < 0.25) births += 1;
    for (let baby = 0; baby < births; baby += 1) {
      const female = rng() < 0.5;
      const sex = female ? 1 : 0;
      const serial = (serials[sex] ?? 0) + 1;
      serials[sex] = serial;
      niks.push(nikOf({ district: options.district, ...date, serial, female }));
    }
  }
  return niks;
}

/** Shuffles in place (Fisher–Yates) with the seeded generator. */
export function shuffle<T>(rng: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = intBetween(rng, 0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * A hospital's working day: 40 newborns of its district, from the 60 % of the district's
 * births of the last four weeks that it delivered (4.6 a day: a kecamatan of ~100,000
 * people), checked in random order every 5–15 minutes from 08:00 WIB.
 */
export function hospitalNewbornDay(seed: number, district = "320401") {
  const rng = seededRandom(seed);
  const births = districtBirths(rng, { district, days: 28, perDay: 4.6, at: MORNING });
  const delivered = births.filter(() => rng() < 0.6);
  const events: { at: number; nik: string }[] = [];
  let at = MORNING - HOUR;
  for (const nik of shuffle(rng, delivered).slice(0, 40)) {
    events.push({ at, nik });
    at += intBetween(rng, 5, 15) * MINUTE;
  }
  return events;
}

/**
 * A kecamatan office's working day: 200 lookups (the PoC quota) of residents of its own
 * district from 08:00 to 16:00 WIB — one in six a baby registered on the family card in the
 * last two months, the others born 1945–2025 — with serials mostly 0001–0003.
 */
export function districtOfficeDay(seed: number, district = "320401") {
  const rng = seededRandom(seed);
  const events: { at: number; nik: string }[] = [];
  let at = MORNING - HOUR;
  for (let i = 0; i < 200; i += 1) {
    const female = rng() < 0.5;
    const roll = rng();
    const serial = roll < 0.6 ? 1 : roll < 0.85 ? 2 : roll < 0.95 ? 3 : intBetween(rng, 4, 9);
    const date =
      rng() < 1 / 6
        ? jakartaDateBefore(MORNING, intBetween(rng, 0, 60))
        : {
            day: intBetween(rng, 1, 28),
            month: intBetween(rng, 1, 12),
            year: intBetween(rng, 1945, 2025),
          };
    events.push({ at, nik: nikOf({ district, ...date, serial, female }) });
    at += intBetween(rng, 90, 180) * SECOND;
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
