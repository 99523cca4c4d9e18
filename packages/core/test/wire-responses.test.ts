import { describe, expect, it } from "vitest";
import { responseCodes } from "../src/catalogue/response-codes.js";
import { isDukcapilCoreError } from "../src/errors.js";
import {
  buildDataBalikanRequest,
  buildDataBalikanResponse,
  dataBalikanResponseSchema,
} from "../src/wire/data-balikan.js";
import { ENVELOPE_KEYS, QUOTA_ENVELOPE_KEYS } from "../src/wire/envelope.js";
import {
  buildFamilyFailure,
  buildFamilySuccess,
  familyResponseSchema,
} from "../src/wire/family.js";
import {
  ELEMENT_VALUE_LISTS,
  FUZZY_VERIFY_ELEMENTS,
  JENIS_PKRJN_VALUES,
  NUMERIC_ELEMENTS,
  PERSON_ELEMENTS,
  RECORD_ELEMENTS,
  VERIFY_ELEMENTS,
  WEB_PORTAL_GRANT,
} from "../src/wire/fields.js";
import {
  buildLookupFailure,
  buildLookupSuccess,
  lookupResponseSchema,
} from "../src/wire/lookup.js";
import { parseJsonLossless, stringifyLossless } from "../src/wire/lossless-json.js";
import { personRecordSchema, writePersonRecord } from "../src/wire/record.js";
import { formatVerifyResult, parseVerifyResult } from "../src/wire/values.js";
import {
  buildVerifyFailure,
  buildVerifySuccess,
  verifyResponseSchema,
  verifyResultRecordSchema,
} from "../src/wire/verify.js";

// The examples of shared/spec/wire-format.md §2.1–2.3, joined where the spec wraps lines.
const SPEC_2_1 = (record: string) =>
  `{"content":[${record}],"lastPage":true,"numberOfElements":1,"sort":null,"totalElements":1,"firstPage":true,"number":0,"size":1}`;
const SPEC_2_2 =
  '{"content":[{"RESPON":"Data Tidak Ditemukan"}],"lastPage":true,"numberOfElements":1,"sort":null,"totalElements":1,"firstPage":true,"number":0,"size":1}';
const SPEC_2_3 = (record: string) =>
  `{"content":[${record}],"lastPage":true,"numberOfElements":1,"sort":null,"totalElements":1,"firstPage":true,"number":0,"size":1,"quotaLimiter":56616}`;

const failureRows = responseCodes.filter((row) => row.code !== "01");

describe("element lists", () => {
  it("lists the 33 elements of §3.1 in order, plus EKTP_STATUS for records", () => {
    expect(PERSON_ELEMENTS).toHaveLength(33);
    expect(new Set(PERSON_ELEMENTS).size).toBe(33);
    expect(PERSON_ELEMENTS.slice(0, 3)).toEqual(["NIK", "NO_KK", "NAMA_LGKP"]);
    expect(PERSON_ELEMENTS.at(-1)).toBe("KEL_NAME");
    expect(RECORD_ELEMENTS).toEqual([...PERSON_ELEMENTS, "EKTP_STATUS"]);
  });

  it("expands the 9-element Web Portal grant to its 16 record keys", () => {
    expect(WEB_PORTAL_GRANT).toHaveLength(16);
    expect(WEB_PORTAL_GRANT).not.toContain("AGAMA");
    expect(WEB_PORTAL_GRANT).not.toContain("NO_KEL");
    for (const key of WEB_PORTAL_GRANT) expect(RECORD_ELEMENTS).toContain(key);
  });

  it("keeps the numeric, verify and fuzzy lists inside the record elements", () => {
    for (const key of [...NUMERIC_ELEMENTS, ...VERIFY_ELEMENTS])
      expect(RECORD_ELEMENTS).toContain(key);
    for (const key of FUZZY_VERIFY_ELEMENTS) expect(VERIFY_ELEMENTS).toContain(key);
  });

  it("has value lists of unique upper-case values, with the values seen in real responses", () => {
    for (const values of Object.values(ELEMENT_VALUE_LISTS)) {
      expect(new Set(values).size).toBe(values.length);
      for (const value of values) expect(value).toBe(value.toUpperCase());
    }
    expect(JENIS_PKRJN_VALUES).toHaveLength(89);
    expect(ELEMENT_VALUE_LISTS.JENIS_PKRJN).toEqual(
      expect.arrayContaining(["PETANI/PEKEBUN", "KARYAWAN SWASTA"]),
    );
    expect(ELEMENT_VALUE_LISTS.PDDK_AKH).toEqual(
      expect.arrayContaining(["TAMAT SD/SEDERAJAT", "DIPLOMA IV/STRATA I", "SLTA/SEDERAJAT"]),
    );
    expect(ELEMENT_VALUE_LISTS.GOL_DARAH).toContain("TIDAK TAHU");
  });
});

