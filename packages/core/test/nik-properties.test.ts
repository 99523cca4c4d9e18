import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeNik } from "../src/nik/make.js";
import { parseNik } from "../src/nik/parse.js";
import { NIK_FAILURE_REASONS } from "../src/nik/reasons.js";
import { listDistricts } from "../src/regions/table.js";

const DAY_MS = 86_400_000;
const REASONS = new Set<string>(NIK_FAILURE_REASONS.map((row) => row.reason));
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const asInt = (iso: string) => Number(iso.replaceAll("-", ""));

/** A reference day from 2000 to 2099 and a birth date in the 100 years up to it. */
const referenceAndBirth = fc
  .record({
    referenceMs: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }),
    daysBefore: fc.integer({ min: 0, max: 36_524 }),
  })
  .map(({ referenceMs, daysBefore }) => {
    const referenceDay = Math.floor(referenceMs / DAY_MS) * DAY_MS;
    return {
      referenceDate: isoDay(referenceDay),
      birthDate: isoDay(referenceDay - daysBefore * DAY_MS),
    };
  })
  // Strictly after the same day 100 years earlier: that day itself reads as this century.
  .filter(({ referenceDate, birthDate }) => asInt(birthDate) > asInt(referenceDate) - 1_000_000);

describe("parseNik and makeNik properties", () => {
  const districts = listDistricts().map((d) => d.code);
  const legacyDistricts = listDistricts("legacy")
    .filter((d) => d.legacy)
    .map((d) => d.code);

  it("round-trips district, birth date, sex and serial for real districts and dates in the window", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...districts),
        referenceAndBirth,
        fc.constantFrom("M" as const, "F" as const),
        fc.integer({ min: 1, max: 9999 }),
        (district, { referenceDate, birthDate }, sex, serial) => {
          const nik = makeNik(
            { district, birthDate, sex, serial },
            { regions: "strict", referenceDate },
          );
          expect(parseNik(nik, { referenceDate })).toMatchObject({
            ok: true,
            nik,
            district,
            birthDate,
            sex,
            serial,
            legacyRegion: false,
          });
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("round-trips retired districts in legacy mode and flags them", () => {
    fc.assert(
      fc.property(fc.constantFrom(...legacyDistricts), referenceAndBirth, (district, dates) => {
        const nik = makeNik({ district, birthDate: dates.birthDate, sex: "F", serial: 1 });
        const options = { referenceDate: dates.referenceDate };
        expect(parseNik(nik, { ...options, regions: "legacy" })).toMatchObject({
          ok: true,
          birthDate: dates.birthDate,
          legacyRegion: true,
        });
        expect(parseNik(nik, options).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on anything, in every region mode", () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true }),
        fc.constantFrom("strict" as const, "legacy" as const, "none" as const),
        (value, regions) => {
          const result = parseNik(value, { regions });
          if (typeof value !== "string")
            expect(result).toMatchObject({ ok: false, reason: "type" });
          else expect(result.ok || REASONS.has(result.reason)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never throws on arbitrary strings, including unicode and near-NIKs, and reports a known reason", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.string({ unit: "grapheme" }),
          fc.stringMatching(/^[0-9 .\-\t]{0,24}$/),
          fc.stringMatching(/^\d{16}$/),
        ),
        fc.constantFrom("strict" as const, "legacy" as const, "none" as const),
        fc.boolean(),
        (input, regions, normalize) => {
          const result = parseNik(input, { regions, normalize, referenceDate: "2026-11-22" });
          if (result.ok) {
            expect(result.nik).toMatch(/^\d{16}$/);
            expect(result.birthDate <= "2026-11-22").toBe(true);
          } else {
            expect(REASONS.has(result.reason)).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("agrees with a Date-based reference implementation on the date, sex and serial rules", () => {
    // Independent oracle: Date.UTC round trip for calendar validity, the century rule as specified.
    const oracle = (nik: string, referenceDate: string) => {
      const dd = Number(nik.slice(6, 8));
      const mm = Number(nik.slice(8, 10));
      const yy = Number(nik.slice(10, 12));
      const sex = dd > 40 ? "F" : "M";
      const day = dd > 40 ? dd - 40 : dd;
      if (dd === 0 || (dd > 31 && dd < 41) || dd > 71 || mm < 1 || mm > 12) return "date";
      const iso = (y: number) =>
        `${y}-${String(mm).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
      const year = iso(2000 + yy) <= referenceDate ? 2000 + yy : 1900 + yy;
      const date = new Date(Date.UTC(year, mm - 1, day));
      if (date.getUTCMonth() !== mm - 1 || iso(year) > referenceDate) return "date";
      if (nik.slice(12) === "0000") return "serial";
      return { birthDate: iso(year), sex, serial: Number(nik.slice(12)) };
    };
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
    fc.assert(
      fc.property(
        two(99),
        two(13),
        two(99),
        fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, "0")),
        fc.constantFrom("2026-11-22", "2000-02-28", "2000-02-29", "2099-12-31", "2012-06-15"),
        (dd, mm, yy, serial, referenceDate) => {
          const nik = `999999${dd}${mm}${yy}${serial}`;
          const result = parseNik(nik, { regions: "none", referenceDate });
          const expected = oracle(nik, referenceDate);
          if (typeof expected === "string") {
            expect(result).toMatchObject({ ok: false, reason: expected });
          } else {
            expect(result).toMatchObject({ ok: true, ...expected });
          }
        },
      ),
      { numRuns: 5000 },
    );
  });
});
