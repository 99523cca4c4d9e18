// core's typed client against the REAL HTTP server: what an agency application built
// on `createDukcapilClient` sees, with nothing changed but the URL.
import {
  createDukcapilClient,
  type DukcapilClient,
  type DukcapilClientOptions,
  isDukcapilHttpError,
  type ResponseCode,
  responseCodes,
  type VerifyFieldResult,
} from "@dukcapil-sandbox/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../src/server.js";
import {
  type Account,
  adminOk,
  createAccount,
  defaultAccount,
  magic,
  readJournal,
  row,
  startTestSimulator,
} from "./imitated-fixtures.js";

let sim: RunningSimulator;
let account: Account;
let client: DukcapilClient;

function clientFor(user: Account, extra: Partial<DukcapilClientOptions> = {}): DukcapilClient {
  return createDukcapilClient({
    baseUrl: sim.url,
    path: user.path,
    userId: user.userId,
    password: user.password,
    ipUser: user.ipUser,
    ...extra,
  });
}

/** A client whose every request carries `Prefer: code=NN` (through its `fetch` option). */
function preferringClient(code: ResponseCode): DukcapilClient {
  return clientFor(account, {
    fetch: (input, init) =>
      fetch(input, { ...init, headers: { ...(init?.headers as object), prefer: `code=${code}` } }),
  });
}

beforeAll(async () => {
  sim = await startTestSimulator();
  account = defaultAccount(sim);
  await adminOk(sim, "PATCH", `/sandbox/admin/users/${account.userId}`, { dailyQuota: 100_000 });
  client = clientFor(account);
});
afterAll(() => sim.close());

describe("lookup", () => {
  it("reads the found resident's record", async () => {
    const nik = magic(sim, "found");
    const record = sim.runtime.population.findByNik(nik)?.record;
    const outcome = await client.lookup(nik);
    expect(outcome.code).toBe("01");
    if (outcome.code !== "01") return;
    expect(outcome.outcome).toBe("found");
    expect(outcome.local).toBe(false);
    expect(outcome.record.NIK).toBe(nik);
    expect(outcome.record.NAMA_LGKP).toBe(record?.NAMA_LGKP);
    expect(outcome.record.TGL_LHR).toBe(record?.TGL_LHR);
    expect(outcome.record.NO_KK).toBe(record?.NO_KK);
    expect(outcome.record.NO_RT).toBe(record?.NO_RT);
    expect(outcome.record.AGAMA).toBeUndefined();
  });

  it("reads a NIK above 2^53 digit-exact", async () => {
    const nik = magic(sim, "big-nik");
    const outcome = await client.lookup(nik);
    expect(outcome.code === "01" ? outcome.record.NIK : outcome.code).toBe(nik);
  });

  it.each(["deceased", "duplicate", "not-found", "inactive"] as const)(
    "answers the magic %s NIK with the catalogue's member of the union",
    async (kind) => {
      const expected = responseCodes.find((r) => r.outcome === kind);
      const outcome = await client.lookup(magic(sim, kind));
      expect(outcome).toMatchObject({
        code: expected?.code,
        outcome: kind,
        text: expected?.lookupText,
        local: false,
        row: expected,
      });
    },
  );

  it("answers a malformed NIK locally, without a request", async () => {
    const before = await readJournal(sim);
    for (const nik of [magic(sim, "malformed-nik"), "12345", "320405310290000X"]) {
      const lookup = await client.lookup(nik);
      const verify = await client.verify(nik, { NAMA_LGKP: "SITI" }, 80);
      const family = await client.family(nik);
      for (const outcome of [lookup, verify, family]) {
        expect(outcome).toMatchObject({ code: "15", outcome: "malformed-nik", local: true });
      }
    }
    expect((await readJournal(sim)).total).toBe(before.total);
  });
});

describe("every catalogue code through the client (Prefer: code=NN)", () => {
  it.each(responseCodes.map((r) => ({ code: r.code, outcome: r.outcome })))(
    "maps $code to the $outcome member on lookup, verify and family",
    async ({ code, outcome }) => {
      const preferring = preferringClient(code);
      const nik = magic(sim, "found");
      const answers = {
        lookup: await preferring.lookup(nik),
        verify: await preferring.verify(nik, { NAMA_LGKP: "NAMA LAIN" }, 80),
        family: await preferring.family(nik),
      };
      for (const [method, answer] of Object.entries(answers)) {
        expect([method, answer.code, answer.outcome]).toEqual([method, code, outcome]);
        if (answer.code !== "01" && answer.code !== "unknown") {
          const text = method === "verify" ? row(code).verifyText : row(code).lookupText;
          expect([method, answer.text, answer.local]).toEqual([method, text, false]);
        }
      }
    },
  );
});

