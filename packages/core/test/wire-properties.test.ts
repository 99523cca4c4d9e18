// Property tests of the wire layer (issue 7 "Bad input"): the lossless JSON reader and
// writer, the request schemas (lookup, family, verify, data balikan) and the response
// schemas. Arbitrary input never throws anything but the documented typed errors, failures
// name the field, and generated valid messages round-trip through the wire text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type * as z from "zod";
import { responseCodes } from "../src/catalogue/response-codes.js";
import { DukcapilCoreError } from "../src/errors.js";
import { REQUEST_KEY_SPELLINGS } from "../src/wire/credentials.js";
import {
  buildDataBalikanRequest,
  type DataBalikanSubmission,
  dataBalikanRequestSchema,
  dataBalikanResponseSchema,
} from "../src/wire/data-balikan.js";
import { familyRequestSchema, familyResponseSchema } from "../src/wire/family.js";
import {
  DATE_ELEMENTS,
  NUMERIC_ELEMENT_WIDTH,
  NUMERIC_ELEMENTS,
  type NumericElement,
  RECORD_ELEMENTS,
  type RecordElement,
  VERIFY_ELEMENTS,
} from "../src/wire/fields.js";
import {
  buildLookupFailure,
  buildLookupSuccess,
  lookupRequestSchema,
  lookupResponseSchema,
} from "../src/wire/lookup.js";
import {
  type LosslessJsonValue,
  parseJsonLossless,
  stringifyLossless,
} from "../src/wire/lossless-json.js";
import { personRecordSchema, type WireRecordInput } from "../src/wire/record.js";
import {
  formatVerifyResult,
  normaliseWireDate,
  parseVerifyResult,
  toWireNumber,
  type VerifyFieldResult,
  wireDigitsSchema,
  wireTextSchema,
} from "../src/wire/values.js";
import {
  buildVerifyFailure,
  buildVerifySuccess,
  THRESHOLD_KEY_SPELLINGS,
  verifyRequestSchema,
  verifyResponseSchema,
} from "../src/wire/verify.js";

/** A 16-digit NIK-shaped string with a non-zero first digit (a valid JSON integer literal). */
const nikDigits = fc.stringMatching(/^[1-9]\d{15}$/);
/** Any 16 ASCII digits, leading zeros included (only valid inside a JSON string). */
const anyDigits16 = fc.stringMatching(/^\d{16}$/);

