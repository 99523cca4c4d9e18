// Byte-level fidelity of the imitated endpoints (wire-format.md §1–§6 and Decisions):
// key spellings, headers, routing, numbers, dates, nulls, grants, dialects, family
// and verify scoring.
import {
  DATE_ELEMENTS,
  FUZZY_VERIFY_ELEMENTS,
  NUMERIC_ELEMENTS,
  parseJsonLossless,
  RECORD_ELEMENTS,
  REQUEST_KEY_SPELLINGS,
  VERIFY_ELEMENTS,
  type VerifyElement,
  WEB_PORTAL_GRANT,
  type WireRecordInput,
} from "@dukcapil-sandbox/core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type RunningSimulator } from "../src/server.js";
import {
  type Account,
  ADMIN_TOKEN,
  adminOk,
  CLOCK_START,
  callImitated,
  createAccount,
  credentials,
  defaultAccount,
  ENDPOINTS,
  envelopeTail,
  envelopeText,
  lookupFailureText,
  magic,
  type RawAnswer,
  row,
  send,
  startTestSimulator,
  verifyFailureRecord,
} from "./imitated-fixtures.js";

const PROBLEM = /^application\/problem\+json/;

let sim: RunningSimulator;
let account: Account;
let fullGrant: Account;

beforeAll(async () => {
  sim = await startTestSimulator();
  account = defaultAccount(sim);
  await adminOk(sim, "PATCH", `/sandbox/admin/users/${account.userId}`, { dailyQuota: 100_000 });
  fullGrant = await createAccount(sim, { institution: { grant: [...RECORD_ELEMENTS] } });
});
afterAll(() => sim.close());

type Json = Record<string, unknown>;
const content = (answer: RawAnswer) => (JSON.parse(answer.text) as { content: Json[] }).content;
const first = (answer: RawAnswer): Json => content(answer)[0] ?? {};

function recordOf(nik: string): WireRecordInput {
  const resident = sim.runtime.population.findByNik(nik);
  if (resident === undefined) throw new Error(`no resident ${nik}`);
  return resident.record;
}

function lookup(body: unknown, headers: Record<string, string> = {}, user = account) {
  return callImitated(sim, user.path, "CALL_NIK", body, headers);
}

describe("request keys", () => {
  it("accepts every combination of the spellings of nik, user_id, password and ip_user", async () => {
    const nik = magic(sim, "found");
    const codes = new Set<unknown>();
    let sent = 0;
    for (const nikKey of REQUEST_KEY_SPELLINGS.nik) {
      for (const userKey of REQUEST_KEY_SPELLINGS.userId) {
        for (const passwordKey of REQUEST_KEY_SPELLINGS.password) {
          for (const ipKey of REQUEST_KEY_SPELLINGS.ipUser) {
            const answer = await lookup({
              [nikKey]: nik,
              [userKey]: account.userId,
              [passwordKey]: account.password,
              [ipKey]: account.ipUser,
            });
            codes.add(answer.headers["x-sandbox-code"]);
            sent += 1;
          }
        }
      }
    }
    expect(sent).toBe(2 * 4 * 2 * 5);
    expect([...codes]).toEqual(["01"]);
  });

  it("accepts each spelling on its own on lookup, verify and family", async () => {
    const spellings = Object.entries(REQUEST_KEY_SPELLINGS) as [
      keyof typeof REQUEST_KEY_SPELLINGS,
      readonly string[],
    ][];
    const values = {
      nik: magic(sim, "found"),
      userId: account.userId,
      password: account.password,
      ipUser: account.ipUser,
    };
    for (const { method } of ENDPOINTS) {
      for (const [field, keys] of spellings) {
        for (const key of keys) {
          const body: Json = { TRESHOLD: 80 };
          for (const [other, otherKeys] of spellings) {
            body[other === field ? key : (otherKeys[0] as string)] = values[other];
          }
          const answer = await callImitated(sim, account.path, method, body);
          expect([method, key, answer.headers["x-sandbox-code"]]).toEqual([method, key, "01"]);
        }
      }
    }
  });

  it("ignores unknown keys, nested values included", async () => {
    for (const { method } of ENDPOINTS) {
      const answer = await callImitated(sim, account.path, method, {
        NIK: magic(sim, "found"),
        ...credentials(account),
        transactionId: "trx-001",
        NOMOR_PROP: "32",
        extra: { nested: [1, "dua", null] },
        A: null,
      });
      expect(answer.headers["x-sandbox-code"]).toBe("01");
      expect(answer.text).not.toContain("transactionId");
    }
  });

  it("reads a NIK sent as a bare JSON number", async () => {
    const nik = magic(sim, "found");
    const answer = await lookup(
      `{"nik":${nik},"user_id":"${account.userId}","password":"${account.password}","ip_user":"${account.ipUser}"}`,
    );
    expect(answer.headers["x-sandbox-code"]).toBe("01");
    expect(answer.text).toContain(`"NIK":${nik},`);
  });

  it("reads a NIK above 2^53 sent as a bare JSON number without rounding it", async () => {
    const nik = magic(sim, "big-nik");
    expect(BigInt(nik) > 2n ** 53n).toBe(true);
    for (const { method } of ENDPOINTS) {
      const answer = await callImitated(
        sim,
        account.path,
        method,
        `{"NIK":${nik},"USER_ID":"${account.userId}","PASSWORD":"${account.password}","IP_USER":"${account.ipUser}","TRESHOLD":"80"}`,
      );
      expect(answer.headers["x-sandbox-code"]).toBe("01");
    }
    const journal = sim.runtime.store.journal.query({ limit: 3 });
    expect(journal.map((entry) => entry.nik)).toEqual([nik, nik, nik]);
  });
});