describe("quota", () => {
  it("answers 05 as quota-exhausted once the daily quota is used, with the remaining quota on verify", async () => {
    const limited = await createAccount(sim, { user: { dailyQuota: 1 } });
    const user = clientFor(limited);
    const nik = magic(sim, "found");
    expect((await user.verify(nik, { NAMA_LGKP: "X" }, 80)).remainingQuota).toBe(0);
    const lookup = await user.lookup(nik);
    expect(lookup).toMatchObject({
      code: "05",
      outcome: "quota-exhausted",
      text: row("05").lookupText,
      remainingQuota: null,
    });
    expect(lookup.code === "05" ? lookup.row.retry : undefined).toBe("next-day");
    const verify = await user.verify(nik, { NAMA_LGKP: "X" }, 80);
    expect(verify).toMatchObject({
      code: "05",
      outcome: "quota-exhausted",
      text: row("05").verifyText,
      remainingQuota: 0,
    });
  });
});

describe("verify", () => {
  it("reads per-field results and the remaining quota", async () => {
    const nik = magic(sim, "found");
    const record = sim.runtime.population.findByNik(nik)?.record ?? {};
    const outcome = await client.verify(
      nik,
      {
        NAMA_LGKP: record.NAMA_LGKP ?? "",
        TGL_LHR: record.TGL_LHR ?? "",
        JENIS_KLMIN: "Laki-laki",
        TMPT_LHR: "TEMPAT LAIN",
        NO_RT: record.NO_RT ?? "",
      },
      80,
    );
    expect(outcome.code).toBe("01");
    if (outcome.code !== "01") return;
    expect(outcome.results).toEqual({
      NIK: { match: true },
      NAMA_LGKP: { match: true, score: 100 },
      TMPT_LHR: { match: false, score: expect.any(Number) },
      TGL_LHR: { match: true },
      JENIS_KLMIN: { match: record.JENIS_KLMIN === "LAKI-LAKI" },
      NO_RT: { match: true },
    });
    expect(outcome.remainingQuota).toEqual(expect.any(Number));
  });

  it("reads an element outside the institution's grant as a typed null (decisions/005)", async () => {
    const nik = magic(sim, "found");
    const record = sim.runtime.population.findByNik(nik)?.record ?? {};
    const outcome = await client.verify(
      nik,
      { NAMA_LGKP: record.NAMA_LGKP ?? "", NAMA_LGKP_IBU: record.NAMA_LGKP_IBU ?? "" },
      80,
    );
    expect(outcome.code).toBe("01");
    if (outcome.code !== "01") return;
    const mother: VerifyFieldResult | null | undefined = outcome.results.NAMA_LGKP_IBU;
    expect(mother).toBeNull();
    expect(outcome.results).toEqual({
      NIK: { match: true },
      NAMA_LGKP: { match: true, score: 100 },
      NAMA_LGKP_IBU: null,
    });
  });
});

describe("family", () => {
  it("reads every member of the magic family", async () => {
    const nik = magic(sim, "family");
    const members = sim.runtime.population.familyOf(nik) ?? [];
    const outcome = await client.family(nik);
    expect(outcome.code).toBe("01");
    if (outcome.code !== "01") return;
    expect(outcome.members.map((member) => member.NIK)).toEqual(members.map((m) => m.nik));
    expect(new Set(outcome.members.map((member) => member.NO_KK)).size).toBe(1);
  });
});

describe("data balikan", () => {
  it("is sent, then refused as a duplicate, then unauthorized once the token is revoked", async () => {
    const defaults = sim.runtime.defaults;
    if (defaults?.token == null) throw new Error("no seeded token");
    const input = {
      token: defaults.token,
      institutionId: defaults.institution.path,
      institutionName: defaults.institution.name,
      items: [{ nik: magic(sim, "found"), params: [{ CUSTOMER_ID: "42" }] }],
    };
    expect(await client.sendDataBalikan(input)).toEqual({
      outcome: "sent",
      status: 200,
      message: "Success",
    });
    expect(await client.sendDataBalikan(input)).toEqual({
      outcome: "duplicate",
      status: 400,
      message: "Data sudah pernah dikirim",
    });
    await adminOk(sim, "POST", `/sandbox/admin/tokens/${defaults.tokenRecord.id}/revoke`, {
      reason: "test: token bocor",
    });
    const other = {
      ...input,
      items: [{ nik: magic(sim, "family"), params: [{ CUSTOMER_ID: "43" }] }],
    };
    expect(await client.sendDataBalikan(other)).toMatchObject({
      outcome: "unauthorized",
      status: 401,
    });
    const journal = await readJournal(sim, { institution: defaults.institution.id });
    const rows = journal.entries.filter((entry) => entry.endpoint === "data-balikan");
    expect(rows.map((entry) => entry.httpStatus)).toEqual([401, 400, 200]);
  });
});

describe("transport", () => {
  it("rejects a sandbox refusal (404 problem+json for an unregistered path) as an HTTP error", async () => {
    const lost = createDukcapilClient({
      baseUrl: sim.url,
      path: "TIDAK_TERDAFTAR",
      userId: account.userId,
      password: account.password,
      ipUser: account.ipUser,
    });
    const error = await lost.lookup(magic(sim, "found")).catch((caught: unknown) => caught);
    expect(isDukcapilHttpError(error)).toBe(true);
    expect(isDukcapilHttpError(error) ? error.status : 0).toBe(404);
  });
});
