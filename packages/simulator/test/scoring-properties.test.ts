// The verify similarity score (Decisions §8): exact against a reference Levenshtein, also for
// texts far longer than the record's value, which are scored without the O(n·m) table.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { similarity } from "../src/engine/scoring.js";

/** A plain reference: the full edit-distance table, no shortcut. */
function referenceScore(a: string, b: string): number {
  const x = a.trim().replace(/\s+/g, " ").toUpperCase();
  const y = b.trim().replace(/\s+/g, " ").toUpperCase();
  if (x === y) return x === "" ? 0 : 100;
  if (x === "" || y === "") return 0;
  const table: number[][] = [];
  for (let i = 0; i <= x.length; i++) table.push([i]);
  for (let j = 1; j <= y.length; j++) (table[0] as number[])[j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const row = table[i] as number[];
      const above = table[i - 1] as number[];
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
  }
  const distance = (table[x.length] as number[])[y.length] as number;
  return Math.round((1 - distance / Math.max(x.length, y.length)) * 100);
}

const letters = fc.string({ unit: fc.constantFrom("A", "B", "S", "I", "T", " "), maxLength: 12 });

describe("verify similarity", () => {
  it("equals the full edit-distance score for short texts", () => {
    fc.assert(
      fc.property(letters, letters, (a, b) => {
        expect(similarity(a, b)).toBe(referenceScore(a, b));
      }),
      { numRuns: 1000 },
    );
  });

  it("equals the full score around the length ratio where the table is skipped (200 times)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("A", "S", "I", "T"), minLength: 1, maxLength: 4 }),
        fc.integer({ min: 150, max: 260 }),
        fc.constantFrom("A", "S", "X"),
        (short, factor, filler) => {
          const long = `${short}${filler.repeat(short.length * factor)}`;
          expect(similarity(long, short)).toBe(referenceScore(long, short));
          expect(similarity(short, long)).toBe(referenceScore(short, long));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("scores a megabyte of text against a name as 0 (no match)", () => {
    const huge = "SITI NURHAYATI ".repeat(70_000);
    expect(huge.length).toBeGreaterThan(1_000_000);
    expect(similarity(huge, "SITI NURHAYATI")).toBe(0);
  });
});
