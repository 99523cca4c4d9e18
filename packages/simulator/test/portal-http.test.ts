// The operator Web Portal over HTTP (issue 5): sessions, cookies, CSRF, lockout, the
// allowlist, no-store headers, and every catalogue outcome with its verbatim text —
// through the same engine, quota and journal as the API.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createHttpsServer, request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import {
  DEFAULT_ATTRIBUTION,
  makeNik,
  type ResponseCode,
  responseCodes,
  WEB_PORTAL_GRANT,
} from "@dukcapil-sandbox/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATTERN_BLOCK_TEXT } from "../src/engine/imitated.js";
import { PORTAL_COOKIES } from "../src/portal/router.js";
import { PORTAL_TEXTS } from "../src/portal/texts.js";
import { createSimulator, type RunningSimulator } from "../src/server.js";
import {
  type Account,
  ADMIN_TOKEN,
  adminOk,
  CLOCK_START,
  CLOSED_ACCESS_HOURS,
  callImitated,
  createAccount,
  credentials,
  defaultAccount,
  FOREIGN_ALLOWLIST,
  hitsUsed,
  magic,
  readJournal,
  row,
  startTestSimulator,
} from "./imitated-fixtures.js";
import {
  confirmationOf,
  csrfOf,
  loggedIn,
  login,
  type PortalAgent,
  type PortalAnswer,
  portalAgent,
  recordOf,
  search,
  setCookie,
  unescapeHtml,
} from "./portal-fixtures.js";
import { tempDir } from "./state-fixtures.js";

const MINUTE_MS = 60_000;
const id = PORTAL_TEXTS.id;

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

/** The text a page shows for a code: the Juknis portal confirmation, else the wire text. */
function expectedText(code: ResponseCode): string {
  const catalogue = row(code);
  return catalogue.portalText ?? catalogue.lookupText ?? "";
}

function expectConfirmation(answer: PortalAnswer, code: ResponseCode): void {
  expect(answer.status).toBe(200);
  expect(answer.headers["x-sandbox-code"]).toBe(code);
  expect(confirmationOf(answer.text)).toEqual({ code, text: expectedText(code) });
  expect(unescapeHtml(answer.text)).toContain(row(code).actionId);
}

function expectNoStore(answer: PortalAnswer): void {
  expect(answer.headers["cache-control"]).toBe("no-store");
  expect(answer.headers.pragma).toBe("no-cache");
}

