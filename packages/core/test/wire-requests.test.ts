import { describe, expect, it } from "vitest";
import { REQUEST_KEY_SPELLINGS } from "../src/wire/credentials.js";
import { dataBalikanRequestSchema } from "../src/wire/data-balikan.js";
import { familyRequestSchema } from "../src/wire/family.js";
import { VERIFY_ELEMENTS } from "../src/wire/fields.js";
import { lookupRequestSchema } from "../src/wire/lookup.js";
import { parseJsonLossless } from "../src/wire/lossless-json.js";
import { verifyRequestSchema } from "../src/wire/verify.js";

const NIK = "3204014101900001";
const BIG_NIK = "9171011203900001";

function cartesian<T>(...lists: readonly (readonly T[])[]): T[][] {
  return lists.reduce<T[][]>(
    (acc, list) => acc.flatMap((prefix) => list.map((item) => [...prefix, item])),
    [[]],
  );
}

describe("lookup request schema", () => {
  const combos = cartesian<string>(
    REQUEST_KEY_SPELLINGS.nik,
    REQUEST_KEY_SPELLINGS.userId,
    REQUEST_KEY_SPELLINGS.password,
    REQUEST_KEY_SPELLINGS.ipUser,
  );

  it.each(combos)(
    "accepts the spelling %s / %s / %s / %s",
    (nikKey, userKey, passwordKey, ipKey) => {
      const body = {
        [nikKey]: NIK,
        [userKey]: "user1",
        [passwordKey]: "secret",
        [ipKey]: "10.1.2.3",
      };
      expect(lookupRequestSchema.parse(body)).toEqual({
        nik: NIK,
        userId: "user1",
        password: "secret",
        ipUser: "10.1.2.3",
        spellings: { nik: nikKey, userId: userKey, password: passwordKey, ipUser: ipKey },
      });
    },
  );

  it("accepts a body without any ip key (idinsos GET_NIK) with ipUser empty", () => {
    const request = lookupRequestSchema.parse({ nik: NIK, user_id: "u", password: "p" });
    expect(request.ipUser).toBe("");
    expect(request.spellings.ipUser).toBeNull();
  });

  it("tolerates unknown keys and Authorization-like junk", () => {
    const request = lookupRequestSchema.parse({
      nik: NIK,
      user_id: "u",
      password: "p",
      ip_user: "x",
      transactionId: { deep: [1, 2] },
      NOMOR_PROP: 32,
    });
    expect(request.nik).toBe(NIK);
    expect(request.ipUser).toBe("x");
  });

  it("reads a NIK sent as a bare JSON number, big ones digit-exact, never rounded", () => {
    const small = lookupRequestSchema.parse(
      parseJsonLossless(`{"NIK":${NIK},"user_id":"u","password":"p"}`),
    );
    expect(small.nik).toBe(NIK);
    const big = lookupRequestSchema.parse(
      parseJsonLossless(`{"NIK":${BIG_NIK},"user_id":"u","password":"p"}`),
    );
    expect(big.nik).toBe(BIG_NIK);
    // A number JSON.parse already rounded is refused, not passed on wrong.
    expect(lookupRequestSchema.safeParse(JSON.parse(`{"NIK":${BIG_NIK}}`)).success).toBe(false);
  });

  it("passes a malformed NIK string through (answered 15 downstream, not 07)", () => {
    expect(lookupRequestSchema.parse({ nik: "12ab", user_id: "u" }).nik).toBe("12ab");
  });

  it.each([
    ["no NIK", { user_id: "u", password: "p" }],
    ["a blank NIK", { nik: "  ", user_id: "u" }],
    ["a null NIK", { NIK: null }],
    ["a float NIK", { NIK: 3204014101900001.5 }],
    ["a NIK object", { nik: { value: NIK } }],
    ["an array body", [NIK]],
    ["a string body", NIK],
  ])("rejects %s (answered 07 downstream)", (_name, body) => {
    const result = lookupRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
  });

  it("names the missing NIK in the issue path", () => {
    const result = lookupRequestSchema.safeParse({ user_id: "u" });
    expect(result.error?.issues[0]?.path).toEqual(["nik"]);
  });

  it("reads null or missing credentials as empty strings (answered 09 downstream)", () => {
    expect(lookupRequestSchema.parse({ nik: NIK, user_id: null })).toMatchObject({
      userId: "",
      password: "",
      ipUser: "",
    });
  });

  it("prefers the first spelling when a body carries two", () => {
    expect(
      lookupRequestSchema.parse({ NIK: "2", nik: "1", user_id: "a", USER_ID: "b" }),
    ).toMatchObject({
      nik: "1",
      userId: "a",
    });
  });

  it("reads a valid NIK next to an empty nik key instead of answering 'NIK missing'", () => {
    expect(
      lookupRequestSchema.parse({ nik: "", NIK: NIK, user_id: "  ", USER_ID: "u", password: "p" }),
    ).toMatchObject({
      nik: NIK,
      userId: "u",
      spellings: { nik: "NIK", userId: "USER_ID" },
    });
  });

  it("still reports the first spelling when every spelling is blank", () => {
    expect(lookupRequestSchema.parse({ nik: NIK, user_id: "", USER_ID: " " })).toMatchObject({
      userId: "",
      spellings: { userId: "user_id" },
    });
    expect(lookupRequestSchema.safeParse({ nik: "", NIK: " " }).success).toBe(false);
  });

  it("reads a family request with the camelCase keys of the one observed client", () => {
    expect(
      familyRequestSchema.parse({ nik: NIK, userId: "u", password: "p", ipUser: "10.0.0.9" }),
    ).toMatchObject({
      nik: NIK,
      userId: "u",
      ipUser: "10.0.0.9",
    });
  });
});

