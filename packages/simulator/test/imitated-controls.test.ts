// The sandbox controls around the imitated endpoints: journal, clock, faults, usage
// patterns, reset, the admin token, health and the magic-NIK table.
import {
  createDukcapilClient,
  type DukcapilClient,
  isDukcapilHttpError,
  isDukcapilNetworkError,
  isDukcapilTimeoutError,
  makeNik,
  responseCodes,
} from "@dukcapil-sandbox/core";
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PATTERN_BLOCK_CODE, PATTERN_BLOCK_TEXT } from "../src/engine/imitated.js";
import { createSimulator, type RunningSimulator } from "../src/server.js";
import {
  type Account,
  ADMIN_AUTH,
  ADMIN_TOKEN,
  admin,
  adminOk,
  CLOCK_START,
  CLOCK_START_MS,
  callImitated,
  createAccount,
  credentials,
  defaultAccount,
  envelopeText,
  lookupFailureText,
  magic,
  type RawAnswer,
  readJournal,
  send,
  startTestSimulator,
} from "./imitated-fixtures.js";

const PROBLEM = /^application\/problem\+json/;
const HOUR_MS = 60 * 60 * 1000;

let sim: RunningSimulator;
let account: Account;

beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());
beforeEach(async () => {
  await sim.runtime.reset();
  account = defaultAccount(sim);
});

function clientFor(user: Account, timeoutMs = 30_000): DukcapilClient {
  return createDukcapilClient({
    baseUrl: sim.url,
    path: user.path,
    userId: user.userId,
    password: user.password,
    ipUser: user.ipUser,
    timeoutMs,
  });
}

function lookup(
  nik: string,
  headers: Record<string, string> = {},
  user: Account = account,
): Promise<RawAnswer> {
  return callImitated(sim, user.path, "CALL_NIK", { nik, ...credentials(user) }, headers);
}

