import { parseNik, responseCodes } from "@dukcapil-sandbox/core";
import { describe, expect, it } from "vitest";
import { createPopulation } from "../src/population/population.js";
import type { ResidentStatus } from "../src/population/types.js";
import { NATIONAL_SIZE, REFERENCE_DATE } from "./population-fixtures.js";

const population = createPopulation({ seed: "magic-tests", size: NATIONAL_SIZE });
const strict = { regions: "strict", referenceDate: REFERENCE_DATE } as const;
const rowOf = (kind: string) => {
  const row = population.magic.find((r) => r.kind === kind);
  if (row === undefined) throw new Error(`no magic row ${kind}`);
  return row;
};

describe("magic NIKs", () => {
  it("has a row for every data outcome of the catalogue, with its code", () => {
    const dataRows = responseCodes.filter((row) => row.category === "data");
    expect(dataRows.length).toBeGreaterThanOrEqual(6);
    for (const row of dataRows) {
      const magic = population.magic.filter((m) => m.kind === row.outcome);
      expect(magic, row.outcome).toHaveLength(1);
      expect(magic[0]?.code).toBe(row.code);
      expect(magic[0]?.description.length).toBeGreaterThan(20);
    }
  });

  it("is the same table for two different seeds and sizes", () => {
    const other = createPopulation({ seed: "another-seed", size: 1 });
    expect(other.magic).toEqual(population.magic);
    for (const row of population.magic) {
      expect(other.findByNik(row.nik)).toEqual(population.findByNik(row.nik));
    }
  });

  it("answers found, deceased, duplicate and inactive rows with a resident of that status", () => {
    const statusOf: Record<string, ResidentStatus> = {
      found: "active",
      deceased: "deceased",
      duplicate: "duplicate",
      inactive: "inactive",
      "big-nik": "active",
      family: "active",
    };
    for (const [kind, status] of Object.entries(statusOf)) {
      const row = rowOf(kind);
      expect(parseNik(row.nik, strict).ok, kind).toBe(true);
      const resident = population.findByNik(row.nik);
      expect(resident?.status, kind).toBe(status);
      expect(resident?.record.NIK).toBe(row.nik);
      expect(resident?.index).toBeLessThan(0);
    }
  });

  it("lists a well-formed NIK that no population holds (13)", () => {
    const row = rowOf("not-found");
    expect(row.code).toBe("13");
    expect(parseNik(row.nik, strict).ok).toBe(true);
    expect(population.findByNik(row.nik)).toBeUndefined();
    expect(population.familyOf(row.nik)).toBeUndefined();
  });

  it("lists a malformed NIK with 31 February that parseNik rejects (15)", () => {
    const row = rowOf("malformed-nik");
    expect(row.code).toBe("15");
    expect(row.nik).toMatch(/^\d{16}$/);
    const parsed = parseNik(row.nik, strict);
    expect(parsed.ok ? "ok" : parsed.reason).toBe("date");
    expect(population.findByNik(row.nik)).toBeUndefined();
  });

  it("lists a found Papua resident whose NIK is above 2^53", () => {
    const row = rowOf("big-nik");
    expect(row.code).toBe("01");
    expect(BigInt(row.nik) > 2n ** 53n).toBe(true);
    expect(["94", "95", "96"]).toContain(row.nik.slice(0, 2));
    const resident = population.findByNik(row.nik);
    expect(resident?.record.NO_PROP).toBe(row.nik.slice(0, 2));
  });

  it("lists the head of a family card with four or more members, every member's NIK in the row", () => {
    const row = rowOf("family");
    expect(row.code).toBe("01");
    const family = population.familyOf(row.nik);
    expect(family?.length).toBeGreaterThanOrEqual(4);
    expect(family?.[0]?.nik).toBe(row.nik);
    expect(family?.[0]?.record.STAT_HBKEL).toBe("KEPALA KELUARGA");
    for (const member of family ?? []) {
      expect(row.description).toContain(member.nik);
      expect(population.familyOf(member.nik)).toEqual(family);
      expect(member.record.NO_KK).toBe(family?.[0]?.record.NO_KK);
      expect(parseNik(member.nik, strict).ok).toBe(true);
    }
    const children = family?.filter((m) => m.record.STAT_HBKEL === "ANAK") ?? [];
    for (const child of children) {
      expect(child.record.NAMA_LGKP_AYAH).toBe(family?.[0]?.record.NAMA_LGKP);
    }
  });

  it("never collides with a generated resident: magic serials start at 9001", () => {
    for (const row of population.magic) {
      if (row.kind === "malformed-nik" || row.kind === "not-found") continue;
      expect(Number(row.nik.slice(12))).toBeGreaterThan(9000);
    }
    const niks = population.magic.map((row) => row.nik);
    expect(new Set(niks).size).toBe(niks.length);
  });

  it("keeps the published magic NIKs (update the docs together with this list)", () => {
    expect(population.magic.map((row) => `${row.kind} ${row.code} ${row.nik}`)).toEqual([
      "found 01 3319041307949001",
      "deceased 11 5208025311479002",
      "duplicate 12 1208011905789003",
      "not-found 13 3319041307949999",
      "inactive 14 3215076005509004",
      "malformed-nik 15 3319043102940001",
      "big-nik 01 9601085401569005",
      "family 01 3319042908849006",
    ]);
  });
});