describe("envelope writers", () => {
  it("writes the envelope keys in the exact order of §2.1", () => {
    expect(Object.keys(buildLookupSuccess({ NIK: "3204014101900001" }))).toEqual([
      ...ENVELOPE_KEYS,
    ]);
    expect(Object.keys(buildVerifySuccess({ NIK: { match: true } }, { quotaLimiter: 1 }))).toEqual([
      ...QUOTA_ENVELOPE_KEYS,
    ]);
  });

  it("writes a lookup success byte for byte as §2.1", () => {
    const envelope = buildLookupSuccess({
      NIK: "3171011203900001",
      NAMA_LGKP: "ARI BUCHARI ",
      NO_RT: "006",
    });
    expect(stringifyLossless(envelope)).toBe(
      SPEC_2_1('{"NIK":3171011203900001,"NAMA_LGKP":"ARI BUCHARI ","NO_RT":6}'),
    );
  });

  it("writes a lookup failure byte for byte as §2.2", () => {
    expect(stringifyLossless(buildLookupFailure("13"))).toBe(SPEC_2_2);
  });

  it("writes a verify success byte for byte as §2.3, quotaLimiter after size", () => {
    const envelope = buildVerifySuccess(
      { NIK: { match: true }, NAMA_LGKP: { match: true, score: 100 } },
      { quotaLimiter: 56616 },
    );
    expect(stringifyLossless(envelope)).toBe(
      SPEC_2_3('{"NIK":"Sesuai","NAMA_LGKP":"Sesuai (100)"}'),
    );
  });

  it("writes an ungranted element of a verify success as JSON null, never a result", () => {
    const envelope = buildVerifySuccess(
      { NIK: { match: true }, NAMA_LGKP: { match: true, score: 100 }, NAMA_LGKP_IBU: null },
      { quotaLimiter: 56616 },
    );
    expect(stringifyLossless(envelope)).toBe(
      SPEC_2_3('{"NIK":"Sesuai","NAMA_LGKP":"Sesuai (100)","NAMA_LGKP_IBU":null}'),
    );
  });

  it("never puts RESPONSE_CODE into a verify success record", () => {
    expect(() => buildVerifySuccess({ NIK: "Sesuai", RESPONSE_CODE: "01" })).toThrow(
      expect.objectContaining({ code: "DKS_CORE_INVALID_OPTIONS" }),
    );
  });

  it.each(failureRows.map((row) => [row.code, row] as const))(
    "writes lookup failure %s with the catalogue's lookupText only",
    (code, row) => {
      const envelope = buildLookupFailure(code);
      expect(envelope.content).toEqual([{ RESPON: row.lookupText }]);
      expect(envelope).not.toHaveProperty("quotaLimiter");
    },
  );

  it.each(failureRows.map((row) => [row.code, row] as const))(
    "writes verify failure %s with RESPONSE_CODE, RESPONSE, RESPONSE_DESC and RESPON",
    (code, row) => {
      const envelope = buildVerifyFailure(code, { quotaLimiter: 10 });
      const record = envelope.content[0];
      expect(record).toEqual({
        RESPONSE_CODE: code,
        RESPONSE: row.verifyText,
        RESPONSE_DESC: row.verifyText,
        RESPON: row.verifyText,
      });
      expect(Object.keys(record ?? {})).toEqual([
        "RESPONSE_CODE",
        "RESPONSE",
        "RESPONSE_DESC",
        "RESPON",
      ]);
      expect(envelope.quotaLimiter).toBe(10);
    },
  );

  it("lets a dialect override a row's text and add quotaLimiter to lookup", () => {
    const envelope = buildLookupFailure("13", {
      texts: { "13": "Data tidak ditemukan" },
      quotaLimiter: 199,
    });
    expect(stringifyLossless(envelope)).toBe(
      '{"content":[{"RESPON":"Data tidak ditemukan"}],"lastPage":true,"numberOfElements":1,"sort":null,"totalElements":1,"firstPage":true,"number":0,"size":1,"quotaLimiter":199}',
    );
    expect(buildVerifyFailure("05", { texts: { "05": "Kuota habis" } }).content[0]).toMatchObject({
      RESPONSE: "Kuota habis",
      RESPON: "Kuota habis",
    });
  });

  it("refuses to build a failure for code 01 or an unknown code", () => {
    expect(() => buildLookupFailure("01")).toThrow(
      /Failed to build the lookup failure answer: "01"/,
    );
    expect(() => buildVerifyFailure("08" as "05")).toThrow(
      expect.objectContaining({ code: "DKS_CORE_INVALID_OPTIONS" }),
    );
  });

  it("refuses unknown writer options (strict)", () => {
    expect(() => buildLookupSuccess({}, { numbers: "hex" } as never)).toThrow(
      expect.objectContaining({ code: "DKS_CORE_INVALID_OPTIONS" }),
    );
    expect(() => buildLookupSuccess({}, { quota: 1 } as never)).toThrow(
      /Failed to build the lookup answer/,
    );
  });

  it("writes a family envelope with numberOfElements = totalElements = members", () => {
    const members = [
      { NIK: "3204010101800001", STAT_HBKEL: "KEPALA KELUARGA" },
      { NIK: "3204014101850002", STAT_HBKEL: "ISTRI" },
      { NIK: "9171010101100003", STAT_HBKEL: "ANAK" },
    ];
    const envelope = buildFamilySuccess(members);
    expect(envelope).toMatchObject({ numberOfElements: 3, totalElements: 3, size: 3, number: 0 });
    expect(Object.keys(envelope)).toEqual([...ENVELOPE_KEYS]);
    expect(stringifyLossless(envelope)).toContain('{"NIK":9171010101100003,"STAT_HBKEL":"ANAK"}');
    expect(buildFamilyFailure("13").content).toEqual([{ RESPON: "Data Tidak Ditemukan" }]);
  });
});