/** A raw request that must fail at the socket: resolves to the error's code. */
async function socketError(headers: Record<string, string> = {}): Promise<string> {
  try {
    const answer = await lookup(magic(sim, "found"), headers);
    return `answered ${answer.status}`;
  } catch (error) {
    return String((error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
}

describe("journal", () => {
  it("journals every imitated request with the full NIK, address, user, code and hits left", async () => {
    const found = magic(sim, "found");
    await lookup(found);
    await callImitated(sim, account.path, "CALL_VERIFY_BY_ELEMEN", {
      NIK: magic(sim, "deceased"),
      ...credentials(account),
      TRESHOLD: "80",
    });
    await callImitated(sim, account.path, "call_nik_get_kk", {
      nik: magic(sim, "family"),
      ...credentials(account),
    });
    await callImitated(sim, account.path, "CALL_NIK", {
      nik: found,
      ...credentials(account),
      password: "salah",
    });
    await callImitated(sim, "TIDAK_TERDAFTAR", "CALL_NIK", { nik: found });

    const journal = await readJournal(sim);
    expect(journal.total).toBe(5);
    const rows = [...journal.entries].reverse();
    expect(
      rows.map((entry) => [entry.endpoint, entry.code, entry.nik, entry.userId, entry.hitsLeft]),
    ).toEqual([
      ["lookup", "01", found, account.userId, 199],
      ["verify", "11", magic(sim, "deceased"), account.userId, 198],
      ["family", "01", magic(sim, "family"), account.userId, 197],
      ["lookup", "03", found, account.userId, null],
      ["unknown", null, null, null, null],
    ]);
    for (const entry of rows) {
      expect(entry.remoteAddress).toBe("127.0.0.1");
      expect(entry.httpMethod).toBe("POST");
      expect(entry.at).toBe(CLOCK_START_MS);
      expect(entry.latencyMs).toBeGreaterThanOrEqual(0);
      expect(Array.isArray(entry.findings)).toBe(true);
    }
    expect(rows[0]?.path).toBe(`/dukcapil/get_json/${account.path}/CALL_NIK`);
    expect(rows[0]?.institutionId).toBe(account.institutionId);
    expect(rows[4]).toMatchObject({
      httpStatus: 404,
      note: expect.stringContaining("TIDAK_TERDAFTAR"),
    });
  });

  it("journals near misses with a note that says what to change", async () => {
    const body = JSON.stringify({ nik: magic(sim, "found"), ...credentials(account) });
    const imitated = `/dukcapil/get_json/${account.path}/CALL_NIK`;
    const misses = [
      { method: "GET", path: imitated, headers: {}, status: 405 },
      { method: "POST", path: imitated, headers: { prefer: "code=02" }, status: 400 },
      { method: "POST", path: imitated, headers: { prefer: "fault=x" }, status: 400 },
      {
        method: "POST",
        path: `/dukcapil/get_json/${account.path}/CALL_X`,
        headers: {},
        status: 404,
      },
      { method: "POST", path: "/dukcapil/get_json/TIDAK_ADA/CALL_NIK", headers: {}, status: 404 },
      { method: "POST", path: "/dukcapil/lainnya", headers: {}, status: 404 },
    ];
    for (const miss of misses) {
      const answer = await send(sim.url, { ...miss, body });
      expect([miss.method, miss.path, answer.status]).toEqual([
        miss.method,
        miss.path,
        miss.status,
      ]);
      expect(answer.headers["content-type"]).toMatch(PROBLEM);
    }
    const journal = await readJournal(sim);
    const rows = [...journal.entries].reverse();
    expect(rows.map((entry) => [entry.httpMethod, entry.path, entry.httpStatus])).toEqual(
      misses.map((miss) => [miss.method, miss.path, miss.status]),
    );
    for (const entry of rows) {
      expect(entry.code).toBeNull();
      expect(entry.nik).toBeNull();
      expect(entry.remoteAddress).toBe("127.0.0.1");
      expect(entry.note).toEqual(expect.any(String));
    }
    expect(rows[1]?.note).toContain("code=");
    expect(rows[2]?.note).toContain("fault=");
    expect(rows[0]?.institutionId).toBe(account.institutionId);
    expect(await sim.runtime.store.quota.peek(account.userId, "2026-03-02")).toBe(0);
  });

  it("filters by institution, user, code and time, counts by code, and pages", async () => {
    const other = await createAccount(sim);
    await lookup(magic(sim, "found"));
    await lookup(magic(sim, "not-found"));
    await lookup(magic(sim, "not-found"), {}, other);
    sim.runtime.clock.set(CLOCK_START_MS + HOUR_MS, true);
    await lookup(magic(sim, "deceased"));
    await lookup(magic(sim, "not-found"));

    const mine = await readJournal(sim, { institution: account.institutionId });
    expect(mine.total).toBe(4);
    expect(mine.byCode).toEqual({ "01": 1, "11": 1, "13": 2 });
    expect((await readJournal(sim, { user: other.userId })).total).toBe(1);
    const notFound = await readJournal(sim, { code: "13" });
    expect(notFound.total).toBe(3);
    expect(notFound.entries.every((entry) => entry.code === "13")).toBe(true);
    const later = await readJournal(sim, { from: String(CLOCK_START_MS + HOUR_MS / 2) });
    expect(later.entries.map((entry) => entry.code)).toEqual(["13", "11"]);
    const earlier = await readJournal(sim, {
      from: CLOCK_START,
      to: new Date(CLOCK_START_MS + HOUR_MS).toISOString(),
      institution: account.institutionId,
    });
    expect(earlier.total).toBe(2);
    const page = await readJournal(sim, { limit: "2", offset: "1" });
    expect(page.total).toBe(5);
    expect(page.entries).toHaveLength(2);
  });

  it("refuses an unknown filter or a code outside the catalogue with 400 problem+json", async () => {
    for (const query of ["code=02", "code=abc", "colour=red", "limit=0"]) {
      const answer = await admin(sim, "GET", `/sandbox/journal?${query}`);
      expect([query, answer.status]).toEqual([query, 400]);
      expect(answer.headers["content-type"]).toMatch(PROBLEM);
      expect(answer.json).toMatchObject({ code: "DKS_SIM_VALIDATION" });
    }
  });

  it("resets one institution's rows or all of them", async () => {
    const other = await createAccount(sim);
    await lookup(magic(sim, "found"));
    await lookup(magic(sim, "found"), {}, other);
    await lookup(magic(sim, "deceased"), {}, other);
    expect(
      await adminOk(sim, "DELETE", `/sandbox/journal?institution=${other.institutionId}`),
    ).toEqual({ deleted: 2 });
    expect((await readJournal(sim)).total).toBe(1);
    expect(await adminOk(sim, "DELETE", "/sandbox/journal")).toEqual({ deleted: 1 });
    expect((await readJournal(sim)).total).toBe(0);
    // Hits are not journal rows: resetting the journal does not give quota back.
    const answer = await callImitated(sim, account.path, "CALL_VERIFY_BY_ELEMEN", {
      NIK: magic(sim, "found"),
      ...credentials(account),
    });
    expect(answer.text).toMatch(/"quotaLimiter":198\}$/);
  });
});

describe("clock", () => {
  it("starts a new quota day at 00:00 WIB, not at 00:00 UTC", async () => {
    const limited = await createAccount(sim, { user: { dailyQuota: 1 } });
    const found = magic(sim, "found");
    const code = async () => (await lookup(found, {}, limited)).headers["x-sandbox-code"];

    await adminOk(sim, "POST", "/sandbox/clock", {
      set: "2026-03-02T23:59:59+07:00",
      frozen: true,
    });
    expect(await code()).toBe("01");
    expect(await code()).toBe("05");
    const moved = (await adminOk(sim, "POST", "/sandbox/clock", { advanceMs: 1000 })) as {
      iso: string;
      mode: string;
    };
    expect(moved).toMatchObject({ iso: "2026-03-02T17:00:00.000Z", mode: "frozen" });
    expect(await code()).toBe("01");
    expect(await code()).toBe("05");
    // 07:00 WIB is 00:00 UTC: the same WIB day, still used up.
    await adminOk(sim, "POST", "/sandbox/clock", {
      set: "2026-03-03T07:00:01+07:00",
      frozen: true,
    });
    expect(await code()).toBe("05");

    const rows = (await readJournal(sim, { user: limited.userId })).entries;
    expect(rows.map((entry) => new Date(entry.at).toISOString())).toContain(
      "2026-03-02T17:00:00.000Z",
    );
  });

  it("reports the clock, goes back to real time, and refuses two changes at once", async () => {
    expect(await adminOk(sim, "GET", "/sandbox/clock")).toMatchObject({
      mode: "frozen",
      now: CLOCK_START_MS,
    });
    const real = (await adminOk(sim, "POST", "/sandbox/clock", { real: true })) as { mode: string };
    expect(real.mode).toBe("real");
    const refused = await admin(sim, "POST", "/sandbox/clock", { real: true, advanceMs: 5 });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ code: "DKS_SIM_VALIDATION" });
  });

  it("drives the access hours", async () => {
    const office = await createAccount(sim, {
      institution: { accessHours: { from: "08:00", to: "16:00" } },
    });
    expect((await lookup(magic(sim, "found"), {}, office)).headers["x-sandbox-code"]).toBe("01");
    await adminOk(sim, "POST", "/sandbox/clock", { advanceMs: 7 * HOUR_MS });
    expect((await lookup(magic(sim, "found"), {}, office)).headers["x-sandbox-code"]).toBe("06");
  });
});

