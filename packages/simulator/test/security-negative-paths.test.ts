// Fail closed (issue 7): every credential and authorisation failure on every surface — the
// imitated API, the Web Portal, the admin API, the admin console and data balikan — is
// refused with the right code and text and answers no data. The matrix is the data table
// in security-negative-cases.ts; this file says how each failure is caused on each surface
// and checks the answer against the table. A refusal that does not happen, a wrong text or
// a resident's value in a refused answer fails the case.
import {
  DATA_BALIKAN_MESSAGES,
  DATA_BALIKAN_STATUS,
  type RecordElement,
  type ResponseCode,
  responseCodeRow,
  WEB_PORTAL_GRANT,
} from "@dukcapil-sandbox/core";
import request from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ADMIN_CONSOLE_COOKIES } from "../src/admin-console/router.js";
import { ADMIN_PATHS } from "../src/admin-console/views.js";
import { DATA_BALIKAN_PATHS } from "../src/portal/data-balikan.js";
import { PORTAL_COOKIES } from "../src/portal/router.js";
import { PORTAL_TEXTS } from "../src/portal/texts.js";
import { PORTAL_PATHS } from "../src/portal/views.js";
import type { RunningSimulator } from "../src/server.js";
import { consoleLogin } from "./admin-console-fixtures.js";
import {
  type Account,
  ADMIN_TOKEN,
  adminOk,
  CLOCK_START_MS,
  callImitated,
  createAccount,
  credentials,
  type Endpoint,
  envelopeText,
  FOREIGN_ALLOWLIST,
  hitsUsed,
  type LogicalRequest,
  magic,
  renderBody,
  send,
  sendRequest,
  startTestSimulator,
  verifyFailureRecord,
} from "./imitated-fixtures.js";
import {
  confirmationOf,
  csrfOf,
  loggedIn,
  login,
  type PortalAnswer,
  portalAgent,
  recordOf,
  search,
  setCookie,
  unescapeHtml,
} from "./portal-fixtures.js";
import {
  type Expected,
  FAILURES,
  type Failure,
  NEGATIVE_CASES,
  type NegativeCase,
  SURFACES,
  type Surface,
  WITHHELD_ELEMENT,
} from "./security-negative-cases.js";
import { OFFICER } from "./state-fixtures.js";

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** The addresses a test request may connect from (the console's lockout is per address). */
const LOOPBACK_ADDRESSES = ["127.0.0.1", "::1"] as const;

/** An answer as it came over the wire (node:http or supertest). */
interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** What a driver works with: a fresh institution and user ID per case. */
interface Ctx {
  readonly sim: RunningSimulator;
  readonly account: Account;
  /** The magic family NIK: a found resident whose family card has several members. */
  readonly nik: string;
  /** Marks the end of the arrangement: hits are counted from here. */
  arranged(): Promise<void>;
  /** A credential the driver presented: no answer may echo it. */
  presented(...values: string[]): void;
}

/** How one failure is caused on one surface: arrange, then answer the requests to check. */
type Driver = (ctx: Ctx) => Promise<readonly Answer[]>;

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
  // The journal (behind the admin token) holds a full NIK and the family's lookup.
  const witness = await createAccount(sim);
  const answer = await callImitated(sim, witness.path, "CALL_NIK", {
    nik: familyNik(),
    ...credentials(witness),
  });
  if (answer.headers["x-sandbox-code"] !== "01") throw new Error(`witness: ${answer.text}`);
});
afterAll(() => sim.close());
afterEach(() => {
  vi.useRealTimers();
  sim.runtime.clock.set(CLOCK_START_MS, true);
  for (const address of LOOPBACK_ADDRESSES) {
    sim.runtime.store.adminConsole.clearLoginFailures(address);
  }
});

const familyNik = () => magic(sim, "family");

/** The members of the family card of the NIK, head first. */
function familyOf(nik: string) {
  const members = sim.runtime.population.familyOf(nik);
  if (members === undefined || members.length < 2) throw new Error(`no family for ${nik}`);
  return members;
}

/** Values of the family that no refused answer may carry (names, parents, address, KK). */
function residentSecrets(nik: string): string[] {
  const keys = ["NAMA_LGKP", "NAMA_LGKP_IBU", "NAMA_LGKP_AYAH", "ALAMAT", "NO_KK"] as const;
  return familyOf(nik)
    .flatMap((member) => keys.map((key) => member.record[key]))
    .filter((value): value is string => typeof value === "string" && value.trim().length >= 5);
}

/** Registry values no refused admin, API or data-balikan answer may carry. */
function registrySecrets(ctx: Ctx): string[] {
  return [ctx.nik, ctx.account.password, ADMIN_TOKEN, OFFICER.nik, OFFICER.nip, OFFICER.fullName];
}

const fromSupertest = (answer: PortalAnswer): Answer => ({
  status: answer.status,
  headers: answer.headers as Record<string, string | string[] | undefined>,
  text: answer.text ?? "",
});

/** `name=value` of a Set-Cookie header (the cookie to send back). */
function cookieOf(answer: PortalAnswer, name: string): string {
  const cookie = setCookie(answer, name)?.split(";")[0];
  if (cookie === undefined || cookie === `${name}=`) throw new Error(`no ${name} cookie set`);
  return cookie;
}

// --- Registry changes through the admin API ---

const patchInstitution = (account: Account, patch: Record<string, unknown>) =>
  adminOk(sim, "PATCH", `/sandbox/admin/institutions/${account.institutionId}`, patch);
const patchUser = (account: Account, patch: Record<string, unknown>) =>
  adminOk(sim, "PATCH", `/sandbox/admin/users/${account.userId}`, patch);
const resetPassword = (account: Account) =>
  adminOk(sim, "POST", `/sandbox/admin/users/${account.userId}/password`, {
    password: "kata-sandi-baru-2",
  });
/** The grant of the `grant-excludes-element` cases: the Web Portal grant without the name. */
const GRANT_WITHOUT_NAME = WEB_PORTAL_GRANT.filter((element) => element !== WITHHELD_ELEMENT);