describe("record dialects", () => {
  const record = {
    NIK: "9171011203900001",
    NO_KK: "9171010101200009",
    NAMA_LGKP: "SITI",
    NO_PROP: "91",
    NO_KAB: "71",
    NO_KEC: "01",
    NO_KEL: "1005",
    NO_RT: "006",
    NO_RW: "011",
    KODE_POS: null,
    TGL_LHR: "1990-03-12",
  } as const;

  it("writes numeric elements as bare big-safe numbers without leading zeros by default", () => {
    expect(stringifyLossless(writePersonRecord(record))).toBe(
      '{"NIK":9171011203900001,"NO_KK":9171010101200009,"NAMA_LGKP":"SITI","NO_PROP":91,"NO_KAB":71,"NO_KEC":1,"NO_KEL":1005,"NO_RT":6,"NO_RW":11,"KODE_POS":null,"TGL_LHR":"1990-03-12"}',
    );
  });

  it("writes numeric elements as digit strings in the string dialect", () => {
    expect(stringifyLossless(writePersonRecord(record, { numbers: "string" }))).toBe(
      '{"NIK":"9171011203900001","NO_KK":"9171010101200009","NAMA_LGKP":"SITI","NO_PROP":"91","NO_KAB":"71","NO_KEC":"01","NO_KEL":"1005","NO_RT":"006","NO_RW":"011","KODE_POS":null,"TGL_LHR":"1990-03-12"}',
    );
  });

  it("projects a record onto a grant, in the grant's order, with null for missing values", () => {
    const written = writePersonRecord(record, { elements: WEB_PORTAL_GRANT });
    expect(Object.keys(written)).toEqual([...WEB_PORTAL_GRANT]);
    expect(written.JENIS_KLMIN).toBeNull();
    expect(written).not.toHaveProperty("NO_KEL");
  });

  it("reads both dialects back to the same padded strings", () => {
    const bare = personRecordSchema.parse(
      parseJsonLossless(stringifyLossless(writePersonRecord(record))),
    );
    const strings = personRecordSchema.parse(
      parseJsonLossless(stringifyLossless(writePersonRecord(record, { numbers: "string" }))),
    );
    expect(bare).toEqual(strings);
    expect(bare).toEqual(record);
  });

  it("reads the real Kalbar-style record: bare numbers, padding, nulls and trailing spaces", () => {
    const text =
      '{"NO_KK":6171010101100001,"NIK":6171011203690001,"NAMA_LGKP":"ARI BUCHARI ","NO_RW":8,"NO_RT":11,"NO_KEL":1005,"NO_KEC":2,"NO_KAB":75,"NO_PROP":31,"KODE_POS":null,"TGL_LHR":"1969-03-10","TGL_KWN":null,"EKTP_CREATED":null}';
    expect(personRecordSchema.parse(parseJsonLossless(text))).toEqual({
      NO_KK: "6171010101100001",
      NIK: "6171011203690001",
      NAMA_LGKP: "ARI BUCHARI ",
      NO_RW: "008",
      NO_RT: "011",
      NO_KEL: "1005",
      NO_KEC: "02",
      NO_KAB: "75",
      NO_PROP: "31",
      KODE_POS: null,
      TGL_LHR: "1969-03-10",
      TGL_KWN: null,
    });
  });

  it.each([
    ["1969-03-10", "1969-03-10"],
    ["1969-03-10 00:00:00", "1969-03-10"],
    ["10-03-1969", "1969-03-10"],
    ["", null],
  ])("reads TGL_LHR %j as %j", (sent, expected) => {
    expect(personRecordSchema.parse({ NIK: "3204014101900001", TGL_LHR: sent }).TGL_LHR).toBe(
      expected,
    );
  });

  it("refuses a NIK number that JSON.parse already rounded", () => {
    expect(personRecordSchema.safeParse(JSON.parse('{"NIK":9171011203900001}')).success).toBe(
      false,
    );
  });
});