describe("faults", () => {
  it("answers HTTP 500 with a plain body, journals it, and the client sees an HTTP error", async () => {
    await adminOk(sim, "PUT", "/sandbox/faults", { error: 500 });
    const answer = await lookup(magic(sim, "found"));
    expect(answer.status).toBe(500);
    expect(answer.headers["content-type"]).toMatch(/^text\/plain/);
    expect(answer.text).toBe("Error");
    const error = await clientFor(account)
      .lookup(magic(sim, "found"))
      .catch((caught: unknown) => caught);
    expect(isDukcapilHttpError(error) ? error.status : error).toBe(500);
    const journal = await readJournal(sim);
    expect(journal.entries[0]).toMatchObject({
      httpStatus: 500,
      code: null,
      note: "fault: HTTP 500",
      institutionId: account.institutionId,
    });
    await adminOk(sim, "DELETE", "/sandbox/faults");
    expect((await lookup(magic(sim, "found"))).status).toBe(200);
  });

  it("applies and journals faults through the Express app as well (supertest)", async () => {
    const app = createSimulator({
      population: 10_000,
      seed: "test",
      adminToken: ADMIN_TOKEN,
      clockStartAt: CLOCK_START,
      clockFrozen: true,
    });
    const runtime = await app.ready;
    try {
      const path = runtime.defaults?.institution.path ?? "";
      await request(app).put("/sandbox/faults").set(ADMIN_AUTH).send({ error: 503 }).expect(200);
      const answer = await request(app)
        .post(`/dukcapil/get_json/${path}/CALL_NIK`)
        .set("Content-Type", "application/json,Accept: application/json")
        .send(JSON.stringify({ nik: magic(sim, "found") }));
      expect([answer.status, answer.text]).toEqual([503, "Error"]);
      const journal = await request(app).get("/sandbox/journal").set(ADMIN_AUTH).expect(200);
      expect(journal.body.entries[0]).toMatchObject({
        httpStatus: 503,
        note: "fault: HTTP 503",
        remoteAddress: "127.0.0.1",
      });
    } finally {
      runtime.close();
    }
  });

  it("journals an IPv4 client of a dual-stack server by its IPv4 address, faults included", async () => {
    const dual = await startTestSimulator({ host: "::" });
    try {
      const port = new URL(dual.url).port;
      const base = `http://127.0.0.1:${port}`;
      const user = defaultAccount(dual);
      const body = JSON.stringify({ nik: magic(dual, "found"), ...credentials(user) });
      const path = `/dukcapil/get_json/${user.path}/CALL_NIK`;
      expect((await send(base, { path, body })).status).toBe(200);
      expect((await send(base, { path, body, headers: { prefer: "fault=500" } })).status).toBe(500);
      const journal = await readJournal(dual);
      expect(journal.entries.map((entry) => [entry.httpStatus, entry.remoteAddress])).toEqual([
        [500, "127.0.0.1"],
        [200, "127.0.0.1"],
      ]);
    } finally {
      await dual.close();
    }
  });

  it("answers 503", async () => {
    await adminOk(sim, "PUT", "/sandbox/faults", { error: 503 });
    const answer = await lookup(magic(sim, "found"));
    expect([answer.status, answer.text]).toEqual([503, "Error"]);
  });

  it("resets the connection: the client sees a network error and no hit is counted", async () => {
    await adminOk(sim, "PUT", "/sandbox/faults", { reset: true });
    expect(await socketError()).toMatch(/ECONNRESET|socket hang up/);
    const error = await clientFor(account)
      .lookup(magic(sim, "found"))
      .catch((caught: unknown) => caught);
    expect(isDukcapilNetworkError(error)).toBe(true);
    const journal = await readJournal(sim);
    expect(journal.entries.map((entry) => entry.note)).toEqual([
      "fault: connection reset",
      "fault: connection reset",
    ]);
    expect(await sim.runtime.store.quota.peek(account.userId, "2026-03-02")).toBe(0);
  });

  it("never answers: a client with timeoutMs 300 times out and the server still closes", async () => {
    const silent = await startTestSimulator();
    const user = defaultAccount(silent);
    await adminOk(silent, "PUT", "/sandbox/faults", { noAnswer: true });
    const client = createDukcapilClient({
      baseUrl: silent.url,
      path: user.path,
      userId: user.userId,
      password: user.password,
      ipUser: user.ipUser,
      timeoutMs: 300,
    });
    const error = await client.lookup(magic(silent, "found")).catch((caught: unknown) => caught);
    expect(isDukcapilTimeoutError(error)).toBe(true);
    const journal = await readJournal(silent);
    expect(journal.entries[0]?.note).toBe("fault: no answer");
    await expect(silent.close()).resolves.toBeUndefined();
  });

  it("delays the answer with latency and jitter, and the answer still arrives whole", async () => {
    const plan = { latencyMs: 30, jitterMs: 20 };
    expect(await adminOk(sim, "PUT", "/sandbox/faults", plan)).toEqual({
      global: plan,
      institutions: {},
    });
    const answer = await lookup(magic(sim, "not-found"));
    expect(answer.text).toBe(lookupFailureText("13"));
    expect((await readJournal(sim)).entries[0]?.code).toBe("13");
  });

  it("caps the bandwidth without changing a byte of the body", async () => {
    const body = { nik: magic(sim, "family"), ...credentials(account) };
    const plain = await callImitated(sim, account.path, "CALL_NIK_GET_KK", body);
    await adminOk(sim, "PUT", "/sandbox/faults", { bandwidthKbps: 64 });
    const paced = await callImitated(sim, account.path, "CALL_NIK_GET_KK", body);
    expect(paced.status).toBe(200);
    expect(Buffer.byteLength(paced.text)).toBeGreaterThan(1000);
    expect(paced.text).toBe(plain.text);
    expect(paced.headers["x-sandbox-code"]).toBe("01");
  });

  it("answers 503 maintenance always, or inside a WIB window only", async () => {
    await adminOk(sim, "PUT", "/sandbox/faults", { maintenance: true });
    const always = await lookup(magic(sim, "found"));
    expect([always.status, always.text]).toEqual([503, "Service Unavailable: maintenance"]);
    await adminOk(sim, "PUT", "/sandbox/faults", { maintenance: { from: "08:00", to: "10:00" } });
    expect((await lookup(magic(sim, "found"))).status).toBe(503);
    await adminOk(sim, "PUT", "/sandbox/faults", { maintenance: { from: "22:00", to: "23:00" } });
    expect((await lookup(magic(sim, "found"))).status).toBe(200);
  });

  it("applies an institution's faults to that institution only", async () => {
    const other = await createAccount(sim);
    await adminOk(sim, "PUT", `/sandbox/faults/${other.institutionId}`, { error: 502 });
    expect((await lookup(magic(sim, "found"), {}, other)).status).toBe(502);
    expect((await lookup(magic(sim, "found"))).status).toBe(200);
    expect(await adminOk(sim, "GET", "/sandbox/faults")).toEqual({
      global: {},
      institutions: { [other.institutionId]: { error: 502 } },
    });
    await adminOk(sim, "DELETE", `/sandbox/faults/${other.institutionId}`);
    expect((await lookup(magic(sim, "found"), {}, other)).status).toBe(200);
    const unknown = await admin(sim, "PUT", "/sandbox/faults/tidak-ada", { error: 500 });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ code: "DKS_SIM_NOT_FOUND" });
  });

  it("throttles with 503 when more requests are in flight than allowed", async () => {
    await adminOk(sim, "PUT", "/sandbox/faults", { maxConcurrent: 1 });
    // Each request stays in flight for its latency: whichever arrives second finds the first.
    const answers = await Promise.all([
      lookup(magic(sim, "found"), { prefer: "latency=300" }),
      lookup(magic(sim, "found"), { prefer: "latency=300" }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 503]);
    expect(answers.map((answer) => answer.text)).toContain("Service Unavailable: server busy");
  });

  it("refuses a fault plan with an unknown field or status with 400 problem+json", async () => {
    for (const plan of [{ error: 404 }, { latency: 5 }, { probability: 2 }]) {
      const answer = await admin(sim, "PUT", "/sandbox/faults", plan);
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ code: "DKS_SIM_VALIDATION" });
    }
    expect(await adminOk(sim, "GET", "/sandbox/faults")).toEqual({ global: {}, institutions: {} });
  });
});

