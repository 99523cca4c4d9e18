import { describe, expect, it } from "vitest";
import { villages, villagesLoaded } from "../src/population/geography.js";
import { createPopulation } from "../src/population/population.js";
import { NATIONAL_SIZE } from "./population-fixtures.js";

describe("population start-up", () => {
  it("creates a national-size population without loading the villages, then loads them once on the first record", () => {
    const population = createPopulation({ seed: "startup", size: NATIONAL_SIZE });
    expect(villagesLoaded()).toBe(false);
    population.residentAt(NATIONAL_SIZE - 1);
    expect(villagesLoaded()).toBe(true);
    const table = villages();
    population.residentAt(0);
    expect(villages()).toBe(table);
    expect(table.lineStart.length).toBe(83_762);
    expect(table.districtFirst.at(-1)).toBe(83_762);
  });
});