let applications = 0;
/** Issues a data-balikan token for the account's institution; returns the token text and id. */
async function issueToken(
  account: Account,
  body: Record<string, unknown> = {},
): Promise<{ token: string; id: string }> {
  applications += 1;
  const issued = (await adminOk(
    sim,
    "POST",
    `/sandbox/admin/institutions/${account.institutionId}/tokens`,
    { applicationId: `aplikasi-${applications}`, ...body },
  )) as { token: string; record: { id: string } };
  return { token: issued.token, id: issued.record.id };
}

/** Uses up the user ID's daily quota with a daily quota of 1 and one found lookup. */
async function exhaustQuota(ctx: Ctx): Promise<void> {
  await patchUser(ctx.account, { dailyQuota: 1 });
  const answer = await callImitated(sim, ctx.account.path, "CALL_NIK", {
    nik: magic(sim, "found"),
    ...credentials(ctx.account),
  });
  if (answer.headers["x-sandbox-code"] !== "01") throw new Error(`exhaust quota: ${answer.text}`);
}

// --- Imitated API ---

function cleanRequest(ctx: Ctx): LogicalRequest {
  const { userId, password, ipUser } = ctx.account;
  return { nik: ctx.nik, userId, password, ipUser };
}

function apiDrivers(endpoint: Endpoint): Partial<Record<Failure, Driver>> {
  const call = async (
    ctx: Ctx,
    change: (request: LogicalRequest) => LogicalRequest = (r) => r,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<Answer> => {
    const logical = change(cleanRequest(ctx));
    ctx.presented(logical.password);
    return sendRequest(sim, ctx.account, endpoint, logical, headers);
  };
  return {
    "empty-password": async (ctx) => [await call(ctx, (r) => ({ ...r, password: "" }))],
    "wrong-password": async (ctx) => [await call(ctx, (r) => ({ ...r, password: "salah-9" }))],
    "empty-user-id": async (ctx) => [await call(ctx, (r) => ({ ...r, userId: "" }))],
    "unknown-user": async (ctx) => [
      await call(ctx, (r) => ({ ...r, userId: "tidak.terdaftar.operator" })),
    ],
    "wrong-ip-user": async (ctx) => [await call(ctx, (r) => ({ ...r, ipUser: "10.99.99.99" }))],
    "unregistered-address": async (ctx) => {
      await patchInstitution(ctx.account, { allowlist: FOREIGN_ALLOWLIST });
      await ctx.arranged();
      return [await call(ctx)];
    },
    "inactive-user": async (ctx) => {
      await patchUser(ctx.account, { status: "inactive" });
      await ctx.arranged();
      return [await call(ctx)];
    },
    "inactive-institution": async (ctx) => {
      await patchInstitution(ctx.account, { status: "inactive" });
      await ctx.arranged();
      return [await call(ctx)];
    },
    "inactive-user-and-institution": async (ctx) => {
      await patchInstitution(ctx.account, { status: "inactive" });
      await patchUser(ctx.account, { status: "inactive" });
      await ctx.arranged();
      return [await call(ctx)];
    },
    "revoked-credential": async (ctx) => {
      // The old password worked a moment ago (and sits in the password-check cache).
      const before = await call(ctx);
      if (before.headers["x-sandbox-code"] !== "01") throw new Error(`arrange: ${before.text}`);
      await resetPassword(ctx.account);
      await ctx.arranged();
      return [await call(ctx)];
    },
    "other-institution-credential": async (ctx) => {
      const other = await createAccount(sim);
      const { userId, password, ipUser } = other;
      return [await call(ctx, (r) => ({ ...r, userId, password, ipUser }))];
    },
    "other-surface-credential": async (ctx) => {
      const { token } = await issueToken(ctx.account);
      await ctx.arranged();
      ctx.presented(token);
      const anonymous = (r: LogicalRequest) => ({ ...r, userId: "", password: "", ipUser: "" });
      return [
        await call(ctx, anonymous, { authorization: `Bearer ${ADMIN_TOKEN}` }),
        await call(ctx, anonymous, { authorization: `Bearer ${token}` }),
      ];
    },
    "grant-excludes-element": async (ctx) => {
      await patchInstitution(ctx.account, { grant: GRANT_WITHOUT_NAME });
      if (endpoint !== "verify") {
        await ctx.arranged();
        return [await call(ctx)];
      }
      // Verify: the resident's true name as well as a wrong one must answer the same null.
      // The first request is part of the arrangement (its hit is counted before the mark).
      const trueName = sim.runtime.population.findByNik(ctx.nik)?.record[WITHHELD_ELEMENT];
      if (typeof trueName !== "string") throw new Error(`no ${WITHHELD_ELEMENT} for ${ctx.nik}`);
      const truth = await sendRequest(
        sim,
        ctx.account,
        endpoint,
        JSON.stringify({
          ...renderBody(endpoint, cleanRequest(ctx)),
          [WITHHELD_ELEMENT]: trueName,
        }),
      );
      await ctx.arranged();
      return [truth, await call(ctx)];
    },
    "quota-exhausted": async (ctx) => {
      await exhaustQuota(ctx);
      await ctx.arranged();
      return [await call(ctx)];
    },
  };
}

// --- Web Portal ---

/** POSTs the search form with a given cookie (or none) and CSRF token, outside any cookie jar. */
async function rawSearch(cookie: string | undefined, csrf: string, nik: string): Promise<Answer> {
  const post = request(sim.url).post(PORTAL_PATHS.search).type("form");
  if (cookie !== undefined) post.set("cookie", cookie);
  return fromSupertest(await post.send({ _csrf: csrf, nik }));
}

/** Logs in with a fresh agent; returns its session cookie and the search form's CSRF token. */
async function portalSession(account: Account): Promise<{ cookie: string; csrf: string }> {
  const agent = portalAgent(sim);
  const answer = await login(agent, account.userId, account.password);
  if (answer.status !== 303) throw new Error(`login answered ${answer.status}`);
  const cookie = cookieOf(answer, PORTAL_COOKIES.session);
  const page = await agent.get(PORTAL_PATHS.search);
  return { cookie, csrf: csrfOf(page.text) };
}

const portalLoginDrivers: Partial<Record<Failure, Driver>> = {
  "empty-password": async (ctx) => [
    fromSupertest(await login(portalAgent(sim), ctx.account.userId, "")),
  ],
  "wrong-password": async (ctx) => {
    ctx.presented("salah-sandbox-9");
    return [fromSupertest(await login(portalAgent(sim), ctx.account.userId, "salah-sandbox-9"))];
  },
  "empty-user-id": async (ctx) => {
    ctx.presented(ctx.account.password);
    return [fromSupertest(await login(portalAgent(sim), "", ctx.account.password))];
  },
  "unknown-user": async (ctx) => {
    ctx.presented("rahasia-sandbox-1");
    return [
      fromSupertest(await login(portalAgent(sim), "tidak.terdaftar.operator", "rahasia-sandbox-1")),
    ];
  },
  "unregistered-address": async (ctx) => {
    await patchInstitution(ctx.account, { allowlist: FOREIGN_ALLOWLIST });
    ctx.presented(ctx.account.password);
    return [fromSupertest(await login(portalAgent(sim), ctx.account.userId, ctx.account.password))];
  },
  "inactive-user": async (ctx) => {
    await patchUser(ctx.account, { status: "inactive" });
    ctx.presented(ctx.account.password);
    return [fromSupertest(await login(portalAgent(sim), ctx.account.userId, ctx.account.password))];
  },
  "inactive-institution": async (ctx) => {
    await patchInstitution(ctx.account, { status: "inactive" });
    ctx.presented(ctx.account.password);
    return [fromSupertest(await login(portalAgent(sim), ctx.account.userId, ctx.account.password))];
  },
  "inactive-user-and-institution": async (ctx) => {
    await patchInstitution(ctx.account, { status: "inactive" });
    await patchUser(ctx.account, { status: "inactive" });
    ctx.presented(ctx.account.password);
    return [fromSupertest(await login(portalAgent(sim), ctx.account.userId, ctx.account.password))];
  },
  "revoked-credential": async (ctx) => {
    await loggedIn(sim, ctx.account); // the old password worked a moment ago
    await resetPassword(ctx.account);
    ctx.presented(ctx.account.password);
    return [fromSupertest(await login(portalAgent(sim), ctx.account.userId, ctx.account.password))];
  },
  "other-surface-credential": async (ctx) => {
    const { token } = await issueToken(ctx.account);
    ctx.presented(ADMIN_TOKEN, token);
    return [
      fromSupertest(await login(portalAgent(sim), ctx.account.userId, ADMIN_TOKEN)),
      fromSupertest(await login(portalAgent(sim), ctx.account.userId, token)),
    ];
  },
  "csrf-of-another-session": async (ctx) => {
    const agent = portalAgent(sim);
    await agent.get(PORTAL_PATHS.login);
    const other = await portalAgent(sim).get(PORTAL_PATHS.login);
    ctx.presented(ctx.account.password);
    const answer = await agent
      .post(PORTAL_PATHS.login)
      .type("form")
      .send({
        _csrf: csrfOf(other.text),
        user_id: ctx.account.userId,
        password: ctx.account.password,
      });
    // The right password with a foreign token opened no session.
    expect((await agent.get(PORTAL_PATHS.search)).headers.location).toBe(PORTAL_PATHS.login);
    return [fromSupertest(answer)];
  },
  "locked-out": async (ctx) => {
    const agent = portalAgent(sim);
    for (let attempt = 0; attempt < 5; attempt++) {
      const wrong = await login(agent, ctx.account.userId, `salah-sandbox-${attempt}`);
      if (wrong.headers["x-sandbox-code"] !== "03") throw new Error(`attempt ${attempt}`);
    }
    ctx.presented(ctx.account.password);
    return [fromSupertest(await login(agent, ctx.account.userId, ctx.account.password))];
  },
};

/** Posts a form of a session (its cookie, or none) with a CSRF token; the answers to check. */
type SessionTarget = (ctx: Ctx, cookie: string | undefined, csrf: string) => Promise<Answer[]>;

/** The search form: one lookup of the family NIK. */
const searchTarget: SessionTarget = async (ctx, cookie, csrf) => [
  await rawSearch(cookie, csrf, ctx.nik),
];

/** The data-balikan online form and the CSV upload: one row each; nothing may be stored. */
const portalDataBalikanTarget: SessionTarget = async (ctx, cookie, csrf) => {
  const form = request(sim.url).post(DATA_BALIKAN_PATHS.form).type("form");
  const upload = request(sim.url).post(DATA_BALIKAN_PATHS.upload);
  if (cookie !== undefined) {
    form.set("cookie", cookie);
    upload.set("cookie", cookie);
  }
  const row = { NOMOR_REGISTER: "REG-001", NAMA_USAHA: "Warung Uji", JENIS_USAHA: "Dagang" };
  const csv = `NIK,NOMOR_REGISTER,NAMA_USAHA,JENIS_USAHA\r\n${ctx.nik},${Object.values(row).join(",")}\r\n`;
  const answers = [
    fromSupertest(await form.send({ _csrf: csrf, NIK: ctx.nik, ...row })),
    fromSupertest(
      await upload
        .field("_csrf", csrf)
        .attach("berkas", Buffer.from(csv), { filename: "data.csv", contentType: "text/csv" }),
    ),
  ];
  expectNothingStored(ctx.account.institutionId);
  return answers;
};

/**
 * The failures of a logged-in operator's forms: the account changed since login, or the
 * session is missing, forged, expired, ended, of another surface, or of another session.
 */
function portalSessionDrivers(target: SessionTarget): Partial<Record<Failure, Driver>> {
  const afterLogin =
    (change: (account: Account) => Promise<unknown>): Driver =>
    async (ctx) => {
      const { cookie, csrf } = await portalSession(ctx.account);
      await change(ctx.account);
      await ctx.arranged();
      return target(ctx, cookie, csrf);
    };
  return {
    "unknown-user": afterLogin((account) =>
      adminOk(sim, "DELETE", `/sandbox/admin/institutions/${account.institutionId}`),
    ),
    "unregistered-address": afterLogin((account) =>
      patchInstitution(account, { allowlist: FOREIGN_ALLOWLIST }),
    ),
    "inactive-user": afterLogin((account) => patchUser(account, { status: "inactive" })),
    "inactive-institution": afterLogin((account) =>
      patchInstitution(account, { status: "inactive" }),
    ),
    "inactive-user-and-institution": afterLogin(async (account) => {
      await patchInstitution(account, { status: "inactive" });
      await patchUser(account, { status: "inactive" });
    }),
    "missing-token": async (ctx) => {
      // No cookie at all, and the anonymous session of the login form (nobody logged in).
      const loginPage = await portalAgent(sim).get(PORTAL_PATHS.login);
      const anonymous = cookieOf(loginPage, PORTAL_COOKIES.session);
      return [
        ...(await target(ctx, undefined, csrfOf(loginPage.text))),
        ...(await target(ctx, anonymous, csrfOf(loginPage.text))),
      ];
    },
    "wrong-token": async (ctx) => {
      const { cookie, csrf } = await portalSession(ctx.account);
      const forged = `${PORTAL_COOKIES.session}=${"A".repeat(43)}`;
      const tampered = `${cookie.slice(0, -1)}${cookie.endsWith("A") ? "B" : "A"}`;
      return [...(await target(ctx, forged, csrf)), ...(await target(ctx, tampered, csrf))];
    },
    "expired-credential": async (ctx) => {
      const { cookie, csrf } = await portalSession(ctx.account);
      sim.runtime.clock.advance(31 * MINUTE_MS); // 30 idle minutes of the simulator clock
      return target(ctx, cookie, csrf);
    },
    "revoked-credential": async (ctx) => {
      const agent = portalAgent(sim);
      const answer = await login(agent, ctx.account.userId, ctx.account.password);
      const cookie = cookieOf(answer, PORTAL_COOKIES.session);
      const csrf = csrfOf((await agent.get(PORTAL_PATHS.search)).text);
      const out = await agent.post(PORTAL_PATHS.logout).type("form").send({ _csrf: csrf });
      if (out.status !== 303) throw new Error(`logout answered ${out.status}`);
      // And a session opened with the password an administrator has since reset.
      const before = await portalSession(ctx.account);
      await resetPassword(ctx.account);
      return [
        ...(await target(ctx, cookie, csrf)),
        ...(await target(ctx, before.cookie, before.csrf)),
      ];
    },
    "other-surface-credential": async (ctx) => {
      // A signed-in admin console session id presented as the portal's cookie.
      const { cookie: consoleCookie } = await consoleSession();
      const consoleId = consoleCookie.split("=")[1] ?? "";
      const { csrf } = await portalSession(ctx.account);
      return target(ctx, `${PORTAL_COOKIES.session}=${consoleId}`, csrf);
    },
    "csrf-of-another-session": async (ctx) => {
      const mine = await portalSession(ctx.account);
      const theirs = await portalSession(ctx.account);
      return target(ctx, mine.cookie, theirs.csrf);
    },
  };
}

const portalSearchDrivers: Partial<Record<Failure, Driver>> = {
  ...portalSessionDrivers(searchTarget),
  "grant-excludes-element": async (ctx) => {
    await patchInstitution(ctx.account, { grant: GRANT_WITHOUT_NAME });
    const agent = await loggedIn(sim, ctx.account);
    await ctx.arranged();
    return [fromSupertest(await search(agent, ctx.nik))];
  },
  "quota-exhausted": async (ctx) => {
    const agent = await loggedIn(sim, ctx.account);
    await exhaustQuota(ctx);
    await ctx.arranged();
    return [fromSupertest(await search(agent, ctx.nik))];
  },
};

// --- Admin API and sandbox controls ---

/** Reads the account's user ID and the journal, and tries to create an institution. */
async function adminTargets(
  ctx: Ctx,
  headers: Readonly<Record<string, string>>,
): Promise<Answer[]> {
  const created = `dibuat-tanpa-izin-${ctx.account.institutionId}`;
  const answers = [
    await send(sim.url, {
      method: "GET",
      path: `/sandbox/admin/users/${ctx.account.userId}`,
      headers,
    }),
    await send(sim.url, { method: "GET", path: "/sandbox/journal?limit=50", headers }),
    await send(sim.url, {
      method: "POST",
      path: "/sandbox/admin/institutions",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({
        id: created,
        name: "Tanpa izin",
        path: `TANPA_IZIN_${ctx.account.institutionId}`,
        allowlist: ["127.0.0.1"],
      }),
    }),
  ];
  expect(sim.runtime.store.institutions.get(created)).toBeUndefined();
  return answers;
}

/** Reads the journal (full NIKs) with the given headers. */
const journalWith = (headers: Readonly<Record<string, string>>): Promise<Answer> =>
  send(sim.url, { method: "GET", path: "/sandbox/journal?limit=50", headers });

const adminApiDrivers: Partial<Record<Failure, Driver>> = {
  "missing-token": async (ctx) => [
    ...(await adminTargets(ctx, {})),
    ...(await adminTargets(ctx, { authorization: "Bearer" })),
    ...(await adminTargets(ctx, { authorization: "Bearer " })),
  ],
  "wrong-token": async (ctx) => {
    // Few wrong bearer tokens: the admin API locks an address after repeated ones.
    const [first, ...others] = [
      `${ADMIN_TOKEN}x`,
      ADMIN_TOKEN.slice(0, -1),
      ADMIN_TOKEN.toUpperCase(),
    ];
    ctx.presented(first ?? "", ...others);
    const answers = await adminTargets(ctx, { authorization: `Bearer ${first}` });
    for (const token of others) {
      answers.push(await journalWith({ authorization: `Bearer ${token}` }));
    }
    // The right token in another scheme, or in the query string, is not a Bearer token.
    const basic = Buffer.from(`admin:${ADMIN_TOKEN}`).toString("base64");
    answers.push(...(await adminTargets(ctx, { authorization: `Basic ${basic}` })));
    answers.push(
      await send(sim.url, {
        method: "GET",
        path: `/sandbox/journal?limit=50&token=${ADMIN_TOKEN}&access_token=${ADMIN_TOKEN}`,
      }),
    );
    answers.push(await journalWith({ "x-admin-token": ADMIN_TOKEN }));
    return answers;
  },
  "other-surface-credential": async (ctx) => {
    const { token } = await issueToken(ctx.account);
    ctx.presented(token);
    const consoleAgent = request.agent(sim.url);
    const consoleCookie = cookieOf(
      await consoleLogin(consoleAgent, ADMIN_TOKEN),
      ADMIN_CONSOLE_COOKIES.session,
    );
    const { cookie: portalCookie } = await portalSession(ctx.account);
    return [
      ...(await adminTargets(ctx, { authorization: `Bearer ${token}` })),
      await journalWith({ authorization: `Bearer ${ctx.account.password}` }),
      ...(await adminTargets(ctx, { cookie: consoleCookie })),
      ...(await adminTargets(ctx, { cookie: portalCookie })),
    ];
  },
};

// --- Admin console ---

/** Posts the sign-in form with a fresh agent. */
async function signIn(token: string): Promise<Answer> {
  return fromSupertest(await consoleLogin(request.agent(sim.url), token));
}

/** A signed-in console session: its cookie and a page's CSRF token. */
async function consoleSession(): Promise<{ cookie: string; csrf: string }> {
  const agent = request.agent(sim.url);
  const answer = await consoleLogin(agent, ADMIN_TOKEN);
  if (answer.status !== 303) throw new Error(`console sign-in answered ${answer.status}`);
  const cookie = cookieOf(answer, ADMIN_CONSOLE_COOKIES.session);
  const page = await agent.get(ADMIN_PATHS.institutions);
  return { cookie, csrf: csrfOf(page.text) };
}

/** Opens the account's user page and posts its password-reset form; the password must hold. */
async function consoleTargets(
  ctx: Ctx,
  cookie: string | undefined,
  csrf: string,
  which: "page and form" | "form" = "page and form",
): Promise<Answer[]> {
  const get = request(sim.url).get(ADMIN_PATHS.user(ctx.account.userId));
  const post = request(sim.url).post(ADMIN_PATHS.userPassword(ctx.account.userId)).type("form");
  if (cookie !== undefined) {
    get.set("cookie", cookie);
    post.set("cookie", cookie);
  }
  const answers = which === "form" ? [] : [fromSupertest(await get)];
  answers.push(fromSupertest(await post.send({ _csrf: csrf, password: "diambil-alih-sandbox-7" })));
  expect(sim.runtime.store.users.verifyPassword(ctx.account.userId, ctx.account.password)).toBe(
    true,
  );
  return answers;
}

const consoleSignInDrivers: Partial<Record<Failure, Driver>> = {
  "missing-token": async () => [await signIn("")],
  "wrong-token": async (ctx) => {
    const wrong = [`${ADMIN_TOKEN}x`, ADMIN_TOKEN.slice(0, -1), ` ${ADMIN_TOKEN} `];
    ctx.presented(...wrong);
    return Promise.all(wrong.map((token) => signIn(token)));
  },
  "other-surface-credential": async (ctx) => {
    const { token } = await issueToken(ctx.account);
    ctx.presented(token);
    return [await signIn(token), await signIn(ctx.account.password)];
  },
  "csrf-of-another-session": async () => {
    const agent = request.agent(sim.url);
    await agent.get(ADMIN_PATHS.login);
    const other = await request.agent(sim.url).get(ADMIN_PATHS.login);
    const answer = await agent
      .post(ADMIN_PATHS.login)
      .type("form")
      .send({ _csrf: csrfOf(other.text), admin_token: ADMIN_TOKEN });
    // The right token with a foreign form token opened no session.
    expect((await agent.get(ADMIN_PATHS.institutions)).headers.location).toBe(ADMIN_PATHS.login);
    return [fromSupertest(answer)];
  },
  "locked-out": async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      // The fifth failure already answers the lockout.
      const wrong = await signIn(`salah-admin-token-${attempt}`);
      if (wrong.status !== (attempt < 4 ? 401 : 429)) {
        throw new Error(`attempt ${attempt} answered ${wrong.status}`);
      }
    }
    return [await signIn(ADMIN_TOKEN)];
  },
};