describe("Prefer: fault and latency", () => {
  it("resets the connection for Prefer: fault=reset", async () => {
    expect(await socketError({ prefer: "fault=reset" })).toMatch(/ECONNRESET|socket hang up/);
  });

  it("answers 503 (and 500) for Prefer: fault=503 (fault=500)", async () => {
    expect((await lookup(magic(sim, "found"), { prefer: "fault=503" })).status).toBe(503);
    expect((await lookup(magic(sim, "found"), { prefer: "fault=500" })).status).toBe(500);
    expect((await lookup(magic(sim, "found"), { prefer: "fault=maintenance" })).status).toBe(503);
  });

  it("never answers Prefer: fault=timeout: the client times out", async () => {
    const error = await createDukcapilClient({
      baseUrl: sim.url,
      path: account.path,
      userId: account.userId,
      password: account.password,
      ipUser: account.ipUser,
      timeoutMs: 300,
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...(init?.headers as object), prefer: "fault=timeout" },
        }),
    })
      .lookup(magic(sim, "found"))
      .catch((caught: unknown) => caught);
    expect(isDukcapilTimeoutError(error)).toBe(true);
  });

  it("delays the answer for Prefer: latency=…, together with a code", async () => {
    const answer = await lookup(magic(sim, "found"), { prefer: "latency=20, code=11" });
    expect(answer.text).toBe(lookupFailureText("11"));
  });

  it("refuses an invalid Prefer: fault or latency with 400 problem+json", async () => {
    for (const prefer of ["fault=x", "fault=", "latency=abc", "latency=-1", "latency=999999"]) {
      const answer = await lookup(magic(sim, "found"), { prefer });
      expect([prefer, answer.status]).toEqual([prefer, 400]);
      expect(answer.headers["content-type"]).toMatch(PROBLEM);
      expect(JSON.parse(answer.text)).toMatchObject({ code: "DKS_SIM_PREFER_INVALID" });
    }
    expect(await sim.runtime.store.quota.peek(account.userId, "2026-03-02")).toBe(0);
  });
});