describe("Web Portal pages and headers", () => {
  it("redirects /portal to the login page and the search page to login without a session", async () => {
    const agent = portalAgent(sim);
    const root = await agent.get("/portal");
    expect([root.status, root.headers.location]).toEqual([303, "/portal/masuk"]);
    const page = await agent.get("/portal/cari");
    expect([page.status, page.headers.location]).toEqual([303, "/portal/masuk"]);
  });

  it("sends Cache-Control: no-store, Pragma: no-cache and a script-free CSP on every page", async () => {
    const agent = portalAgent(sim);
    const answers: PortalAnswer[] = [];
    answers.push(await agent.get("/portal"));
    answers.push(await agent.get("/portal/masuk"));
    const account = defaultAccount(sim);
    answers.push(await login(agent, account.userId, "salah-sandbox-9"));
    answers.push(await login(agent, account.userId, account.password));
    answers.push(await agent.get("/portal/cari"));
    answers.push(await search(agent, magic(sim, "found")));
    answers.push(await agent.get("/portal/tidak-ada"));
    answers.push(await agent.post("/portal/cari").type("form").send({ nik: "1" }));
    const page = await agent.get("/portal/cari");
    answers.push(
      await agent
        .post("/portal/keluar")
        .type("form")
        .send({ _csrf: csrfOf(page.text) }),
    );
    for (const answer of answers) {
      expectNoStore(answer);
      const csp = String(answer.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain("script-src");
      expect(csp).not.toContain("unsafe-inline");
      expect(answer.headers["x-frame-options"]).toBe("DENY");
      expect(answer.headers["referrer-policy"]).toBe("no-referrer");
      expect(answer.text).not.toContain("<script");
    }
  });

  it("shows the attribution notice, a skip link and the lang attribute on every page", async () => {
    const agent = portalAgent(sim);
    const account = defaultAccount(sim);
    const pages = [await agent.get("/portal/masuk"), await agent.get("/portal/tidak-ada")];
    await login(agent, account.userId, account.password);
    pages.push(await agent.get("/portal/cari"), await search(agent, magic(sim, "deceased")));
    for (const page of pages) {
      expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(page.text).toMatch(/^<!DOCTYPE html><html lang="id">/);
      expect(page.text).toContain(`<p class="attribution" lang="id">${DEFAULT_ATTRIBUTION}</p>`);
      expect(page.text).toContain(`<a class="skip" href="#konten">${id.skipLink}</a>`);
      expect(page.text).toContain('<main id="konten" tabindex="-1">');
    }
  });

  it("labels every form field", async () => {
    const agent = portalAgent(sim);
    const account = defaultAccount(sim);
    const pages = [(await agent.get("/portal/masuk")).text];
    await login(agent, account.userId, account.password);
    pages.push((await agent.get("/portal/cari")).text);
    for (const html of pages) {
      const inputs = [...html.matchAll(/<input id="([^"]+)"[^>]*type="(?:text|password)"/g)];
      expect(inputs.length).toBeGreaterThan(0);
      for (const input of inputs) expect(html).toContain(`<label for="${input[1]}">`);
    }
  });

  it("answers a portal path that does not exist with a 404 page naming the error code", async () => {
    const answer = await portalAgent(sim).get("/portal/tidak-ada");
    expect(answer.status).toBe(404);
    expect(answer.headers["x-sandbox-error"]).toBe("DKS_SIM_ROUTE_NOT_FOUND");
    expect(answer.text).toContain(id.notFound);
  });

  it("refuses a form that is not application/x-www-form-urlencoded with 400", async () => {
    const agent = portalAgent(sim);
    await agent.get("/portal/masuk");
    const answer = await agent
      .post("/portal/masuk")
      .set("content-type", "application/json")
      .send(JSON.stringify({ user_id: "x", password: "y" }));
    expect(answer.status).toBe(400);
    expect(answer.headers["x-sandbox-error"]).toBe("DKS_SIM_PORTAL_FORM_INVALID");
    expectNoStore(answer);
  });
});

describe("Web Portal language", () => {
  it("speaks Indonesian by default and English after ?lang=en, remembered in a cookie", async () => {
    const agent = portalAgent(sim);
    const first = await agent.get("/portal/masuk");
    expect(first.text).toContain('<html lang="id">');
    expect(first.text).toContain(`<h1>${id.loginTitle}</h1>`);
    expect(first.text).toContain(
      'href="/portal/masuk?lang=en" lang="en" hreflang="en">English</a>',
    );

    const english = await agent.get("/portal/masuk?lang=en");
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain(`<h1>${PORTAL_TEXTS.en.loginTitle}</h1>`);
    const cookie = setCookie(english, PORTAL_COOKIES.language);
    expect(cookie).toMatch(
      /^dks_portal_lang=en; Path=\/portal; HttpOnly; SameSite=Lax; Max-Age=\d+$/,
    );

    const again = await agent.get("/portal/masuk");
    expect(again.text).toContain('<html lang="en">');
    // The upstream confirmations stay verbatim Indonesian, marked as such, with the English meaning.
    const account = defaultAccount(sim);
    await login(agent, account.userId, account.password);
    const deceased = await search(agent, magic(sim, "deceased"));
    expect(confirmationOf(deceased.text)?.text).toBe(expectedText("11"));
    expect(unescapeHtml(deceased.text)).toContain(row("11").meaningEn);
    expect(unescapeHtml(deceased.text)).toContain(row("11").actionEn);
    const back = await agent.get("/portal/cari?lang=id");
    expect(back.text).toContain('<html lang="id">');
  });
});

describe("Web Portal sessions", () => {
  it("sets the session cookie HttpOnly, SameSite=Strict, Path=/portal, without Secure over http", async () => {
    const agent = portalAgent(sim);
    const page = await agent.get("/portal/masuk");
    const anonymous = setCookie(page, PORTAL_COOKIES.session);
    expect(anonymous).toMatch(
      /^dks_portal_sid=[A-Za-z0-9_-]{43}; Path=\/portal; HttpOnly; SameSite=Strict$/,
    );
    const account = defaultAccount(sim);
    const answer = await agent
      .post("/portal/masuk")
      .type("form")
      .send({ _csrf: csrfOf(page.text), user_id: account.userId, password: account.password });
    const session = setCookie(answer, PORTAL_COOKIES.session);
    expect(session).toMatch(
      /^dks_portal_sid=[A-Za-z0-9_-]{43}; Path=\/portal; HttpOnly; SameSite=Strict$/,
    );
    // A new id at login: the anonymous one cannot be fixed in advance by someone else.
    expect(session?.split(";")[0]).not.toBe(anonymous?.split(";")[0]);
    const stale = await portalAgent(sim)
      .get("/portal/cari")
      .set("cookie", anonymous?.split(";")[0] ?? "");
    expect(stale.status).toBe(303);
  });

  it("keeps sessions server-side: the database file holds a hash of the id, never the id", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, "state.db");
      const fileSim = await startTestSimulator({ db: file });
      try {
        const account = defaultAccount(fileSim);
        const agent = portalAgent(fileSim);
        const answer = await login(agent, account.userId, account.password);
        const sessionId = setCookie(answer, PORTAL_COOKIES.session)?.split(";")[0]?.split("=")[1];
        expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
        const session = fileSim.runtime.store.portal.session(sessionId ?? "");
        expect(session?.userId).toBe(account.userId);
        const bytes = Buffer.concat(
          [file, `${file}-wal`].map((path) => {
            try {
              return readFileSync(path);
            } catch {
              return Buffer.alloc(0);
            }
          }),
        );
        // The session row is on disk (its CSRF token is), its id is not.
        expect(bytes.includes(Buffer.from(session?.csrfToken ?? "missing"))).toBe(true);
        expect(bytes.includes(Buffer.from(sessionId ?? "x"))).toBe(false);
      } finally {
        await fileSim.close();
      }
    } finally {
      cleanup();
    }
  });

  it("ends the session at logout: the old cookie no longer opens the search page", async () => {
    const account = defaultAccount(sim);
    const agent = portalAgent(sim);
    const cookie =
      setCookie(
        await login(agent, account.userId, account.password),
        PORTAL_COOKIES.session,
      )?.split(";")[0] ?? "";
    expect(cookie).toMatch(/^dks_portal_sid=./);
    const page = await agent.get("/portal/cari");
    const out = await agent
      .post("/portal/keluar")
      .type("form")
      .send({ _csrf: csrfOf(page.text) });
    expect([out.status, out.headers.location]).toEqual([303, "/portal/masuk?keluar=1"]);
    expect(out.headers["clear-site-data"]).toBe('"cache"');
    expect(setCookie(out, PORTAL_COOKIES.session)).toMatch(
      /^dks_portal_sid=; Path=\/portal; HttpOnly; SameSite=Strict; Max-Age=0$/,
    );
    const loginPage = await agent.get("/portal/masuk?keluar=1");
    expect(loginPage.text).toContain(id.loggedOut);
    // Replaying the old session cookie opens nothing.
    const replay = await portalAgent(sim).get("/portal/cari").set("cookie", cookie);
    expect(replay.status).toBe(303);
    const replayPost = await portalAgent(sim)
      .post("/portal/cari")
      .set("cookie", cookie)
      .type("form")
      .send({ _csrf: csrfOf(page.text), nik: magic(sim, "found") });
    expect([replayPost.status, replayPost.headers.location]).toEqual([
      303,
      "/portal/masuk?sesi=berakhir",
    ]);
  });

  it("expires a session after 30 idle minutes of the simulator clock", async () => {
    const account = defaultAccount(sim);
    const agent = await loggedIn(sim, account);
    expect((await agent.get("/portal/cari")).status).toBe(200);
    sim.runtime.clock.advance(29 * MINUTE_MS);
    expect((await agent.get("/portal/cari")).status).toBe(200);
    sim.runtime.clock.advance(30 * MINUTE_MS);
    expect((await agent.get("/portal/cari")).status).toBe(303);
    sim.runtime.clock.set(Date.parse(CLOCK_START), true);
  });
});

