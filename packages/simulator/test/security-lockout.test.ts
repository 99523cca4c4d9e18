// Login backoff and lockout (issue 7, "Security"): the admin API's bearer token (new), and the
// imitated API's deliberate absence of a lockout (the upstream answers "Login Gagal" every
// time; docs/security.md says why). The Web Portal and admin console lockouts are tested in
// portal-http.test.ts and admin-console-http.test.ts.
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SimulatorError } from "../src/errors.js";
import { ADMIN_TOKEN_LOCKOUT, createAdminTokenGuard } from "../src/http/auth.js";
import type { RunningSimulator } from "../src/server.js";
import {
  type Account,
  ADMIN_AUTH,
  ADMIN_TOKEN,
  callImitated,
  createAccount,
  magic,
  send,
  startTestSimulator,
} from "./imitated-fixtures.js";

const PROBLEM = /^application\/problem\+json/;
const { maxFailures, windowMs } = ADMIN_TOKEN_LOCKOUT;

/** A request and response just rich enough for the guard. */
function fakeExchange(authorization: string | undefined, address = "127.0.0.1") {
  const headers: Record<string, string> = {};
  const req = {
    headers: authorization === undefined ? {} : { authorization },
    socket: { remoteAddress: address },
  } as unknown as IncomingMessage;
  const res = {
    setHeader(name: string, value: string) {
      headers[name.toLowerCase()] = value;
    },
  } as unknown as ServerResponse;
  return { req, res, headers };
}

/** The guard's verdict for one request: "ok" or the error code, and the headers it set. */
function attempt(
  guard: ReturnType<typeof createAdminTokenGuard>,
  authorization: string | undefined,
  address?: string,
): { result: string; headers: Record<string, string>; error?: SimulatorError } {
  const { req, res, headers } = fakeExchange(authorization, address);
  try {
    guard.check(req, res);
    return { result: "ok", headers };
  } catch (error) {
    if (!(error instanceof SimulatorError)) throw error;
    return { result: error.code, headers, error };
  }
}

describe("admin token lockout (the guard, on a manual clock)", () => {
  const right = `Bearer ${ADMIN_TOKEN}`;
  const wrong = "Bearer salah-token-admin-000";

  it(`refuses every admin request from an address after ${maxFailures} wrong tokens, the right one too, with Retry-After`, () => {
    let now = 1_000_000;
    const guard = createAdminTokenGuard(ADMIN_TOKEN, { now: () => now });
    for (let i = 0; i < maxFailures; i++) {
      expect(attempt(guard, wrong).result).toBe("DKS_SIM_ADMIN_UNAUTHORIZED");
      now += 1_000;
    }
    const locked = attempt(guard, right);
    expect(locked.result).toBe("DKS_SIM_ADMIN_LOCKED");
    expect(locked.error?.status).toBe(429);
    // Locked until the first failure (at 1,000,000) is 15 minutes old.
    const until = 1_000_000 + windowMs;
    expect(locked.headers["retry-after"]).toBe(String(Math.ceil((until - now) / 1000)));
    expect(locked.error?.details).toEqual({
      lockedUntil: new Date(until).toISOString(),
      retryAfterSeconds: Math.ceil((until - now) / 1000),
    });
    expect(locked.error?.message).toContain("Check the admin token npm start printed");
    // Another address is not locked.
    expect(attempt(guard, right, "::1").result).toBe("ok");
    // One millisecond before the oldest failure is 15 minutes old: still locked.
    now = until - 1;
    expect(attempt(guard, right).result).toBe("DKS_SIM_ADMIN_LOCKED");
    expect(attempt(guard, right).headers["retry-after"]).toBe("1");
    // Then the right token works again (19 failures are still in the window).
    now = until;
    expect(attempt(guard, right).result).toBe("ok");
    // …and one more wrong token locks again: the window slides.
    expect(attempt(guard, wrong).result).toBe("DKS_SIM_ADMIN_UNAUTHORIZED");
    expect(attempt(guard, right).result).toBe("DKS_SIM_ADMIN_LOCKED");
  });

  it("does not count requests without a bearer token, and a right token does not reset the count", () => {
    const now = 5_000_000;
    const guard = createAdminTokenGuard(ADMIN_TOKEN, { now: () => now });
    for (let i = 0; i < maxFailures * 2; i++) {
      expect(attempt(guard, undefined).result).toBe("DKS_SIM_ADMIN_UNAUTHORIZED");
      expect(attempt(guard, `Basic ${ADMIN_TOKEN}`).result).toBe("DKS_SIM_ADMIN_UNAUTHORIZED");
    }
    expect(attempt(guard, right).result).toBe("ok");
    // A client with the right token on the same address (every local process shares 127.0.0.1)
    // must not reset a guesser's count.
    for (let i = 0; i < maxFailures - 1; i++) {
      expect(attempt(guard, wrong).result).toBe("DKS_SIM_ADMIN_UNAUTHORIZED");
      expect(attempt(guard, right).result).toBe("ok");
    }
    expect(attempt(guard, wrong).result).toBe("DKS_SIM_ADMIN_UNAUTHORIZED");
    expect(attempt(guard, right).result).toBe("DKS_SIM_ADMIN_LOCKED");
  });

  it("treats the IPv4-mapped IPv6 form of an address as the address", () => {
    const guard = createAdminTokenGuard(ADMIN_TOKEN, { now: () => 0 });
    for (let i = 0; i < maxFailures; i++) attempt(guard, wrong, "::ffff:127.0.0.1");
    expect(attempt(guard, right, "127.0.0.1").result).toBe("DKS_SIM_ADMIN_LOCKED");
  });
});

