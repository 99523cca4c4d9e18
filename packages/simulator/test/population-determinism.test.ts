import { describe, expect, it } from "vitest";
import { SimulatorError } from "../src/errors.js";
import { createPopulation } from "../src/population/population.js";
import { NATIONAL_SIZE, sampleIndices } from "./population-fixtures.js";

describe("createPopulation determinism", () => {
  it("gives deep-equal residents for the same seed, whatever the order of reading", () => {
    const a = createPopulation({ seed: "same-seed", size: NATIONAL_SIZE });
    const b = createPopulation({ seed: "same-seed", size: NATIONAL_SIZE });
    const indices = sampleIndices(1000, NATIONAL_SIZE);
    const fromA = indices.map((i) => a.residentAt(i));
    const fromB = [...indices].reverse().map((i) => b.residentAt(i));
    expect(fromA).toEqual(fromB.reverse());
  });

  it("gives different residents for a different seed", () => {
    const a = createPopulation({ seed: "seed-one", size: NATIONAL_SIZE });
    const b = createPopulation({ seed: "seed-two", size: NATIONAL_SIZE });
    const indices = sampleIndices(200, NATIONAL_SIZE);
    const sameNik = indices.filter((i) => a.residentAt(i).nik === b.residentAt(i).nik);
    const sameName = indices.filter(
      (i) => a.residentAt(i).record.NAMA_LGKP === b.residentAt(i).record.NAMA_LGKP,
    );
    expect(sameNik).toEqual([]);
    expect(sameName.length).toBeLessThan(20);
  });

  it("reads a number seed as its text: 42 and '42' give the same population", () => {
    const a = createPopulation({ seed: 42, size: 1000 });
    const b = createPopulation({ seed: "42", size: 1000 });
    expect(a.seed).toBe("42");
    expect(a.residentAt(999)).toEqual(b.residentAt(999));
  });

  it("makes a smaller population a prefix of a larger one with the same seed", () => {
    const small = createPopulation({ seed: "prefix", size: 1000 });
    const large = createPopulation({ seed: "prefix", size: NATIONAL_SIZE });
    for (const i of [0, 1, 31, 32, 500, 999]) {
      expect(small.residentAt(i)).toEqual(large.residentAt(i));
    }
  });

  it("rejects an index outside the population with DKS_SIM_VALIDATION", () => {
    const population = createPopulation({ seed: "bounds", size: 10 });
    for (const index of [-1, 10, 1.5, Number.NaN]) {
      expect(() => population.residentAt(index)).toThrow(SimulatorError);
    }
    try {
      population.residentAt(10);
    } catch (error) {
      expect(error).toMatchObject({ code: "DKS_SIM_VALIDATION" });
    }
  });
});

describe("createPopulation options", () => {
  const invalid: [string, unknown, RegExp][] = [
    ["an empty seed", { seed: "", size: 1 }, /`seed` is ""/],
    ["a fractional seed", { seed: 1.5, size: 1 }, /`seed` is 1\.5/],
    ["an unsafe integer seed", { seed: 2 ** 60, size: 1 }, /`seed` is/],
    ["a missing seed", { size: 1 }, /`seed` is missing/],
    ["a size of 0", { seed: "a", size: 0 }, /`size` is 0, not an integer from 1 to 300000000/],
    ["a size above 300 million", { seed: "a", size: 300_000_001 }, /`size` is 300000001/],
    ["a fractional size", { seed: "a", size: 2.5 }, /`size` is 2\.5/],
    ["a size given as text", { seed: "a", size: "10" }, /`size` is "10"/],
    ["an unknown option", { seed: "a", size: 1, sizeMillions: 1 }, /unknown option `sizeMillions`/],
    ["no options object", null, /the options are null/],
  ];

  it.each(invalid)(
    "rejects %s with DKS_SIM_CONFIG_INVALID naming the field",
    (_, options, message) => {
      let thrown: unknown;
      try {
        createPopulation(options as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SimulatorError);
      expect(thrown).toMatchObject({ code: "DKS_SIM_CONFIG_INVALID" });
      const text = (thrown as Error).message;
      expect(text).toMatch(/^Failed to create population: .+\. Pass .+\.$/);
      expect(text).toMatch(message);
    },
  );

  it("accepts the smallest and the largest size", () => {
    expect(createPopulation({ seed: "a", size: 1 }).size).toBe(1);
    expect(createPopulation({ seed: "a", size: 300_000_000 }).size).toBe(300_000_000);
  });
});