describe("big NIK through writer, text and reader", () => {
  it("survives buildLookupSuccess → stringifyLossless → parseJsonLossless → lookupResponseSchema", () => {
    const text = stringifyLossless(
      buildLookupSuccess({ NIK: "9171011203900001", NO_KK: "9471010101200001" }),
    );
    expect(text).toContain('"NIK":9171011203900001');
    const read = lookupResponseSchema.parse(parseJsonLossless(text));
    expect(read.content[0]).toEqual({ NIK: "9171011203900001", NO_KK: "9471010101200001" });
  });
});

describe("verify results", () => {
  it.each([
    ["Sesuai", { match: true }],
    ["Tidak Sesuai", { match: false }],
    ["Sesuai (100)", { match: true, score: 100 }],
    ["Tidak Sesuai (0)", { match: false, score: 0 }],
    ["Tidak Sesuai (59)", { match: false, score: 59 }],
    ["sesuai(87)", { match: true, score: 87 }],
    ["TIDAK  SESUAI ( 3 )", { match: false, score: 3 }],
  ])("reads %j", (text, expected) => {
    expect(parseVerifyResult(text)).toEqual(expected);
  });

  it.each(["Cocok", "Sesuai (101)", "Sesuai (abc)", "", "Tidak"])("refuses %j", (text) => {
    expect(parseVerifyResult(text)).toBeUndefined();
  });

  it("writes what it reads", () => {
    for (const text of ["Sesuai", "Tidak Sesuai", "Sesuai (100)", "Tidak Sesuai (0)"]) {
      const result = parseVerifyResult(text);
      expect(result && formatVerifyResult(result)).toBe(text);
    }
  });

  it("reads a verify answer: results, quotaLimiter, and error records with or without RESPONSE", () => {
    const ok = verifyResponseSchema.parse(
      parseJsonLossless(
        SPEC_2_3('{"NIK":"Sesuai","NAMA_LGKP":"Tidak Sesuai (59)","NO_RT":"Tidak Sesuai"}'),
      ),
    );
    expect(ok.quotaLimiter).toBe(56616);
    expect(ok.content[0]).toEqual({
      NIK: { match: true },
      NAMA_LGKP: { match: false, score: 59 },
      NO_RT: { match: false },
    });
    const julo = verifyResponseSchema.parse(
      parseJsonLossless(
        SPEC_2_3('{"RESPON":"Data Ditemukan, Meninggal Dunia","RESPONSE_CODE":"11"}'),
      ),
    );
    expect(julo.content[0]).toMatchObject({
      RESPONSE_CODE: "11",
      RESPON: "Data Ditemukan, Meninggal Dunia",
    });
  });

  it("reads an ungranted element (null) of a verify answer as null, and refuses a record of nulls only", () => {
    const read = verifyResponseSchema.parse(
      parseJsonLossless(
        SPEC_2_3('{"NIK":"Sesuai","NAMA_LGKP":"Sesuai (100)","NAMA_LGKP_IBU":null,"NO_PROP":null}'),
      ),
    );
    expect(read.content[0]).toEqual({
      NIK: { match: true },
      NAMA_LGKP: { match: true, score: 100 },
      NAMA_LGKP_IBU: null,
      NO_PROP: null,
    });
    expect(verifyResultRecordSchema.safeParse({ NAMA_LGKP_IBU: null }).success).toBe(false);
    expect(verifyResultRecordSchema.safeParse({ NIK: "Sesuai", NO_KK: 1 }).success).toBe(false);
  });

  it("reads every written verify failure back", () => {
    for (const row of failureRows) {
      const read = verifyResponseSchema.parse(
        parseJsonLossless(stringifyLossless(buildVerifyFailure(row.code))),
      );
      expect(read.content[0]).toMatchObject({ RESPONSE_CODE: row.code, RESPONSE: row.verifyText });
    }
  });

  it("reads family and lookup failures with the envelope schema", () => {
    expect(familyResponseSchema.parse(parseJsonLossless(SPEC_2_2)).content[0]).toEqual({
      RESPON: "Data Tidak Ditemukan",
    });
  });
});