describe("admin token lockout over HTTP", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(async () => {
    await sim?.close();
  });

  it("counts wrong tokens of the admin API and the sandbox controls together, then answers 429 problem+json", async () => {
    // The imitated API works before, and keeps working during the lockout.
    const found = magic(sim, "found");
    const account = await createAccount(sim);
    const paths = ["/sandbox/admin/institutions", "/sandbox/journal", "/sandbox/clock"];
    for (let i = 0; i < maxFailures; i++) {
      const answer = await send(sim.url, {
        method: "GET",
        path: paths[i % paths.length] as string,
        headers: { authorization: `Bearer wrong-token-${i}-abcdefgh` },
      });
      expect([i, answer.status]).toEqual([i, 401]);
      expect(JSON.parse(answer.text)).toMatchObject({ code: "DKS_SIM_ADMIN_UNAUTHORIZED" });
    }
    for (const path of [...paths, "/sandbox/faults"]) {
      const locked = await send(sim.url, { method: "GET", path, headers: ADMIN_AUTH });
      expect([path, locked.status]).toEqual([path, 429]);
      expect(locked.headers["content-type"]).toMatch(PROBLEM);
      expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
      expect(locked.headers["www-authenticate"]).toBeUndefined();
      const problem = JSON.parse(locked.text) as Record<string, unknown>;
      expect(problem).toMatchObject({
        code: "DKS_SIM_ADMIN_LOCKED",
        status: 429,
        type: "urn:dukcapil-sandbox:error:DKS_SIM_ADMIN_LOCKED",
        retryAfterSeconds: Number(locked.headers["retry-after"]),
      });
      expect(problem.detail).toMatch(/20 wrong admin tokens from 127\.0\.0\.1 within 15 minutes/);
      expect(problem.fix).toMatch(/Retry-After/);
    }
    // Public routes and the imitated API are not behind the admin token.
    expect((await send(sim.url, { method: "GET", path: "/sandbox/health" })).status).toBe(200);
    expect((await send(sim.url, { method: "GET", path: "/sandbox/magic" })).status).toBe(200);
    const lookup = await callImitated(sim, account.path, "CALL_NIK", {
      nik: found,
      user_id: account.userId,
      password: account.password,
      ip_user: account.ipUser,
    });
    expect(lookup.headers["x-sandbox-code"]).toBe("01");
  });
});

