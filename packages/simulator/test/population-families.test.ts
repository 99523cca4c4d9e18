import { parseNik } from "@dukcapil-sandbox/core";
import { describe, expect, it } from "vitest";
import { createPopulation } from "../src/population/population.js";
import type { Resident } from "../src/population/types.js";
import { NATIONAL_SIZE, REFERENCE_DATE, sampleIndices, wholeYears } from "./population-fixtures.js";

const population = createPopulation({ seed: "family-tests", size: NATIONAL_SIZE });

/** The families of 1,500 sampled residents, each once (keyed by the head's index). */
function sampledFamilies(): Resident[][] {
  const byHead = new Map<number, Resident[]>();
  for (const index of sampleIndices(1500, NATIONAL_SIZE, 31)) {
    const family = population.familyOf(population.residentAt(index).nik);
    if (family === undefined) throw new Error(`no family for index ${index}`);
    byHead.set(family[0]?.index ?? -1, [...family]);
  }
  return [...byHead.values()];
}

const families = sampledFamilies();
const birth = (r: Resident): string => {
  const parsed = parseNik(r.nik, { referenceDate: REFERENCE_DATE });
  if (!parsed.ok) throw new Error(`invalid NIK ${r.nik}`);
  return parsed.birthDate;
};
const byRelation = (family: Resident[], relation: string) =>
  family.filter((r) => r.record.STAT_HBKEL === relation);

