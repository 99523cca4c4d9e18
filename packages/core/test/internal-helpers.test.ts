import { describe, expect, it } from "vitest";
import * as z from "zod";
import { isDukcapilCoreError } from "../src/errors.js";
import { formatDay, ISO_CALENDAR_DATE, pad2 } from "../src/internal/date-format.js";
import { describeValue } from "../src/internal/describe-value.js";
import { isAsciiDigits } from "../src/internal/digits.js";
import { readChoice } from "../src/internal/options.js";
import { summariseIssues, zodError } from "../src/internal/zod-issues.js";

describe("internal helpers shared by every module (review finding 13)", () => {
  it("accepts ASCII digits only, over a range or the whole text", () => {
    expect(isAsciiDigits("3204051502900001")).toBe(true);
    expect(isAsciiDigits("2026-11-22", 5, 7)).toBe(true);
    expect(isAsciiDigits("٣٢٠٤")).toBe(false);
    expect(isAsciiDigits("３２")).toBe(false);
    expect(isAsciiDigits("12a")).toBe(false);
  });

  it("pads and formats calendar days", () => {
    expect(pad2(7)).toBe("07");
    expect(pad2(12)).toBe("12");
    expect(formatDay(20000229)).toBe("2000-02-29");
    expect(formatDay(10101)).toBe("0001-01-01");
    expect(ISO_CALENDAR_DATE.test("2026-11-22")).toBe(true);
    expect(ISO_CALENDAR_DATE.test("2026-11-22T00:00:00Z")).toBe(false);
  });

  it("describes values without printing numbers that may be NIKs", () => {
    expect(describeValue("x".repeat(50))).toBe(`"${"x".repeat(40)}…"`);
    expect(describeValue(3204051502900001)).toBe("a number");
    expect(describeValue(Number.NaN, { numbers: true })).toBe("NaN");
    expect([null, undefined, [], {}, true].map((value) => describeValue(value))).toEqual([
      "null",
      "undefined",
      "an array",
      "an object",
      "a boolean",
    ]);
  });

  it("turns zod issues into one message shape and one details shape, without the input", () => {
    const result = z
      .object({ password: z.string().min(8), retry: z.object({ attempts: z.number() }) })
      .safeParse({ password: "hunter2", retry: { attempts: "x" } });
    if (result.success) throw new Error("expected a failure");
    const error = zodError(
      "DKS_CORE_INVALID_OPTIONS",
      "create thing",
      result.error,
      "Pass it right",
    );
    expect(error.message).toMatch(
      /^Failed to create thing: password: .+; retry\.attempts: .+\. Pass it right\.$/,
    );
    expect(error.message).not.toContain("hunter2");
    expect(JSON.stringify(error.details)).not.toContain("hunter2");
    expect(error.details.issues).toEqual([
      { path: ["password"], message: expect.any(String), code: "too_small" },
      { path: ["retry", "attempts"], message: expect.any(String), code: "invalid_type" },
    ]);
    expect(error.cause).toBe(result.error);
    expect(summariseIssues([{ path: [], message: "Bad" }])).toBe("(root): Bad");
  });

  it("checks a choice option and names the allowed values", () => {
    expect(readChoice("fn", "mode", undefined, ["a", "b"], "a")).toBe("a");
    expect(readChoice("fn", "mode", "b", ["a", "b"])).toBe("b");
    try {
      readChoice("fn", "mode", "c", ["a", "b"]);
      expect.unreachable();
    } catch (error) {
      expect(isDukcapilCoreError(error, "DKS_CORE_INVALID_OPTIONS")).toBe(true);
      expect((error as Error).message).toBe(
        "Failed to read fn options: `mode` is \"c\". Pass 'a' or 'b'.",
      );
    }
  });
});