const consolePageDrivers: Partial<Record<Failure, Driver>> = {
  "missing-token": async (ctx) => {
    // No cookie at all, and the anonymous session of the sign-in form.
    const loginPage = await request.agent(sim.url).get(ADMIN_PATHS.login);
    const anonymous = cookieOf(loginPage, ADMIN_CONSOLE_COOKIES.session);
    return [
      ...(await consoleTargets(ctx, undefined, csrfOf(loginPage.text))),
      ...(await consoleTargets(ctx, anonymous, csrfOf(loginPage.text))),
    ];
  },
  "wrong-token": async (ctx) => {
    const { cookie, csrf } = await consoleSession();
    const tampered = `${cookie.slice(0, -1)}${cookie.endsWith("A") ? "B" : "A"}`;
    return [
      ...(await consoleTargets(ctx, `${ADMIN_CONSOLE_COOKIES.session}=${"A".repeat(43)}`, csrf)),
      ...(await consoleTargets(ctx, tampered, csrf)),
      ...(await consoleTargets(ctx, `${ADMIN_CONSOLE_COOKIES.session}=${ADMIN_TOKEN}`, csrf)),
    ];
  },
  "expired-credential": async (ctx) => {
    const { cookie, csrf } = await consoleSession();
    // Console sessions expire after 30 idle minutes of real time (not the simulator clock).
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 31 * MINUTE_MS });
    try {
      return await consoleTargets(ctx, cookie, csrf);
    } finally {
      vi.useRealTimers();
    }
  },
  "revoked-credential": async (ctx) => {
    const agent = request.agent(sim.url);
    const cookie = cookieOf(await consoleLogin(agent, ADMIN_TOKEN), ADMIN_CONSOLE_COOKIES.session);
    const csrf = csrfOf((await agent.get(ADMIN_PATHS.institutions)).text);
    const out = await agent.post(ADMIN_PATHS.logout).type("form").send({ _csrf: csrf });
    if (out.status !== 303) throw new Error(`sign-out answered ${out.status}`);
    return consoleTargets(ctx, cookie, csrf);
  },
  "other-surface-credential": async (ctx) => {
    // A logged-in operator's portal session id presented as the console's cookie.
    const { cookie, csrf } = await portalSession(ctx.account);
    const portalId = cookie.split("=")[1] ?? "";
    return consoleTargets(ctx, `${ADMIN_CONSOLE_COOKIES.session}=${portalId}`, csrf);
  },
  "csrf-of-another-session": async (ctx) => {
    const mine = await consoleSession();
    const theirs = await consoleSession();
    return consoleTargets(ctx, mine.cookie, theirs.csrf, "form");
  },
};

