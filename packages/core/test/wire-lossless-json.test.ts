import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DukcapilCoreError, isDukcapilCoreError } from "../src/errors.js";
import {
  type LosslessJsonValue,
  parseJsonLossless,
  stringifyLossless,
} from "../src/wire/lossless-json.js";

function parseFailure(text: string): DukcapilCoreError {
  try {
    parseJsonLossless(text);
  } catch (error) {
    if (error instanceof DukcapilCoreError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

/** Replaces bigints by the (rounded) number JSON.parse would give. */
function asJsonParseWould(value: LosslessJsonValue): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(asJsonParseWould);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const member = asJsonParseWould(value[key] as LosslessJsonValue);
      if (key === "__proto__") {
        Object.defineProperty(out, key, {
          value: member,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else out[key] = member;
    }
    return out;
  }
  return value;
}

/** True when JSON.stringify would write some number of `value` as an unsafe integer literal. */
function hasUnsafeIntegerLiteral(value: unknown): boolean {
  if (typeof value === "number") {
    return (
      Number.isInteger(value) && !Number.isSafeInteger(value) && !/e/i.test(JSON.stringify(value))
    );
  }
  if (Array.isArray(value)) return value.some(hasUnsafeIntegerLiteral);
  if (value !== null && typeof value === "object")
    return Object.values(value).some(hasUnsafeIntegerLiteral);
  return false;
}

describe("parseJsonLossless", () => {
  it("keeps a NIK above 2^53 digit-exact through parse and stringify", () => {
    const text = '{"NIK":9171011203900001}';
    const value = parseJsonLossless(text);
    expect(value).toEqual({ NIK: 9171011203900001n });
    expect(stringifyLossless(value)).toBe(text);
    // What JSON.parse would have done:
    expect(JSON.parse(text).NIK).toBe(9171011203900000);
  });

  it("keeps safe integers, including 16-digit NIKs below 2^53, as numbers", () => {
    expect(parseJsonLossless('{"NIK":3204014101900001,"NO_RT":6}')).toEqual({
      NIK: 3204014101900001,
      NO_RT: 6,
    });
    expect(parseJsonLossless("9007199254740991")).toBe(9007199254740991);
    expect(parseJsonLossless("9007199254740992")).toBe(9007199254740992n);
  });

  it("reads big integers inside nested arrays and objects", () => {
    const text =
      '{"content":[{"NIK":9171011203900001,"k":[1,[9401234567890123456,{"x":-9999999999999999}]]}],"sort":null}';
    expect(parseJsonLossless(text)).toEqual({
      content: [
        { NIK: 9171011203900001n, k: [1, [9401234567890123456n, { x: -9999999999999999n }]] },
      ],
      sort: null,
    });
    expect(stringifyLossless(parseJsonLossless(text))).toBe(text);
  });

  it("leaves strings with digits and escaped quotes untouched", () => {
    const text =
      '{"a":"9171011203900001","b":"he said \\"9171011203900001\\" \\\\","c":"\\u0041\\n","d":9171011203900001}';
    expect(parseJsonLossless(text)).toEqual({
      a: "9171011203900001",
      b: 'he said "9171011203900001" \\',
      c: "A\n",
      d: 9171011203900001n,
    });
  });

  it("reads negative, fractional and exponent numbers as numbers", () => {
    const text =
      "[-1,-0,0.5,-12.25,1e3,1E-2,2.5e+10,12345678901234567890.5,1e400,12345678901234567890e0,-7]";
    expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
    expect(parseJsonLossless("-12345678901234567890")).toBe(-12345678901234567890n);
  });

  it("keeps __proto__ as an own key and takes the last of duplicate keys, like JSON.parse", () => {
    const text = '{"__proto__":{"x":1},"a":1,"a":9171011203900001}';
    const value = parseJsonLossless(text) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__", "a"]);
    expect(value.a).toBe(9171011203900001n);
  });

  it.each([
    ["", 0],
    ["{", 1],
    ['{"a":1,}', 7],
    ["[1 2]", 3],
    ['{"NIK":9171011203900001', 23],
    ['{"NIK":9171011203900001}x', 24],
    ["01", 1],
    ['"\\x"', 2],
    ['"a\nb"', 2],
    ["nul", 0],
    ["{'a':1}", 1],
  ])("throws DKS_CORE_JSON_PARSE with the position for %j", (text, position) => {
    const error = parseFailure(text);
    expect(isDukcapilCoreError(error, "DKS_CORE_JSON_PARSE")).toBe(true);
    expect(error.details.position).toBe(position);
    expect(error.message).toMatch(
      /^Failed to parse JSON text: .+ at position \d+ \(line \d+, column \d+\)\. .+\.$/,
    );
  });

  it("reports line and column of an error on a later line", () => {
    const error = parseFailure('{\n  "a": 1,\n  "b": ?\n}');
    expect(error.details).toMatchObject({ line: 3, column: 8 });
  });

  it("matches JSON.parse for any JSON value without unsafe integer literals", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        if (hasUnsafeIntegerLiteral(value)) {
          expect(asJsonParseWould(parseJsonLossless(text))).toEqual(JSON.parse(text));
        } else {
          expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("matches JSON.parse on pretty-printed text too", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value, null, 2);
        expect(asJsonParseWould(parseJsonLossless(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  });

  it("round-trips any 16–19 digit integer literal exactly", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 15n, max: 10n ** 19n - 1n }),
        fc.boolean(),
        (n, negative) => {
          const literal = (negative ? -n : n).toString();
          const text = `{"NIK":${literal},"list":[${literal}]}`;
          expect(stringifyLossless(parseJsonLossless(text))).toBe(text);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("stringifyLossless", () => {
  it("keeps key insertion order and writes bigints as bare digits", () => {
    const value = { z: 1, a: [9171011203900001n, "x", null, true], m: { b: 2, a: 1 } };
    expect(stringifyLossless(value)).toBe(
      '{"z":1,"a":[9171011203900001,"x",null,true],"m":{"b":2,"a":1}}',
    );
  });

  it("matches JSON.stringify for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(stringifyLossless(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it("follows JSON.stringify for undefined members and toJSON", () => {
    const date = new Date("2026-01-02T03:04:05.000Z");
    expect(stringifyLossless({ a: undefined, b: [undefined, () => 1], date })).toBe(
      '{"b":[null,null],"date":"2026-01-02T03:04:05.000Z"}',
    );
  });

  it.each([
    ["NaN", { a: Number.NaN }, "$.a"],
    ["Infinity", [1, Number.POSITIVE_INFINITY], "$[1]"],
    ["undefined", undefined, "$"],
  ])("refuses %s with DKS_CORE_JSON_STRINGIFY", (_name, value, path) => {
    expect(() => stringifyLossless(value)).toThrow(
      expect.objectContaining({ code: "DKS_CORE_JSON_STRINGIFY", details: { path } }),
    );
  });

  it("writes and reads back a value nested 100,000 deep without overflowing the stack", () => {
    const depth = 100_000;
    let value: unknown = [9171011203900001n];
    for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { k: value };
    const text = stringifyLossless(value);
    expect(text.startsWith('{"k":[{"k":[')).toBe(true);
    expect(text).toContain("[9171011203900001]");
    let back: unknown = parseJsonLossless(text);
    for (let level = depth - 1; level >= 0; level -= 1) {
      back = level % 2 === 0 ? (back as unknown[])[0] : (back as { k: unknown }).k;
    }
    expect(back).toEqual([9171011203900001n]);
  });

  it("reads deeply nested text without big integers, which JSON.parse cannot", () => {
    const depth = 100_000;
    const text = `${"[".repeat(depth)}1${"]".repeat(depth)}`;
    let back: unknown = parseJsonLossless(text);
    for (let level = 0; level < depth; level += 1) back = (back as unknown[])[0];
    expect(back).toBe(1);
  });

  it("still reports a cycle with its path in a deep value", () => {
    const inner: Record<string, unknown> = {};
    const value = { a: [{ b: inner }] };
    inner.back = value;
    expect(() => stringifyLossless(value)).toThrow(
      expect.objectContaining({
        code: "DKS_CORE_JSON_STRINGIFY",
        details: { path: "$.a[0].b.back" },
      }),
    );
  });

  it("refuses a cycle", () => {
    const value: Record<string, unknown> = { a: 1 };
    value.self = value;
    expect(() => stringifyLossless(value)).toThrow(
      /Failed to write JSON text: the value contains a cycle at \$\.self/,
    );
  });
});
