import { describe, expect, expectTypeOf, it } from "vitest";
import { outcomeRow, responseCodes } from "../src/catalogue/response-codes.js";
import { isDukcapilResponseFormatError } from "../src/client/errors.js";
import {
  type FailureOutcome,
  failureOutcome,
  familyOutcomeFromBody,
  localMalformedNikOutcome,
  lookupOutcomeFromBody,
  verifyOutcomeFromBody,
} from "../src/client/outcome.js";
import { buildEnvelope } from "../src/wire/envelope.js";
import { buildFamilySuccess } from "../src/wire/family.js";
import { buildLookupFailure, buildLookupSuccess } from "../src/wire/lookup.js";
import { parseJsonLossless, stringifyLossless } from "../src/wire/lossless-json.js";
import type { VerifyFieldResult } from "../src/wire/values.js";
import { buildVerifyFailure, buildVerifySuccess } from "../src/wire/verify.js";

/** What a client would read from the wire: writer → text → lossless reader. */
const overTheWire = (value: unknown) => parseJsonLossless(stringifyLossless(value));

const failureRows = responseCodes.filter((row) => row.code !== "01");

describe("lookup outcomes", () => {
  it.each(failureRows.map((row) => [row.code, row.outcome, row] as const))(
    "maps the lookup text of %s to outcome %s",
    (code, outcome, row) => {
      const result = lookupOutcomeFromBody(overTheWire(buildLookupFailure(code)));
      expect(result).toMatchObject({
        code,
        outcome,
        text: row.lookupText,
        local: false,
        remainingQuota: null,
      });
      expect(result.code !== "01" && result.code !== "unknown" && result.row).toBe(row);
    },
  );

  it.each(
    failureRows.flatMap((row) => row.textVariants.map((variant) => [variant, row.code] as const)),
  )("maps the variant %j to %s", (variant, code) => {
    const body = overTheWire(buildEnvelope([{ RESPON: variant }]));
    expect(lookupOutcomeFromBody(body).code).toBe(code);
  });

  it("maps a text the catalogue does not know to unknown, without throwing", () => {
    const result = lookupOutcomeFromBody(
      overTheWire(buildEnvelope([{ RESPON: "Server sedang sibuk" }])),
    );
    expect(result).toEqual({
      code: "unknown",
      outcome: "unknown",
      text: "Server sedang sibuk",
      responseCode: null,
      remainingQuota: null,
      local: false,
    });
  });

  it("maps a record to found, with the big NIK digit-exact and quotaLimiter as remainingQuota", () => {
    const body = overTheWire(
      buildLookupSuccess({ NIK: "9171011203900001", NO_PROP: "91" }, { quotaLimiter: 7 }),
    );
    const result = lookupOutcomeFromBody(body);
    expect(result.code).toBe("01");
    if (result.code !== "01") return;
    expect(result.record).toEqual({ NIK: "9171011203900001", NO_PROP: "91" });
    expect(result.raw).toEqual({ NIK: 9171011203900001n, NO_PROP: 91 });
    expect(result.remainingQuota).toBe(7);
  });

  it.each([
    ["not an object", "oops"],
    ["no content", { lastPage: true }],
    ["empty content", { content: [] }],
    ["a record of the wrong shape", { content: [{ NIK: { x: 1 } }] }],
  ])("throws DukcapilResponseFormatError for %s", (_name, body) => {
    expect(() => lookupOutcomeFromBody(body)).toThrow(
      expect.objectContaining({
        code: "DKS_CORE_RESPONSE_FORMAT",
        name: "DukcapilResponseFormatError",
      }),
    );
  });

  it("keeps only the structure of the body in a format error: keys, never person values", () => {
    const body = {
      content: [
        {
          NIK: 3204014101900001n,
          NO_KK: "3204010101200009",
          NAMA_LGKP: "SITI AMINAH",
          ALAMAT: "JL. MAWAR NO. 5",
          TGL_LHR: "1990-01-01",
          NO_RT: { bad: true },
        },
      ],
      quotaLimiter: 41,
    };
    try {
      lookupOutcomeFromBody(body);
      expect.unreachable();
    } catch (error) {
      expect(isDukcapilResponseFormatError(error)).toBe(true);
      const text = `${(error as Error).message} ${JSON.stringify((error as { details: unknown }).details)}`;
      for (const secret of [
        "3204014101900001",
        "3204010101200009",
        "SITI",
        "MAWAR",
        "1990-01-01",
      ]) {
        expect(text).not.toContain(secret);
      }
      const excerpt = (error as { details: { bodyExcerpt: string } }).details.bodyExcerpt;
      expect(excerpt).toContain('"NAMA_LGKP":"…"');
      expect(excerpt).toContain('"NIK":3204**********01');
      expect(excerpt).toContain('"quotaLimiter":41');
    }
  });
});