// --- Data balikan ---

async function postDataBalikan(
  ctx: Ctx,
  authorization: string | undefined,
  idLembaga = ctx.account.institutionId,
): Promise<Answer> {
  return send(sim.url, {
    path: "/dukcapil/data_balikan",
    headers: {
      "content-type": "application/json",
      ...(authorization === undefined ? {} : { authorization }),
    },
    body: JSON.stringify([
      {
        id_lembaga: idLembaga,
        nama_lembaga: "Instansi uji",
        data: [
          {
            NIK: ctx.nik,
            param: [{ NOMOR_REGISTER: "REG-001", NAMA_USAHA: "Warung Uji", JENIS_USAHA: "Dagang" }],
          },
        ],
      },
    ]),
  });
}

/** Checks that nothing was stored for the institution. */
function expectNothingStored(institutionId: string): void {
  expect(sim.runtime.store.dataBalikan.count({ institutionId })).toBe(0);
}

const dataBalikanDrivers: Partial<Record<Failure, Driver>> = {
  "inactive-institution": async (ctx) => {
    const { token } = await issueToken(ctx.account);
    await patchInstitution(ctx.account, { status: "inactive" });
    ctx.presented(token);
    return [await postDataBalikan(ctx, `Bearer ${token}`)];
  },
  "missing-token": async (ctx) => [
    await postDataBalikan(ctx, undefined),
    await postDataBalikan(ctx, "Bearer"),
    await postDataBalikan(ctx, "Bearer "),
  ],
  "wrong-token": async (ctx) => {
    const { token } = await issueToken(ctx.account);
    const wrongSecret = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const unknownId = token.replace(/^dks_[0-9a-f]{16}_/, "dks_0123456789abcdef_");
    const basic = Buffer.from(`${ctx.account.institutionId}:${token}`).toString("base64");
    ctx.presented(token);
    const answers = [
      await postDataBalikan(ctx, `Bearer ${wrongSecret}`),
      await postDataBalikan(ctx, `Bearer ${unknownId}`),
      await postDataBalikan(ctx, "Bearer bukan-token"),
      await postDataBalikan(ctx, `Basic ${basic}`),
    ];
    expectNothingStored(ctx.account.institutionId);
    return answers;
  },
  "expired-credential": async (ctx) => {
    const { token } = await issueToken(ctx.account, { validityDays: 1 });
    sim.runtime.clock.advance(2 * DAY_MS);
    ctx.presented(token);
    return [await postDataBalikan(ctx, `Bearer ${token}`)];
  },
  "revoked-credential": async (ctx) => {
    const revoked = await issueToken(ctx.account);
    await adminOk(sim, "POST", `/sandbox/admin/tokens/${revoked.id}/revoke`, {
      reason: "uji penyalahgunaan",
    });
    const rotatedOut = await issueToken(ctx.account);
    await adminOk(sim, "POST", `/sandbox/admin/tokens/${rotatedOut.id}/rotate`, {});
    ctx.presented(revoked.token, rotatedOut.token);
    const answers = [
      await postDataBalikan(ctx, `Bearer ${revoked.token}`),
      await postDataBalikan(ctx, `Bearer ${rotatedOut.token}`),
    ];
    expectNothingStored(ctx.account.institutionId);
    return answers;
  },
  "other-institution-credential": async (ctx) => {
    const other = await createAccount(sim);
    const mine = await issueToken(ctx.account);
    const theirs = await issueToken(other);
    ctx.presented(mine.token, theirs.token);
    const answers = [
      await postDataBalikan(ctx, `Bearer ${mine.token}`, other.institutionId),
      await postDataBalikan(ctx, `Bearer ${mine.token}`, other.path),
      await postDataBalikan(ctx, `Bearer ${theirs.token}`, ctx.account.institutionId),
    ];
    expectNothingStored(other.institutionId);
    return answers;
  },
  "other-surface-credential": async (ctx) => [
    await postDataBalikan(ctx, `Bearer ${ADMIN_TOKEN}`),
    await postDataBalikan(ctx, `Bearer ${ctx.account.password}`),
  ],
};