describe("population families", () => {
  it("list the head first and every member of the card, each finding the same card", () => {
    for (const family of families) {
      expect(family[0]?.record.STAT_HBKEL).toBe("KEPALA KELUARGA");
      expect(byRelation(family, "KEPALA KELUARGA")).toHaveLength(1);
      expect(family.length).toBeGreaterThanOrEqual(1);
      expect(family.length).toBeLessThanOrEqual(7);
      const last = family[family.length - 1] as Resident;
      expect(population.familyOf(last.nik)?.map((r) => r.nik)).toEqual(family.map((r) => r.nik));
      // Members are consecutive indices.
      family.forEach((r, i) => {
        expect(r.index).toBe((family[0]?.index ?? 0) + i);
      });
    }
  });

  it("share one NO_KK per card, shaped like a NIK with a data-entry date and the address district", () => {
    const cards = new Set<string>();
    for (const family of families) {
      const noKk = family[0]?.record.NO_KK ?? "";
      for (const member of family) expect(member.record.NO_KK).toBe(noKk);
      expect(noKk).toMatch(/^\d{16}$/);
      const head = family[0] as Resident;
      expect(noKk.slice(0, 6)).toBe(
        `${head.record.NO_PROP}${head.record.NO_KAB}${head.record.NO_KEC}`,
      );
      const day = Number(noKk.slice(6, 8));
      const month = Number(noKk.slice(8, 10));
      const year = 2000 + Number(noKk.slice(10, 12));
      expect(month).toBeGreaterThanOrEqual(1);
      expect(month).toBeLessThanOrEqual(12);
      expect(day).toBeGreaterThanOrEqual(1);
      expect(day).toBeLessThanOrEqual(new Date(Date.UTC(year, month, 0)).getUTCDate());
      expect(year).toBeGreaterThanOrEqual(2010);
      expect(year).toBeLessThanOrEqual(2025);
      expect(Number(noKk.slice(12))).toBeGreaterThanOrEqual(1);
      cards.add(noKk);
    }
    expect(cards.size).toBe(families.length);
  });

  it("share one address and one religion per card", () => {
    for (const family of families) {
      const head = family[0] as Resident;
      for (const member of family) {
        for (const element of [
          "ALAMAT",
          "NO_RT",
          "NO_RW",
          "NO_KEL",
          "KEL_NAME",
          "AGAMA",
        ] as const) {
          expect(member.record[element]).toBe(head.record[element]);
        }
      }
    }
  });

  it("give children their parents' full names and parents 18–44 years older", () => {
    let checked = 0;
    for (const family of families) {
      const father = family.find(
        (r) =>
          (r.record.STAT_HBKEL === "KEPALA KELUARGA" || r.record.STAT_HBKEL === "SUAMI") &&
          r.record.JENIS_KLMIN === "LAKI-LAKI",
      );
      const mother = family.find(
        (r) =>
          (r.record.STAT_HBKEL === "KEPALA KELUARGA" || r.record.STAT_HBKEL === "ISTRI") &&
          r.record.JENIS_KLMIN === "PEREMPUAN",
      );
      for (const child of byRelation(family, "ANAK")) {
        checked += 1;
        expect(child.record.STATUS_KAWIN).toBe("BELUM KAWIN");
        for (const parent of [father, mother]) {
          if (parent === undefined) continue;
          const key = parent === father ? "NAMA_LGKP_AYAH" : "NAMA_LGKP_IBU";
          expect(child.record[key]).toBe(parent.record.NAMA_LGKP);
          const gap = wholeYears(birth(parent), birth(child));
          expect(gap).toBeGreaterThanOrEqual(18);
          expect(gap).toBeLessThanOrEqual(44);
        }
        expect(father ?? mother).toBeDefined();
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it("order children eldest first, at least a year apart", () => {
    for (const family of families) {
      const births = byRelation(family, "ANAK").map(birth);
      for (let i = 1; i < births.length; i++) {
        expect(wholeYears(births[i - 1] as string, births[i] as string)).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("marry spouses of similar age, both KAWIN on the same date", () => {
    let couples = 0;
    for (const family of families) {
      const head = family[0] as Resident;
      const spouse = family.find(
        (r) => r.record.STAT_HBKEL === "ISTRI" || r.record.STAT_HBKEL === "SUAMI",
      );
      if (spouse === undefined) continue;
      couples += 1;
      expect(head.record.STATUS_KAWIN).toBe("KAWIN");
      expect(spouse.record.STATUS_KAWIN).toBe("KAWIN");
      expect(spouse.record.JENIS_KLMIN).not.toBe(head.record.JENIS_KLMIN);
      expect(spouse.record.TGL_KWN).toBe(head.record.TGL_KWN);
      expect(spouse.record.NO_AKTA_KWN).toBe(head.record.NO_AKTA_KWN);
      expect(Math.abs(wholeYears(birth(head), birth(spouse)))).toBeLessThanOrEqual(10);
      for (const r of [head, spouse]) {
        expect(wholeYears(birth(r), head.record.TGL_KWN ?? "")).toBeGreaterThanOrEqual(18);
      }
    }
    expect(couples).toBeGreaterThan(families.length / 2);
  });

  it("make an ORANG TUA the head's parent, named as such on the head's record", () => {
    let seen = 0;
    for (const family of families) {
      const head = family[0] as Resident;
      for (const parent of byRelation(family, "ORANG TUA")) {
        seen += 1;
        const key = parent.record.JENIS_KLMIN === "LAKI-LAKI" ? "NAMA_LGKP_AYAH" : "NAMA_LGKP_IBU";
        expect(head.record[key]).toBe(parent.record.NAMA_LGKP);
        const gap = wholeYears(birth(parent), birth(head));
        expect(gap).toBeGreaterThanOrEqual(18);
        expect(gap).toBeLessThanOrEqual(44);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it("cut the last card at the population size, keeping the head", () => {
    const large = createPopulation({ seed: "family-tests", size: NATIONAL_SIZE });
    let size = 0;
    let whole: readonly Resident[] = [];
    for (let i = 0; i < 200; i++) {
      const family = large.familyOf(large.residentAt(i).nik) ?? [];
      if (family.length >= 3) {
        whole = family;
        size = (family[0]?.index ?? 0) + 2;
        break;
      }
    }
    const cut = createPopulation({ seed: "family-tests", size });
    const head = whole[0] as Resident;
    expect(cut.familyOf(head.nik)?.map((r) => r.nik)).toEqual(whole.slice(0, 2).map((r) => r.nik));
  });
});