describe("regressions: an error answer is never 'found' (review finding 1)", () => {
  const failsWithFormatError = (read: () => unknown) =>
    expect(read).toThrow(
      expect.objectContaining({
        code: "DKS_CORE_RESPONSE_FORMAT",
        name: "DukcapilResponseFormatError",
      }),
    );

  it("reads a lookup error record written the verify way, by RESPONSE_CODE and RESPONSE", () => {
    const body = {
      content: [{ RESPONSE_CODE: "05", RESPONSE: "Kuota Akses Hari Ini Telah Habis" }],
      quotaLimiter: 0,
    };
    expect(lookupOutcomeFromBody(body)).toMatchObject({
      code: "05",
      outcome: "quota-exhausted",
      text: "Kuota Akses Hari Ini Telah Habis",
      remainingQuota: 0,
    });
    expect(familyOutcomeFromBody(body).code).toBe("05");
  });

  it("reads a lookup RESPONSE_CODE without a text by the catalogue's lookup text", () => {
    expect(lookupOutcomeFromBody({ content: [{ RESPONSE_CODE: 3 }] })).toMatchObject({
      code: "03",
      text: "Login Gagal",
    });
  });

  it("reads a lookup RESPONSE_CODE the catalogue lacks as unknown, with the code", () => {
    expect(
      lookupOutcomeFromBody({ content: [{ RESPONSE_CODE: "08", RESPONSE: "Sedang sibuk" }] }),
    ).toMatchObject({ code: "unknown", responseCode: "08", text: "Sedang sibuk" });
  });

  it("refuses an empty record {} as a lookup, family or verify answer", () => {
    const body = { content: [{}] };
    failsWithFormatError(() => lookupOutcomeFromBody(body));
    failsWithFormatError(() => familyOutcomeFromBody(body));
    failsWithFormatError(() => verifyOutcomeFromBody(body));
  });

  it('refuses {"message":"Unauthorized"} as a body and as a record', () => {
    for (const body of [{ message: "Unauthorized" }, { content: [{ message: "Unauthorized" }] }]) {
      failsWithFormatError(() => lookupOutcomeFromBody(body));
      failsWithFormatError(() => familyOutcomeFromBody(body));
      failsWithFormatError(() => verifyOutcomeFromBody(body));
    }
  });

  it("refuses an error record without a text, { RESPON: null }", () => {
    const body = { content: [{ RESPON: null }] };
    failsWithFormatError(() => lookupOutcomeFromBody(body));
    failsWithFormatError(() => familyOutcomeFromBody(body));
    failsWithFormatError(() => verifyOutcomeFromBody(body));
  });

  it("refuses a record whose every element is null", () => {
    failsWithFormatError(() =>
      lookupOutcomeFromBody({ content: [{ NIK: null, NAMA_LGKP: null }] }),
    );
  });

  it("does not count a { RESPON } in content[1] as a family member", () => {
    failsWithFormatError(() =>
      familyOutcomeFromBody({
        content: [{ NIK: "3204010101800001" }, { RESPON: "Data Tidak Ditemukan" }],
      }),
    );
  });

  it("keeps a lookup record that carries RESPONSE_CODE 01 as found", () => {
    const outcome = lookupOutcomeFromBody({
      content: [{ RESPONSE_CODE: "01", NIK: "3204010101800001" }],
    });
    expect(outcome.code === "01" && outcome.record).toEqual({ NIK: "3204010101800001" });
  });
});