const DRIVERS: Readonly<Record<Surface, Partial<Record<Failure, Driver>>>> = {
  lookup: apiDrivers("lookup"),
  verify: apiDrivers("verify"),
  family: apiDrivers("family"),
  "portal-login": portalLoginDrivers,
  "portal-search": portalSearchDrivers,
  "portal-data-balikan": portalSessionDrivers(portalDataBalikanTarget),
  "admin-api": adminApiDrivers,
  "console-sign-in": consoleSignInDrivers,
  "console-page": consolePageDrivers,
  "data-balikan": dataBalikanDrivers,
};

// --- Checks ---

const header = (answer: Answer, name: string): string | undefined => {
  const value = answer.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
};

/** The body of an imitated verify answer without its `quotaLimiter` (present once the password is accepted). */
const withoutQuotaLimiter = (text: string) => text.replace(/,"quotaLimiter":\d+\}$/, "}");

function checkOutcome(surface: Surface, answer: Answer, code: ResponseCode, text: string): void {
  expect(answer.status).toBe(200);
  expect(header(answer, "x-sandbox-code")).toBe(code);
  if (surface === "lookup" || surface === "family") {
    expect(answer.text).toBe(envelopeText(JSON.stringify({ RESPON: text }), 1));
  } else if (surface === "verify") {
    expect(withoutQuotaLimiter(answer.text)).toBe(envelopeText(verifyFailureRecord(code, text), 1));
  } else {
    expect(confirmationOf(answer.text)).toEqual({ code, text });
    expect(recordOf(answer.text)).toEqual([]);
  }
}

