import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskNik, maskNikRuns } from "../src/nik/mask.js";

/** Characters of the output that are not mask characters. */
const revealed = (masked: string) => [...masked].filter((c) => c !== "*").length;

describe("maskNik", () => {
  it("keeps the first 4 and the last 2 digits of a NIK", () => {
    expect(maskNik("3204051502900001")).toBe("3204**********01");
  });

  it("masks a formatted NIK in its normalised form", () => {
    expect(maskNik(" 3204 0515 0290 0001 ")).toBe("3204**********01");
    expect(maskNik("32.04.05.150290.0001")).toBe("3204**********01");
  });

  it("masks every character of a string that is not a NIK", () => {
    expect(maskNik("320405150290")).toBe("************");
    expect(maskNik("32040515029000O1")).toBe("****************");
    expect(maskNik("")).toBe("");
  });

  it("caps the mask of a long string at 32 characters", () => {
    expect(maskNik("1".repeat(10_000))).toBe("*".repeat(32));
  });

  it("never throws and reveals nothing for non-strings", () => {
    const hostile = {
      toString() {
        throw new Error("boom");
      },
    };
    const proxy = new Proxy(
      {},
      {
        get() {
          throw new Error("trap");
        },
      },
    );
    for (const value of [3204051502900001, null, undefined, hostile, proxy, Symbol("x"), 1n]) {
      expect(maskNik(value)).toBe("[not a string]");
    }
  });

  it("never reveals more than 6 characters of any string", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 40 }),
          fc.stringMatching(/^[0-9 .-]{0,24}$/),
          fc.stringMatching(/^\d{16}$/),
        ),
        (input) => {
          expect(revealed(maskNik(input))).toBeLessThanOrEqual(6);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("reveals exactly the first 4 and last 2 digits of any 16-digit string", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{16}$/), (nik) => {
        expect(maskNik(nik)).toBe(`${nik.slice(0, 4)}${"*".repeat(10)}${nik.slice(14)}`);
      }),
    );
  });

  it("never throws on anything", () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true }), (value) => {
        expect(typeof maskNik(value)).toBe("string");
      }),
    );
  });
});

describe("maskNikRuns", () => {
  it("masks every 16-digit run of a line, also one glued to other digits, and leaves the rest", () => {
    expect(maskNikRuns("cek 3204051502900001 dan 3319041307949001.")).toBe(
      "cek 3204**********01 dan 3319**********01.",
    );
    expect(maskNikRuns("id 932040515029000017")).toBe("id 9320**********0017");
    expect(maskNikRuns("kode 12345, 320405150290")).toBe("kode 12345, 320405150290");
  });
});