describe("imitated API: no lockout, by design", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(async () => {
    await sim?.close();
  });

  it("answers every wrong password with the upstream's Login Gagal (03), byte for byte, and the right one still works", async () => {
    const account = await createAccount(sim);
    const body = (password: string) => ({
      nik: magic(sim, "found"),
      user_id: account.userId,
      password,
      ip_user: account.ipUser,
    });
    const texts = new Set<string>();
    for (let i = 0; i < 25; i++) {
      const answer = await callImitated(sim, account.path, "CALL_NIK", body(`salah-${i}-xxxx`));
      expect([i, answer.status, answer.headers["x-sandbox-code"]]).toEqual([i, 200, "03"]);
      expect(answer.headers["retry-after"]).toBeUndefined();
      texts.add(answer.text);
    }
    // One text for all 25: no sandbox-only "locked" answer the upstream never gives.
    expect([...texts]).toHaveLength(1);
    expect([...texts][0]).toContain('"RESPON":"Login Gagal"');
    const right = await callImitated(sim, account.path, "CALL_NIK", body(account.password));
    expect(right.headers["x-sandbox-code"]).toBe("01");
  });

  it("checks a wrong password off the event loop: a right lookup sent after three wrong ones is answered first", async () => {
    const account = await createAccount(sim);
    const body = (password: string) => ({
      nik: magic(sim, "found"),
      user_id: account.userId,
      password,
      ip_user: account.ipUser,
    });
    // The right password is checked once (scrypt) and then remembered.
    const warm = await callImitated(sim, account.path, "CALL_NIK", body(account.password));
    expect(warm.headers["x-sandbox-code"]).toBe("01");

    const order: string[] = [];
    const wrong = [0, 1, 2].map((i) =>
      callImitated(sim, account.path, "CALL_NIK", body(`salah-${i}-xxxx`)).then((answer) => {
        order.push(`wrong ${answer.headers["x-sandbox-code"]}`);
      }),
    );
    // A scrypt check of a wrong password takes tens of ms; run on the event loop it would
    // hold this request up behind it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const right = callImitated(sim, account.path, "CALL_NIK", body(account.password)).then(
      (answer) => {
        order.push(`right ${answer.headers["x-sandbox-code"]}`);
      },
    );
    await Promise.all([...wrong, right]);
    expect(order).toEqual(["right 01", "wrong 03", "wrong 03", "wrong 03"]);
  });

  it("applies a change made while the password was being checked (user deactivated, grant narrowed)", async () => {
    const call = (account: Account, method: string, body: Record<string, unknown>) =>
      sim.runtime.engine.handle({
        method: "POST",
        path: `/dukcapil/get_json/${account.path}/${method}`,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        remoteAddress: "127.0.0.1",
      });
    // The first check of a password is not cached: it awaits scrypt, and the admin's change
    // (synchronous, like an admin request served meanwhile) lands before it ends.
    const first = await createAccount(sim);
    const lookup = call(first, "CALL_NIK", {
      nik: magic(sim, "found"),
      user_id: first.userId,
      password: first.password,
      ip_user: first.ipUser,
    });
    sim.runtime.store.users.update(first.userId, { status: "inactive" });
    expect((await lookup)?.headers["x-sandbox-code"]).toBe("17");

    const second = await createAccount(sim);
    const verify = call(second, "CALL_VERIFY_BY_ELEMEN", {
      NIK: magic(sim, "found"),
      USER_ID: second.userId,
      PASSWORD: second.password,
      IP_USER: second.ipUser,
      TRESHOLD: "80",
      NAMA_LGKP: "SIAPA SAJA",
    });
    sim.runtime.store.institutions.update(second.institutionId, { grant: ["NIK", "NO_KK"] });
    const answer = await verify;
    expect(answer?.headers["x-sandbox-code"]).toBe("01");
    expect(answer?.body).toContain('"NAMA_LGKP":null');
  });

  it("checks the connecting address before the password: an address outside the allowlist never reaches the password check", async () => {
    const account = await createAccount(sim, { institution: { allowlist: ["10.99.0.1"] } });
    const answer = await callImitated(sim, account.path, "CALL_NIK", {
      nik: magic(sim, "found"),
      user_id: account.userId,
      password: "salah-sekali-xxxx",
      ip_user: account.ipUser,
    });
    expect(answer.headers["x-sandbox-code"]).toBe("10");
  });
});
