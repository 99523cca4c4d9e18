import { describe, expect, it } from "vitest";
import { DukcapilCoreError } from "../src/errors.js";
import { makeNik, type NikParts } from "../src/nik/make.js";
import { parseNik } from "../src/nik/parse.js";

const base: NikParts = { district: "317101", birthDate: "1990-02-15", sex: "M", serial: 1 };

function errorOf(fn: () => unknown): DukcapilCoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DukcapilCoreError) return error;
    throw error;
  }
  throw new Error("expected a DukcapilCoreError, nothing was thrown");
}

describe("makeNik", () => {
  it("writes a man's birth day as is and pads every part", () => {
    expect(makeNik({ ...base, birthDate: "2003-04-05", serial: 7 })).toBe("3171010504030007");
  });

  it("adds 40 to a woman's birth day", () => {
    expect(makeNik({ ...base, sex: "F" })).toBe("3171015502900001");
    expect(makeNik({ ...base, sex: "F", birthDate: "1990-01-31" })).toBe("3171017101900001");
  });

  it("writes serial 9999 and the leap day 2000-02-29", () => {
    expect(makeNik({ ...base, birthDate: "2000-02-29", serial: 9999 })).toBe("3171012902009999");
  });

  it("reads a Date by its calendar day in Asia/Jakarta, as parseNik reads its reference date", () => {
    expect(makeNik({ ...base, birthDate: new Date("1990-02-15") })).toBe("3171011502900001");
    // 23:59:59 WIB on 15 February, then 00:00 WIB on 16 February.
    expect(makeNik({ ...base, birthDate: new Date("1990-02-15T16:59:59Z") })).toBe(
      "3171011502900001",
    );
    expect(makeNik({ ...base, birthDate: new Date("1990-02-15T17:00:00Z") })).toBe(
      "3171011602900001",
    );
  });

  it("agrees with parseNik on the day of a Date at the Jakarta midnight boundary", () => {
    for (const instant of ["2026-11-22T16:59:59.999Z", "2026-11-22T17:00:00Z"]) {
      const date = new Date(instant);
      const nik = makeNik({ ...base, birthDate: date }, { referenceDate: date });
      const parsed = parseNik(nik, { referenceDate: date });
      expect(parsed.ok && parsed.birthDate).toBe(
        instant.startsWith("2026-11-22T16") ? "2026-11-22" : "2026-11-23",
      );
    }
  });

  it("gives the same NIK for a Date whatever the machine's time zone", () => {
    const saved = process.env.TZ;
    const birthDate = new Date("1990-02-15T20:00:00Z"); // 03:00 WIB on 16 February
    try {
      const results = ["UTC", "America/New_York", "Asia/Jakarta", "Pacific/Kiritimati"].map(
        (zone) => {
          process.env.TZ = zone;
          return makeNik({ ...base, birthDate });
        },
      );
      expect(new Set(results)).toEqual(new Set(["3171011602900001"]));
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it.each([
    ["a five-digit district", { district: "31710" }, "district"],
    ["a dotted district", { district: "31.71.01" }, "district"],
    ["a district of full-width digits", { district: "３１７１０１" }, "district"],
    ["30 February", { birthDate: "1990-02-30" }, "birthDate"],
    ["29 February 1900", { birthDate: "1900-02-29" }, "birthDate"],
    ["a date without padding", { birthDate: "1990-2-15" }, "birthDate"],
    ["a year before 1900", { birthDate: "1899-12-31" }, "birthDate"],
    ["a year after 2099", { birthDate: "2100-01-01" }, "birthDate"],
    ["an invalid Date", { birthDate: new Date(Number.NaN) }, "birthDate"],
    ["sex X", { sex: "X" }, "sex"],
    ["serial 0", { serial: 0 }, "serial"],
    ["serial 10000", { serial: 10000 }, "serial"],
    ["serial 1.5", { serial: 1.5 }, "serial"],
    ["serial NaN", { serial: Number.NaN }, "serial"],
    ["a serial given as a string", { serial: "1" }, "serial"],
  ])("throws DKS_CORE_INVALID_NIK_PARTS for %s", (_label, change, part) => {
    const error = errorOf(() => makeNik({ ...base, ...change } as NikParts));
    expect(error.code).toBe("DKS_CORE_INVALID_NIK_PARTS");
    expect(error.details.part).toBe(part);
    expect(error.message).toMatch(/^Failed to make NIK: .+\. .+\.$/);
  });

  it("throws DKS_CORE_INVALID_NIK_PARTS when the parts are not an object", () => {
    expect(errorOf(() => makeNik(null as unknown as NikParts)).code).toBe(
      "DKS_CORE_INVALID_NIK_PARTS",
    );
  });

  it("accepts any six-digit district by default, without region tables", () => {
    expect(makeNik({ ...base, district: "999999" })).toBe("9999991502900001");
  });

  it("requires a current district with regions: 'strict'", () => {
    expect(makeNik(base, { regions: "strict" })).toBe("3171011502900001");
    for (const district of ["999999", "910101"]) {
      const error = errorOf(() => makeNik({ ...base, district }, { regions: "strict" }));
      expect(error.code).toBe("DKS_CORE_INVALID_NIK_PARTS");
      expect(error.details.part).toBe("district");
    }
  });

  it("accepts a retired district with regions: 'legacy'", () => {
    expect(makeNik({ ...base, district: "910101" }, { regions: "legacy" })).toBe(
      "9101011502900001",
    );
  });

  it("with a reference date, accepts only birth dates that parseNik reads back", () => {
    const referenceDate = "2026-11-22";
    const nik = makeNik({ ...base, birthDate: "1926-11-23" }, { referenceDate });
    expect(parseNik(nik, { referenceDate })).toMatchObject({ ok: true, birthDate: "1926-11-23" });
    expect(makeNik({ ...base, birthDate: "2026-11-22" }, { referenceDate })).toBe(
      "3171012211260001",
    );
    for (const birthDate of ["1926-11-22", "2026-11-23", "1900-01-01"]) {
      const error = errorOf(() => makeNik({ ...base, birthDate }, { referenceDate }));
      expect(error.details.part, birthDate).toBe("birthDate");
    }
  });

  it("throws DKS_CORE_INVALID_OPTIONS for bad options", () => {
    const bad = [{ regions: "all" }, { referenceDate: "soon" }, { serial: 2 }];
    for (const options of bad) {
      expect(errorOf(() => makeNik(base, options as never)).code).toBe("DKS_CORE_INVALID_OPTIONS");
    }
  });
});
