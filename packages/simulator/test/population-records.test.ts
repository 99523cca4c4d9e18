import {
  AGAMA_VALUES,
  EKTP_STATUS_VALUES,
  GOL_DARAH_VALUES,
  JENIS_KLMIN_VALUES,
  JENIS_PKRJN_VALUES,
  listRegencies,
  lookupDistrict,
  lookupProvince,
  lookupRegency,
  NUMERIC_ELEMENT_WIDTH,
  NUMERIC_ELEMENTS,
  PDDK_AKH_VALUES,
  parseNik,
  personRecordSchema,
  RECORD_ELEMENTS,
  STAT_HBKEL_VALUES,
  STATUS_KAWIN_VALUES,
  writePersonRecord,
} from "@dukcapil-sandbox/core";
import { faker } from "@faker-js/faker/locale/id_ID";
import { describe, expect, it } from "vitest";
import { createPopulation } from "../src/population/population.js";
import type { Resident } from "../src/population/types.js";
import {
  ageOn,
  NATIONAL_SIZE,
  REFERENCE_DATE,
  readVillageNames,
  sampleIndices,
} from "./population-fixtures.js";

const population = createPopulation({ seed: "record-tests", size: NATIONAL_SIZE });
const sample: Resident[] = sampleIndices(5000, NATIONAL_SIZE, 21).map((i) =>
  population.residentAt(i),
);
const text = (value: string | null | undefined): string => value ?? "";

