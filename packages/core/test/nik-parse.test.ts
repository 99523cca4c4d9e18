import { afterEach, describe, expect, it, vi } from "vitest";
import { DukcapilCoreError } from "../src/errors.js";
import { parseNik } from "../src/nik/parse.js";
import { NIK_FAILURE_REASONS, nikFailureMessages } from "../src/nik/reasons.js";

// 31.71.01 = Gambir, Kota Administrasi Jakarta Pusat.
const REF = { referenceDate: "2026-11-22" } as const;
const gambir = (ddmmyy: string, serial = "0001") => `317101${ddmmyy}${serial}`;

function reasonOf(input: unknown, options: Parameters<typeof parseNik>[1] = REF): string {
  const result = parseNik(input, options);
  return result.ok ? "ok" : result.reason;
}

function birthOf(input: string, options: Parameters<typeof parseNik>[1] = REF) {
  const result = parseNik(input, options);
  if (!result.ok) throw new Error(`expected a valid NIK, got reason ${result.reason}`);
  return { birthDate: result.birthDate, sex: result.sex };
}

describe("parseNik result", () => {
  it("reads every part of a valid NIK", () => {
    expect(parseNik("3171011502900001", REF)).toEqual({
      ok: true,
      nik: "3171011502900001",
      province: "31",
      regency: "3171",
      district: "317101",
      birthDate: "1990-02-15",
      sex: "M",
      serial: 1,
      regionNames: {
        province: "Daerah Khusus Ibukota Jakarta",
        regency: "Kota Administrasi Jakarta Pusat",
        district: "Gambir",
      },
      legacyRegion: false,
    });
  });

  it("returns a masked copy of a string input with a failure, never the full NIK", () => {
    const result = parseNik("3171013102900001", REF);
    expect(result).toMatchObject({ ok: false, reason: "date", input: "3171**********01" });
    expect(parseNik(3171011502900001)).not.toHaveProperty("input");
  });
});

describe("parseNik failure reasons", () => {
  it.each([
    ["a number", 3171011502900001, "type"],
    ["null", null, "type"],
    ["undefined", undefined, "type"],
    ["an array holding the NIK", ["3171011502900001"], "type"],
    ["a String object", new String("3171011502900001"), "type"],
    ["a bigint", 3171011502900001n, "type"],
    ["a letter O for a zero", "31710115029000O1", "non-digit"],
    ["a slash separator", "3171/01/150290/0001", "non-digit"],
    ["15 digits", "317101150290001", "length"],
    ["17 digits", "31710115029000011", "length"],
    ["an empty string", "", "length"],
    ["an unknown province 99", "9901011502900001", "province"],
    ["province 00", "0001011502900001", "province"],
    ["an unknown regency 31.99", "3199011502900001", "regency"],
    ["an unknown district 31.71.99", "3171991502900001", "district"],
    ["birth date 31 February", "3171013102900001", "date"],
    ["serial 0000", "3171011502900000", "serial"],
  ])("rejects %s with reason %s", (_label, input, reason) => {
    expect(reasonOf(input)).toBe(reason);
  });

  // Sample i breaks rule i and every rule after it that it can: the reported reason is rule i.
  const breaksFromRule: Record<string, unknown> = {
    type: 9999993102900000,
    "non-digit": "99999931029000x",
    length: "999999310290000",
    province: "9999993102900000",
    regency: "3199993102900000",
    district: "3171993102900000",
    date: "3171013102900000",
    serial: "3171011502900000",
  };

  it.each(NIK_FAILURE_REASONS.map((row) => row.reason))(
    "reports %s first for a NIK that also breaks every later rule",
    (reason) => {
      expect(reasonOf(breaksFromRule[reason])).toBe(reason);
    },
  );

  it("checks the reasons in the documented order", () => {
    expect(NIK_FAILURE_REASONS.map((row) => row.reason)).toEqual([
      "type",
      "non-digit",
      "length",
      "province",
      "regency",
      "district",
      "date",
      "serial",
    ]);
  });

  it("has an English and an Indonesian message for every reason, shaped like core's errors", () => {
    for (const row of NIK_FAILURE_REASONS) {
      expect(row.en).toMatch(/^Failed to parse NIK: .+\. .+\.$/);
      expect(row.id).toMatch(/^Gagal membaca NIK: .+\. .+\.$/);
      expect(nikFailureMessages[row.reason]).toEqual({ en: row.en, id: row.id });
    }
  });

  it("gives the message in Indonesian with language: 'id'", () => {
    const result = parseNik("3171011502900000", { ...REF, language: "id" });
    expect(result.ok ? undefined : result.message).toBe(nikFailureMessages.serial.id);
    const english = parseNik("3171011502900000", REF);
    expect(english.ok ? undefined : english.message).toBe(nikFailureMessages.serial.en);
  });
});

