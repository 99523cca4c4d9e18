import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  GENERATED_PATHS,
  generateRegionModules,
  PAPUA_2022_SUCCESSORS,
  parseCsv,
  readRegionInputs,
} from "../scripts/generate-regions.js";
import {
  CURRENT_REGION_SOURCE,
  LEGACY_REGION_SOURCE,
  listDistricts,
  listProvinces,
  listRegencies,
  lookupDistrict,
  lookupProvince,
  lookupRegency,
  type RegionMode,
  regionCounts,
} from "../src/regions/table.js";

describe("region lookups", () => {
  it("finds current provinces, regencies and districts by undotted code, with Title Case names", () => {
    expect(lookupProvince("32")).toEqual({ code: "32", name: "Jawa Barat", legacy: false });
    expect(lookupRegency("3204")).toEqual({
      code: "3204",
      name: "Kabupaten Bandung",
      legacy: false,
    });
    expect(lookupDistrict("320405")).toEqual({ code: "320405", name: "Cileunyi", legacy: false });
  });

  it("returns undefined for unknown, dotted or malformed codes", () => {
    for (const code of ["99", "3299", "320401", "32.04", "32.04.05", "", "3204050"]) {
      expect(
        lookupProvince(code) ?? lookupRegency(code) ?? lookupDistrict(code),
        code,
      ).toBeUndefined();
    }
  });

  it('keeps a name with a CSV-quoted quote intact (35.29.22 Ra"as)', () => {
    expect(lookupDistrict("352922")?.name).toBe('Ra"as');
  });

  it("finds retired codes only in legacy mode, with the old name and the successor", () => {
    expect(lookupRegency("9101")).toBeUndefined();
    expect(lookupRegency("9101", "legacy")).toEqual({
      code: "9101",
      name: "KAB. MERAUKE",
      legacy: true,
      successor: "9301",
    });
    expect(lookupDistrict("910101", "legacy")).toEqual({
      code: "910101",
      name: "MERAUKE",
      legacy: true,
      successor: "930101",
    });
  });

  it("gives Kurulu 91.02.03 the successor 95.01.02, because Jayawijaya's districts were renumbered", () => {
    expect(lookupDistrict("910203", "legacy")).toMatchObject({
      name: "KURULU",
      successor: "950102",
    });
    expect(lookupDistrict("950102")?.name).toBe("Kurulu");
    expect(lookupDistrict("950103")?.name).toBe("Asologaima");
  });

  it("prefers the current entry in legacy mode when a code exists in both", () => {
    expect(lookupDistrict("317101", "legacy")).toEqual(lookupDistrict("317101"));
  });

  it("throws DKS_CORE_INVALID_OPTIONS for an unknown mode", () => {
    expect(() => lookupDistrict("317101", "none" as RegionMode)).toThrow(
      expect.objectContaining({ code: "DKS_CORE_INVALID_OPTIONS" }),
    );
  });
});

describe("region tables", () => {
  it("holds the counts of idn-area-data 4.0.1 and the 26 regencies moved by the 2022 Papua split", () => {
    expect(regionCounts()).toEqual({
      current: { provinces: 38, regencies: 514, districts: 7285 },
      legacy: { provinces: 0, regencies: 26, districts: 523 },
    });
    expect(CURRENT_REGION_SOURCE).toMatchObject({ version: "4.0.1", licence: "ODbL-1.0" });
    expect(LEGACY_REGION_SOURCE).toMatchObject({ version: "1.0.1", licence: "MIT" });
  });

  it("contains the 2022 Papua provinces 93–96", () => {
    const names = listProvinces().map((p) => `${p.code} ${p.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        "93 Papua Selatan",
        "94 Papua Tengah",
        "95 Papua Pegunungan",
        "96 Papua Barat Daya",
      ]),
    );
  });

  it("gives every retired regency the successor named in the spec's Papua table", () => {
    const retired = listRegencies("legacy").filter((r) => r.legacy);
    expect(Object.fromEntries(retired.map((r) => [r.code, r.successor]))).toEqual(
      PAPUA_2022_SUCCESSORS,
    );
  });

  it("gives retired districts a successor inside their successor regency, when there is one", () => {
    const retired = listDistricts("legacy").filter((d) => d.legacy);
    for (const district of retired) {
      const regency = lookupRegency(district.code.slice(0, 4), "legacy");
      if (district.successor === undefined) continue;
      expect(district.successor.startsWith(regency?.successor ?? "?"), district.code).toBe(true);
      expect(lookupDistrict(district.successor)?.legacy).toBe(false);
    }
    expect(retired.filter((d) => d.successor !== undefined).length).toBe(517);
  });

  it("lists districts sorted and unique, each below a known regency and province", () => {
    for (const mode of ["strict", "legacy"] as const) {
      const codes = listDistricts(mode).map((d) => d.code);
      expect([...codes].sort()).toEqual(codes);
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of codes) {
        expect(code).toMatch(/^\d{6}$/);
        expect(lookupRegency(code.slice(0, 4), mode), code).toBeDefined();
        expect(lookupProvince(code.slice(0, 2), mode), code).toBeDefined();
      }
    }
    expect(listDistricts().length).toBe(7285);
    expect(listDistricts("legacy").length).toBe(7285 + 523);
  });

  it("returns frozen entries and lists", () => {
    expect(Object.isFrozen(listDistricts())).toBe(true);
    expect(Object.isFrozen(lookupDistrict("317101"))).toBe(true);
  });
});

describe("region generator", () => {
  it("produces exactly the committed generated files from the installed CSVs (no drift)", () => {
    const modules = generateRegionModules(readRegionInputs());
    expect(modules.current).toBe(readFileSync(GENERATED_PATHS.current, "utf8"));
    expect(modules.legacy).toBe(readFileSync(GENERATED_PATHS.legacy, "utf8"));
  });

  it("names the source, version, regulation and licences in the generated headers", () => {
    const { current, legacy } = generateRegionModules(readRegionInputs());
    expect(current).toContain("idn-area-data@4.0.1");
    expect(current).toContain("Kepmendagri No. 300.2.2-2138 Tahun 2025");
    expect(current).toContain("Open Database License (ODbL) 1.0");
    expect(legacy).toContain("nik-parser@1.0.1");
    expect(legacy).toContain("MIT licence");
    expect(legacy).toContain("diff of two datasets");
  });

  it("refuses other versions of the data packages", () => {
    const inputs = readRegionInputs();
    expect(() => generateRegionModules({ ...inputs, idnAreaDataVersion: "3.1.2" })).toThrow(
      /idn-area-data is 3.1.2/,
    );
  });

  it("parses quoted CSV fields with commas, doubled quotes and CRLF line ends", () => {
    expect(parseCsv('code,name\r\n35.29.22,"Ra""as"\r\n11,"A, B"\n')).toEqual([
      ["code", "name"],
      ["35.29.22", 'Ra"as'],
      ["11", "A, B"],
    ]);
  });

  it("fails loudly on malformed CSV", () => {
    expect(() => parseCsv('code,name\n11,"Aceh\n')).toThrow(/ends inside a quoted field/);
    expect(() => parseCsv('code,name\n11,Ac"eh\n')).toThrow(/quote inside an unquoted field/);
  });
});