describe("headers", () => {
  const body = () => JSON.stringify({ nik: magic(sim, "found"), ...credentials(account) });

  it("parses the body whatever the Content-Type says, the malformed BPS header included", async () => {
    for (const contentType of [
      "application/json,Accept: application/json",
      "application/json",
      "application/json; charset=UTF-8",
      "application/json;charset=UTF-8",
      "text/plain",
      "application/x-www-form-urlencoded",
      undefined,
    ]) {
      const answer = await send(sim.url, {
        path: `/dukcapil/get_json/${account.path}/CALL_NIK`,
        headers: contentType === undefined ? {} : { "Content-type": contentType },
        body: body(),
      });
      expect([contentType, answer.status, answer.headers["x-sandbox-code"]]).toEqual([
        contentType,
        200,
        "01",
      ]);
    }
  });

  it("ignores Authorization headers and junk headers on lookup, verify and family", async () => {
    for (const { method } of ENDPOINTS) {
      for (const authorization of [
        `Basic ${Buffer.from(`${account.userId}:${account.password}`).toString("base64")}`,
        "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl",
        `Bearer ${ADMIN_TOKEN}`,
      ]) {
        const answer = await callImitated(
          sim,
          account.path,
          method,
          { NIK: magic(sim, "found"), ...credentials(account), TRESHOLD: "80" },
          {
            authorization,
            body: body(),
            timeout: "200",
            A: "application/json",
            "Postman-Token": "1f6e7c2e-0000-4000-8000-000000000000",
            "cache-control": "no-cache",
          },
        );
        expect(answer.headers["x-sandbox-code"]).toBe("01");
      }
    }
  });

  it("answers the malformed header through the Express app as well (supertest)", async () => {
    const app = createSimulator({
      population: 10_000,
      seed: "test",
      adminToken: ADMIN_TOKEN,
      clockStartAt: CLOCK_START,
      clockFrozen: true,
    });
    const runtime = await app.ready;
    try {
      const defaults = runtime.defaults;
      if (defaults?.password == null) throw new Error("no defaults");
      const response = await request(app)
        .post(`/dukcapil/get_json/${defaults.institution.path}/CALL_NIK`)
        .set("Content-Type", "application/json,Accept: application/json")
        .send(
          JSON.stringify({
            nik: magic(sim, "not-found"),
            user_id: defaults.user.userId,
            password: defaults.password,
            ip_user: defaults.user.ipUser,
          }),
        );
      expect(response.status).toBe(200);
      expect(response.text).toBe(lookupFailureText("13"));
    } finally {
      runtime.close();
    }
  });
});