describe("usage-pattern policy", () => {
  /** Four NIKs in arithmetic progression: a sequential input (Juknis II.E.1). */
  const sequential = [1, 2, 3, 4].map((serial) =>
    makeNik({ district: "320405", birthDate: "1990-02-15", sex: "F", serial }),
  );

  async function policyAccount(policy: "record" | "warn" | "block") {
    const user = await createAccount(sim, { institution: { patternPolicy: policy } });
    const answers: RawAnswer[] = [];
    for (const nik of sequential) answers.push(await lookup(nik, {}, user));
    return { user, answers };
  }

  it("records a sequential finding in the journal without a header under record", async () => {
    const { user, answers } = await policyAccount("record");
    expect(answers.map((answer) => answer.headers["x-sandbox-pattern"])).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const journal = await readJournal(sim, { user: user.userId });
    expect(journal.entries[0]?.findings).toContain("PATTERN_SEQUENTIAL");
    expect(sim.runtime.engine.findings(user.userId).map((f) => f.code)).toContain(
      "PATTERN_SEQUENTIAL",
    );
  });

  it("adds X-Sandbox-Pattern to the request that raises the finding under warn", async () => {
    const { answers } = await policyAccount("warn");
    expect(answers.slice(0, 3).map((answer) => answer.headers["x-sandbox-pattern"])).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(answers[3]?.headers["x-sandbox-pattern"]).toContain("PATTERN_SEQUENTIAL");
    // The imitated body is unchanged.
    expect(answers[3]?.status).toBe(200);
    expect(answers[3]?.text.startsWith('{"content":[')).toBe(true);
  });

  it("blocks the rest of the day with the sandbox text under block, spending no hit", async () => {
    const { user, answers } = await policyAccount("block");
    const blocked = envelopeText(JSON.stringify({ RESPON: PATTERN_BLOCK_TEXT }), 1);
    expect(answers[3]?.text).toBe(blocked);
    expect(await sim.runtime.store.quota.peek(user.userId, "2026-03-02")).toBe(3);
    // Later requests that day, even a proper one, are blocked too.
    expect((await lookup(magic(sim, "found"), {}, user)).text).toBe(blocked);
    const verify = await callImitated(sim, user.path, "CALL_VERIFY_BY_ELEMEN", {
      NIK: magic(sim, "found"),
      ...credentials(user),
    });
    expect(JSON.parse(verify.text).content[0]).toEqual({
      RESPONSE_CODE: PATTERN_BLOCK_CODE,
      RESPONSE: PATTERN_BLOCK_TEXT,
      RESPONSE_DESC: PATTERN_BLOCK_TEXT,
      RESPON: PATTERN_BLOCK_TEXT,
    });
    expect(await sim.runtime.store.quota.peek(user.userId, "2026-03-02")).toBe(3);
    // The next WIB day the user ID answers again.
    await adminOk(sim, "POST", "/sandbox/clock", {
      set: "2026-03-03T08:00:00+07:00",
      frozen: true,
    });
    expect((await lookup(magic(sim, "found"), {}, user)).headers["x-sandbox-code"]).toBe("01");
  });
});