describe("parseNik birth dates and sex", () => {
  it("reads days 01–31 as a man born on that day", () => {
    expect(birthOf(gambir("010190"))).toEqual({ birthDate: "1990-01-01", sex: "M" });
    expect(birthOf(gambir("310190"))).toEqual({ birthDate: "1990-01-31", sex: "M" });
  });

  it("reads days 41–71 as a woman born on day − 40", () => {
    expect(birthOf(gambir("410190"))).toEqual({ birthDate: "1990-01-01", sex: "F" });
    expect(birthOf(gambir("550290"))).toEqual({ birthDate: "1990-02-15", sex: "F" });
    expect(birthOf(gambir("710190"))).toEqual({ birthDate: "1990-01-31", sex: "F" });
  });

  it("rejects day 00, days 32–40 (day 40 is neither a man's nor a woman's day) and 72–99", () => {
    const bad = [0, ...Array.from({ length: 9 }, (_, i) => 32 + i), 72, 80, 81, 91, 99];
    for (const day of bad) {
      expect(reasonOf(gambir(`${String(day).padStart(2, "0")}0190`)), `day ${day}`).toBe("date");
    }
  });

  it("rejects month 00 and month 13", () => {
    expect(reasonOf(gambir("150090"))).toBe("date");
    expect(reasonOf(gambir("151390"))).toBe("date");
  });

  it("rejects a NIK whose birth date is 31 February", () => {
    expect(reasonOf(gambir("310290"))).toBe("date");
  });

  it("rejects a woman's day 71 in April (31 April)", () => {
    expect(reasonOf(gambir("710490"))).toBe("date");
    expect(birthOf(gambir("700490"))).toEqual({ birthDate: "1990-04-30", sex: "F" });
  });

  it("accepts 29 February only in leap years, for men and women", () => {
    expect(birthOf(gambir("290288"))).toEqual({ birthDate: "1988-02-29", sex: "M" });
    expect(birthOf(gambir("690204"))).toEqual({ birthDate: "2004-02-29", sex: "F" });
    expect(reasonOf(gambir("290290"))).toBe("date");
    expect(reasonOf(gambir("690290"))).toBe("date");
    expect(reasonOf(gambir("290203"))).toBe("date");
  });

  it("accepts 290200 and 690200 as 2000-02-29, a leap day, when the century is 2000", () => {
    expect(birthOf(gambir("290200"))).toEqual({ birthDate: "2000-02-29", sex: "M" });
    expect(birthOf(gambir("690200"))).toEqual({ birthDate: "2000-02-29", sex: "F" });
  });

  it("rejects 290200 and 690200 when the reference date puts them in 1900, which is not a leap year", () => {
    const in1999 = { referenceDate: "1999-12-31" };
    expect(reasonOf(gambir("290200"), in1999)).toBe("date");
    expect(reasonOf(gambir("690200"), in1999)).toBe("date");
    // 28 February 1900 is fine under the same reference date.
    expect(birthOf(gambir("280200"), in1999)).toEqual({ birthDate: "1900-02-28", sex: "M" });
  });
});