describe("numbers", () => {
  it("writes a NIK above 2^53 digit-exact as a bare number", async () => {
    const nik = magic(sim, "big-nik");
    const record = recordOf(nik);
    const answer = await lookup({ nik, ...credentials(account) });
    expect(answer.text).toContain(`"NIK":${nik},`);
    expect(answer.text).toContain(`"NO_KK":${record.NO_KK},`);
    const parsed = parseJsonLossless(answer.text) as { content: Record<string, unknown>[] };
    expect(parsed.content[0]?.NIK).toBe(BigInt(nik));
    expect(parsed.content[0]?.NO_KK).toBe(BigInt(record.NO_KK as string));
    // The reason for all this: JSON.parse rounds it.
    expect(String(first(answer).NIK)).not.toBe(nik);
  });

  it("writes every numeric element as a bare number without leading zeros by default", async () => {
    for (const kind of ["found", "big-nik", "family"] as const) {
      const nik = magic(sim, kind);
      const record = recordOf(nik);
      const answer = await lookup({ nik, ...credentials(fullGrant) }, {}, fullGrant);
      for (const element of NUMERIC_ELEMENTS) {
        const value = record[element];
        const expected = value === null || value === undefined ? "null" : BigInt(value).toString();
        expect(answer.text).toMatch(new RegExp(`"${element}":${expected}[,}]`));
      }
    }
  });

  it("writes numeric elements as digit strings under the dialect numbers: string", async () => {
    const strings = await createAccount(sim, {
      institution: { grant: [...RECORD_ELEMENTS], dialect: { numbers: "string" } },
    });
    for (const kind of ["found", "big-nik"] as const) {
      const nik = magic(sim, kind);
      const record = recordOf(nik);
      const answer = await lookup({ nik, ...credentials(strings) }, {}, strings);
      for (const element of NUMERIC_ELEMENTS) {
        const value = record[element];
        if (value === null || value === undefined) {
          expect(answer.text).toContain(`"${element}":null`);
        } else {
          expect(answer.text).toContain(`"${element}":"${value}"`);
          expect(value).toMatch(/^\d+$/);
        }
      }
      expect(first(answer).NIK).toBe(nik);
    }
  });
});