describe("reset", () => {
  it("restores the defaults and empties the journal, faults and registry", async () => {
    const extra = await createAccount(sim);
    await lookup(magic(sim, "found"));
    await adminOk(sim, "PUT", "/sandbox/faults", { latencyMs: 1 });
    await adminOk(sim, "POST", "/sandbox/clock", { advanceMs: HOUR_MS });
    await adminOk(sim, "PATCH", `/sandbox/admin/institutions/${account.institutionId}`, {
      status: "inactive",
    });

    const reset = (await adminOk(sim, "POST", "/sandbox/reset")) as {
      reset: boolean;
      defaults: Record<string, unknown>;
    };
    expect(reset).toMatchObject({
      reset: true,
      defaults: {
        institution: account.institutionId,
        path: account.path,
        userId: account.userId,
        password: account.password,
        ipUser: account.ipUser,
        dataBalikanToken: expect.stringMatching(/^dks_/),
      },
    });
    expect((await readJournal(sim)).total).toBe(0);
    expect(await adminOk(sim, "GET", "/sandbox/faults")).toEqual({ global: {}, institutions: {} });
    expect(await adminOk(sim, "GET", "/sandbox/clock")).toMatchObject({ now: CLOCK_START_MS });
    const institutions = (await adminOk(sim, "GET", "/sandbox/admin/institutions")) as {
      items: { id: string; status: string }[];
    };
    expect(institutions.items.map((item) => [item.id, item.status])).toEqual([
      [account.institutionId, "active"],
    ]);
    expect(institutions.items.some((item) => item.id === extra.institutionId)).toBe(false);
    expect((await lookup(magic(sim, "found"))).headers["x-sandbox-code"]).toBe("01");
  });
});

