// The admin console (/admin) over HTTP (issue 5): sign-in, lockout, CSRF, cookie flags,
// every page, and every form's happy path and a validation error — checked through the
// admin API and the sandbox controls, which share its repositories and schemas.
import { WEB_PORTAL_GRANT } from "@dukcapil-sandbox/core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_CONSOLE_COOKIES } from "../src/admin-console/router.js";
import type { RunningSimulator } from "../src/server.js";
import {
  type ConsoleAgent,
  consoleLogin,
  officerFields,
  secretOf,
  signedInConsole,
  submit,
} from "./admin-console-fixtures.js";
import {
  ADMIN_AUTH,
  ADMIN_TOKEN,
  adminOk,
  callImitated,
  createAccount,
  credentials,
  defaultAccount,
  LOOPBACK,
  magic,
  send,
  startTestSimulator,
} from "./imitated-fixtures.js";
import { csrfOf, loggedIn, search, setCookie, unescapeHtml } from "./portal-fixtures.js";
import { OFFICER } from "./state-fixtures.js";

let sim: RunningSimulator;
let agent: ConsoleAgent;
beforeAll(async () => {
  sim = await startTestSimulator();
  agent = await signedInConsole(sim);
});
afterAll(() => sim.close());

const INSTITUTION_FORM = {
  name: "Dinas Kesehatan Uji",
  path: "DINKES_UJI",
  aliases: "dinkes",
  status: "active",
  allowlist: LOOPBACK.join("\n"),
  grant: [...WEB_PORTAL_GRANT],
  "dialect.numbers": "bare",
  stage: "poc",
  patternPolicy: "warn",
  "accessHours.from": "",
  "accessHours.to": "",
};

describe("admin console sign-in", () => {
  it("sets a separate HttpOnly, SameSite=Strict session cookie scoped to /admin, no-store", async () => {
    const fresh = request.agent(sim.url);
    const page = await fresh.get("/admin/masuk");
    expect(page.status).toBe(200);
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.headers["content-security-policy"]).toContain("default-src 'none'");
    const cookie = setCookie(page, ADMIN_CONSOLE_COOKIES.session) ?? "";
    expect(cookie).toContain("Path=/admin");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).not.toContain("Secure"); // plain http
    const answer = await fresh
      .post("/admin/masuk")
      .type("form")
      .send({ _csrf: csrfOf(page.text), admin_token: ADMIN_TOKEN });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe("/admin/instansi");
    const signedIn = setCookie(answer, ADMIN_CONSOLE_COOKIES.session) ?? "";
    expect(signedIn.split(";")[0]).not.toBe(cookie.split(";")[0]); // a new id at sign-in
    expect((await fresh.get("/admin/instansi")).status).toBe(200);
  });

  it("redirects to sign-in without a session; an operator's portal session is not an admin one", async () => {
    const anonymous = await request(sim.url).get("/admin/instansi");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe("/admin/masuk");
    const operator = await loggedIn(sim, defaultAccount(sim));
    const tried = await operator.get("/admin/instansi");
    expect(tried.status).toBe(303);
    expect(tried.headers.location).toBe("/admin/masuk");
  });

  it("refuses a sign-in form without its CSRF token", async () => {
    const fresh = request.agent(sim.url);
    await fresh.get("/admin/masuk");
    const answer = await fresh
      .post("/admin/masuk")
      .type("form")
      .send({ _csrf: "forged", admin_token: ADMIN_TOKEN });
    expect(answer.status).toBe(403);
    expect(answer.headers["x-sandbox-error"]).toBe("DKS_SIM_ADMIN_CONSOLE_CSRF_INVALID");
    expect((await fresh.get("/admin/instansi")).status).toBe(303);
  });

  it("refuses every signed-in form without the session's CSRF token, changing nothing", async () => {
    const before = sim.runtime.store.institutions.list().length;
    const answer = await agent
      .post("/admin/instansi")
      .type("form")
      .send({ ...INSTITUTION_FORM, path: "CSRF_UJI", _csrf: "nope" });
    expect(answer.status).toBe(403);
    expect(answer.headers["x-sandbox-error"]).toBe("DKS_SIM_ADMIN_CONSOLE_CSRF_INVALID");
    expect(sim.runtime.store.institutions.list().length).toBe(before);
  });

  it("locks the address after 5 wrong tokens, until 15 minutes of the simulator clock pass", async () => {
    const own = await startTestSimulator();
    try {
      const fresh = request.agent(own.url);
      for (let attempt = 1; attempt <= 4; attempt++) {
        const wrong = await consoleLogin(fresh, "wrong-token");
        expect(wrong.status).toBe(401);
        expect(wrong.headers["x-sandbox-error"]).toBe("DKS_SIM_ADMIN_CONSOLE_LOGIN_FAILED");
        expect(unescapeHtml(wrong.text)).toContain(`${5 - attempt}.`);
      }
      const fifth = await consoleLogin(fresh, "wrong-token");
      expect(fifth.status).toBe(429);
      expect(fifth.headers["x-sandbox-error"]).toBe("DKS_SIM_ADMIN_CONSOLE_LOCKED");
      const right = await consoleLogin(fresh, ADMIN_TOKEN);
      expect(right.status).toBe(429);
      expect(Number(right.headers["retry-after"])).toBeGreaterThan(0);
      await adminOk(own, "POST", "/sandbox/clock", { advanceMs: 15 * 60_000 + 1 });
      const after = await consoleLogin(fresh, ADMIN_TOKEN);
      expect(after.status).toBe(303);
    } finally {
      await own.close();
    }
  });

  it("signs out: the session ends and the cookie expires", async () => {
    const own = await signedInConsole(sim);
    const page = await own.get("/admin/instansi");
    const out = await own
      .post("/admin/keluar")
      .type("form")
      .send({ _csrf: csrfOf(page.text) });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe("/admin/masuk?keluar=1");
    expect(setCookie(out, ADMIN_CONSOLE_COOKIES.session)).toContain("Max-Age=0");
    expect((await own.get("/admin/instansi")).status).toBe(303);
  });
});