describe("record values", () => {
  it("writes dates as YYYY-MM-DD and absent values as JSON null", async () => {
    for (const kind of ["found", "family", "duplicate"] as const) {
      const nik = magic(sim, kind);
      const record = recordOf(nik);
      const answer = await lookup(
        { nik, ...credentials(fullGrant) },
        kind === "duplicate" ? { prefer: "code=01" } : {},
        fullGrant,
      );
      const written = first(answer);
      for (const element of DATE_ELEMENTS) {
        const value = written[element];
        if (value !== null) expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(value).toBe(record[element] ?? null);
      }
      for (const element of RECORD_ELEMENTS) {
        if (record[element] === null) expect(answer.text).toContain(`"${element}":null`);
      }
    }
    // The family head is married: TGL_KWN is a date, not null.
    expect(recordOf(magic(sim, "family")).TGL_KWN).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("writes text in upper case", async () => {
    const niks = [magic(sim, "found"), magic(sim, "big-nik"), magic(sim, "family")];
    for (let index = 0; niks.length < 25; index++) {
      const resident = sim.runtime.population.residentAt(index);
      if (resident.status === "active") niks.push(resident.nik);
    }
    for (const nik of niks) {
      const answer = await lookup({ nik, ...credentials(fullGrant) }, {}, fullGrant);
      expect(answer.headers["x-sandbox-code"]).toBe("01");
      for (const [key, value] of Object.entries(first(answer))) {
        if (typeof value === "string") expect([key, value]).toEqual([key, value.toUpperCase()]);
      }
    }
  });
});

describe("grants", () => {
  it("sends the Web Portal grant of a new institution, in grant order", async () => {
    const fresh = await createAccount(sim);
    const institution = (await adminOk(
      sim,
      "GET",
      `/sandbox/admin/institutions/${fresh.institutionId}`,
    )) as { grant: string[] };
    expect(institution.grant).toEqual([...WEB_PORTAL_GRANT]);
    const answer = await lookup({ nik: magic(sim, "found"), ...credentials(fresh) }, {}, fresh);
    expect(Object.keys(first(answer))).toEqual([...WEB_PORTAL_GRANT]);
  });

  it("sends every element to an institution granted all of them", async () => {
    const answer = await lookup(
      { nik: magic(sim, "found"), ...credentials(fullGrant) },
      {},
      fullGrant,
    );
    expect(Object.keys(first(answer))).toEqual([...RECORD_ELEMENTS]);
    const record = recordOf(magic(sim, "found"));
    expect(first(answer).NAMA_LGKP).toBe(record.NAMA_LGKP);
    expect(first(answer).EKTP_STATUS).toBe(record.EKTP_STATUS);
  });

  it("follows a changed grant on the next request, keys in the order granted", async () => {
    const changed = await createAccount(sim);
    const grant = ["TGL_LHR", "NIK", "NAMA_LGKP_IBU", "AGAMA"];
    await adminOk(sim, "PATCH", `/sandbox/admin/institutions/${changed.institutionId}`, { grant });
    for (const { method } of ENDPOINTS.filter((e) => e.endpoint !== "verify")) {
      const answer = await callImitated(sim, changed.path, method, {
        nik: magic(sim, "family"),
        ...credentials(changed),
      });
      for (const member of content(answer)) expect(Object.keys(member)).toEqual(grant);
    }
  });
});

describe("dialects", () => {
  it("answers a text override of the institution's dialect on lookup and verify", async () => {
    const tegal = await createAccount(sim, {
      institution: {
        dialect: {
          texts: { "05": "Kuota akses hari ini telah habis", "13": "Data tidak ditemukan" },
        },
      },
      user: { dailyQuota: 0 },
    });
    const body = { nik: magic(sim, "found"), ...credentials(tegal), TRESHOLD: "80" };
    const refused = await callImitated(sim, tegal.path, "CALL_NIK", body);
    expect(refused.text).toBe(lookupFailureText("05", "Kuota akses hari ini telah habis"));
    const verify = await callImitated(sim, tegal.path, "CALL_VERIFY_BY_ELEMEN", body);
    expect(verify.text).toBe(
      `{"content":[${verifyFailureRecord("05", "Kuota akses hari ini telah habis")}${envelopeTail(1, 0)}`,
    );
    await adminOk(sim, "PATCH", `/sandbox/admin/users/${tegal.userId}`, { dailyQuota: 10 });
    const notFound = await callImitated(sim, tegal.path, "CALL_NIK", {
      ...body,
      nik: magic(sim, "not-found"),
    });
    expect(notFound.text).toBe(lookupFailureText("13", "Data tidak ditemukan"));
    // Codes without an override keep the catalogue's text.
    const deceased = await callImitated(sim, tegal.path, "CALL_NIK", {
      ...body,
      nik: magic(sim, "deceased"),
    });
    expect(deceased.text).toBe(lookupFailureText("11"));
  });

  it("adds quotaLimiter to lookup and family answers only when the dialect asks for it", async () => {
    const plain = await createAccount(sim);
    const counted = await createAccount(sim, {
      institution: { dialect: { lookupQuotaLimiter: true } },
    });
    const nik = magic(sim, "found");
    const without = await lookup({ nik, ...credentials(plain) }, {}, plain);
    expect(without.text.endsWith(envelopeTail(1))).toBe(true);
    const found = await lookup({ nik, ...credentials(counted) }, {}, counted);
    expect(found.text.endsWith(envelopeTail(1, 199))).toBe(true);
    const failure = await lookup(
      { nik: magic(sim, "deceased"), ...credentials(counted) },
      {},
      counted,
    );
    expect(failure.text).toBe(
      `{"content":[${JSON.stringify({ RESPON: row("11").lookupText })}${envelopeTail(1, 198)}`,
    );
    const family = await callImitated(sim, counted.path, "CALL_NIK_GET_KK", {
      nik,
      ...credentials(counted),
    });
    expect(family.text.endsWith(envelopeTail(1, 197))).toBe(true);
  });
});

describe("routing", () => {
  const body = () => ({ NIK: magic(sim, "found"), ...credentials(account), TRESHOLD: 80 });

  it("matches METHOD case-insensitively, aliases included", async () => {
    const expected: Record<string, "lookup" | "verify" | "family"> = {
      CALL_NIK: "lookup",
      call_nik: "lookup",
      Call_Nik: "lookup",
      BYNIK: "lookup",
      bynik: "lookup",
      GET_NIK: "lookup",
      get_nik: "lookup",
      CALL_VERIFY_BY_ELEMEN: "verify",
      call_verify_by_elemen: "verify",
      KONEKSITAS_VERIFBY_ELEMEN: "verify",
      koneksitas_verifby_elemen: "verify",
      CALL_NIK_GET_KK: "family",
      call_nik_get_kk: "family",
    };
    for (const [method, endpoint] of Object.entries(expected)) {
      const answer = await callImitated(sim, account.path, method, body());
      expect([method, answer.status, answer.headers["x-sandbox-code"]]).toEqual([
        method,
        200,
        "01",
      ]);
      const record = first(answer);
      if (endpoint === "verify") {
        expect(record).toEqual({ NIK: "Sesuai" });
        expect(answer.text).toMatch(/,"quotaLimiter":\d+\}$/);
      } else {
        expect(Object.keys(record)).toEqual([...WEB_PORTAL_GRANT]);
        expect(answer.text.endsWith(envelopeTail(1))).toBe(true);
      }
    }
  });

  it("treats an institution's registered aliases as lookup, on a region-routed path", async () => {
    const dinkes = await createAccount(sim, {
      institution: { path: "32-04/dinkes", aliases: ["dinkes", "adm_desa"] },
    });
    for (const method of ["dinkes", "DINKES", "adm_desa", "call_nik"]) {
      const answer = await callImitated(sim, "32-04/dinkes", method, {
        nik: magic(sim, "found"),
        ...credentials(dinkes),
      });
      expect([method, answer.headers["x-sandbox-code"]]).toEqual([method, "01"]);
      expect(Object.keys(first(answer))).toEqual([...WEB_PORTAL_GRANT]);
    }
    // An alias belongs to its institution only.
    const elsewhere = await callImitated(sim, account.path, "dinkes", body());
    expect(elsewhere.status).toBe(404);
  });

  it("matches the registered path case-insensitively and ignores a query string and trailing slash", async () => {
    for (const path of [
      `/dukcapil/get_json/${account.path.toLowerCase()}/call_nik`,
      `/dukcapil/get_json/${account.path}/CALL_NIK/`,
      `/dukcapil/get_json/${account.path}/CALL_NIK?x=1`,
    ]) {
      const answer = await send(sim.url, {
        path,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body()),
      });
      expect([path, answer.headers["x-sandbox-code"]]).toEqual([path, "01"]);
    }
  });

  it("answers an unknown METHOD or path with 404 problem+json, never the upstream format", async () => {
    for (const path of [
      `/dukcapil/get_json/${account.path}/CALL_NAMA`,
      `/dukcapil/get_json/${account.path}/CALL_NIK_X`,
      "/dukcapil/get_json/TIDAK_TERDAFTAR/CALL_NIK",
      "/dukcapil/get_json/CALL_NIK",
      "/dukcapil/lainnya",
    ]) {
      const answer = await send(sim.url, {
        path,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body()),
      });
      expect([path, answer.status]).toEqual([path, 404]);
      expect(answer.headers["content-type"]).toMatch(PROBLEM);
      expect(JSON.parse(answer.text)).toMatchObject({
        code: "DKS_SIM_ROUTE_NOT_FOUND",
        status: 404,
      });
    }
  });

  it("answers GET and other methods with 405 problem+json", async () => {
    for (const method of ["GET", "PUT", "DELETE"]) {
      for (const { method: upstream } of ENDPOINTS) {
        const answer = await send(sim.url, {
          method,
          path: `/dukcapil/get_json/${account.path}/${upstream}`,
        });
        expect([method, upstream, answer.status]).toEqual([method, upstream, 405]);
        expect(answer.headers["content-type"]).toMatch(PROBLEM);
        expect(JSON.parse(answer.text)).toMatchObject({ code: "DKS_SIM_METHOD_NOT_ALLOWED" });
      }
    }
  });
});