describe("population records", () => {
  it("carry every record element, in RECORD_ELEMENTS order", () => {
    for (const { record } of sample) {
      expect(Object.keys(record)).toEqual([...RECORD_ELEMENTS]);
    }
  });

  it("use only the values of core's lists", () => {
    const lists = {
      AGAMA: AGAMA_VALUES,
      GOL_DARAH: GOL_DARAH_VALUES,
      JENIS_KLMIN: JENIS_KLMIN_VALUES,
      JENIS_PKRJN: JENIS_PKRJN_VALUES,
      PDDK_AKH: PDDK_AKH_VALUES,
      STAT_HBKEL: STAT_HBKEL_VALUES,
      STATUS_KAWIN: STATUS_KAWIN_VALUES,
    } as const;
    for (const { record } of sample) {
      for (const [element, values] of Object.entries(lists)) {
        expect(values as readonly string[]).toContain(record[element as keyof typeof lists]);
      }
      if (record.EKTP_STATUS !== null) {
        expect(EKTP_STATUS_VALUES as readonly string[]).toContain(record.EKTP_STATUS);
      }
    }
  });

  it("write upper-case text and digit strings at core's numeric widths", () => {
    for (const { record } of sample) {
      for (const element of [
        "NAMA_LGKP",
        "NAMA_LGKP_IBU",
        "NAMA_LGKP_AYAH",
        "ALAMAT",
        "TMPT_LHR",
      ]) {
        const value = text(record[element as keyof typeof record]);
        expect(value).toBe(value.toUpperCase());
        expect(value).toBe(value.trim());
        expect(value.length).toBeGreaterThan(0);
      }
      for (const element of NUMERIC_ELEMENTS) {
        const value = record[element];
        if (element === "KODE_POS") {
          expect(value).toBeNull();
          continue;
        }
        expect(value).toMatch(/^[0-9]+$/);
        const width = NUMERIC_ELEMENT_WIDTH[element];
        expect(value?.length).toBe(width ?? 16);
      }
    }
  });

  it("survive core's record writer and reader unchanged (bare numbers, big NIKs included)", () => {
    for (const { record } of sample.slice(0, 500)) {
      const written = writePersonRecord(record);
      expect(personRecordSchema.parse(written)).toEqual(record);
    }
  });

  it("live in a real village of idn-area-data with matching codes and upper-case names", () => {
    const villages = readVillageNames();
    for (const { record } of sample) {
      const prop = text(record.NO_PROP);
      const kab = `${prop}${text(record.NO_KAB)}`;
      const kec = `${kab}${text(record.NO_KEC)}`;
      const kel = `${kec}${text(record.NO_KEL)}`;
      expect(villages.get(kel)?.toUpperCase()).toBe(record.KEL_NAME);
      expect(record.PROP_NAME).toBe(lookupProvince(prop)?.name.toUpperCase());
      expect(record.KAB_NAME).toBe(lookupRegency(kab)?.name.toUpperCase());
      expect(record.KEC_NAME).toBe(lookupDistrict(kec)?.name.toUpperCase());
    }
  });

  it("give most residents an address in their NIK district and about 8% an address elsewhere", () => {
    const moved = sample.filter(
      ({ nik, record }) =>
        nik.slice(0, 6) !== `${text(record.NO_PROP)}${text(record.NO_KAB)}${text(record.NO_KEC)}`,
    );
    expect(moved.length / sample.length).toBeGreaterThan(0.05);
    expect(moved.length / sample.length).toBeLessThan(0.12);
  });

  it("write addresses as streets or hamlets, with small RT/RW numbers", () => {
    for (const { record } of sample) {
      expect(record.ALAMAT).toMatch(/^(JL\. |GG\. |KOMP\. |DUSUN |KP\. )[A-Z ]+/);
      expect(Number(record.NO_RT)).toBeGreaterThanOrEqual(1);
      expect(Number(record.NO_RT)).toBeLessThanOrEqual(15);
      expect(Number(record.NO_RW)).toBeGreaterThanOrEqual(1);
      expect(Number(record.NO_RW)).toBeLessThanOrEqual(12);
    }
  });

  it("name a real regency or city as the place of birth, without KABUPATEN/KOTA", () => {
    const places = new Set(
      listRegencies().map((r) =>
        r.name
          .toUpperCase()
          .replace(/^(KABUPATEN ADMINISTRASI|KOTA ADMINISTRASI|KABUPATEN|KOTA) /, ""),
      ),
    );
    for (const { record } of sample) expect(places).toContain(record.TMPT_LHR);
  });

  it("give first names of the resident's sex from faker's id_ID lists", () => {
    const male = new Set(faker.definitions.person.first_name.male?.map((n) => n.toUpperCase()));
    const female = new Set(faker.definitions.person.first_name.female?.map((n) => n.toUpperCase()));
    for (const { record } of sample) {
      const first = text(record.NAMA_LGKP).split(" ")[0] ?? "";
      expect(record.JENIS_KLMIN === "LAKI-LAKI" ? male : female).toContain(first);
    }
  });

  it("fit education, occupation and e-KTP to the age", () => {
    for (const { nik, record } of sample) {
      const parsed = parseNik(nik, { referenceDate: REFERENCE_DATE });
      if (!parsed.ok) throw new Error(`invalid NIK ${nik}`);
      const age = ageOn(parsed.birthDate);
      if (age < 5) {
        expect(record.PDDK_AKH).toBe("TIDAK/BELUM SEKOLAH");
        expect(record.JENIS_PKRJN).toBe("BELUM/TIDAK BEKERJA");
      } else if (age < 17) {
        expect(["PELAJAR/MAHASISWA", "BELUM/TIDAK BEKERJA"]).toContain(record.JENIS_PKRJN);
        expect([
          "TIDAK/BELUM SEKOLAH",
          "BELUM TAMAT SD/SEDERAJAT",
          "TAMAT SD/SEDERAJAT",
          "SLTP/SEDERAJAT",
        ]).toContain(record.PDDK_AKH);
      }
      if (age < 17) expect(record.EKTP_STATUS).toBeNull();
      if (age < 19) expect(record.STATUS_KAWIN).toBe("BELUM KAWIN");
    }
    const adults = sample.filter(({ record }) => record.EKTP_STATUS !== null);
    expect(adults.length).toBeGreaterThan(sample.length / 2);
  });

  it("fill marriage fields for married residents only, divorce fields for divorced ones only", () => {
    for (const { record } of sample) {
      const married = record.STATUS_KAWIN === "KAWIN";
      expect(record.TGL_KWN !== null).toBe(married);
      expect(record.NO_AKTA_KWN !== null).toBe(married);
      if (married) {
        expect(record.TGL_KWN).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(text(record.TGL_KWN) < REFERENCE_DATE).toBe(true);
        expect(record.NO_AKTA_KWN).toMatch(/^\d{4}-KW-\d{8}-\d{4}$/);
      }
      if (record.TGL_CRAI !== null) expect(record.STATUS_KAWIN).toBe("CERAI HIDUP");
      expect(record.NO_AKTA_CRAI !== null).toBe(record.TGL_CRAI !== null);
    }
  });

  it("leave some birth certificate numbers empty and write the others as akta numbers", () => {
    const withAkta = sample.filter(({ record }) => record.NO_AKTA_LHR !== null);
    expect(withAkta.length).toBeGreaterThan(sample.length * 0.2);
    expect(withAkta.length).toBeLessThan(sample.length * 0.9);
    for (const { record } of withAkta) expect(record.NO_AKTA_LHR).toMatch(/^\d{4}-LT-\d{8}-\d{4}$/);
  });

  it("record about 1% deceased, 0.2% duplicate and 0.5% inactive residents over 100,000", () => {
    const counts = { active: 0, deceased: 0, duplicate: 0, inactive: 0 };
    const shares = createPopulation({ seed: "status-shares", size: 100_000 });
    for (let i = 0; i < shares.size; i++) counts[shares.residentAt(i).status] += 1;
    expect(counts.deceased / shares.size).toBeGreaterThan(0.0085);
    expect(counts.deceased / shares.size).toBeLessThan(0.0115);
    expect(counts.duplicate / shares.size).toBeGreaterThan(0.0012);
    expect(counts.duplicate / shares.size).toBeLessThan(0.0028);
    expect(counts.inactive / shares.size).toBeGreaterThan(0.0038);
    expect(counts.inactive / shares.size).toBeLessThan(0.0062);
    expect(counts.active / shares.size).toBeGreaterThan(0.98);
  });
});