describe("Web Portal CSRF protection", () => {
  it("refuses a login without the session's token and checks nothing", async () => {
    const account = defaultAccount(sim);
    const agent = portalAgent(sim);
    await agent.get("/portal/masuk");
    for (const token of [undefined, "", "salah", `${"A".repeat(43)}`]) {
      const answer = await agent
        .post("/portal/masuk")
        .type("form")
        .send({
          ...(token === undefined ? {} : { _csrf: token }),
          user_id: account.userId,
          password: account.password,
        });
      expect(answer.status).toBe(403);
      expect(answer.headers["x-sandbox-error"]).toBe("DKS_SIM_PORTAL_CSRF_INVALID");
      expect(answer.text).toContain(id.csrfRefused);
      expect(setCookie(answer, PORTAL_COOKIES.session)).toBeUndefined();
    }
    // A form posted with no session at all (a cross-site form: SameSite=Strict sends no cookie).
    const fresh = await portalAgent(sim)
      .post("/portal/masuk")
      .type("form")
      .send({ _csrf: "x", user_id: account.userId, password: account.password });
    expect(fresh.status).toBe(403);
    expect(fresh.headers.location).toBeUndefined();
  });

  it("refuses a search whose token is missing, wrong or another session's, and uses no hit", async () => {
    const account = await createAccount(sim);
    const agent = await loggedIn(sim, account);
    const other = await loggedIn(sim, account);
    const otherToken = csrfOf((await other.get("/portal/cari")).text);
    const before = await hitsUsed(sim, account.userId);
    const journalBefore = (await readJournal(sim, { user: account.userId })).total;
    for (const token of [undefined, "salah", otherToken]) {
      const answer = await agent
        .post("/portal/cari")
        .type("form")
        .send({ ...(token === undefined ? {} : { _csrf: token }), nik: magic(sim, "found") });
      expect(answer.status).toBe(403);
      expect(answer.headers["x-sandbox-error"]).toBe("DKS_SIM_PORTAL_CSRF_INVALID");
      expect(recordOf(answer.text)).toEqual([]);
    }
    expect(await hitsUsed(sim, account.userId)).toBe(before);
    expect((await readJournal(sim, { user: account.userId })).total).toBe(journalBefore);
  });

  it("refuses a logout without the token and keeps the session", async () => {
    const agent = await loggedIn(sim, defaultAccount(sim));
    const answer = await agent.post("/portal/keluar").type("form").send({ _csrf: "salah" });
    expect(answer.status).toBe(403);
    expect(answer.headers["x-sandbox-error"]).toBe("DKS_SIM_PORTAL_CSRF_INVALID");
    expect((await agent.get("/portal/cari")).status).toBe(200);
  });
});