/** A complete ticket as the console's form fields (the BMKG SOP data). */
const TICKET_FORM = {
  "letter.number": "400/17/Dinsos",
  "letter.date": "2026-02-20",
  "institution.name": "Dinas Sosial Uji Tiket",
  "institution.path": "DINSOS_TIKET",
  "institution.allowlist": "10.20.30.40\n10.20.30.41",
  "application.name": "SIKS-NG",
  "application.description": "Verifikasi penerima bantuan",
  "user.userId": "dinsos-tiket-01",
  "user.ipUser": "10.20.30.40",
  ...Object.fromEntries(
    Object.entries(OFFICER).map(([key, value]) => [`user.officer.${key}`, value]),
  ),
  "contact.name": "Budi",
  "contact.email": "budi@example.go.id",
  "contact.phone": "+62 22 5891234",
};

describe("admin console pages", () => {
  it("renders every page with no-store, the attribution and the English toggle", async () => {
    const account = await createAccount(sim);
    const ticket = (await adminOk(sim, "POST", "/sandbox/admin/onboarding", {
      institution: { name: "Instansi Tiket" },
    })) as { id: string };
    const pages = [
      "/admin/instansi",
      "/admin/instansi/baru",
      `/admin/instansi/${account.institutionId}`,
      `/admin/instansi/${account.institutionId}/pengguna/baru`,
      `/admin/pengguna/${account.userId}`,
      "/admin/onboarding",
      "/admin/onboarding/baru",
      `/admin/onboarding/${ticket.id}`,
      "/admin/jurnal",
      "/admin/laporan",
      "/admin/data-balikan",
      "/admin/kontrol",
    ];
    for (const path of pages) {
      const page = await agent.get(path);
      expect(page.status, path).toBe(200);
      expect(page.headers["cache-control"], path).toBe("no-store");
      expect(page.text, path).toContain('<html lang="id">');
      expect(page.text, path).toContain('name="_csrf"');
      expect(page.text, path).toContain('href="#konten"');
    }
    const english = await agent.get("/admin/kontrol?lang=en");
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain("Clock and faults");
    await agent.get("/admin/kontrol?lang=id");
    // The toggle keeps the page's query string (the journal's filters), not a one-time notice.
    const filtered = await agent.get("/admin/jurnal?institution=x-y&code=01&ok=saved");
    expect(filtered.text).toContain('href="/admin/jurnal?institution=x-y&amp;code=01&amp;lang=en"');
    const toggled = await agent.get("/admin/jurnal?institution=x-y&code=01&lang=en");
    expect(toggled.text).toContain('<html lang="en">');
    expect(toggled.text).toContain('href="/admin/jurnal?institution=x-y&amp;code=01&amp;lang=id"');
    await agent.get("/admin/jurnal?lang=id");
    const missing = await agent.get("/admin/instansi/tidak-ada");
    expect(missing.status).toBe(404);
    expect(missing.headers["x-sandbox-error"]).toBe("DKS_SIM_NOT_FOUND");
  });
});