function checkWithheld(surface: Surface, answer: Answer, element: RecordElement, nik: string) {
  const values = familyOf(nik)
    .map((member) => member.record[element])
    .filter((value): value is string => typeof value === "string");
  expect(answer.status).toBe(200);
  expect(header(answer, "x-sandbox-code")).toBe("01");
  if (surface === "portal-search") {
    const record = recordOf(answer.text);
    const labels = record.map(([label]) => label);
    expect(labels).toContain(PORTAL_TEXTS.id.elementLabels.NIK); // a record was shown
    expect(labels).not.toContain(PORTAL_TEXTS.id.elementLabels[element]);
  } else {
    const content = (JSON.parse(answer.text) as { content: Record<string, unknown>[] }).content;
    expect(content.length).toBe(surface === "family" ? familyOf(nik).length : 1);
    for (const record of content) {
      expect(Object.keys(record)).toEqual(GRANT_WITHOUT_NAME);
    }
  }
  const plain = unescapeHtml(answer.text);
  expect(values.filter((value) => plain.includes(value))).toEqual([]);
}

/** A verify found answer whose withheld element answers `null`: exactly `NIK` and that key, nothing scored. */
function checkUnscored(answer: Answer, code: ResponseCode, element: string): void {
  expect(answer.status).toBe(200);
  expect(header(answer, "x-sandbox-code")).toBe(code);
  expect(withoutQuotaLimiter(answer.text)).toBe(
    envelopeText(JSON.stringify({ NIK: "Sesuai", [element]: null }), 1),
  );
  expect(answer.text).not.toMatch(/Sesuai \(\d+\)/);
}

