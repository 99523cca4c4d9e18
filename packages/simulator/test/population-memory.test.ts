import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { createPopulation } from "../src/population/population.js";
import { NATIONAL_SIZE, sampleIndices } from "./population-fixtures.js";

/** A handle on V8's `gc()`, so heap figures exclude garbage (works on Node 20 without flags). */
function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

describe("population memory", () => {
  it("does not grow the heap with the population size (280 million residents, 10,000 read)", () => {
    const gc = collector();
    const indices = sampleIndices(10_000, NATIONAL_SIZE, 41);
    gc();
    const before = process.memoryUsage().heapUsed;
    const population = createPopulation({ seed: "memory", size: NATIONAL_SIZE });
    let characters = 0;
    for (const index of indices) characters += population.residentAt(index).nik.length;
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(characters).toBe(160_000);
    expect(grown).toBeLessThan(50 * 1024 * 1024);
  });
});