describe("admin console forms", () => {
  it("creates an institution (default grant = the 9 Web Portal elements) and shows field errors", async () => {
    const form = await agent.get("/admin/instansi/baru");
    for (const element of WEB_PORTAL_GRANT) {
      expect(form.text).toMatch(new RegExp(`name="grant" value="${element}" checked`));
    }
    const bad = await submit(agent, "/admin/instansi/baru", "/admin/instansi", {
      ...INSTITUTION_FORM,
      path: "bad path!",
      allowlist: "10.0.0.300",
    });
    expect(bad.status).toBe(400);
    expect(bad.headers["x-sandbox-error"]).toBe("DKS_SIM_VALIDATION");
    expect(bad.text).toContain('id="f-path-err"');
    expect(bad.text).toContain('id="f-allowlist-err"');
    expect(bad.text).toContain('aria-invalid="true"');
    expect(bad.text).toContain("DKS_SIM_VALIDATION");

    const made = await submit(agent, "/admin/instansi/baru", "/admin/instansi", {
      ...INSTITUTION_FORM,
      id: "dinkes-uji",
    });
    expect(made.status).toBe(303);
    expect(made.headers.location).toBe("/admin/instansi/dinkes-uji?ok=created");
    const stored = (await adminOk(sim, "GET", "/sandbox/admin/institutions/dinkes-uji")) as Record<
      string,
      unknown
    >;
    expect(stored).toMatchObject({
      name: "Dinas Kesehatan Uji",
      path: "DINKES_UJI",
      aliases: ["dinkes"],
      allowlist: [...LOOPBACK],
      grant: [...WEB_PORTAL_GRANT],
      stage: "poc",
      accessHours: null,
    });
    expect((await agent.get(made.headers.location ?? "")).text).toContain('role="status"');

    const conflict = await submit(agent, "/admin/instansi/baru", "/admin/instansi", {
      ...INSTITUTION_FORM,
      id: "dinkes-uji-2",
    });
    expect(conflict.status).toBe(409);
    expect(conflict.headers["x-sandbox-error"]).toBe("DKS_SIM_CONFLICT");
  });

  it("edits an institution: stage, grant, access hours, status; refuses equal access hours", async () => {
    const account = await createAccount(sim);
    const page = `/admin/instansi/${account.institutionId}`;
    const bad = await submit(agent, page, page, {
      ...INSTITUTION_FORM,
      path: account.path,
      "accessHours.from": "08:00",
      "accessHours.to": "08:00",
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="f-accessHours.to-err"'.replace(".", "-"));
    const ok = await submit(agent, page, page, {
      ...INSTITUTION_FORM,
      name: "Diubah",
      path: account.path,
      stage: "production",
      grant: ["NIK", "NAMA_LGKP"],
      "accessHours.from": "07:00",
      "accessHours.to": "17:00",
      status: "inactive",
    });
    expect(ok.status).toBe(303);
    const stored = (await adminOk(
      sim,
      "GET",
      `/sandbox/admin/institutions/${account.institutionId}`,
    )) as Record<string, unknown>;
    expect(stored).toMatchObject({
      name: "Diubah",
      stage: "production",
      grant: ["NIK", "NAMA_LGKP"],
      accessHours: { from: "07:00", to: "17:00" },
      status: "inactive",
    });
  });

  it("creates a user ID with the Juknis fields, shows the generated password once, and it logs in", async () => {
    const account = await createAccount(sim);
    const page = `/admin/instansi/${account.institutionId}/pengguna/baru`;
    const action = `/admin/instansi/${account.institutionId}/pengguna`;
    const fields = {
      userId: `${account.institutionId}.baru`,
      password: "",
      ipUser: "10.32.4.16",
      status: "active",
      dailyQuota: "",
      ...officerFields(OFFICER),
    };
    const bad = await submit(agent, page, action, {
      ...fields,
      "officer.nik": "123",
      ipUser: "bukan-ip",
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="f-officer-nik-err"');
    expect(bad.text).toContain('id="f-ipUser-err"');

    const made = await submit(agent, page, action, fields);
    expect(made.status).toBe(201);
    const password = secretOf(made.text);
    expect(password).toBeDefined();
    const stored = (await adminOk(sim, "GET", `/sandbox/admin/users/${fields.userId}`)) as Record<
      string,
      unknown
    >;
    expect(stored).toMatchObject({ ipUser: "10.32.4.16", officer: { ...OFFICER } });
    expect(JSON.stringify(stored)).not.toContain(password);
    const operator = await loggedIn(sim, {
      ...account,
      userId: fields.userId,
      password: password ?? "",
    });
    expect((await search(operator, magic(sim, "found"))).headers["x-sandbox-code"]).toBe("01");
    // Shown once: the user page never shows it again.
    expect(secretOf((await agent.get(`/admin/pengguna/${fields.userId}`)).text)).toBeUndefined();
  });

  it("edits a user ID (status, quota) and resets its password", async () => {
    const account = await createAccount(sim);
    const page = `/admin/pengguna/${account.userId}`;
    const bad = await submit(agent, page, page, {
      ipUser: account.ipUser,
      status: "active",
      dailyQuota: "-3",
      ...officerFields(OFFICER),
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="f-dailyQuota-err"');
    const ok = await submit(agent, page, page, {
      ipUser: "10.32.4.99",
      status: "inactive",
      dailyQuota: "5",
      ...officerFields({ ...OFFICER, position: "Kepala Seksi" }),
    });
    expect(ok.status).toBe(303);
    expect(await adminOk(sim, "GET", `/sandbox/admin/users/${account.userId}`)).toMatchObject({
      ipUser: "10.32.4.99",
      status: "inactive",
      dailyQuota: 5,
      effectiveDailyQuota: 5,
      officer: { position: "Kepala Seksi" },
    });

    const short = await submit(agent, page, `${page}/sandi`, { password: "short" });
    expect(short.status).toBe(400);
    expect(short.text).toContain('id="f-password-err"');
    const reset = await submit(agent, page, `${page}/sandi`, { password: "" });
    expect(reset.status).toBe(200);
    const password = secretOf(reset.text) ?? "";
    expect(sim.runtime.store.users.verifyPassword(account.userId, password)).toBe(true);
    expect(sim.runtime.store.users.verifyPassword(account.userId, account.password)).toBe(false);
  });

  it("issues a data-balikan token once, rotates and revokes it", async () => {
    const account = await createAccount(sim);
    const page = `/admin/instansi/${account.institutionId}`;
    const bad = await submit(agent, page, `${page}/token`, { applicationId: "bad id!" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="f-applicationId-err"');
    const issued = await submit(agent, page, `${page}/token`, {
      applicationId: "sikda",
      registeredAddresses: "10.32.4.15",
      validityDays: "10",
    });
    expect(issued.status).toBe(201);
    const token = secretOf(issued.text) ?? "";
    expect(token.length).toBeGreaterThan(20);
    expect((await agent.get(page)).text).not.toContain(token);
    const listed = (await adminOk(
      sim,
      "GET",
      `/sandbox/admin/institutions/${account.institutionId}/tokens`,
    )) as { items: { id: string; state: string; warning: string | null }[] };
    expect(listed.items).toHaveLength(1);
    const first = listed.items[0];
    // 10 days: within the expiry warning window, highlighted.
    expect(first?.state).toBe("expiring-soon");
    expect((await agent.get(page)).text).toMatch(/<tr data-token="[^"]+" class="expiring">/);

    const rotated = await submit(agent, page, `/admin/token/${first?.id}/rotasi`, {});
    expect(rotated.status).toBe(201);
    expect(secretOf(rotated.text)).not.toBe(token);
    const after = (await adminOk(
      sim,
      "GET",
      `/sandbox/admin/institutions/${account.institutionId}/tokens`,
    )) as { items: { id: string; state: string }[] };
    const live = after.items.find((item) => item.state !== "revoked");
    expect(after.items.find((item) => item.id === first?.id)?.state).toBe("revoked");

    const noReason = await submit(agent, page, `/admin/token/${live?.id}/cabut`, { reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('id="f-reason-err"');
    const revoked = await submit(agent, page, `/admin/token/${live?.id}/cabut`, {
      reason: "aplikasi dihentikan",
    });
    expect(revoked.status).toBe(303);
    expect(await adminOk(sim, "GET", `/sandbox/admin/tokens/${live?.id}`)).toMatchObject({
      state: "revoked",
    });
  });

  it("moves an onboarding ticket along the SOP with the allowed buttons only", async () => {
    const ticket = (await adminOk(sim, "POST", "/sandbox/admin/onboarding", {})) as { id: string };
    const page = `/admin/onboarding/${ticket.id}`;
    const shown = await agent.get(page);
    expect(shown.text).toContain('name="to" value="checking"');
    expect(shown.text).not.toContain('name="to" value="account-created"');
    const moved = await submit(agent, page, `${page}/transisi`, { to: "checking", note: "cek" });
    expect(moved.status).toBe(200);
    expect(await adminOk(sim, "GET", `/sandbox/admin/onboarding/${ticket.id}`)).toMatchObject({
      state: "checking",
    });
    // Incomplete data: the SOP step 3 is refused with the stable code.
    const refused = await submit(agent, page, `${page}/transisi`, { to: "account-created" });
    expect(refused.status).toBe(409);
    expect(refused.headers["x-sandbox-error"]).toBeDefined();
    const back = await submit(agent, page, `${page}/transisi`, { to: "returned" });
    expect(back.status).toBe(200);
  });

  it("submits an onboarding ticket with the SOP fields, refusing bad ones with the API's schema", async () => {
    const before = (
      (await adminOk(sim, "GET", "/sandbox/admin/onboarding")) as { items: unknown[] }
    ).items.length;
    const bad = await submit(agent, "/admin/onboarding/baru", "/admin/onboarding", {
      "letter.date": "kemarin",
      "contact.email": "bukan-surel",
      "institution.name": "Dinas Uji Tiket",
    });
    expect(bad.status).toBe(400);
    expect(bad.headers["x-sandbox-error"]).toBe("DKS_SIM_VALIDATION");
    expect(bad.text).toContain('id="f-letter-date-err"');
    expect(bad.text).toContain('id="f-contact-email-err"');
    expect(bad.text).toContain('value="Dinas Uji Tiket"');
    expect(
      ((await adminOk(sim, "GET", "/sandbox/admin/onboarding")) as { items: unknown[] }).items,
    ).toHaveLength(before);

    const created = await submit(agent, "/admin/onboarding/baru", "/admin/onboarding", {
      ...TICKET_FORM,
      "institution.grant": ["NIK", "NAMA_LGKP"],
    });
    expect(created.status).toBe(303);
    const page = created.headers.location as string;
    expect(page).toMatch(/^\/admin\/onboarding\/TKT-\d+\?ok=created$/);
    const id = /TKT-\d+/.exec(page)?.[0] ?? "";
    expect(await adminOk(sim, "GET", `/sandbox/admin/onboarding/${id}`)).toMatchObject({
      state: "submitted",
      missing: [],
      data: {
        letter: { number: "400/17/Dinsos", date: "2026-02-20" },
        institution: {
          name: "Dinas Sosial Uji Tiket",
          path: "DINSOS_TIKET",
          allowlist: ["10.20.30.40", "10.20.30.41"],
          grant: ["NIK", "NAMA_LGKP"],
        },
        application: { name: "SIKS-NG", description: "Verifikasi penerima bantuan" },
        user: { userId: "dinsos-tiket-01", ipUser: "10.20.30.40", officer: { ...OFFICER } },
        contact: { name: "Budi", email: "budi@example.go.id", phone: "+62 22 5891234" },
      },
    });
    const shown = await agent.get(page);
    expect(shown.text).toContain("Dibuat.");
    expect(shown.text).toContain('<dl class="record" id="data-tiket">');
    expect(shown.text).toContain("<dd>10.20.30.40, 10.20.30.41</dd>");
    expect(shown.text).not.toContain("<pre>");
  });

  it("amends a returned ticket with the API's schema and store, then resubmits it", async () => {
    const ticket = (await adminOk(sim, "POST", "/sandbox/admin/onboarding", {
      institution: { name: "Dinas Kurang Lengkap" },
    })) as { id: string };
    const page = `/admin/onboarding/${ticket.id}`;
    await adminOk(sim, "POST", `/sandbox/admin/onboarding/${ticket.id}/transition`, {
      to: "checking",
    });
    // While the officer checks, the store refuses an amendment with its stable code.
    const early = await submit(agent, page, page, TICKET_FORM);
    expect(early.status).toBe(409);
    expect(early.headers["x-sandbox-error"]).toBe("DKS_SIM_INVALID_TRANSITION");
    await adminOk(sim, "POST", `/sandbox/admin/onboarding/${ticket.id}/transition`, {
      to: "returned",
    });
    const bad = await submit(agent, page, page, { ...TICKET_FORM, "user.ipUser": "bukan-ip" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="f-user-ipUser-err"');
    expect(bad.text).toContain('<details id="ubah" open>');
    const amended = await submit(agent, page, page, TICKET_FORM);
    expect(amended.status).toBe(303);
    expect(amended.headers.location).toBe(`${page}?ok=saved#data`);
    expect(await adminOk(sim, "GET", `/sandbox/admin/onboarding/${ticket.id}`)).toMatchObject({
      state: "returned",
      missing: [],
      data: { institution: { name: "Dinas Sosial Uji Tiket" }, contact: { name: "Budi" } },
    });
    const resubmitted = await submit(agent, page, `${page}/transisi`, { to: "submitted" });
    expect(resubmitted.status).toBe(200);
    expect(await adminOk(sim, "GET", `/sandbox/admin/onboarding/${ticket.id}`)).toMatchObject({
      state: "submitted",
    });
  });

  it("shows the journal with NIKs masked, findings highlighted, filters and paging", async () => {
    const account = await createAccount(sim);
    const nik = magic(sim, "found");
    const answer = await callImitated(sim, account.path, "CALL_NIK", {
      nik,
      ...credentials(account),
    });
    expect(answer.status).toBe(200);
    sim.runtime.store.appendJournal({
      at: sim.runtime.clock.now(),
      remoteAddress: "127.0.0.1",
      httpMethod: "POST",
      path: "/x",
      endpoint: "lookup",
      institutionId: account.institutionId,
      userId: account.userId,
      nik,
      code: "01",
      httpStatus: 200,
      hitsLeft: null,
      latencyMs: 0,
      findings: ["PATTERN_SEQUENTIAL"],
      note: null,
    });
    const page = await agent.get(`/admin/jurnal?institution=${account.institutionId}&code=01`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(nik);
    expect(page.text).toContain(`${nik.slice(0, 4)}**********${nik.slice(14)}`);
    expect(page.text).toMatch(/<tr class="finding">/);
    expect(page.text).toContain("<strong>PATTERN_SEQUENTIAL</strong>");
    expect(page.text).toContain("<strong>2</strong>");
    const bad = await agent.get("/admin/jurnal?code=ab&from=gisteren");
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="f-code-err"');
    expect(bad.text).toContain('id="f-from-err"');
  });

  it("shows the usage report and downloads the same CSV as the admin API", async () => {
    const page = await agent.get("/admin/laporan?semester=2026-1");
    expect(page.status).toBe(200);
    const csv = await agent.get("/admin/laporan.csv?semester=2026-1");
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.headers["cache-control"]).toBe("no-store");
    const api = await send(sim.url, {
      method: "GET",
      path: "/sandbox/admin/reports/usage?semester=2026-1&format=csv",
      headers: ADMIN_AUTH,
    });
    expect(csv.text).toBe(api.text);
    const bad = await agent.get("/admin/laporan?semester=2026-3");
    expect(bad.status).toBe(400);
  });

  it("lists data balikan received per institution and day, NIKs masked", async () => {
    const account = await createAccount(sim);
    const nik = magic(sim, "found");
    sim.runtime.store.dataBalikan.receive(account.institutionId, [
      { nik, params: [{ key: "status", value: "terima" }] },
    ]);
    const page = await agent.get(
      `/admin/data-balikan?institution=${account.institutionId}&day=2026-03-02`,
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain(`${nik.slice(0, 4)}**********`);
    expect(page.text).not.toContain(nik);
    const otherDay = await agent.get(
      `/admin/data-balikan?institution=${account.institutionId}&day=2026-03-03`,
    );
    expect(otherDay.text).not.toContain(`${nik.slice(0, 4)}**********`);
    const bad = await agent.get("/admin/data-balikan?day=kemarin");
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="f-day-err"');
  });

  it("sets, advances and refuses clock changes with the sandbox's schema", async () => {
    const before = sim.runtime.clock.now();
    const advanced = await submit(agent, "/admin/kontrol", "/admin/kontrol/jam", {
      action: "advance",
      advanceMinutes: "60",
    });
    expect(advanced.status).toBe(303);
    const clock = (await adminOk(sim, "GET", "/sandbox/clock")) as { now: number; mode: string };
    expect(clock.now).toBe(before + 3_600_000);
    const bad = await submit(agent, "/admin/kontrol", "/admin/kontrol/jam", {
      action: "set",
      set: "2026-03-02 09:00",
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="f-set-err"');
    const set = await submit(agent, "/admin/kontrol", "/admin/kontrol/jam", {
      action: "set",
      set: "2026-03-02T09:00:00+07:00",
      frozen: "1",
    });
    expect(set.status).toBe(303);
    expect(await adminOk(sim, "GET", "/sandbox/clock")).toMatchObject({
      now: Date.parse("2026-03-02T09:00:00+07:00"),
      mode: "frozen",
    });
  });

  it("sets and clears faults, global and per institution, with the sandbox's schema", async () => {
    const account = await createAccount(sim);
    const bad = await submit(agent, "/admin/kontrol", "/admin/kontrol/gangguan", {
      scope: "",
      probability: "2",
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="f-probability-err"');
    const scoped = await submit(agent, "/admin/kontrol", "/admin/kontrol/gangguan", {
      scope: account.institutionId,
      error: "503",
    });
    expect(scoped.status).toBe(303);
    const global = await submit(agent, "/admin/kontrol", "/admin/kontrol/gangguan", {
      scope: "",
      latencyMs: "5",
    });
    expect(global.status).toBe(303);
    expect(await adminOk(sim, "GET", "/sandbox/faults")).toEqual({
      global: { latencyMs: 5 },
      institutions: { [account.institutionId]: { error: 503 } },
    });
    await submit(agent, "/admin/kontrol", "/admin/kontrol/gangguan/hapus", {
      scope: account.institutionId,
    });
    await submit(agent, "/admin/kontrol", "/admin/kontrol/gangguan/hapus", { scope: "" });
    expect(await adminOk(sim, "GET", "/sandbox/faults")).toEqual({ global: {}, institutions: {} });
  });

  it("sets every field of the fault plan, maintenance always or in a WIB window", async () => {
    const badWindow = await submit(agent, "/admin/kontrol", "/admin/kontrol/gangguan", {
      scope: "",
      maintenance: "window",
      "maintenance.from": "9:00",
      "maintenance.to": "",
    });
    expect(badWindow.status).toBe(400);
    expect(badWindow.text).toContain('id="f-maintenance-from-err"');
    expect(badWindow.text).toContain('id="f-maintenance-to-err"');
    expect(badWindow.text).toContain('<option value="window" selected>');
    const window = await submit(agent, "/admin/kontrol", "/admin/kontrol/gangguan", {
      scope: "",
      latencyMs: "2000",
      jitterMs: "500",
      bandwidthKbps: "512",
      error: "502",
      reset: "1",
      noAnswer: "1",
      maintenance: "window",
      "maintenance.from": "22:00",
      "maintenance.to": "23:30",
      maxConcurrent: "4",
      probability: "0.25",
    });
    expect(window.status).toBe(303);
    expect(await adminOk(sim, "GET", "/sandbox/faults")).toEqual({
      global: {
        latencyMs: 2000,
        jitterMs: 500,
        bandwidthKbps: 512,
        error: 502,
        reset: true,
        noAnswer: true,
        maintenance: { from: "22:00", to: "23:30" },
        maxConcurrent: 4,
        probability: 0.25,
      },
      institutions: {},
    });
    const always = await submit(agent, "/admin/kontrol", "/admin/kontrol/gangguan", {
      scope: "",
      maintenance: "always",
    });
    expect(always.status).toBe(303);
    expect(await adminOk(sim, "GET", "/sandbox/faults")).toEqual({
      global: { maintenance: true },
      institutions: {},
    });
    await submit(agent, "/admin/kontrol", "/admin/kontrol/gangguan/hapus", { scope: "" });
  });
});
