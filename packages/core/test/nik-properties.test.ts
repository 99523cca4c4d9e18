import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DukcapilCoreError } from "../src/errors.js";
import { makeNik } from "../src/nik/make.js";
import { type ParseNikOptions, parseNik } from "../src/nik/parse.js";
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

describe("parseNik normalisation, masking and option properties", () => {
  /** A NIK that parses with `regions: "none"` on 2026-11-22 (district 999999 is not checked). */
  const validNik = fc
    .record({
      dd: fc.integer({ min: 1, max: 28 }),
      mm: fc.integer({ min: 1, max: 12 }),
      yy: fc.integer({ min: 0, max: 99 }),
      female: fc.boolean(),
      serial: fc.integer({ min: 1, max: 9999 }),
    })
    .map(
      ({ dd, mm, yy, female, serial }) =>
        `999999${String(female ? dd + 40 : dd).padStart(2, "0")}${String(mm).padStart(2, "0")}${String(yy).padStart(2, "0")}${String(serial).padStart(4, "0")}`,
    );
  const separatorRun = fc.stringMatching(/^[ .-]{1,3}$/);
  const whitespace = fc.stringMatching(/^[ \t\n\r\u00a0\u3000\ufeff]{0,3}$/);
  const options = { regions: "none", referenceDate: "2026-11-22" } as const;

  it("reads a NIK with separator runs between digits and surrounding whitespace as the bare NIK", () => {
    fc.assert(
      fc.property(
        validNik,
        fc.array(fc.option(separatorRun, { nil: undefined, freq: 3 }), {
          minLength: 15,
          maxLength: 15,
        }),
        whitespace,
        whitespace,
        (nik, separators, before, after) => {
          let formatted = "";
          for (let i = 0; i < 16; i++) formatted += `${nik[i]}${separators[i] ?? ""}`;
          const input = `${before}${formatted}${after}`;
          expect(parseNik(input, options)).toMatchObject({ ok: true, nik });
          // normalize: false refuses any of the added characters, and keeps the input masked.
          const strict = parseNik(input, { ...options, normalize: false });
          if (input === nik) expect(strict.ok).toBe(true);
          else expect(strict).toMatchObject({ ok: false, reason: "non-digit" });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("refuses a separator at either end or a non-separator character inside a NIK", () => {
    fc.assert(
      fc.property(
        validNik,
        fc.integer({ min: 0, max: 16 }),
        fc.constantFrom("O", "l", "/", "_", "\u0660", "\uff10", "٣", "x", "+", ",", "\u0000"),
        (nik, at, intruder) => {
          const input = `${nik.slice(0, at)}${intruder}${nik.slice(at)}`;
          expect(parseNik(input, options)).toMatchObject({ ok: false, reason: "non-digit" });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("reports a failure with the input masked: never more than 6 characters of it, only digits the NIK starts or ends with", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 40 }),
          fc.stringMatching(/^[0-9 .-]{10,24}$/),
          fc.stringMatching(/^\d{16}$/),
          validNik.map((nik) => `${nik.slice(0, 8)}${nik.slice(8).replace(/\d/, "0")}`),
        ),
        fc.constantFrom("strict" as const, "legacy" as const, "none" as const),
        fc.constantFrom("en" as const, "id" as const),
        (input, regions, language) => {
          const result = parseNik(input, { regions, language, referenceDate: "2026-11-22" });
          if (result.ok) return;
          expect(result.input).toBeDefined();
          const masked = result.input ?? "";
          const shown = masked.replaceAll("*", "");
          expect(shown.length).toBeLessThanOrEqual(6);
          expect(shown).toMatch(/^\d*$/);
          if (shown.length > 0) {
            const digits = input.replace(/[^0-9]/g, "");
            expect(masked).toBe(`${digits.slice(0, 4)}**********${digits.slice(14)}`);
          } else {
            expect(masked.length).toBe(Math.min(input.length, 32));
          }
          const row = NIK_FAILURE_REASONS.find((candidate) => candidate.reason === result.reason);
          expect(row, result.reason).toBeDefined();
          expect(result.message).toBe(row?.[language]);
          expect(result.message).not.toMatch(/\d{7,}/);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("gives the same verdict in English and Indonesian, with a different message", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^\d{16}$/)),
        (input) => {
          const en = parseNik(input, { ...options, language: "en" });
          const id = parseNik(input, { ...options, language: "id" });
          if (en.ok || id.ok) {
            expect(id).toEqual(en);
            return;
          }
          expect(id.reason).toBe(en.reason);
          expect(id.input).toBe(en.input);
          expect(id.message).not.toBe(en.message);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("throws DKS_CORE_INVALID_OPTIONS naming the option for any invalid options, and never for a bad input", () => {
    const known = new Set(["regions", "referenceDate", "normalize", "language"]);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ maxDepth: 1 }),
          fc.record(
            {
              regions: fc.oneof(fc.constantFrom("strict", "legacy", "none"), fc.anything()),
              normalize: fc.oneof(fc.boolean(), fc.anything()),
              language: fc.oneof(fc.constantFrom("en", "id"), fc.anything()),
              referenceDate: fc.oneof(
                fc.constantFrom("2026-11-22", "2026-11-22T18:00:00Z"),
                fc.anything(),
              ),
              extra: fc.anything(),
            },
            { requiredKeys: [] },
          ),
        ),
        fc.string({ maxLength: 20 }),
        (rawOptions, input) => {
          let result: ReturnType<typeof parseNik>;
          try {
            result = parseNik(input, rawOptions as ParseNikOptions);
          } catch (error) {
            expect(error).toBeInstanceOf(DukcapilCoreError);
            const coreError = error as DukcapilCoreError;
            expect(coreError.code).toBe("DKS_CORE_INVALID_OPTIONS");
            const issues = coreError.details.issues as { path: string[]; message: string }[];
            expect(issues).toHaveLength(1);
            const path = issues[0]?.path ?? [];
            if (typeof rawOptions !== "object" || rawOptions === null) {
              expect(path).toEqual([]);
            } else {
              // The named option is one the caller gave (known with a bad value, or unknown).
              expect(path).toHaveLength(1);
              expect(Object.keys(rawOptions)).toContain(path[0]);
              expect(coreError.message).toContain(`\`${path[0]}\``);
              if (!known.has(path[0] ?? "")) expect(coreError.message).toContain("not a known");
            }
            return;
          }
          // Accepted options: every given one is known and valid.
          if (rawOptions !== undefined) {
            expect(typeof rawOptions).toBe("object");
            for (const key of Object.keys(rawOptions as object)) {
              if ((rawOptions as Record<string, unknown>)[key] !== undefined) {
                expect(known.has(key)).toBe(true);
              }
            }
          }
          expect(typeof result.ok).toBe("boolean");
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("makeNik on arbitrary parts", () => {
  const PARTS = new Set(["parts", "district", "birthDate", "sex", "serial"]);

  it("either builds a NIK that parseNik reads back, or throws DKS_CORE_INVALID_NIK_PARTS naming the part", () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            district: fc.oneof(
              fc.stringMatching(/^\d{6}$/),
              fc.string({ maxLength: 8 }),
              fc.anything(),
            ),
            birthDate: fc.oneof(
              fc
                .date({
                  min: new Date("1890-01-01"),
                  max: new Date("2110-12-31"),
                  noInvalidDate: false,
                })
                .map((d) => (Number.isNaN(d.getTime()) ? d : d.toISOString().slice(0, 10))),
              fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
              fc.date({ noInvalidDate: false }),
              fc.anything(),
            ),
            sex: fc.oneof(fc.constantFrom("M", "F"), fc.anything()),
            serial: fc.oneof(fc.integer({ min: -5, max: 10_005 }), fc.double(), fc.anything()),
          },
          { requiredKeys: [] },
        ),
        (parts) => {
          let nik: string;
          try {
            nik = makeNik(parts as Parameters<typeof makeNik>[0]);
          } catch (error) {
            expect(error).toBeInstanceOf(DukcapilCoreError);
            expect((error as DukcapilCoreError).code).toBe("DKS_CORE_INVALID_NIK_PARTS");
            const part = String((error as DukcapilCoreError).details.part);
            expect(PARTS.has(part)).toBe(true);
            return;
          }
          expect(nik).toMatch(/^\d{16}$/);
          const { district, sex, serial } = parts as {
            district: string;
            sex: string;
            serial: number;
          };
          expect(nik.slice(0, 6)).toBe(district);
          const parsed = parseNik(nik, { regions: "none", referenceDate: "2099-12-31" });
          expect(parsed).toMatchObject({ ok: true, sex, serial });
          if (parsed.ok && typeof parts.birthDate === "string") {
            // The century is the reference date's reading; month, day and YY are as written.
            expect(parsed.birthDate.slice(2)).toBe(parts.birthDate.slice(2));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
