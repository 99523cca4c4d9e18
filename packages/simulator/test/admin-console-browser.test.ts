// The admin console in real headless Chromium (issue 5): sign-in, creating an institution
// and a user ID who then uses the operator portal, revoking a token, submitting and moving an
// onboarding ticket, moving the clock, a fault the portal shows, and keyboard-only use.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleText } from "../src/admin-console/texts.js";
import { PORTAL_TEXTS } from "../src/portal/texts.js";
import type { RunningSimulator } from "../src/server.js";
import { launchChromium } from "./chromium.js";
import { ADMIN_TOKEN, adminOk, createAccount, startTestSimulator } from "./imitated-fixtures.js";
import { OFFICER } from "./state-fixtures.js";

const t = (key: Parameters<typeof consoleText>[1]) => consoleText("id", key);
const portal = PORTAL_TEXTS.id;

describe("admin console in headless Chromium", () => {
  let sim: RunningSimulator;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    sim = await startTestSimulator();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await sim?.close();
  });

  async function freshPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${sim.url}/admin/masuk`);
    await page.getByLabel(t("tokenLabel")).fill(ADMIN_TOKEN);
    await page.getByRole("button", { name: t("loginButton"), exact: true }).click();
    await page.waitForURL("**/admin/instansi");
  }

  it("creates an institution and a user ID who logs in to the portal and finds a magic NIK", async () => {
    const page = await freshPage();
    await signIn(page);
    await page.getByRole("link", { name: t("newInstitution") }).click();
    await page.getByLabel(t("id"), { exact: true }).fill("dinkes-browser");
    await page.getByLabel(t("name"), { exact: true }).fill("Dinas Kesehatan Browser");
    await page.getByLabel(t("path"), { exact: true }).fill("DINKES_BROWSER");
    await page.getByLabel(t("allowlist")).fill("127.0.0.1\n::1\n::ffff:127.0.0.1");
    await page.getByLabel(t("stage")).selectOption("poc");
    await page.getByRole("button", { name: t("createButton"), exact: true }).click();
    await page.waitForURL("**/admin/instansi/dinkes-browser?ok=created");
    expect(await page.locator("#pesan").textContent()).toContain(t("created"));

    await page.getByRole("link", { name: t("newUser") }).click();
    await page.getByLabel(t("userId"), { exact: true }).fill("dinkes-browser.operator");
    await page.getByLabel(t("password"), { exact: true }).fill("rahasia-browser-1");
    await page.getByLabel(t("ipUser")).fill("10.32.4.20");
    for (const [key, label] of [
      ["nik", "officerNik"],
      ["fullName", "fullName"],
      ["nip", "nip"],
      ["employmentStatus", "employmentStatus"],
      ["position", "position"],
      ["officeRegionCode", "officeRegionCode"],
      ["officeName", "officeName"],
      ["officeAddress", "officeAddress"],
      ["localUserId", "localUserId"],
    ] as const) {
      await page.getByLabel(t(label), { exact: true }).fill(OFFICER[key]);
    }
    await page.getByRole("button", { name: t("createButton"), exact: true }).click();
    await page.locator("#pesan").waitFor();
    expect(sim.runtime.store.users.get("dinkes-browser.operator")?.institutionId).toBe(
      "dinkes-browser",
    );

    const operator = await freshPage();
    await operator.goto(`${sim.url}/portal/masuk`);
    await operator.getByLabel(portal.userIdLabel, { exact: true }).fill("dinkes-browser.operator");
    await operator.getByLabel(portal.passwordLabel, { exact: true }).fill("rahasia-browser-1");
    await operator.getByRole("button", { name: portal.loginButton, exact: true }).click();
    await operator.waitForURL("**/portal/cari");
    await operator.getByLabel(portal.nikLabel).fill("3319041307949001");
    await operator.getByRole("button", { name: portal.searchButton, exact: true }).click();
    await operator.locator("#hasil").waitFor();
    expect(await operator.locator("main").textContent()).toContain("3319041307949001");
  });

  it("revokes a data-balikan token", async () => {
    const account = await createAccount(sim);
    await adminOk(sim, "POST", `/sandbox/admin/institutions/${account.institutionId}/tokens`, {
      applicationId: "sikda",
      registeredAddresses: ["10.32.4.15"],
    });
    const page = await freshPage();
    await signIn(page);
    await page.goto(`${sim.url}/admin/instansi/${account.institutionId}`);
    await page.getByLabel(t("revokeReason")).fill("aplikasi dihentikan");
    await page.getByRole("button", { name: `${t("revoke")} sikda` }).click();
    await page.waitForURL(`**/admin/instansi/${account.institutionId}?ok=saved#token`);
    const tokens = sim.runtime.store.tokens.listByInstitution(account.institutionId);
    expect(tokens.map((stored) => sim.runtime.store.tokens.view(stored).state)).toEqual([
      "revoked",
    ]);
    expect(await page.locator("#token ~ table").textContent()).toContain("revoked");
  });

  it("submits an onboarding ticket from the form and moves it one SOP step", async () => {
    const page = await freshPage();
    await signIn(page);
    await page.getByRole("link", { name: t("onboarding") }).click();
    await page.getByRole("link", { name: t("newTicket") }).click();
    await page.getByLabel(t("letterNumber")).fill("400/21/Dinsos");
    await page.locator("#f-institution-name").fill("Dinas Sosial Peramban");
    await page.getByLabel(t("contactEmail"), { exact: true }).fill("uji@example.go.id");
    await page.getByRole("button", { name: t("submitTicket"), exact: true }).click();
    await page.waitForURL("**/admin/onboarding/TKT-*?ok=created");
    expect(await page.locator("#data-tiket").textContent()).toContain("Dinas Sosial Peramban");
    await page.getByRole("button", { name: `${t("moveTo")} checking` }).click();
    await page.locator("strong[data-state='checking']").waitFor();
    const id = /TKT-\d+/.exec(page.url())?.[0] ?? "";
    expect(sim.runtime.store.onboarding.get(id)).toMatchObject({
      state: "checking",
      data: { letter: { number: "400/21/Dinsos" }, contact: { email: "uji@example.go.id" } },
    });
  });

  it("advances the clock, and a fault set in the console shows in the portal", async () => {
    const account = await createAccount(sim);
    const page = await freshPage();
    await signIn(page);
    await page.getByRole("link", { name: t("controls") }).click();
    const before = sim.runtime.clock.now();
    await page.getByLabel(t("advanceMinutes")).fill("90");
    await page.getByRole("button", { name: t("advance"), exact: true }).click();
    await page.waitForURL("**/admin/kontrol?ok=saved");
    expect(sim.runtime.clock.now()).toBe(before + 90 * 60_000);

    await page.getByLabel(t("scope")).selectOption(account.institutionId);
    await page.getByLabel(t("errorStatus")).selectOption("503");
    await page.getByRole("button", { name: t("setFaults"), exact: true }).click();
    await page.waitForURL("**/admin/kontrol?ok=saved#gangguan");
    expect(await page.locator("#gangguan-berlaku").textContent()).toContain('"error":503');

    const operator = await freshPage();
    await operator.goto(`${sim.url}/portal/masuk`);
    await operator.getByLabel(portal.userIdLabel, { exact: true }).fill(account.userId);
    await operator.getByLabel(portal.passwordLabel, { exact: true }).fill(account.password);
    await operator.getByRole("button", { name: portal.loginButton, exact: true }).click();
    await operator.waitForURL("**/portal/cari");
    await operator.getByLabel(portal.nikLabel).fill("3319041307949001");
    await operator.getByRole("button", { name: portal.searchButton, exact: true }).click();
    await operator.locator('[role="alert"]').waitFor();
    expect(await operator.locator('[role="alert"]').textContent()).toContain(
      portal.unavailable(503),
    );

    await page
      .getByRole("button", { name: `${t("clearFaults")} (${account.institutionId})` })
      .click();
    await page.waitForURL("**/admin/kontrol?ok=saved#gangguan");
    expect(sim.runtime.faults.list().institutions).toEqual({});
  });

  it("is usable with the keyboard only: skip link, sign-in, menu, a form", async () => {
    const page = await freshPage();
    await page.goto(`${sim.url}/admin/masuk`);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return {
          tag: el?.tagName.toLowerCase() ?? "",
          id: el?.id ?? "",
          text: el?.textContent?.trim() ?? "",
        };
      });
    await page.keyboard.press("Tab");
    expect((await focused()).text).toBe(t("skipLink"));
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect((await focused()).id).toBe("admin_token");
    await page.keyboard.type(ADMIN_TOKEN);
    await page.keyboard.press("Enter");
    await page.waitForURL("**/admin/instansi");
    // The menu in order, from the top of the page.
    await page.keyboard.press("Tab"); // skip link
    const menu: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      menu.push((await focused()).text);
    }
    expect(menu).toEqual([
      t("institutions"),
      t("onboarding"),
      t("journal"),
      t("report"),
      t("dataBalikan"),
      t("controls"),
    ]);
    // Open the clock controls by keyboard and advance the clock.
    await page.keyboard.press("Enter");
    await page.waitForURL("**/admin/kontrol");
    await page.focus("#f-advanceMinutes");
    await page.keyboard.type("5");
    const before = sim.runtime.clock.now();
    await page.keyboard.press("Enter");
    await page.waitForURL("**/admin/kontrol?ok=saved");
    expect(sim.runtime.clock.now()).toBe(before + 5 * 60_000);
    // The focus ring is visible.
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return getComputedStyle(el).outlineStyle;
    });
    expect(outline).toBe("solid");
  });
});