describe("family card", () => {
  it("answers every member of the magic family, head first, with counts equal to the member count", async () => {
    const family = sim.runtime.population.familyOf(magic(sim, "family")) ?? [];
    expect(family.length).toBeGreaterThanOrEqual(4);
    for (const member of family) {
      const answer = await callImitated(sim, account.path, "CALL_NIK_GET_KK", {
        nik: member.nik,
        userId: account.userId,
        password: account.password,
        ipUser: account.ipUser,
      });
      expect(answer.text.endsWith(envelopeTail(family.length))).toBe(true);
      const body = JSON.parse(answer.text) as { numberOfElements: number; totalElements: number };
      expect(body.numberOfElements).toBe(family.length);
      expect(body.totalElements).toBe(family.length);
      expect(content(answer).map((record) => String(record.NIK))).toEqual(family.map((m) => m.nik));
      expect(content(answer)[0]?.NIK).toBe(Number(family[0]?.nik));
      const kk = new Set(content(answer).map((record) => record.NO_KK));
      expect(kk.size).toBe(1);
    }
  });

  it("answers a resident living alone with one record", async () => {
    const answer = await callImitated(sim, account.path, "CALL_NIK_GET_KK", {
      nik: magic(sim, "found"),
      ...credentials(account),
    });
    expect(answer.text.endsWith(envelopeTail(1))).toBe(true);
  });
});