describe("verify outcomes", () => {
  it.each(failureRows.map((row) => [row.code, row.outcome, row] as const))(
    "maps RESPONSE_CODE %s to outcome %s",
    (code, outcome, row) => {
      const result = verifyOutcomeFromBody(
        overTheWire(buildVerifyFailure(code, { quotaLimiter: 3 })),
      );
      expect(result).toMatchObject({
        code,
        outcome,
        text: row.verifyText,
        remainingQuota: 3,
        local: false,
      });
    },
  );

  it.each(failureRows.map((row) => [row.code, row] as const))(
    "maps the verify text of %s without RESPONSE_CODE",
    (code, row) => {
      const body = overTheWire(buildEnvelope([{ RESPONSE: row.verifyText }]));
      expect(verifyOutcomeFromBody(body).code).toBe(code);
    },
  );

  it.each(failureRows.map((row) => [row.code, row] as const))(
    "maps JULO's { RESPON, RESPONSE_CODE } record of %s",
    (code, row) => {
      const body = overTheWire(buildEnvelope([{ RESPON: row.verifyText, RESPONSE_CODE: code }]));
      expect(verifyOutcomeFromBody(body).code).toBe(code);
    },
  );

  it("trusts RESPONSE_CODE over the text", () => {
    const body = { content: [{ RESPONSE_CODE: "05", RESPONSE: "Login Gagal" }] };
    expect(verifyOutcomeFromBody(body)).toMatchObject({ code: "05", text: "Login Gagal" });
  });

  it("maps a RESPONSE_CODE the catalogue lacks (08) to unknown with the code", () => {
    const body = { content: [{ RESPONSE_CODE: "08", RESPONSE: "NIK tidak dapat diproses" }] };
    expect(verifyOutcomeFromBody(body)).toMatchObject({
      code: "unknown",
      responseCode: "08",
      text: "NIK tidak dapat diproses",
    });
  });

  it("maps per-field results to found", () => {
    const body = overTheWire(
      buildVerifySuccess(
        { NIK: { match: true }, NAMA_LGKP: { match: false, score: 59 }, TGL_LHR: { match: true } },
        { quotaLimiter: 56616 },
      ),
    );
    const result = verifyOutcomeFromBody(body);
    expect(result).toMatchObject({
      code: "01",
      outcome: "found",
      remainingQuota: 56616,
      results: {
        NIK: { match: true },
        NAMA_LGKP: { match: false, score: 59 },
        TGL_LHR: { match: true },
      },
    });
  });

  it("maps an element not granted to the institution (null) to a typed null result", () => {
    const body = overTheWire(
      buildVerifySuccess(
        { NIK: { match: true }, NAMA_LGKP: { match: true, score: 100 }, NAMA_LGKP_IBU: null },
        { quotaLimiter: 41 },
      ),
    );
    const result = verifyOutcomeFromBody(body);
    if (result.code !== "01") throw new Error(`expected found, got ${result.code}`);
    expectTypeOf(result.results).toEqualTypeOf<
      Readonly<Record<string, VerifyFieldResult | null>>
    >();
    expect(result.results.NAMA_LGKP_IBU).toBeNull();
    expect(result.results).toEqual({
      NIK: { match: true },
      NAMA_LGKP: { match: true, score: 100 },
      NAMA_LGKP_IBU: null,
    });
    expect(result.remainingQuota).toBe(41);
  });

  it("throws DukcapilResponseFormatError for a record of ungranted (null) elements only", () => {
    expect(() => verifyOutcomeFromBody({ content: [{ NAMA_LGKP_IBU: null }] })).toThrow(
      expect.objectContaining({ code: "DKS_CORE_RESPONSE_FORMAT" }),
    );
  });

  it("tolerates a success record that carries RESPONSE_CODE 01", () => {
    const result = verifyOutcomeFromBody({ content: [{ RESPONSE_CODE: "01", NIK: "Sesuai" }] });
    expect(result).toMatchObject({ code: "01", results: { NIK: { match: true } } });
  });

  it("throws DukcapilResponseFormatError for a result it cannot read", () => {
    expect(() => verifyOutcomeFromBody({ content: [{ NIK: "Cocok" }] })).toThrow(
      expect.objectContaining({ code: "DKS_CORE_RESPONSE_FORMAT" }),
    );
  });
});

describe("family outcomes", () => {
  it("maps members to found", () => {
    const body = overTheWire(
      buildFamilySuccess([{ NIK: "3204010101800001" }, { NIK: "9171014101850002" }]),
    );
    const result = familyOutcomeFromBody(body);
    expect(result.code === "01" && result.members).toEqual([
      { NIK: "3204010101800001" },
      { NIK: "9171014101850002" },
    ]);
  });

  it.each(failureRows.map((row) => [row.code, row] as const))("maps failure %s", (code) => {
    expect(familyOutcomeFromBody(overTheWire(buildLookupFailure(code))).code).toBe(code);
  });
});

describe("failure outcomes built from rows (review findings 12, 15)", () => {
  it("refuses the found row and rows that are not in the catalogue with a coded error", () => {
    const found = responseCodes.find((row) => row.code === "01");
    for (const row of [found, { code: "99" }, null]) {
      expect(() => failureOutcome(row as never, "x")).toThrow(
        expect.objectContaining({ name: "DukcapilCoreError", code: "DKS_CORE_INVALID_OPTIONS" }),
      );
    }
  });

  it("narrows outcome with code and code with outcome", () => {
    const outcome = failureOutcome(
      outcomeRow("quota-exhausted"),
      "Kuota Akses Hari ini telah Habis",
    );
    if (outcome.code === "05") expectTypeOf(outcome.outcome).toEqualTypeOf<"quota-exhausted">();
    if (outcome.outcome === "deceased") expectTypeOf(outcome.code).toEqualTypeOf<"11">();
    expectTypeOf<FailureOutcome<"13">["outcome"]>().toEqualTypeOf<"not-found">();
    expect(outcome).toMatchObject({ code: "05", outcome: "quota-exhausted" });
  });
});

describe("local outcome", () => {
  it("answers a malformed NIK with the catalogue's malformed-nik row, locally", () => {
    const row = responseCodes.find((candidate) => candidate.outcome === "malformed-nik");
    expect(localMalformedNikOutcome("lookupText", "length")).toEqual({
      code: row?.code,
      outcome: "malformed-nik",
      text: row?.lookupText,
      row,
      local: true,
      reason: "length",
      remainingQuota: null,
    });
  });
});