describe("admin token", () => {
  const routes: readonly [string, string, unknown?][] = [
    ["GET", "/sandbox/journal"],
    ["DELETE", "/sandbox/journal"],
    ["GET", "/sandbox/clock"],
    ["POST", "/sandbox/clock", { advanceMs: HOUR_MS }],
    ["GET", "/sandbox/faults"],
    ["PUT", "/sandbox/faults", { error: 500 }],
    ["DELETE", "/sandbox/faults"],
    ["PUT", "/sandbox/faults/dinsos-3204", { error: 500 }],
    ["DELETE", "/sandbox/faults/dinsos-3204"],
    ["POST", "/sandbox/reset"],
    ["GET", "/sandbox/admin/institutions"],
    ["PATCH", "/sandbox/admin/institutions/dinsos-3204", { status: "inactive" }],
  ];

  it("refuses every control route without the admin token, or with a wrong one, with 401 problem+json", async () => {
    await lookup(magic(sim, "found"));
    for (const authorization of [undefined, "Bearer salah-token-admin-123", `Basic dGVzdA==`]) {
      for (const [method, path, body] of routes) {
        const answer = await send(sim.url, {
          method,
          path,
          headers: {
            ...(authorization === undefined ? {} : { authorization }),
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        expect([authorization, method, path, answer.status]).toEqual([
          authorization,
          method,
          path,
          401,
        ]);
        expect(answer.headers["content-type"]).toMatch(PROBLEM);
        expect(JSON.parse(answer.text)).toMatchObject({ code: "DKS_SIM_ADMIN_UNAUTHORIZED" });
      }
    }
    // Nothing changed: the journal row, the faults, the clock and the institution are intact.
    expect((await readJournal(sim)).total).toBe(1);
    expect(await adminOk(sim, "GET", "/sandbox/faults")).toEqual({ global: {}, institutions: {} });
    expect(await adminOk(sim, "GET", "/sandbox/clock")).toMatchObject({ now: CLOCK_START_MS });
    expect((await lookup(magic(sim, "found"))).headers["x-sandbox-code"]).toBe("01");
  });

  it("serves GET /sandbox/health and GET /sandbox/magic without a token", async () => {
    const health = await send(sim.url, { method: "GET", path: "/sandbox/health" });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({
      status: "ok",
      population: 10_000,
      seed: "test",
      database: "memory",
      clock: { mode: "frozen", now: CLOCK_START_MS },
    });
    const table = await send(sim.url, { method: "GET", path: "/sandbox/magic" });
    expect(table.status).toBe(200);
  });
});

describe("magic-NIK table", () => {
  it("lists a magic NIK for every data code of the catalogue, and each answers its code", async () => {
    const table = JSON.parse(
      (await send(sim.url, { method: "GET", path: "/sandbox/magic" })).text,
    ) as {
      magic: { nik: string; kind: string; code: string }[];
      codes: { code: string; lookupText: string | null }[];
    };
    for (const row of responseCodes.filter((r) => r.category === "data")) {
      const rows = table.magic.filter((m) => m.code === row.code);
      expect([row.code, rows.length > 0]).toEqual([row.code, true]);
      if (row.code !== "01") expect(rows.map((m) => m.kind)).toContain(row.outcome);
    }
    expect(table.codes.map((c) => [c.code, c.lookupText])).toEqual(
      responseCodes.map((r) => [r.code, r.lookupText]),
    );
    for (const entry of table.magic) {
      const answer = await lookup(entry.nik);
      expect([entry.kind, answer.headers["x-sandbox-code"]]).toEqual([entry.kind, entry.code]);
    }
  });
});
