import { describe, expect, it } from "vitest";
import { parseNik } from "../src/nik/parse.js";

const REF = { referenceDate: "2026-11-22" } as const;
const STRICT = { ...REF, regions: "strict" } as const;
const LEGACY = { ...REF, regions: "legacy" } as const;
const NONE = { ...REF, regions: "none" } as const;
const withDistrict = (district: string) => `${district}1502900001`;

describe("parseNik region modes", () => {
  it.each([
    ["930101", "Papua Selatan", "Kabupaten Merauke", "Merauke"],
    ["940101", "Papua Tengah", "Kabupaten Nabire", "Nabire"],
    ["950101", "Papua Pegunungan", "Kabupaten Jayawijaya", "Wamena"],
    ["967101", "Papua Barat Daya", "Kota Sorong", "Sorong"],
  ])("accepts the 2022 Papua code %s in strict mode", (district, province, regency, name) => {
    const result = parseNik(withDistrict(district), STRICT);
    expect(result).toMatchObject({
      ok: true,
      district,
      legacyRegion: false,
      regionNames: { province, regency, district: name },
    });
  });

  it("uses strict mode by default", () => {
    expect(parseNik(withDistrict("910101"), REF)).toMatchObject({ ok: false, reason: "regency" });
  });

  it.each([
    ["91.01.01 (Merauke, now 93.01.01)", "910101"],
    ["91.02.03 (Kurulu, Jayawijaya, now 95.01.02)", "910203"],
    ["92.71.01 (Kota Sorong, now 96.71.01)", "927101"],
  ])(
    "rejects the pre-2022 Papua code %s in strict mode as an unknown regency",
    (_label, district) => {
      expect(parseNik(withDistrict(district), STRICT)).toMatchObject({
        ok: false,
        reason: "regency",
      });
    },
  );

  it("accepts pre-2022 Merauke 91.01.01 in legacy mode with the legacy flag and the old names", () => {
    expect(parseNik(withDistrict("910101"), LEGACY)).toMatchObject({
      ok: true,
      district: "910101",
      legacyRegion: true,
      regionNames: { province: "Papua", regency: "KAB. MERAUKE", district: "MERAUKE" },
    });
  });

  it("accepts pre-2022 Jayawijaya 91.02.03 Kurulu in legacy mode", () => {
    expect(parseNik(withDistrict("910203"), LEGACY)).toMatchObject({
      ok: true,
      legacyRegion: true,
      regionNames: { province: "Papua", regency: "KAB. JAYAWIJAYA", district: "KURULU" },
    });
  });

  it("reads 95.01.03 as today's Asologaima, not the pre-2022 Kurulu, in both modes", () => {
    for (const options of [STRICT, LEGACY]) {
      expect(parseNik(withDistrict("950103"), options)).toMatchObject({
        ok: true,
        legacyRegion: false,
        regionNames: { district: "Asologaima" },
      });
    }
  });

  it("does not flag current codes as legacy in legacy mode", () => {
    expect(parseNik(withDistrict("317101"), LEGACY)).toMatchObject({
      ok: true,
      legacyRegion: false,
    });
  });

  it("still rejects codes that are in neither table in legacy mode", () => {
    expect(parseNik(withDistrict("910199"), LEGACY)).toMatchObject({
      ok: false,
      reason: "district",
    });
    expect(parseNik(withDistrict("999999"), LEGACY)).toMatchObject({
      ok: false,
      reason: "province",
    });
  });

  it("skips region checks with regions: 'none' and leaves the names undefined", () => {
    expect(parseNik(withDistrict("999999"), NONE)).toEqual({
      ok: true,
      nik: "9999991502900001",
      province: "99",
      regency: "9999",
      district: "999999",
      birthDate: "1990-02-15",
      sex: "M",
      serial: 1,
      regionNames: { province: undefined, regency: undefined, district: undefined },
      legacyRegion: false,
    });
  });

  it("still checks the date and serial with regions: 'none'", () => {
    expect(parseNik("9999993102900001", NONE)).toMatchObject({ ok: false, reason: "date" });
    expect(parseNik("9999991502900000", NONE)).toMatchObject({ ok: false, reason: "serial" });
  });
});