describe("verify scoring", () => {
  const nik = () => magic(sim, "found");
  const record = () => recordOf(nik());
  const fuzzy: ReadonlySet<string> = new Set(FUZZY_VERIFY_ELEMENTS);

  async function verify(elements: Json, threshold: unknown = "80", user = account) {
    const answer = await callImitated(sim, user.path, "CALL_VERIFY_BY_ELEMEN", {
      NIK: nik(),
      USER_ID: user.userId,
      PASSWORD: user.password,
      IP_USER: user.ipUser,
      TRESHOLD: threshold,
      ...elements,
    });
    expect(answer.headers["x-sandbox-code"]).toBe("01");
    expect(answer.text).toMatch(/,"size":1,"quotaLimiter":\d+\}$/);
    expect(answer.text).not.toContain("RESPONSE_CODE");
    return first(answer) as Record<string, string | null>;
  }

  const elementsOf = (source: WireRecordInput): Json =>
    Object.fromEntries(VERIFY_ELEMENTS.map((element) => [element, source[element]]));

  it("answers Sesuai for every exact field and Sesuai (100) for every fuzzy field sent as recorded", async () => {
    const results = await verify(elementsOf(record()), "80", fullGrant);
    expect(Object.keys(results)).toEqual(["NIK", ...VERIFY_ELEMENTS]);
    for (const [key, value] of Object.entries(results)) {
      expect([key, value]).toEqual([key, fuzzy.has(key) ? "Sesuai (100)" : "Sesuai"]);
    }
  });

  it("answers Tidak Sesuai for every field sent wrong, with a score for fuzzy fields", async () => {
    const wrong: Json = {};
    for (const element of VERIFY_ELEMENTS) {
      wrong[element] = element.startsWith("NO_") ? "999" : "XQZ";
    }
    wrong.TGL_LHR = "01-01-1901";
    const results = await verify(wrong, "80", fullGrant);
    for (const element of VERIFY_ELEMENTS) {
      expect([element, results[element]]).toEqual([
        element,
        fuzzy.has(element) ? expect.stringMatching(/^Tidak Sesuai \(\d{1,2}\)$/) : "Tidak Sesuai",
      ]);
    }
  });

  it("answers a blank element (BPS sends ' ') Tidak Sesuai, with score 0 for fuzzy fields", async () => {
    const results = await verify({ NO_RT: " ", ALAMAT: " ", NAMA_LGKP: "" });
    expect(results).toEqual({
      NIK: "Sesuai",
      NAMA_LGKP: "Tidak Sesuai (0)",
      ALAMAT: "Tidak Sesuai (0)",
      NO_RT: "Tidak Sesuai",
    });
  });

  it("answers a key for NIK and for exactly the elements sent", async () => {
    const sent: VerifyElement[] = ["KEL_NAME", "NAMA_LGKP", "TGL_LHR"];
    const results = await verify(
      Object.fromEntries(sent.map((element) => [element, record()[element]])),
    );
    expect(Object.keys(results)[0]).toBe("NIK");
    expect(Object.keys(results).sort()).toEqual(["NIK", ...sent].sort());
  });

  it("says Sesuai for a fuzzy field exactly when its score reaches TRESHOLD", async () => {
    const name = record().NAMA_LGKP as string;
    const typo = `${name.slice(0, -1)}${name.endsWith("A") ? "O" : "A"}`;
    const probe = await verify({ NAMA_LGKP: typo }, "0");
    const score = Number(/\((\d+)\)/.exec(probe.NAMA_LGKP ?? "")?.[1]);
    expect(score).toBeGreaterThan(50);
    expect(score).toBeLessThan(100);
    expect((await verify({ NAMA_LGKP: typo }, String(score))).NAMA_LGKP).toBe(`Sesuai (${score})`);
    expect((await verify({ NAMA_LGKP: typo }, score)).NAMA_LGKP).toBe(`Sesuai (${score})`);
    expect((await verify({ NAMA_LGKP: typo }, String(score + 1))).NAMA_LGKP).toBe(
      `Tidak Sesuai (${score})`,
    );
    expect((await verify({ NAMA_LGKP: typo }, score + 1)).NAMA_LGKP).toBe(
      `Tidak Sesuai (${score})`,
    );
    expect((await verify({ NAMA_LGKP: name.toLowerCase() }, 100)).NAMA_LGKP).toBe("Sesuai (100)");
  });

  it("reads TRESHOLD as a string or a number alike", async () => {
    const elements = { NAMA_LGKP: "NAMA LAIN", TMPT_LHR: record().TMPT_LHR };
    for (const [text, number] of [
      ["80", 80],
      ["1", 1],
      ["100", 100],
    ] as const) {
      expect(await verify(elements, text)).toEqual(await verify(elements, number));
    }
  });

  it("reads TGL_LHR as DD-MM-YYYY or YYYY-MM-DD", async () => {
    const iso = record().TGL_LHR as string;
    const [year, month, day] = iso.split("-");
    expect((await verify({ TGL_LHR: iso })).TGL_LHR).toBe("Sesuai");
    expect((await verify({ TGL_LHR: `${day}-${month}-${year}` })).TGL_LHR).toBe("Sesuai");
    expect((await verify({ TGL_LHR: `${day}-${month}-${Number(year) + 1}` })).TGL_LHR).toBe(
      "Tidak Sesuai",
    );
    expect((await verify({ TGL_LHR: "00-00-0000" })).TGL_LHR).toBe("Tidak Sesuai");
  });

  it("compares JENIS_KLMIN case-insensitively", async () => {
    const sex = record().JENIS_KLMIN as string;
    const other = sex === "LAKI-LAKI" ? "Perempuan" : "Laki-laki";
    const spellings =
      sex === "LAKI-LAKI"
        ? ["Laki-laki", "Laki-Laki", "LAKI-LAKI", "laki-laki"]
        : ["Perempuan", "PEREMPUAN", "perempuan"];
    for (const spelling of spellings) {
      expect((await verify({ JENIS_KLMIN: spelling })).JENIS_KLMIN).toBe("Sesuai");
    }
    expect((await verify({ JENIS_KLMIN: other })).JENIS_KLMIN).toBe("Tidak Sesuai");
  });

  it("compares numeric codes with or without leading zeros, sent as strings or numbers", async () => {
    const source = record();
    const rt = Number(source.NO_RT);
    const results = await verify(
      {
        NO_RT: rt,
        NO_RW: String(source.NO_RW).padStart(3, "0"),
        NO_KEC: String(Number(source.NO_KEC)),
        NO_PROP: source.NO_PROP,
        NO_KK: source.NO_KK,
      },
      "80",
      fullGrant,
    );
    expect(results).toEqual({
      NIK: "Sesuai",
      NO_KK: "Sesuai",
      NO_RT: "Sesuai",
      NO_RW: "Sesuai",
      NO_PROP: "Sesuai",
      NO_KEC: "Sesuai",
    });
  });

  it("ignores junk keys such as transactionId and NOMOR_PROP", async () => {
    const results = await verify({
      transactionId: "x-1",
      NOMOR_PROP: "33",
      KEC_NAME: record().KEC_NAME,
    });
    expect(results).toEqual({ NIK: "Sesuai", KEC_NAME: "Sesuai" });
  });
});