describe("Web Portal lockout", () => {
  it("locks a user ID after 5 failed logins within 15 minutes and says when to try again", async () => {
    const account = await createAccount(sim);
    const agent = portalAgent(sim);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const answer = await login(agent, account.userId, `salah-${attempt}`);
      expectConfirmation(answer, "03");
      expect(answer.text).toContain(id.attemptsLeft(5 - attempt));
      sim.runtime.clock.advance(MINUTE_MS);
    }
    const fifth = await login(agent, account.userId, "salah-5");
    expectConfirmation(fifth, "03");
    // Locked until the first failure (09:00 WIB) is 15 minutes old.
    expect(fifth.text).toContain(id.locked("09.15 WIB"));

    // Now even the right password is refused, without being checked.
    const locked = await login(agent, account.userId, account.password);
    expect(locked.status).toBe(429);
    expect(locked.headers["x-sandbox-error"]).toBe("DKS_SIM_PORTAL_LOCKED");
    expect(locked.headers["retry-after"]).toBe(String(11 * 60));
    expect(locked.text).toContain(id.locked("09.15 WIB"));
    expect(locked.text).toContain("DKS_SIM_PORTAL_LOCKED");
    const journal = await readJournal(sim, { user: account.userId });
    expect(journal.entries[0]).toMatchObject({
      endpoint: "portal",
      path: "/portal/masuk",
      httpStatus: 429,
      code: null,
    });
    expect(journal.byCode["03"]).toBe(5);

    // At 09:15 WIB the oldest failure leaves the window: the right password works again.
    sim.runtime.clock.set(Date.parse("2026-03-02T09:15:00+07:00"), true);
    const ok = await login(agent, account.userId, account.password);
    expect([ok.status, ok.headers.location]).toEqual([303, "/portal/cari"]);
    sim.runtime.clock.set(Date.parse(CLOCK_START), true);
  });

  it("shows the lockout in English with the WIB time", async () => {
    const account = await createAccount(sim);
    const agent = portalAgent(sim);
    await agent.get("/portal/masuk?lang=en");
    for (let attempt = 1; attempt <= 5; attempt++) await login(agent, account.userId, "salah");
    const locked = await login(agent, account.userId, account.password);
    expect(locked.status).toBe(429);
    expect(locked.text).toContain(PORTAL_TEXTS.en.locked("09:15 WIB"));
  });

  it("counts only failures within 15 minutes, and a successful login clears them", async () => {
    const account = await createAccount(sim);
    const agent = portalAgent(sim);
    for (let attempt = 1; attempt <= 4; attempt++) await login(agent, account.userId, "salah");
    // 16 minutes later the four failures are out of the window.
    sim.runtime.clock.advance(16 * MINUTE_MS);
    const fifth = await login(agent, account.userId, "salah");
    expect(fifth.text).toContain(id.attemptsLeft(4));
    for (let attempt = 1; attempt <= 3; attempt++) await login(agent, account.userId, "salah");
    const ok = await login(agent, account.userId, account.password);
    expect(ok.status).toBe(303);
    const after = await login(portalAgent(sim), account.userId, "salah");
    expect(after.text).toContain(id.attemptsLeft(4));
    sim.runtime.clock.set(Date.parse(CLOCK_START), true);
  });

  it("does not count refusals that are not wrong credentials (address, inactive user)", async () => {
    const account = await createAccount(sim, { user: { status: "inactive" } });
    const agent = portalAgent(sim);
    for (let attempt = 1; attempt <= 6; attempt++) {
      expectConfirmation(await login(agent, account.userId, account.password), "17");
    }
    expect(sim.runtime.store.portal.lockState(account.userId).failures).toBe(0);
  });

  it("checks at most 5 passwords of a user ID when the guesses arrive at once (no lockout bypass by parallel requests)", async () => {
    const account = await createAccount(sim);
    const agent = portalAgent(sim);
    const page = await agent.get("/portal/masuk");
    const csrf = csrfOf(page.text);
    // Twelve wrong guesses in flight together: the password check runs off the event loop,
    // so without serialising the logins of a user ID every guess would pass the lock check
    // before any failure was recorded.
    const guesses = Array.from({ length: 12 }, (_, i) => `salah-bersamaan-${i}`);
    const answers = await Promise.all(
      guesses.map((password) =>
        agent
          .post("/portal/masuk")
          .type("form")
          .send({ _csrf: csrf, user_id: account.userId, password }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(answers.length - 5);
    const journal = await readJournal(sim, { user: account.userId });
    expect(journal.byCode["03"]).toBe(5);
    // Locked: the right password is not checked either.
    expect((await login(agent, account.userId, account.password)).status).toBe(429);
  });
});

describe("Web Portal allowlist", () => {
  it("refuses a login from an address outside the institution's allowlist (10), not counted as a failure", async () => {
    const account = await createAccount(sim, {
      institution: { allowlist: [...FOREIGN_ALLOWLIST] },
    });
    const answer = await login(portalAgent(sim), account.userId, account.password);
    expectConfirmation(answer, "10");
    expect(setCookie(answer, PORTAL_COOKIES.session)).toBeUndefined();
    expect(sim.runtime.store.portal.lockState(account.userId).failures).toBe(0);
    const journal = await readJournal(sim, { user: account.userId });
    expect(journal.entries[0]).toMatchObject({
      endpoint: "portal",
      code: "10",
      path: "/portal/masuk",
    });
  });

  it("refuses a lookup (10, no hit) once the allowlist no longer holds the address", async () => {
    const account = await createAccount(sim);
    const agent = await loggedIn(sim, account);
    await adminOk(sim, "PATCH", `/sandbox/admin/institutions/${account.institutionId}`, {
      allowlist: [...FOREIGN_ALLOWLIST],
    });
    expectConfirmation(await search(agent, magic(sim, "found")), "10");
    expect(await hitsUsed(sim, account.userId)).toBe(0);
  });
});

/** How the portal reaches each catalogue outcome (a new code without a row here fails to compile). */
type PortalCause =
  | {
      readonly stage: "login";
      readonly description: string;
      readonly arrange?: (account: Account) => Promise<void>;
      readonly password?: (account: Account) => string;
    }
  | {
      readonly stage: "lookup";
      readonly description: string;
      readonly arrange?: (account: Account, agent: PortalAgent) => Promise<void>;
      readonly nik: () => string;
    }
  | { readonly stage: "none"; readonly reason: string };

const patchInstitution = (patch: Record<string, unknown>) => async (account: Account) => {
  await adminOk(sim, "PATCH", `/sandbox/admin/institutions/${account.institutionId}`, patch);
};
const patchUser = (patch: Record<string, unknown>) => async (account: Account) => {
  await adminOk(sim, "PATCH", `/sandbox/admin/users/${account.userId}`, patch);
};

const PORTAL_CAUSES: Readonly<Record<ResponseCode, PortalCause>> = {
  "01": { stage: "lookup", description: "the magic found NIK", nik: () => magic(sim, "found") },
  "03": { stage: "login", description: "a wrong password", password: () => "salah-sandbox-9" },
  "04": {
    stage: "none",
    reason: "the portal sends no ip_user: the allowlist of the connecting address applies",
  },
  "05": {
    stage: "lookup",
    description: "a daily quota of 1 already used by a portal lookup",
    arrange: async (account, agent) => {
      await patchUser({ dailyQuota: 1 })(account);
      expect((await search(agent, magic(sim, "found"))).headers["x-sandbox-code"]).toBe("01");
    },
    nik: () => magic(sim, "deceased"),
  },
  "06": {
    stage: "lookup",
    description: "a lookup outside the institution's access hours",
    arrange: (account) => patchInstitution({ accessHours: CLOSED_ACCESS_HOURS })(account),
    nik: () => magic(sim, "found"),
  },
  "07": {
    stage: "lookup",
    description: "a form posted without a NIK (the browser's required field stops it)",
    nik: () => "",
  },
  "09": { stage: "login", description: "an empty password", password: () => "" },
  "10": {
    stage: "login",
    description: "a login from outside the allowlist",
    arrange: patchInstitution({ allowlist: [...FOREIGN_ALLOWLIST] }),
  },
  "11": {
    stage: "lookup",
    description: "the magic deceased NIK",
    nik: () => magic(sim, "deceased"),
  },
  "12": {
    stage: "lookup",
    description: "the magic duplicate NIK",
    nik: () => magic(sim, "duplicate"),
  },
  "13": {
    stage: "lookup",
    description: "the magic not-found NIK",
    nik: () => magic(sim, "not-found"),
  },
  "14": {
    stage: "lookup",
    description: "the magic inactive NIK",
    nik: () => magic(sim, "inactive"),
  },
  "15": {
    stage: "lookup",
    description: "the magic malformed NIK (31 February)",
    nik: () => magic(sim, "malformed-nik"),
  },
  "16": {
    stage: "login",
    description: "an inactive institution",
    arrange: patchInstitution({ status: "inactive" }),
  },
  "17": {
    stage: "login",
    description: "an inactive user ID",
    arrange: patchUser({ status: "inactive" }),
  },
};

describe("Web Portal outcomes: every catalogue confirmation, verbatim", () => {
  it("uses the magic NIKs the brief names", () => {
    expect([
      magic(sim, "found"),
      magic(sim, "deceased"),
      magic(sim, "duplicate"),
      magic(sim, "not-found"),
      magic(sim, "inactive"),
      magic(sim, "malformed-nik"),
      magic(sim, "big-nik"),
    ]).toEqual([
      "3319041307949001",
      "5208025311479002",
      "1208011905789003",
      "3319041307949999",
      "3215076005509004",
      "3319043102940001",
      "9601085401569005",
    ]);
  });

  const shown = responseCodes.filter(
    (r) => r.code !== "01" && PORTAL_CAUSES[r.code].stage !== "none",
  );
  it.each(shown.map((r) => ({ code: r.code, cause: PORTAL_CAUSES[r.code] })))(
    "shows $code for $cause.description with the Juknis text and its advice",
    async ({ code, cause }) => {
      const account = await createAccount(sim);
      if (cause.stage === "login") {
        await cause.arrange?.(account);
        const answer = await login(
          portalAgent(sim),
          account.userId,
          cause.password?.(account) ?? account.password,
        );
        expectConfirmation(answer, code);
        const journal = await readJournal(sim, { user: account.userId });
        expect(journal.entries[0]).toMatchObject({
          endpoint: "portal",
          path: "/portal/masuk",
          code,
        });
        return;
      }
      if (cause.stage !== "lookup") throw new Error("unreachable");
      const agent = await loggedIn(sim, account);
      await cause.arrange?.(account, agent);
      const before = await hitsUsed(sim, account.userId);
      const answer = await search(agent, cause.nik());
      expectConfirmation(answer, code);
      expect(recordOf(answer.text)).toEqual([]);
      // A hit exactly when the catalogue says the outcome consumes quota.
      expect((await hitsUsed(sim, account.userId)) - before).toBe(row(code).consumesQuota ? 1 : 0);
      const journal = await readJournal(sim, { user: account.userId });
      expect(journal.entries[0]).toMatchObject({
        endpoint: "portal",
        path: "/portal/cari",
        httpMethod: "POST",
        code,
        nik: cause.nik() === "" ? null : cause.nik(),
      });
    },
  );

  it("never answers 04: the portal has no ip_user", async () => {
    expect(PORTAL_CAUSES["04"].stage).toBe("none");
    // The registered ip_user (10.32.4.15) is not the connecting address, and nothing asks for it.
    const account = await createAccount(sim);
    const agent = await loggedIn(sim, account);
    expect((await search(agent, magic(sim, "found"))).headers["x-sandbox-code"]).toBe("01");
  });

  it("shows 16 and 17 on a lookup when the account is deactivated during the session, using no hit", async () => {
    for (const [code, arrange] of [
      ["17", patchUser({ status: "inactive" })],
      ["16", patchInstitution({ status: "inactive" })],
    ] as const) {
      const account = await createAccount(sim);
      const agent = await loggedIn(sim, account);
      await arrange(account);
      expectConfirmation(await search(agent, magic(sim, "found")), code);
      expect(await hitsUsed(sim, account.userId)).toBe(0);
    }
  });

  it("shows the 9 Web Portal elements (16 keys) with Indonesian labels for the found NIK", async () => {
    const account = defaultAccount(sim);
    const agent = await loggedIn(sim, account);
    const answer = await search(agent, magic(sim, "found"));
    expect(answer.headers["x-sandbox-code"]).toBe("01");
    expect(confirmationOf(answer.text)).toBeUndefined();
    const record = recordOf(answer.text);
    expect(record.map(([label]) => label)).toEqual(
      WEB_PORTAL_GRANT.map((element) => id.elementLabels[element]),
    );
    const values = Object.fromEntries(record);
    expect(values.NIK).toBe("3319041307949001");
    expect(values["Nama Lengkap"]).toBe("ESTIONO NANDA");
    expect(values["Tanggal/Bulan/Tahun Lahir"]).toBe("13-07-1994");
    expect(unescapeHtml(answer.text)).toContain(row("01").actionId);
    expect(answer.text).not.toContain("AGAMA");
    expect(answer.text).not.toContain(id.elementLabels.NAMA_LGKP_IBU);
  });

  it("shows only the elements granted to the institution", async () => {
    const account = await createAccount(sim, { institution: { grant: ["NAMA_LGKP", "NIK"] } });
    const agent = await loggedIn(sim, account);
    const answer = await search(agent, magic(sim, "found"));
    expect(recordOf(answer.text)).toEqual([
      ["Nama Lengkap", "ESTIONO NANDA"],
      ["NIK", "3319041307949001"],
    ]);
    expect(answer.text).not.toContain("KABUPATEN KUDUS");
  });

  it("shows the NIK above 2^53 digit-exact", async () => {
    const agent = await loggedIn(sim, await createAccount(sim));
    const answer = await search(agent, magic(sim, "big-nik"));
    expect(Object.fromEntries(recordOf(answer.text)).NIK).toBe("9601085401569005");
  });

  it("shows the sandbox-only block text when the pattern policy is block", async () => {
    const account = await createAccount(sim, { institution: { patternPolicy: "block" } });
    const agent = await loggedIn(sim, account);
    const niks = [1, 2, 3, 4].map((serial) =>
      makeNik({ district: "320405", birthDate: "1990-02-15", sex: "F", serial }),
    );
    const answers: PortalAnswer[] = [];
    for (const nik of niks) answers.push(await search(agent, nik));
    expect(answers[3]?.headers["x-sandbox-code"]).toBe("99");
    expect(confirmationOf(answers[3]?.text ?? "")?.text).toBe(PATTERN_BLOCK_TEXT);
    expect(await hitsUsed(sim, account.userId)).toBe(3);
    // The API is blocked for the rest of the day too: one detector per user ID.
    const api = await callImitated(sim, account.path, "CALL_NIK", {
      nik: magic(sim, "found"),
      ...credentials(account),
    });
    expect(JSON.parse(api.text).content[0].RESPON).toBe(PATTERN_BLOCK_TEXT);
  });

  it("warns on the page and in X-Sandbox-Pattern when the pattern policy is warn", async () => {
    const account = await createAccount(sim, { institution: { patternPolicy: "warn" } });
    const agent = await loggedIn(sim, account);
    const niks = [5, 6, 7, 8].map((serial) =>
      makeNik({ district: "320405", birthDate: "1990-02-15", sex: "M", serial }),
    );
    const answers: PortalAnswer[] = [];
    for (const nik of niks) answers.push(await search(agent, nik));
    expect(answers[2]?.headers["x-sandbox-pattern"]).toBeUndefined();
    expect(answers[3]?.headers["x-sandbox-pattern"]).toContain("PATTERN_SEQUENTIAL");
    expect(answers[3]?.text).toContain(id.patternWarning);
  });
});

describe("Web Portal and the API share one engine", () => {
  it("counts portal lookups and API calls against the same daily quota and shows the hits left", async () => {
    const account = await createAccount(sim);
    const agent = await loggedIn(sim, account);
    expect((await agent.get("/portal/cari")).text).toContain(id.quotaLeft(200, 200));
    await callImitated(sim, account.path, "CALL_NIK", {
      nik: magic(sim, "found"),
      ...credentials(account),
    });
    expect((await agent.get("/portal/cari")).text).toContain(id.quotaLeft(199, 200));
    const answer = await search(agent, magic(sim, "not-found"));
    expect(answer.text).toContain(id.quotaLeft(198, 200));
    const verify = await callImitated(sim, account.path, "CALL_VERIFY_BY_ELEMEN", {
      NIK: magic(sim, "found"),
      ...credentials(account),
    });
    expect(JSON.parse(verify.text).quotaLimiter).toBe(197);
  });

  it("shows an unlimited quota in production stage", async () => {
    const account = await createAccount(sim, { institution: { stage: "production" } });
    const agent = await loggedIn(sim, account);
    expect((await agent.get("/portal/cari")).text).toContain(id.quotaUnlimited);
  });

  it("journals a portal lookup with its path, endpoint, full NIK, code and hits left", async () => {
    const account = await createAccount(sim);
    const agent = await loggedIn(sim, account);
    const answer = await search(agent, magic(sim, "found"));
    const journal = await readJournal(sim, { user: account.userId });
    expect(journal.total).toBe(1);
    expect(journal.entries[0]).toMatchObject({
      id: Number(answer.headers["x-sandbox-journal-id"]),
      endpoint: "portal",
      path: "/portal/cari",
      httpMethod: "POST",
      institutionId: account.institutionId,
      userId: account.userId,
      nik: magic(sim, "found"),
      code: "01",
      httpStatus: 200,
      hitsLeft: 199,
      remoteAddress: "127.0.0.1",
    });
  });

  it("answers an injected 503 with an unavailable page, a journal row and no hit", async () => {
    const account = await createAccount(sim);
    const agent = await loggedIn(sim, account);
    const page = await agent.get("/portal/cari");
    await adminOk(sim, "PUT", `/sandbox/faults/${account.institutionId}`, { maintenance: true });
    try {
      const answer = await agent
        .post("/portal/cari")
        .type("form")
        .send({ _csrf: csrfOf(page.text), nik: magic(sim, "found") });
      expect(answer.status).toBe(503);
      expectNoStore(answer);
      expect(answer.text).toContain(id.unavailable(503));
      expect(answer.text).toContain("Service Unavailable: maintenance");
      expect(recordOf(answer.text)).toEqual([]);
      expect(await hitsUsed(sim, account.userId)).toBe(0);
      const journal = await readJournal(sim, { institution: account.institutionId });
      expect(journal.entries[0]).toMatchObject({
        endpoint: "portal",
        path: "/portal/cari",
        httpStatus: 503,
        note: "fault: HTTP 503",
      });
    } finally {
      await adminOk(sim, "DELETE", `/sandbox/faults/${account.institutionId}`);
    }
  });

  it("delays a lookup by the injected latency", async () => {
    const account = await createAccount(sim);
    const agent = await loggedIn(sim, account);
    const page = await agent.get("/portal/cari");
    await adminOk(sim, "PUT", `/sandbox/faults/${account.institutionId}`, { latencyMs: 300 });
    try {
      const started = performance.now();
      const answer = await agent
        .post("/portal/cari")
        .type("form")
        .send({ _csrf: csrfOf(page.text), nik: magic(sim, "found") });
      expect(answer.headers["x-sandbox-code"]).toBe("01");
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      await adminOk(sim, "DELETE", `/sandbox/faults/${account.institutionId}`);
    }
  });
});

describe("Web Portal over https", () => {
  let key: Buffer | undefined;
  let cert: Buffer | undefined;
  try {
    const { dir, cleanup } = tempDir();
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
      ],
      { stdio: "ignore" },
    );
    key = readFileSync(join(dir, "key.pem"));
    cert = readFileSync(join(dir, "cert.pem"));
    cleanup();
  } catch {
    key = undefined;
  }

  it("marks the session and language cookies Secure", async () => {
    if (key === undefined || cert === undefined) {
      throw new Error("openssl could not make the test certificate (Debian's openssl is needed)");
    }
    const app = createSimulator({ population: 1000, seed: "test", adminToken: ADMIN_TOKEN });
    await app.ready;
    const server = createHttpsServer({ key, cert }, app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const cookies = await new Promise<string[]>((resolve, reject) => {
        const req = httpsRequest(
          { host: "127.0.0.1", port, path: "/portal/masuk?lang=en", rejectUnauthorized: false },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.headers["set-cookie"] ?? []));
          },
        );
        req.on("error", reject);
        req.end();
      });
      expect(cookies).toHaveLength(2);
      for (const cookie of cookies)
        expect(cookie).toMatch(/; HttpOnly; SameSite=(Strict|Lax).*; Secure$/);
      expect(cookies.find((c) => c.startsWith("dks_portal_sid="))).toMatch(
        /^dks_portal_sid=[A-Za-z0-9_-]{43}; Path=\/portal; HttpOnly; SameSite=Strict; Secure$/,
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      (await app.ready).close();
    }
  });
});