function checkAnswer(surface: Surface, expected: Expected, answer: Answer, nik: string): void {
  switch (expected.kind) {
    case "outcome":
      checkOutcome(surface, answer, expected.code, expected.text);
      return;
    case "withheld":
      checkWithheld(surface, answer, expected.element, nik);
      return;
    case "unscored":
      checkUnscored(answer, expected.code, expected.element);
      return;
    case "problem": {
      expect(answer.status).toBe(expected.status);
      expect(header(answer, "content-type")).toMatch(/^application\/problem\+json/);
      const body = JSON.parse(answer.text) as { code: string; title: string };
      expect({ code: body.code, title: body.title }).toEqual({
        code: expected.error,
        title: expected.text,
      });
      return;
    }
    case "page":
      expect(answer.status).toBe(expected.status);
      expect(header(answer, "x-sandbox-error")).toBe(expected.error);
      expect(header(answer, "content-type")).toMatch(/^text\/html/);
      expect(header(answer, "x-sandbox-code")).toBeUndefined();
      return;
    case "refused-form":
      expect(answer.status).toBe(expected.status);
      expect(unescapeHtml(answer.text)).toContain(`<p>${expected.text}</p>`);
      expect(header(answer, "x-sandbox-code")).toBe(expected.code);
      expect(header(answer, "x-sandbox-journal-id")).toMatch(/^\d+$/);
      return;
    case "redirect": {
      expect(answer.status).toBe(expected.status);
      const location = header(answer, "location") ?? "";
      // The console sends a page to its sign-in and a form post to `?sesi=berakhir`.
      if (expected.location.includes("?")) expect(location).toBe(expected.location);
      else expect(location.split("?")[0]).toBe(expected.location);
      expect(answer.text).toBe("");
      return;
    }
    case "message":
      expect(answer.status).toBe(expected.status);
      expect(answer.text).toBe(JSON.stringify({ message: expected.text }));
      return;
  }
}

/** What a refused answer may not carry: resident data everywhere, registry data off the portal. */
function expectNoData(
  surface: Surface,
  expected: Expected,
  answer: Answer,
  ctx: Ctx,
  presented: readonly string[],
) {
  const secrets = [
    ...presented,
    ...(expected.kind === "withheld" ? [] : residentSecrets(ctx.nik)),
    ...(surface.startsWith("portal") ? [] : registrySecrets(ctx)).filter(
      // A found answer carries the NIK asked for.
      (secret) => expected.kind !== "withheld" || secret !== ctx.nik,
    ),
  ].filter((secret) => secret !== "");
  const visible = `${unescapeHtml(answer.text)}\n${answer.text}\n${JSON.stringify(answer.headers)}`;
  expect(secrets.filter((secret) => visible.includes(secret))).toEqual([]);
}

/** Hits a refusal may use: none, unless the catalogue says its outcome uses one (a found answer does). */
function hitsExpected(expected: Expected): number {
  if (expected.kind !== "outcome" && expected.kind !== "withheld" && expected.kind !== "unscored") {
    return 0;
  }
  return responseCodeRow(expected.code)?.consumesQuota === true ? 1 : 0;
}

function describeExpected(expected: Expected): string {
  switch (expected.kind) {
    case "outcome":
      return `${expected.code} "${expected.text}"`;
    case "refused-form":
      return `403 with ${expected.code} "${expected.text}"`;
    case "withheld":
      return `found without ${expected.element}`;
    case "unscored":
      return `found with ${expected.element} null (neither a match nor a score)`;
    case "problem":
    case "page":
      return `${expected.status} ${expected.error}`;
    case "redirect":
      return `303 to ${expected.location}`;
    case "message":
      return `${expected.status} {"message":"${expected.text}"}`;
  }
}