/** The typed error a call throws, or `undefined` when it returns. */
function thrown(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Replaces bigints by the (rounded) number JSON.parse would give, keeping `__proto__` own. */
function asJsonParseWould(value: LosslessJsonValue): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(asJsonParseWould);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      Object.defineProperty(out, key, {
        value: asJsonParseWould(value[key] as LosslessJsonValue),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** A JSON text holding at least one 16–20 digit integer literal (the lossless slow path). */
const textWithBigLiteral = fc
  .tuple(
    fc.jsonValue({ maxDepth: 3 }),
    fc.bigInt({ min: 10n ** 15n, max: 10n ** 20n }),
    fc.boolean(),
  )
  .map(([value, big, negative]) => {
    const literal = (negative ? -big : big).toString();
    return `{"v":${JSON.stringify(value)},"NIK":${literal},"l":[${literal}]}`;
  });

/** A text derived from a JSON text by one edit: mostly invalid, sometimes still valid. */
const mutatedJson = fc
  .tuple(
    fc.oneof(
      textWithBigLiteral,
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    ),
    fc.nat(),
    fc.constantFrom("delete", "insert", "replace"),
    fc.constantFrom(...'{}[]:,"\\ 0123456789-+.eEtrufalsn\n\t\u0000\u00e9'),
  )
  .map(([text, at, edit, char]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    if (edit === "delete") return text.slice(0, i) + text.slice(i + 1);
    if (edit === "insert") return text.slice(0, i) + char + text.slice(i);
    return text.slice(0, i) + char + text.slice(i + 1);
  });

describe("parseJsonLossless on arbitrary text", () => {
  it("accepts exactly what JSON.parse accepts, and reads the same value (big integers digit-exact)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          mutatedJson,
          textWithBigLiteral,
          fc.string({ unit: "binary", maxLength: 40 }),
          fc.stringMatching(/^[\s[\]{}:,"0-9.eE+-]{0,30}$/),
        ),
        (text) => {
          let expected: unknown;
          let jsonParseFailed = false;
          try {
            expected = JSON.parse(text);
          } catch {
            jsonParseFailed = true;
          }
          let actual: LosslessJsonValue | undefined;
          const error = thrown(() => {
            actual = parseJsonLossless(text);
          });
          if (jsonParseFailed) {
            expect(error).toBeInstanceOf(DukcapilCoreError);
            const { code, details, message } = error as DukcapilCoreError;
            expect(code).toBe("DKS_CORE_JSON_PARSE");
            const { position, line, column } = details as {
              position: number;
              line: number;
              column: number;
            };
            expect(Number.isInteger(position)).toBe(true);
            expect(position).toBeGreaterThanOrEqual(0);
            expect(position).toBeLessThanOrEqual(text.length);
            const before = text.slice(0, position);
            expect(line).toBe(before.split("\n").length);
            expect(column).toBe(position - (before.lastIndexOf("\n") + 1) + 1);
            expect(message).toContain(`at position ${position} (line ${line}, column ${column})`);
          } else {
            expect(error).toBeUndefined();
            expect(asJsonParseWould(actual as LosslessJsonValue)).toEqual(expected);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("throws DKS_CORE_JSON_PARSE, not a TypeError, for anything that is not a string", () => {
    fc.assert(
      fc.property(
        fc
          .anything({ withBigInt: true, withMap: true, withSet: true, withDate: true })
          .filter((value) => typeof value !== "string"),
        (value) => {
          const error = thrown(() => parseJsonLossless(value as string));
          expect(error).toBeInstanceOf(DukcapilCoreError);
          expect((error as DukcapilCoreError).code).toBe("DKS_CORE_JSON_PARSE");
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps every integer literal exact: bigint outside the safe range, number inside", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.constantFrom("", " ", "\n\t"),
        (n, space) => {
          const literal = n.toString();
          const value = parseJsonLossless(`[${space}${literal}${space},{"a":${literal}}]`) as [
            LosslessJsonValue,
            { a: LosslessJsonValue },
          ];
          const safe = n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER);
          expect(value[0]).toBe(safe ? Number(n) : n);
          expect(value[1].a).toBe(value[0]);
          expect(stringifyLossless(value)).toBe(`[${literal},{"a":${literal}}]`);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("stringifyLossless on arbitrary values", () => {
  it("writes text parseJsonLossless reads back to the same value, or throws DKS_CORE_JSON_STRINGIFY with a path", () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withBoxedValues: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withSparseArray: true,
        }),
        (value) => {
          let text: string | undefined;
          const error = thrown(() => {
            text = stringifyLossless(value);
          });
          if (error !== undefined) {
            expect(error).toBeInstanceOf(DukcapilCoreError);
            expect((error as DukcapilCoreError).code).toBe("DKS_CORE_JSON_STRINGIFY");
            expect(String((error as DukcapilCoreError).details.path)).toMatch(/^\$/);
            return;
          }
          // Without bigints, the writer writes what JSON.stringify writes.
          const reread = parseJsonLossless(text as string);
          expect(asJsonParseWould(reread)).toEqual(JSON.parse(text as string));
          expect(stringifyLossless(reread)).toBe(text);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("round-trips JSON values with big integers anywhere", () => {
    const bigJson: fc.Arbitrary<LosslessJsonValue> = fc.letrec<{ value: LosslessJsonValue }>(
      (tie) => ({
        value: fc.oneof(
          { depthSize: "small", withCrossShrink: true },
          fc.constant(null),
          fc.boolean(),
          fc.integer(),
          fc.string(),
          fc.bigInt({ min: 2n ** 53n, max: 10n ** 25n }),
          fc.bigInt({ min: -(10n ** 25n), max: -(2n ** 53n) }),
          fc.array(tie("value"), { maxLength: 4 }),
          fc.dictionary(
            fc.string().filter((key) => key !== "__proto__"),
            tie("value"),
            { maxKeys: 4 },
          ),
        ),
      }),
    ).value;
    fc.assert(
      fc.property(bigJson, (value) => {
        const text = stringifyLossless(value);
        expect(parseJsonLossless(text)).toEqual(value);
        expect(stringifyLossless(parseJsonLossless(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe("wire values", () => {
  it("reads any digit string, safe integer or non-negative bigint as its digits, and refuses an unsafe number", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^\d{1,25}$/),
          fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          fc.bigInt({ min: 0n, max: 10n ** 25n }),
          fc.double(),
          fc.bigInt({ min: -(10n ** 20n), max: -1n }),
          fc.string({ maxLength: 5 }),
        ),
        (value) => {
          const result = wireDigitsSchema.safeParse(value);
          const expected =
            typeof value === "string"
              ? /^[0-9]+$/.test(value)
                ? value
                : undefined
              : typeof value === "bigint"
                ? value >= 0n
                  ? value.toString()
                  : undefined
                : Number.isSafeInteger(value) && value >= 0
                  ? String(value)
                  : undefined;
          if (expected === undefined) expect(result.success).toBe(false);
          else expect(result).toEqual({ success: true, data: expected });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("reads a text value as a string without rounding: unsafe integers are refused", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer(), fc.bigInt()), (value) => {
        const result = wireTextSchema.safeParse(value);
        if (
          typeof value === "number" &&
          (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value)))
        ) {
          expect(result.success).toBe(false);
        } else {
          expect(result).toEqual({ success: true, data: String(value) });
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("writes a digit string as the bare number that reads back to the same digits", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{0,24}$/), (digits) => {
        const number = toWireNumber(digits);
        expect(typeof number === "bigint" || Number.isSafeInteger(number)).toBe(true);
        const text = stringifyLossless({ NIK: number });
        expect(text).toBe(`{"NIK":${digits}}`);
        expect(wireDigitsSchema.parse((parseJsonLossless(text) as { NIK: unknown }).NIK)).toBe(
          digits,
        );
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.string({ maxLength: 6 }).filter((s) => !/^[0-9]+$/.test(s)),
        (text) => {
          expect(toWireNumber(text)).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });

  it("normalises DD-MM-YYYY and YYYY-MM-DD[ time] dates to YYYY-MM-DD and is idempotent", () => {
    const dd = fc.stringMatching(/^\d{2}$/);
    const yyyy = fc.stringMatching(/^\d{4}$/);
    fc.assert(
      fc.property(
        dd,
        dd,
        yyyy,
        fc.constantFrom("-", ".", "/"),
        fc.constantFrom("", " 00:00:00", "T12:30:00Z"),
        fc.string({ maxLength: 12 }),
        (day, month, year, separator, time, other) => {
          expect(normaliseWireDate(`${day}${separator}${month}${separator}${year}`)).toBe(
            `${year}-${month}-${day}`,
          );
          expect(normaliseWireDate(` ${year}-${month}-${day}${time} `)).toBe(
            `${year}-${month}-${day}`,
          );
          const once = normaliseWireDate(other);
          expect(normaliseWireDate(once)).toBe(once);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("reads back every verify result it writes, and nothing outside Sesuai / Tidak Sesuai (0–100)", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        (match, score) => {
          const result: VerifyFieldResult = score === undefined ? { match } : { match, score };
          expect(parseVerifyResult(formatVerifyResult(result))).toEqual(result);
        },
      ),
    );
    // Random strings almost never spell a result: texts assembled from the result's own
    // words, spaces, brackets and numbers reach the accepting side too (counted below).
    const resultish = fc
      .array(
        fc.constantFrom(
          "Sesuai",
          "sesuai",
          "SESUAI",
          "Tidak",
          "tidak ",
          "Tidak Sesuai",
          " ",
          "\t",
          "(",
          ")",
          "(0)",
          "(59)",
          "( 100 )",
          "(101)",
          "(1000)",
          "(-1)",
          "7",
          "x",
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((parts) => parts.join(""));
    let read = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          { arbitrary: fc.string({ maxLength: 24 }), weight: 1 },
          { arbitrary: resultish, weight: 3 },
        ),
        (text) => {
          const result = parseVerifyResult(text);
          if (result === undefined) {
            refused += 1;
            return;
          }
          read += 1;
          expect(/sesuai/i.test(text)).toBe(true);
          expect(result.match).toBe(!/tidak/i.test(text));
          if (result.score !== undefined) {
            expect(Number.isInteger(result.score)).toBe(true);
            expect(result.score).toBeGreaterThanOrEqual(0);
            expect(result.score).toBeLessThanOrEqual(100);
          }
          expect(parseVerifyResult(formatVerifyResult(result))).toEqual(result);
        },
      ),
      { numRuns: 1000 },
    );
    // Both sides were exercised.
    expect(read).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });
});

// --- Request schemas ---

type Spellings = typeof REQUEST_KEY_SPELLINGS;
const spelling = <K extends keyof Spellings>(key: K) =>
  fc.constantFrom(...(REQUEST_KEY_SPELLINGS[key] as readonly string[]));
const KNOWN_REQUEST_KEYS: ReadonlySet<string> = new Set([
  ...Object.values(REQUEST_KEY_SPELLINGS).flat(),
  ...THRESHOLD_KEY_SPELLINGS,
  ...VERIFY_ELEMENTS,
]);

/** A credential value as clients send it, and its normalised string. */
const credentialValue = fc.oneof(
  fc.string().map((value) => ({ sent: value as unknown, read: value })),
  fc
    .integer({ min: -1_000_000, max: Number.MAX_SAFE_INTEGER })
    .map((value) => ({ sent: value as unknown, read: String(value) })),
);

/** A NIK as sent (non-blank text, a safe integer or a big integer) and how it is read. */
const nikValue = fc.oneof(
  fc
    .string({ minLength: 1 })
    .filter((s) => s.trim() !== "")
    .map((s) => ({ sent: s as unknown, read: s })),
  anyDigits16.map((s) => ({ sent: s as unknown, read: s })),
  nikDigits.map((s) => ({ sent: BigInt(s) as unknown, read: s })),
  fc
    .integer({ min: 0, max: Number.MAX_SAFE_INTEGER })
    .map((n) => ({ sent: n as unknown, read: String(n) })),
);

/** A lookup body with one spelling per key (some keys absent) and the expected reading. */
const lookupBody = fc
  .record({
    nikKey: spelling("nik"),
    nik: nikValue,
    userIdKey: spelling("userId"),
    userId: fc.option(credentialValue, { nil: undefined }),
    passwordKey: spelling("password"),
    password: fc.option(credentialValue, { nil: undefined }),
    ipUserKey: spelling("ipUser"),
    ipUser: fc.option(credentialValue, { nil: undefined }),
    junk: fc.dictionary(
      fc.string().filter((key) => !KNOWN_REQUEST_KEYS.has(key) && key !== "__proto__"),
      fc.jsonValue({ maxDepth: 1 }),
      { maxKeys: 3 },
    ),
  })
  .map((g) => {
    const body: Record<string, unknown> = { ...g.junk, [g.nikKey]: g.nik.sent };
    if (g.userId !== undefined) body[g.userIdKey] = g.userId.sent;
    if (g.password !== undefined) body[g.passwordKey] = g.password.sent;
    if (g.ipUser !== undefined) body[g.ipUserKey] = g.ipUser.sent;
    return {
      body,
      expected: {
        nik: g.nik.read,
        userId: g.userId?.read ?? "",
        password: g.password?.read ?? "",
        ipUser: g.ipUser?.read ?? "",
        spellings: {
          nik: g.nikKey,
          userId: g.userId === undefined ? null : g.userIdKey,
          password: g.password === undefined ? null : g.passwordKey,
          ipUser: g.ipUser === undefined ? null : g.ipUserKey,
        },
      },
    };
  });

/** Through the wire: written with stringifyLossless, read with parseJsonLossless. */
const overTheWire = (value: unknown) => parseJsonLossless(stringifyLossless(value));

/** Arbitrary request-ish bodies: junk, and objects holding known keys with odd values. */
const oddBody = fc.oneof(
  fc.anything({ withBigInt: true, withNullPrototype: true }),
  fc.dictionary(
    fc.constantFrom(...KNOWN_REQUEST_KEYS, "data", "param", "id_lembaga", "x"),
    fc.oneof(
      fc.anything({ maxDepth: 1, withBigInt: true }),
      fc.string(),
      fc.double(),
      fc.constant(null),
    ),
    { maxKeys: 8 },
  ),
);

/** A failed safeParse's issues, each path's first segment a key of the body (or the root). */
function expectIssuesNameBodyKeys(error: z.ZodError, body: unknown, extra: readonly string[] = []) {
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(typeof issue.message).toBe("string");
    if (issue.path.length === 0) continue;
    const head = issue.path[0];
    const keys =
      body !== null && typeof body === "object" ? Object.keys(body as object) : ([] as string[]);
    expect([...keys, ...extra]).toContain(head);
  }
}

describe("lookup and family request schemas", () => {
  it("read a generated body with any key spellings, also after the wire, to the values sent", () => {
    fc.assert(
      fc.property(lookupBody, ({ body, expected }) => {
        expect(lookupRequestSchema.parse(body)).toEqual(expected);
        expect(familyRequestSchema.parse(overTheWire(body))).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("keep the NIK digit-exact for any 16 digits, sent as a bare number or a string", () => {
    fc.assert(
      fc.property(nikDigits, anyDigits16, (bare, quoted) => {
        const fromNumber = lookupRequestSchema.parse(parseJsonLossless(`{"NIK":${bare}}`));
        expect(fromNumber.nik).toBe(bare);
        const fromString = lookupRequestSchema.parse(parseJsonLossless(`{"nik":"${quoted}"}`));
        expect(fromString.nik).toBe(quoted);
        // JSON.parse rounds above 2^53; the schema refuses the rounded number rather than read it.
        const rounded = JSON.parse(`{"NIK":${bare}}`).NIK as number;
        const viaJsonParse = lookupRequestSchema.safeParse({ NIK: rounded });
        if (Number.isSafeInteger(rounded)) expect(viaJsonParse.data?.nik).toBe(bare);
        else expect(viaJsonParse.success).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("never throw on arbitrary bodies: a failure names a key of the body or the missing nik", () => {
    fc.assert(
      fc.property(oddBody, (body) => {
        const result = lookupRequestSchema.safeParse(body);
        if (result.success) {
          expect(typeof result.data.nik).toBe("string");
          expect(result.data.nik.trim()).not.toBe("");
          for (const key of ["userId", "password", "ipUser"] as const) {
            expect(typeof result.data[key]).toBe("string");
          }
          expect(REQUEST_KEY_SPELLINGS.nik).toContain(result.data.spellings.nik);
          return;
        }
        expectIssuesNameBodyKeys(result.error, body, ["nik"]);
      }),
      { numRuns: 1000 },
    );
  });

  it("answer a missing or blank NIK with an issue at path nik, whatever else the body holds", () => {
    fc.assert(
      fc.property(
        lookupBody,
        fc.constantFrom(undefined, null, "", "  ", "\t\n"),
        ({ body }, blank) => {
          const copy: Record<string, unknown> = { ...body };
          for (const key of REQUEST_KEY_SPELLINGS.nik) delete copy[key];
          if (blank !== undefined) copy.nik = blank;
          const result = lookupRequestSchema.safeParse(copy);
          expect(result.success).toBe(false);
          expect(result.error?.issues.map((issue) => issue.path)).toEqual([["nik"]]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("verify request schema", () => {
  const thresholdSent = fc.oneof(
    fc.integer({ min: -200, max: 300 }).map((n) => ({ sent: n as unknown, value: n })),
    fc.integer({ min: 0, max: 999 }).map((n) => ({ sent: ` ${n} ` as unknown, value: n })),
    fc
      .integer({ min: 0, max: 100 })
      .map((n) => ({ sent: String(n).padStart(3, "0") as unknown, value: n })),
    fc
      .oneof(fc.string({ maxLength: 5 }), fc.double())
      .map((v) => ({ sent: v as unknown, value: Number.NaN })),
  );

  it("reads a threshold 0–100 (number or digit string) and names the threshold key otherwise", () => {
    fc.assert(
      fc.property(
        lookupBody,
        fc.constantFrom(...THRESHOLD_KEY_SPELLINGS),
        thresholdSent,
        ({ body, expected }, key, threshold) => {
          const result = verifyRequestSchema.safeParse({ ...body, [key]: threshold.sent });
          const readable =
            typeof threshold.sent === "number"
              ? Number.isInteger(threshold.sent) && threshold.sent >= 0 && threshold.sent <= 100
              : typeof threshold.sent === "string" &&
                /^\d{1,3}$/.test(threshold.sent.trim()) &&
                Number(threshold.sent) <= 100;
          if (readable) {
            expect(result.success).toBe(true);
            expect(result.data).toMatchObject({ ...expected, threshold: Number(threshold.sent) });
          } else {
            expect(result.success).toBe(false);
            for (const issue of result.error?.issues ?? []) expect(issue.path[0]).toBe(key);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("reads the elements sent, in element order, with TGL_LHR as YYYY-MM-DD and JENIS_KLMIN upper-cased", () => {
    fc.assert(
      fc.property(
        lookupBody,
        fc.dictionary(
          fc.constantFrom(...VERIFY_ELEMENTS),
          fc.oneof(fc.string(), fc.constant(null)),
          {
            maxKeys: VERIFY_ELEMENTS.length,
          },
        ),
        fc.option(
          fc.tuple(
            fc.stringMatching(/^\d{2}$/),
            fc.stringMatching(/^\d{2}$/),
            fc.stringMatching(/^\d{4}$/),
            fc.constantFrom("-", ".", "/"),
          ),
          { nil: undefined },
        ),
        ({ body, expected }, elements, dmy) => {
          const sent: Record<string, string | null> = { ...elements };
          if (dmy !== undefined) sent.TGL_LHR = dmy.slice(0, 3).join(dmy[3]);
          const result = verifyRequestSchema.parse(overTheWire({ ...body, ...sent }));
          expect(result).toMatchObject(expected);
          const read = result.elements as Record<string, string>;
          expect(Object.keys(read)).toEqual(
            VERIFY_ELEMENTS.filter((key) => typeof sent[key] === "string"),
          );
          for (const [key, value] of Object.entries(read)) {
            const original = sent[key] as string;
            if (key === "TGL_LHR") expect(value).toBe(normaliseWireDate(original));
            else if (key === "JENIS_KLMIN") expect(value).toBe(original.toUpperCase());
            else expect(value).toBe(original);
          }
          if (dmy !== undefined) expect(read.TGL_LHR).toBe(`${dmy[2]}-${dmy[1]}-${dmy[0]}`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never throws on arbitrary bodies; a failure names a key of the body or the missing nik", () => {
    fc.assert(
      fc.property(oddBody, (body) => {
        const result = verifyRequestSchema.safeParse(body);
        if (result.success) {
          expect(result.data.nik.trim()).not.toBe("");
          const t = result.data.threshold;
          expect(t === null || (Number.isInteger(t) && t >= 0 && t <= 100)).toBe(true);
          for (const value of Object.values(result.data.elements))
            expect(typeof value).toBe("string");
          return;
        }
        expectIssuesNameBodyKeys(result.error, body, ["nik"]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("data balikan request schema", () => {
  const paramKey = fc.string({ minLength: 1, maxLength: 12 }).filter((key) => key !== "__proto__");
  const submission: fc.Arbitrary<DataBalikanSubmission> = fc.record({
    institutionId: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ""),
    institutionName: fc.string({ maxLength: 40 }),
    items: fc.array(
      fc.record({
        nik: fc.oneof(
          anyDigits16,
          fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""),
        ),
        params: fc.array(fc.dictionary(paramKey, fc.string({ maxLength: 20 }), { maxKeys: 4 }), {
          maxLength: 3,
        }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  });

  it("reads back every submission the builder writes, over the wire (id_lembaga trimmed)", () => {
    fc.assert(
      fc.property(submission, (sub) => {
        const read = dataBalikanRequestSchema.parse(overTheWire(buildDataBalikanRequest(sub)));
        expect(read).toEqual([{ ...sub, institutionId: sub.institutionId.trim() }]);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps a big NIK sent as a bare number digit-exact", () => {
    fc.assert(
      fc.property(nikDigits, (nik) => {
        const text = `[{"id_lembaga":"BPS","nama_lembaga":"BPS","data":[{"NIK":${nik},"param":[{"K":1}]}]}]`;
        const read = dataBalikanRequestSchema.parse(parseJsonLossless(text));
        expect(read[0]?.items[0]).toEqual({ nik, params: [{ K: "1" }] });
      }),
      { numRuns: 500 },
    );
  });

  it("names the field of a blanked NIK, a blank id_lembaga or an empty data list", () => {
    fc.assert(
      fc.property(
        fc.array(submission, { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom("nik", "id_lembaga", "data"),
        (subs, s0, i0, what) => {
          const body = subs.flatMap((sub) => buildDataBalikanRequest(sub)) as Record<
            string,
            unknown
          >[];
          const s = s0 % body.length;
          const entry = body[s] as { data: Record<string, unknown>[]; id_lembaga: string };
          const i = i0 % entry.data.length;
          let expectedPath: (string | number)[];
          if (what === "nik") {
            entry.data[i] = { ...entry.data[i], NIK: " " };
            expectedPath = [s, "data", i, "NIK"];
          } else if (what === "id_lembaga") {
            entry.id_lembaga = "  ";
            expectedPath = [s, "id_lembaga"];
          } else {
            entry.data = [];
            expectedPath = [s, "data"];
          }
          const result = dataBalikanRequestSchema.safeParse(overTheWire(body));
          expect(result.success).toBe(false);
          expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(expectedPath);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never throws on arbitrary JSON; every issue path leads into the body", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ withBigInt: true }),
          fc.array(
            fc.dictionary(
              fc.constantFrom("id_lembaga", "nama_lembaga", "data", "x"),
              fc.oneof(
                fc.jsonValue({ maxDepth: 3 }),
                fc.array(
                  fc.dictionary(
                    fc.constantFrom("NIK", "nik", "param"),
                    fc.jsonValue({ maxDepth: 2 }),
                  ),
                ),
              ),
            ),
            { maxLength: 3 },
          ),
        ),
        (body) => {
          const result = dataBalikanRequestSchema.safeParse(body);
          if (result.success) {
            for (const entry of result.data) {
              expect(entry.institutionId.trim()).not.toBe("");
              for (const item of entry.items) expect(item.nik.trim()).not.toBe("");
            }
            return;
          }
          for (const issue of result.error.issues) {
            // Walk the path: every segment but a missing last one exists in the body.
            let node: unknown = body;
            issue.path.forEach((segment, index) => {
              if (index === issue.path.length - 1) return;
              expect(node !== null && typeof node === "object").toBe(true);
              node = (node as Record<PropertyKey, unknown>)[segment as PropertyKey];
            });
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

// --- Response schemas ---

const numericSet: ReadonlySet<string> = new Set(NUMERIC_ELEMENTS);
const dateSet: ReadonlySet<string> = new Set(DATE_ELEMENTS);

/** A person record to write: element → normalised value (or null), at least one value. */
const wireRecord: fc.Arbitrary<WireRecordInput> = fc
  .subarray([...RECORD_ELEMENTS], { minLength: 1 })
  .chain((keys) =>
    fc.tuple(
      ...keys.map((key) => {
        const value: fc.Arbitrary<string> = numericSet.has(key)
          ? NUMERIC_ELEMENT_WIDTH[key as NumericElement] === null
            ? nikDigits
            : fc
                .integer({
                  min: 0,
                  max: 10 ** (NUMERIC_ELEMENT_WIDTH[key as NumericElement] ?? 1) - 1,
                })
                .map((n) =>
                  String(n).padStart(NUMERIC_ELEMENT_WIDTH[key as NumericElement] ?? 0, "0"),
                )
          : dateSet.has(key)
            ? fc
                .date({
                  min: new Date("1900-01-01"),
                  max: new Date("2099-12-31"),
                  noInvalidDate: true,
                })
                .map((d) => d.toISOString().slice(0, 10))
            : fc.string({ maxLength: 30 });
        return fc.tuple(fc.constant(key), fc.option(value, { nil: null, freq: 5 }));
      }),
    ),
  )
  .map((entries) => Object.fromEntries(entries) as WireRecordInput)
  .filter((record) => Object.values(record).some((value) => value !== null));

const FAILURE_CODES = responseCodes.map((row) => row.code).filter((code) => code !== "01");

describe("response schemas", () => {
  it("read back every lookup and family answer the writers build, in both number dialects", () => {
    fc.assert(
      fc.property(
        fc.array(wireRecord, { minLength: 1, maxLength: 3 }),
        fc.constantFrom("bare" as const, "string" as const),
        fc.option(fc.integer({ min: -1000, max: 1_000_000 }), { nil: undefined }),
        (records, numbers, quotaLimiter) => {
          const [first] = records as [WireRecordInput];
          const answer = lookupResponseSchema.parse(
            overTheWire(buildLookupSuccess(first, { numbers, quotaLimiter })),
          );
          expect(answer.content).toEqual([first]);
          expect(answer.quotaLimiter).toBe(quotaLimiter);
          const family = familyResponseSchema.parse(
            overTheWire(buildLookupSuccess(first, { numbers })),
          );
          expect(family.numberOfElements).toBe(1);
          for (const record of records) {
            expect(
              personRecordSchema.parse(
                overTheWire(buildLookupSuccess(record, { numbers }).content[0]),
              ),
            ).toEqual(record);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("read back every verify answer the writers build", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom("NIK", ...VERIFY_ELEMENTS),
          fc
            .tuple(fc.boolean(), fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }))
            .map(
              ([match, score]): VerifyFieldResult =>
                score === undefined ? { match } : { match, score },
            ),
          { minKeys: 1 },
        ),
        fc.integer({ min: 0, max: 1_000_000 }),
        (results, quotaLimiter) => {
          const answer = verifyResponseSchema.parse(
            overTheWire(buildVerifySuccess(results, { quotaLimiter })),
          );
          expect(answer.content).toEqual([results]);
          expect(answer.quotaLimiter).toBe(quotaLimiter);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("read back every failure answer, with a dialect's text override", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FAILURE_CODES),
        fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
        (code, text, quotaLimiter) => {
          const texts = text === undefined ? undefined : { [code]: text };
          const row = responseCodes.find((r) => r.code === code);
          if (row?.lookupText !== null && row?.lookupText !== undefined) {
            const lookup = lookupResponseSchema.parse(
              overTheWire(buildLookupFailure(code, { texts, quotaLimiter })),
            );
            expect(lookup.content).toEqual([{ RESPON: text ?? row.lookupText }]);
          }
          if (row?.verifyText !== null && row?.verifyText !== undefined) {
            const verify = verifyResponseSchema.parse(
              overTheWire(buildVerifyFailure(code, { texts, quotaLimiter })),
            );
            const record = verify.content[0] as Record<string, unknown>;
            expect(record).toMatchObject({ RESPONSE_CODE: code, RESPONSE: text ?? row.verifyText });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("read quotaLimiter sent as a digit string as the same integer", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: Number.MAX_SAFE_INTEGER }), (quota) => {
        const envelope = { ...buildLookupFailure("13"), quotaLimiter: String(quota) };
        expect(lookupResponseSchema.parse(envelope).quotaLimiter).toBe(quota);
      }),
      { numRuns: 300 },
    );
  });

  it("never throw on arbitrary JSON, and accept only envelopes with integer counters and sort null", () => {
    const envelopeish = fc.record(
      {
        content: fc.oneof(
          fc.array(fc.oneof(fc.jsonValue({ maxDepth: 2 }), wireRecord as fc.Arbitrary<unknown>), {
            maxLength: 2,
          }),
          fc.jsonValue({ maxDepth: 1 }),
        ),
        lastPage: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 0 })),
        numberOfElements: fc.oneof(fc.nat(5), fc.jsonValue({ maxDepth: 0 })),
        sort: fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 0 })),
        totalElements: fc.nat(5),
        firstPage: fc.boolean(),
        number: fc.nat(5),
        size: fc.oneof(fc.nat(5), fc.double()),
        quotaLimiter: fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.double()),
      },
      { requiredKeys: [] },
    );
    // Envelopes the writers build, most with one field replaced by an odd value: arbitrary
    // JSON is almost never an envelope, so without these the accepting side would not run.
    const oddValue = fc.oneof(
      fc.jsonValue({ maxDepth: 1 }),
      fc.double(),
      fc.string({ maxLength: 4 }),
      fc.constantFrom(1.5, -1, "1", 2 ** 53, null),
    );
    type Kind = "lookup" | "verify" | "family";
    const built: fc.Arbitrary<{ envelope: unknown; kinds: readonly Kind[] }> = fc.oneof(
      wireRecord.map((record) => ({
        envelope: overTheWire(buildLookupSuccess(record, { numbers: "bare" })),
        kinds: ["lookup", "family"] as const,
      })),
      fc
        .dictionary(
          fc.constantFrom("NIK", ...VERIFY_ELEMENTS),
          fc.boolean().map((match): VerifyFieldResult => ({ match })),
          { minKeys: 1 },
        )
        .map((results) => ({
          envelope: overTheWire(buildVerifySuccess(results)),
          kinds: ["verify"] as const,
        })),
    );
    const nearEnvelope = fc
      .tuple(
        built,
        fc.option(
          fc.tuple(
            fc.constantFrom(
              "content",
              "lastPage",
              "numberOfElements",
              "sort",
              "totalElements",
              "firstPage",
              "number",
              "size",
              "quotaLimiter",
            ),
            oddValue,
          ),
          { nil: undefined, freq: 2 },
        ),
      )
      .map(([{ envelope, kinds }, change]) =>
        change === undefined
          ? { value: envelope, kinds }
          : { value: { ...(envelope as object), [change[0]]: change[1] }, kinds: [] },
      );
    const anyValue = (value: unknown) => ({ value, kinds: [] as readonly Kind[] });
    const accepted = { lookup: 0, verify: 0, family: 0, balikan: 0 };
    const schemas = [
      ["lookup", lookupResponseSchema],
      ["verify", verifyResponseSchema],
      ["family", familyResponseSchema],
    ] as const;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }).map(anyValue),
          envelopeish.map(anyValue),
          nearEnvelope,
          fc.record({ message: fc.oneof(fc.string({ maxLength: 20 }), oddValue) }).map(anyValue),
        ),
        ({ value, kinds }) => {
          for (const [name, schema] of schemas) {
            const result = schema.safeParse(value);
            // An envelope as its writer built it is read by the schema of its kind.
            if (kinds.includes(name)) expect(result.success).toBe(true);
            if (!result.success) continue;
            accepted[name] += 1;
            const data = result.data as Record<string, unknown>;
            expect(data.sort).toBeNull();
            for (const key of ["numberOfElements", "totalElements", "number", "size"]) {
              expect(Number.isSafeInteger(data[key])).toBe(true);
            }
            expect(data.quotaLimiter === undefined || Number.isSafeInteger(data.quotaLimiter)).toBe(
              true,
            );
          }
          const balikan = dataBalikanResponseSchema.safeParse(value);
          if (balikan.success) {
            accepted.balikan += 1;
            expect(typeof balikan.data.message).toBe("string");
          }
        },
      ),
      { numRuns: 1000 },
    );
    // Every schema's accepting side ran.
    for (const [name, count] of Object.entries(accepted)) {
      expect([name, count > 20]).toEqual([name, true]);
    }
  });

  it("read a person record without ever rounding a numeric element", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NUMERIC_ELEMENTS),
        fc.oneof(fc.double(), fc.integer(), fc.bigInt(), fc.string({ maxLength: 20 })),
        (element: RecordElement, value) => {
          const result = personRecordSchema.safeParse({ [element]: value });
          if (typeof value === "number" && (!Number.isSafeInteger(value) || value < 0)) {
            expect(result.success).toBe(false);
            return;
          }
          if (typeof value === "bigint" && value < 0n) {
            expect(result.success).toBe(false);
            return;
          }
          if (!result.success) {
            // Only a blank string (no value at all) is refused among the rest.
            expect(typeof value === "string" && value.trim() === "").toBe(true);
            return;
          }
          const read = result.data[element] as string;
          const width = NUMERIC_ELEMENT_WIDTH[element as NumericElement];
          const sent = String(value);
          expect(read).toBe(
            /^[0-9]+$/.test(sent) && width !== null ? sent.padStart(width, "0") : sent,
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});