describe("verify and grants (decisions/005: an ungranted element answers null)", () => {
  const nik = () => magic(sim, "found");
  const record = () => recordOf(nik());
  /** The verify elements outside the default (Web Portal) grant. */
  const ungrantedByDefault = VERIFY_ELEMENTS.filter(
    (element) => !(WEB_PORTAL_GRANT as readonly string[]).includes(element),
  );

  function verifyAs(user: Account, elements: Json, method = "CALL_VERIFY_BY_ELEMEN") {
    return callImitated(sim, user.path, method, {
      NIK: nik(),
      USER_ID: user.userId,
      PASSWORD: user.password,
      IP_USER: user.ipUser,
      TRESHOLD: "80",
      ...elements,
    });
  }

  /** The exact bytes of a verify success: the record as written, then the envelope with quotaLimiter. */
  function expectBytes(answer: RawAnswer, recordText: string): void {
    expect(answer.headers["x-sandbox-code"]).toBe("01");
    const quota = /,"quotaLimiter":(\d+)\}$/.exec(answer.text)?.[1];
    expect(quota).toMatch(/^\d+$/);
    expect(answer.text).toBe(envelopeText(recordText, 1, Number(quota)));
  }

  it("answers NAMA_LGKP_IBU null under the default grant, on both method names, while granted elements are scored", async () => {
    const source = record();
    const mother = source.NAMA_LGKP_IBU as string;
    expect(mother.length).toBeGreaterThan(3);
    for (const method of ["CALL_VERIFY_BY_ELEMEN", "KONEKSITAS_VERIFBY_ELEMEN"]) {
      // The mother's name sent right and sent wrong answer the same: nothing to guess from.
      for (const sent of [mother, "XQZ"]) {
        const answer = await verifyAs(
          account,
          { NAMA_LGKP: source.NAMA_LGKP, TGL_LHR: "01-01-1901", NAMA_LGKP_IBU: sent },
          method,
        );
        expectBytes(
          answer,
          '{"NIK":"Sesuai","NAMA_LGKP":"Sesuai (100)","TGL_LHR":"Tidak Sesuai","NAMA_LGKP_IBU":null}',
        );
      }
    }
  });

  it("answers every verify element outside the default grant null, whatever was sent, and NIK always", async () => {
    const right = Object.fromEntries(
      ungrantedByDefault.map((element) => [element, record()[element]]),
    );
    const wrong = Object.fromEntries(ungrantedByDefault.map((element) => [element, "999"]));
    const expected = `{"NIK":"Sesuai",${ungrantedByDefault.map((element) => `"${element}":null`).join(",")}}`;
    expect(ungrantedByDefault).toEqual(["NO_PROP", "NO_KAB", "NO_KEL", "NAMA_LGKP_IBU"]);
    expectBytes(await verifyAs(account, right), expected);
    expectBytes(await verifyAs(account, wrong), expected);
  });

  it("scores NAMA_LGKP_IBU for an institution granted it, and follows a changed grant on the next request", async () => {
    const granted = await createAccount(sim, {
      institution: { grant: [...WEB_PORTAL_GRANT, "NAMA_LGKP_IBU"] },
    });
    const mother = record().NAMA_LGKP_IBU as string;
    expectBytes(
      await verifyAs(granted, { NAMA_LGKP_IBU: mother }),
      '{"NIK":"Sesuai","NAMA_LGKP_IBU":"Sesuai (100)"}',
    );
    const typo = await verifyAs(granted, { NAMA_LGKP_IBU: "XQZ" });
    expect(first(typo).NAMA_LGKP_IBU).toMatch(/^Tidak Sesuai \(\d{1,2}\)$/);
    // The grant without the name and NIK: NAMA_LGKP turns null at once; NIK is still answered.
    await adminOk(sim, "PATCH", `/sandbox/admin/institutions/${granted.institutionId}`, {
      grant: ["NAMA_LGKP_IBU", "TGL_LHR"],
    });
    expectBytes(
      await verifyAs(granted, { NAMA_LGKP: record().NAMA_LGKP, NAMA_LGKP_IBU: mother }),
      '{"NIK":"Sesuai","NAMA_LGKP":null,"NAMA_LGKP_IBU":"Sesuai (100)"}',
    );
  });
});