describe("data balikan answers", () => {
  it.each([
    ["sent", 200, "Success"],
    ["duplicate", 400, "Data sudah pernah dikirim"],
    ["unauthorized", 401, "Unauthorized"],
  ] as const)("builds %s as HTTP %d {message: %j}", (outcome, status, message) => {
    const response = buildDataBalikanResponse(outcome);
    expect(response).toEqual({ status, body: { message } });
    expect(stringifyLossless(response.body)).toBe(`{"message":"${message}"}`);
    expect(dataBalikanResponseSchema.parse(response.body).message).toBe(message);
  });

  it("builds the request body in JULO's shape", () => {
    expect(
      stringifyLossless(
        buildDataBalikanRequest({
          institutionId: "ORG",
          institutionName: "Org",
          items: [{ nik: "9171011203900001", params: [{ CUSTOMER_ID: "1" }] }],
        }),
      ),
    ).toBe(
      '[{"id_lembaga":"ORG","nama_lembaga":"Org","data":[{"NIK":"9171011203900001","param":[{"CUSTOMER_ID":"1"}]}]}]',
    );
  });

  it("is a usage error, not a crash, to write a non-element key", () => {
    try {
      writePersonRecord({ NOPE: "x" } as never);
      expect.unreachable();
    } catch (error) {
      expect(isDukcapilCoreError(error, "DKS_CORE_INVALID_OPTIONS")).toBe(true);
    }
  });
});