async function runCase(testCase: NegativeCase): Promise<void> {
  const { surface, failure, expect: expected } = testCase;
  const driver = DRIVERS[surface][failure];
  if (driver === undefined) throw new Error(`no driver for ${surface} × ${failure}`);
  const account = await createAccount(sim);
  const presented: string[] = [];
  let hitsBefore = await hitsUsed(sim, account.userId);
  const ctx: Ctx = {
    sim,
    account,
    nik: familyNik(),
    arranged: async () => {
      hitsBefore = await hitsUsed(sim, account.userId);
    },
    presented: (...values) => presented.push(...values),
  };
  const answers = await driver(ctx);
  expect(answers.length).toBeGreaterThan(0);
  for (const [index, answer] of answers.entries()) {
    const label = `${surface} × ${failure}, answer ${index + 1}: ${answer.status} ${answer.text.slice(0, 300)}`;
    try {
      checkAnswer(surface, expected, answer, ctx.nik);
      expectNoData(surface, expected, answer, ctx, presented);
    } catch (error) {
      throw new Error(`${label}\n${(error as Error).message}`, { cause: error });
    }
  }
  expect(await hitsUsed(sim, account.userId)).toBe(hitsBefore + hitsExpected(expected));
}

/**
 * Each surface's request without the failure, answered with data: so a refusal in the matrix
 * is the failure's doing, and the data the refusals must not carry is really there to leak.
 */
const BASELINES: Readonly<Record<Surface, (ctx: Ctx) => Promise<void>>> = {
  lookup: async (ctx) => {
    const answer = await sendRequest(sim, ctx.account, "lookup", cleanRequest(ctx));
    expect(header(answer, "x-sandbox-code")).toBe("01");
    expect(answer.text).toContain(familyOf(ctx.nik)[0]?.record.NAMA_LGKP);
  },
  verify: async (ctx) => {
    const answer = await sendRequest(sim, ctx.account, "verify", cleanRequest(ctx));
    expect(header(answer, "x-sandbox-code")).toBe("01");
    expect(answer.text).toMatch(
      /^\{"content":\[\{"NIK":"Sesuai","NAMA_LGKP":"Tidak Sesuai \(\d+\)"\}\]/,
    );
  },
  family: async (ctx) => {
    const answer = await sendRequest(sim, ctx.account, "family", cleanRequest(ctx));
    expect(header(answer, "x-sandbox-code")).toBe("01");
    for (const member of familyOf(ctx.nik)) expect(answer.text).toContain(member.record.NAMA_LGKP);
  },
  "portal-login": async (ctx) => {
    const answer = await login(portalAgent(sim), ctx.account.userId, ctx.account.password);
    expect([answer.status, answer.headers.location]).toEqual([303, PORTAL_PATHS.search]);
  },
  "portal-search": async (ctx) => {
    const answer = await search(await loggedIn(sim, ctx.account), ctx.nik);
    expect(answer.headers["x-sandbox-code"]).toBe("01");
    expect(unescapeHtml(answer.text)).toContain(familyOf(ctx.nik)[0]?.record.NAMA_LGKP);
  },
  "portal-data-balikan": async (ctx) => {
    const { cookie, csrf } = await portalSession(ctx.account);
    const answer = await request(sim.url)
      .post(DATA_BALIKAN_PATHS.form)
      .set("cookie", cookie)
      .type("form")
      .send({
        _csrf: csrf,
        NIK: ctx.nik,
        NOMOR_REGISTER: "REG-1",
        NAMA_USAHA: "Uji",
        JENIS_USAHA: "Uji",
      });
    expect(answer.status).toBe(200);
    expect(sim.runtime.store.dataBalikan.count({ institutionId: ctx.account.institutionId })).toBe(
      1,
    );
  },
  "admin-api": async (ctx) => {
    const user = await send(sim.url, {
      method: "GET",
      path: `/sandbox/admin/users/${ctx.account.userId}`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect([user.status, user.text.includes(OFFICER.fullName)]).toEqual([200, true]);
    const journal = await journalWith({ authorization: `Bearer ${ADMIN_TOKEN}` });
    expect([journal.status, journal.text.includes(ctx.nik)]).toEqual([200, true]);
  },
  "console-sign-in": async () => {
    const answer = await signIn(ADMIN_TOKEN);
    expect([answer.status, header(answer, "location")]).toEqual([303, ADMIN_PATHS.institutions]);
  },
  "console-page": async (ctx) => {
    const { cookie } = await consoleSession();
    const answer = await request(sim.url)
      .get(ADMIN_PATHS.user(ctx.account.userId))
      .set("cookie", cookie);
    expect([answer.status, unescapeHtml(answer.text).includes(OFFICER.fullName)]).toEqual([
      200,
      true,
    ]);
  },
  "data-balikan": async (ctx) => {
    const { token } = await issueToken(ctx.account);
    const answer = await postDataBalikan(ctx, `Bearer ${token}`);
    expect([answer.status, answer.text]).toEqual([
      DATA_BALIKAN_STATUS.sent,
      JSON.stringify({ message: DATA_BALIKAN_MESSAGES.sent }),
    ]);
  },
};

/** A context for a baseline: a fresh account, nothing to mark. */
async function baselineContext(): Promise<Ctx> {
  return {
    sim,
    account: await createAccount(sim),
    nik: familyNik(),
    arranged: async () => {},
    presented: () => {},
  };
}

describe("fail closed: every credential and authorisation failure on every surface", () => {
  it("has a driver for every cell of the matrix and no cell twice", () => {
    const cells = NEGATIVE_CASES.map((c) => `${c.surface} × ${c.failure}`);
    expect(new Set(cells).size).toBe(cells.length);
    const missing = NEGATIVE_CASES.filter((c) => DRIVERS[c.surface][c.failure] === undefined);
    expect(missing).toEqual([]);
  });

  for (const surface of Object.keys(SURFACES) as Surface[]) {
    const cases = NEGATIVE_CASES.filter((c) => c.surface === surface);
    describe(SURFACES[surface], () => {
      it("accepts the same request without the failure, with data", async () =>
        BASELINES[surface](await baselineContext()));
      for (const testCase of cases) {
        const verb =
          testCase.expect.kind === "withheld" || testCase.expect.kind === "unscored"
            ? "answers"
            : "refuses";
        it(`${verb} ${describeExpected(testCase.expect)} when ${FAILURES[testCase.failure]}`, () =>
          runCase(testCase));
      }
    });
  }
});