describe("parseNik century rule", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads YY as 20YY when that date is not after the reference date", () => {
    expect(birthOf(gambir("150125")).birthDate).toBe("2025-01-15");
    expect(birthOf(gambir("150100")).birthDate).toBe("2000-01-15");
  });

  it("reads YY as 19YY when 20YY would be after the reference date", () => {
    expect(birthOf(gambir("150127")).birthDate).toBe("1927-01-15");
    expect(birthOf(gambir("150199")).birthDate).toBe("1999-01-15");
  });

  it("reads YY equal to the reference year as a newborn up to the reference day and a centenarian after it", () => {
    expect(birthOf(gambir("221126")).birthDate).toBe("2026-11-22");
    expect(birthOf(gambir("621126")).birthDate).toBe("2026-11-22");
    expect(birthOf(gambir("231126")).birthDate).toBe("1926-11-23");
    expect(birthOf(gambir("151226")).birthDate).toBe("1926-12-15");
  });

  it("moves the century boundary with the injected reference date", () => {
    expect(birthOf(gambir("150130"), { referenceDate: "2030-06-01" }).birthDate).toBe("2030-01-15");
    expect(birthOf(gambir("150130"), { referenceDate: "2029-12-31" }).birthDate).toBe("1930-01-15");
  });

  it("accepts a Date, epoch milliseconds and a timestamp, read as the calendar day in Jakarta", () => {
    const lateEvening = "2026-11-22T18:00:00Z"; // 01:00 WIB on 23 November
    for (const referenceDate of [new Date(lateEvening), Date.parse(lateEvening), lateEvening]) {
      expect(birthOf(gambir("231126"), { referenceDate }).birthDate).toBe("2026-11-23");
    }
    const earlier = new Date("2026-11-22T16:59:59Z"); // 23:59:59 WIB on 22 November
    expect(birthOf(gambir("231126"), { referenceDate: earlier }).birthDate).toBe("1926-11-23");
  });

  it("accepts a date-time with any offset form and reads it by its Jakarta day", () => {
    for (const referenceDate of [
      "2026-11-23T01:00:00+07:00",
      "2026-11-23T01:00+0700",
      "2026-11-22T18:00:00.000Z",
      "2026-11-22 13:00:00-05:00",
      "2026-11-23T01:00:00+07",
    ]) {
      expect(birthOf(gambir("231126"), { referenceDate }).birthDate, referenceDate).toBe(
        "2026-11-23",
      );
    }
  });

  it.each([["2026-11-22T18:00:00"], ["2026-11-22T18:00"], ["2026-11-22 18:00:00.123"]])(
    "refuses the date-time %j without an offset, whose day would depend on the machine",
    (referenceDate) => {
      let error: unknown;
      try {
        parseNik(gambir("231126"), { referenceDate });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DukcapilCoreError);
      expect((error as DukcapilCoreError).code).toBe("DKS_CORE_INVALID_OPTIONS");
      expect((error as Error).message).toContain("without an offset");
    },
  );

  it.each([
    ["Nov 22 2026"],
    ["2026-11-22T25:00:00Z"],
    ["2026-02-30T10:00:00Z"],
    ["2026-11-22T10:00:00+24:00"],
    ["22-11-2026"],
  ])("refuses %j, which Date.parse might read in its own way", (referenceDate) => {
    expect(() => parseNik(gambir("231126"), { referenceDate })).toThrow(
      expect.objectContaining({ code: "DKS_CORE_INVALID_OPTIONS" }),
    );
  });

  it("reads a calendar date 'YYYY-MM-DD' as written, whatever the machine's time zone", () => {
    const saved = process.env.TZ;
    try {
      for (const zone of ["America/Los_Angeles", "Asia/Jakarta", "Pacific/Kiritimati"]) {
        process.env.TZ = zone;
        expect(birthOf(gambir("221126"), { referenceDate: "2026-11-22" }).birthDate).toBe(
          "2026-11-22",
        );
        expect(reasonOf(gambir("231126"), { referenceDate: "2026-11-22" })).toBe("ok");
        expect(birthOf(gambir("231126"), { referenceDate: "2026-11-22" }).birthDate).toBe(
          "1926-11-23",
        );
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("uses the current time when no reference date is given", () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-22T05:00:00Z") });
    expect(birthOf(gambir("221126"), {}).birthDate).toBe("2026-11-22");
    expect(birthOf(gambir("231126"), {}).birthDate).toBe("1926-11-23");
    vi.setSystemTime(Date.parse("2026-11-23T05:00:00Z"));
    expect(birthOf(gambir("231126"), {}).birthDate).toBe("2026-11-23");
  });

  it("rejects a birth date after the reference date in both centuries", () => {
    expect(reasonOf(gambir("150160"), { referenceDate: "1950-01-01" })).toBe("date");
  });

  it.each([
    ["an impossible calendar date", "2026-02-30"],
    ["text that is not a date", "yesterday"],
    ["NaN", Number.NaN],
    ["an invalid Date", new Date(Number.NaN)],
    ["an object", {}],
  ])("throws DKS_CORE_INVALID_OPTIONS for a reference date that is %s", (_label, referenceDate) => {
    expect(() =>
      parseNik("3171011502900001", { referenceDate } as Parameters<typeof parseNik>[1]),
    ).toThrow(expect.objectContaining({ code: "DKS_CORE_INVALID_OPTIONS" }));
  });
});

describe("parseNik serial", () => {
  it("rejects serial 0000 and reads 0001, 0010 and 9999 as numbers", () => {
    expect(reasonOf(gambir("150290", "0000"))).toBe("serial");
    for (const [digits, serial] of [
      ["0001", 1],
      ["0010", 10],
      ["9999", 9999],
    ] as const) {
      const result = parseNik(gambir("150290", digits), REF);
      expect(result.ok && result.serial).toBe(serial);
    }
  });
});

describe("parseNik characters and normalisation", () => {
  it("rejects Arabic-Indic and full-width digits as non-digits", () => {
    const arabicIndic = "٣١٧١٠١١٥٠٢٩٠٠٠٠١";
    const fullWidth = "３１７１０１１５０２９０００１";
    expect(reasonOf(arabicIndic)).toBe("non-digit");
    expect(reasonOf(fullWidth)).toBe("non-digit");
    expect(reasonOf("317101150290000١")).toBe("non-digit");
  });

  it("trims surrounding whitespace and returns the canonical 16 digits", () => {
    const result = parseNik("  3171011502900001\n", REF);
    expect(result.ok && result.nik).toBe("3171011502900001");
  });

  it.each([
    "3171 0115 0290 0001",
    "31.71.01.150290.0001",
    "3171-01-150290-0001",
    "3171  01 - 15029 0.0001",
    " 31.71.01 150290-0001 ",
  ])("removes space, dot and dash separators between digit groups in %j", (input) => {
    const result = parseNik(input, REF);
    expect(result.ok && result.nik).toBe("3171011502900001");
  });

  it.each([
    ["a leading dash", "-3171011502900001"],
    ["a trailing dot", "3171011502900001."],
    ["a tab inside", "3171\t011502900001"],
    ["an underscore", "3171_011502900001"],
    ["a non-breaking space inside", "3171\u00a0011502900001"],
  ])("does not remove %s", (_label, input) => {
    expect(reasonOf(input)).toBe("non-digit");
  });

  it("counts the digits left after removing separators", () => {
    expect(reasonOf("3171 0115 0290 001")).toBe("length");
  });

  it("removes nothing with normalize: false", () => {
    const exact = { ...REF, normalize: false };
    expect(reasonOf("3171011502900001", exact)).toBe("ok");
    expect(reasonOf(" 3171011502900001", exact)).toBe("non-digit");
    expect(reasonOf("3171 0115 0290 0001", exact)).toBe("non-digit");
  });
});

describe("parseNik robustness and options", () => {
  it("never throws on hostile inputs", () => {
    const hostileToString = {
      toString() {
        throw new Error("boom");
      },
      valueOf() {
        throw new Error("boom");
      },
    };
    const trap = () => {
      throw new Error("trap");
    };
    const hostileProxy = new Proxy(
      {},
      { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap },
    );
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    for (const input of [hostileToString, hostileProxy, revoked.proxy, Symbol("nik"), () => 1]) {
      expect(reasonOf(input)).toBe("type");
    }
  });

  it("re-reads an options object that was changed between calls", () => {
    const options: { regions: "strict" | "none"; referenceDate: string } = {
      regions: "strict",
      referenceDate: "2026-11-22",
    };
    expect(reasonOf("9999991502900001", options)).toBe("province");
    options.regions = "none";
    expect(reasonOf("9999991502900001", options)).toBe("ok");
    const referenceDate = new Date("2026-11-22T00:00:00Z");
    const withDate = { regions: "none" as const, referenceDate };
    expect(birthOf(gambir("231126"), withDate).birthDate).toBe("1926-11-23");
    referenceDate.setTime(Date.parse("2026-11-23T00:00:00Z"));
    expect(birthOf(gambir("231126"), withDate).birthDate).toBe("2026-11-23");
  });

  it("throws DKS_CORE_INVALID_OPTIONS naming the field for an unknown regions mode", () => {
    let caught: unknown;
    try {
      parseNik("3171011502900001", { regions: "loose" } as unknown as Parameters<
        typeof parseNik
      >[1]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DukcapilCoreError);
    const error = caught as DukcapilCoreError;
    expect(error.code).toBe("DKS_CORE_INVALID_OPTIONS");
    expect(error.message).toMatch(/^Failed to read parseNik options: .+\. .+\.$/);
    expect(error.details.issues).toEqual([{ path: ["regions"], message: expect.any(String) }]);
  });

  it("throws DKS_CORE_INVALID_OPTIONS for a misspelt option instead of ignoring it", () => {
    expect(() =>
      parseNik("3171011502900001", { region: "none" } as unknown as Parameters<typeof parseNik>[1]),
    ).toThrow(expect.objectContaining({ code: "DKS_CORE_INVALID_OPTIONS" }));
  });

  it("throws DKS_CORE_INVALID_OPTIONS, with the cause, for an options object that cannot be read", () => {
    const options = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("trap");
        },
      },
    );
    expect(() => parseNik("3171011502900001", options)).toThrow(
      expect.objectContaining({ code: "DKS_CORE_INVALID_OPTIONS", cause: expect.any(Error) }),
    );
  });
});