describe("verify request schema", () => {
  const credentials = { NIK, USER_ID: "u", PASSWORD: "p", IP_USER: "10.0.0.1" };

  it.each([
    ["80", 80],
    [" 1 ", 1],
    [95, 95],
    [100, 100],
    [0, 0],
  ])("accepts TRESHOLD %j as %d", (threshold, expected) => {
    expect(verifyRequestSchema.parse({ ...credentials, TRESHOLD: threshold }).threshold).toBe(
      expected,
    );
  });

  it.each([["101"], [-1], ["80.5"], [80.5], ["x"], [true]])("rejects TRESHOLD %j", (threshold) => {
    expect(verifyRequestSchema.safeParse({ ...credentials, TRESHOLD: threshold }).success).toBe(
      false,
    );
  });

  it("reads a missing TRESHOLD as null", () => {
    expect(verifyRequestSchema.parse(credentials).threshold).toBeNull();
  });

  it("accepts JULO's mixed credential spellings", () => {
    const request = verifyRequestSchema.parse({
      NIK,
      user_id: "u",
      password: "p",
      IP_USER: "1.1.1.1",
      TRESHOLD: "80",
    });
    expect(request).toMatchObject({ userId: "u", password: "p", ipUser: "1.1.1.1", threshold: 80 });
  });

  it("accepts every verify element, keeps blanks and leading zeros, ignores junk keys", () => {
    const body: Record<string, unknown> = {
      ...credentials,
      TRESHOLD: 90,
      transactionId: "t-1",
      NOMOR_PROP: "32",
    };
    for (const element of VERIFY_ELEMENTS) body[element] = " ";
    body.NO_RT = "040";
    body.NO_RW = 7;
    const request = verifyRequestSchema.parse(body);
    expect(Object.keys(request.elements)).toEqual([...VERIFY_ELEMENTS]);
    expect(request.elements.NO_RT).toBe("040");
    expect(request.elements.NO_RW).toBe("7");
    expect(request.elements.ALAMAT).toBe(" ");
    expect(request.elements).not.toHaveProperty("NOMOR_PROP");
  });

  it.each([
    ["10-03-1987", "1987-03-10"],
    ["1987-03-10", "1987-03-10"],
    ["00-00-0000", "0000-00-00"],
    ["10/03/1987", "1987-03-10"],
    ["kemarin", "kemarin"],
  ])("reads TGL_LHR %s as %s", (sent, expected) => {
    expect(verifyRequestSchema.parse({ ...credentials, TGL_LHR: sent }).elements.TGL_LHR).toBe(
      expected,
    );
  });

  it.each(["Laki-laki", "Laki-Laki", "LAKI-LAKI", "laki-laki"])(
    "reads JENIS_KLMIN %s case-insensitively",
    (sent) => {
      expect(
        verifyRequestSchema.parse({ ...credentials, JENIS_KLMIN: sent }).elements.JENIS_KLMIN,
      ).toBe("LAKI-LAKI");
    },
  );

  it("sends only the elements present (null means not sent)", () => {
    const request = verifyRequestSchema.parse({ ...credentials, NAMA_LGKP: "SITI", ALAMAT: null });
    expect(request.elements).toEqual({ NAMA_LGKP: "SITI" });
  });
});

describe("data balikan request schema", () => {
  it("reads JULO's body into submissions", () => {
    const body = [
      {
        id_lembaga: "ORG1",
        nama_lembaga: "Org One",
        data: [{ NIK, param: [{ CUSTOMER_ID: "42" }] }],
        extra: true,
      },
    ];
    expect(dataBalikanRequestSchema.parse(body)).toEqual([
      {
        institutionId: "ORG1",
        institutionName: "Org One",
        items: [{ nik: NIK, params: [{ CUSTOMER_ID: "42" }] }],
      },
    ]);
  });

  it("reads a big NIK number digit-exact", () => {
    const body = parseJsonLossless(
      `[{"id_lembaga":1,"nama_lembaga":"x","data":[{"NIK":${BIG_NIK},"param":[{"ID":7}]}]}]`,
    );
    expect(dataBalikanRequestSchema.parse(body)[0]?.items[0]).toEqual({
      nik: BIG_NIK,
      params: [{ ID: "7" }],
    });
  });

  it.each([
    ["not an array", { id_lembaga: "x" }, []],
    ["an empty array", [], []],
    ["no id_lembaga", [{ nama_lembaga: "x", data: [{ NIK, param: [] }] }], [0, "id_lembaga"]],
    ["no data", [{ id_lembaga: "x", nama_lembaga: "x" }], [0, "data"]],
    [
      "no NIK",
      [{ id_lembaga: "x", nama_lembaga: "x", data: [{ param: [] }] }],
      [0, "data", 0, "NIK"],
    ],
    [
      "no param",
      [{ id_lembaga: "x", nama_lembaga: "x", data: [{ NIK }] }],
      [0, "data", 0, "param"],
    ],
  ])("rejects a body with %s, naming the field", (_name, body, path) => {
    const result = dataBalikanRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});
