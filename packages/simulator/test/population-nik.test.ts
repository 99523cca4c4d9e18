import { detectUsagePatterns, parseNik } from "@dukcapil-sandbox/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPopulation } from "../src/population/population.js";
import { NATIONAL_SIZE, REFERENCE_DATE, sampleIndices } from "./population-fixtures.js";

const population = createPopulation({ seed: "nik-tests", size: NATIONAL_SIZE });
const strict = { regions: "strict", referenceDate: REFERENCE_DATE } as const;

describe("population NIK ↔ index", () => {
  it("finds every resident by its NIK at its own index (280 million residents)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: NATIONAL_SIZE - 1 }), (index) => {
        const resident = population.residentAt(index);
        expect(population.findByNik(resident.nik)?.index).toBe(index);
      }),
      { numRuns: 10_000, seed: 7 },
    );
  });

  it("gives distinct NIKs to distinct residents", () => {
    const niks = new Set<string>();
    for (let i = 0; i < 50_000; i++) niks.add(population.residentAt(i).nik);
    expect(niks.size).toBe(50_000);
  });

  it("does not find a resident whose index is at or beyond the population size", () => {
    const small = createPopulation({ seed: "nik-tests", size: 1000 });
    const beyond = population.residentAt(5000);
    expect(small.findByNik(beyond.nik)).toBeUndefined();
    expect(small.familyOf(beyond.nik)).toBeUndefined();
    expect(small.findByNik(population.residentAt(999).nik)?.index).toBe(999);
  });

  it("leaves most well-formed NIKs without a resident (outcome 13)", () => {
    const districtOf = population.residentAt(0).nik.slice(0, 6);
    const candidates = fc.sample(fc.integer({ min: 0, max: 9_999_999_999 }), {
      numRuns: 20_000,
      seed: 3,
    });
    let valid = 0;
    let found = 0;
    for (const tail of candidates) {
      const nik = `${districtOf}${String(tail).padStart(10, "0")}`;
      if (!parseNik(nik, strict).ok) continue;
      valid += 1;
      if (population.findByNik(nik) !== undefined) found += 1;
    }
    expect(valid).toBeGreaterThan(500);
    expect(found / valid).toBeLessThan(0.01);
  });

  it("finds nothing for malformed input", () => {
    for (const input of ["", "123", "32040515029000AB", "3204053102900001", "32040515029000010"]) {
      expect(population.findByNik(input)).toBeUndefined();
      expect(population.familyOf(input)).toBeUndefined();
    }
  });
});

describe("population NIK validity", () => {
  it("makes NIKs that parseNik accepts in strict mode with the reference date, matching sex and birth date", () => {
    const indices = sampleIndices(20_000, NATIONAL_SIZE, 11);
    let dateMismatches = 0;
    for (const index of indices) {
      const { nik, record } = population.residentAt(index);
      const parsed = parseNik(nik, strict);
      expect(parsed.ok, nik).toBe(true);
      if (!parsed.ok) continue;
      expect(record.NIK).toBe(nik);
      expect(record.JENIS_KLMIN).toBe(parsed.sex === "M" ? "LAKI-LAKI" : "PEREMPUAN");
      if (record.TGL_LHR !== parsed.birthDate) {
        dateMismatches += 1;
        // A corrected date keeps the NIK's year and month (nik.md §1.1).
        expect(record.TGL_LHR?.slice(0, 7)).toBe(parsed.birthDate.slice(0, 7));
      }
    }
    // The documented share is 1%.
    expect(dateMismatches / indices.length).toBeGreaterThan(0.005);
    expect(dateMismatches / indices.length).toBeLessThan(0.016);
  });

  it("reads every NIK back to the same birth date with any reference date up to 2034-12-31", () => {
    for (const index of sampleIndices(2000, NATIONAL_SIZE, 12)) {
      const { nik } = population.residentAt(index);
      const early = parseNik(nik, strict);
      const late = parseNik(nik, { regions: "strict", referenceDate: "2034-12-31" });
      expect(late.ok && early.ok && late.birthDate === early.birthDate).toBe(true);
    }
  });

  it("uses serials 0001–0113 only", () => {
    for (const index of sampleIndices(5000, NATIONAL_SIZE, 13)) {
      const serial = Number(population.residentAt(index).nik.slice(12));
      expect(serial).toBeGreaterThanOrEqual(1);
      expect(serial).toBeLessThanOrEqual(113);
    }
  });

  it("does not give consecutive indices a sequential NIK pattern (residents 0–99, one lookup per 30 s)", () => {
    const start = Date.parse("2026-03-02T08:00:00+07:00");
    const events = Array.from({ length: 100 }, (_, i) => ({
      at: start + i * 30_000,
      nik: population.residentAt(i).nik,
    }));
    const findings = detectUsagePatterns(events);
    expect(findings.map((f) => f.code)).not.toContain("PATTERN_SEQUENTIAL");
    expect(findings).toEqual([]);
  });
});
