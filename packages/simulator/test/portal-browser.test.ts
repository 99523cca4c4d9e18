// The operator Web Portal in real headless Chromium (issue 5): login, search, logout and
// Back, keyboard-only use, nothing kept in browser storage, the English toggle, every
// magic NIK's exact text, quota exhaustion and the lockout.
import { type ResponseCode, WEB_PORTAL_GRANT } from "@dukcapil-sandbox/core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PORTAL_TEXTS } from "../src/portal/texts.js";
import type { RunningSimulator } from "../src/server.js";
import { launchChromium } from "./chromium.js";
import {
  type Account,
  adminOk,
  createAccount,
  defaultAccount,
  magic,
  row,
  startTestSimulator,
} from "./imitated-fixtures.js";

const id = PORTAL_TEXTS.id;
const en = PORTAL_TEXTS.en;

/** What has the keyboard focus: tag, id, class and text. */
interface Focused {
  readonly tag: string;
  readonly id: string;
  readonly className: string;
  readonly text: string;
}

describe("Web Portal in headless Chromium", () => {
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

  /** A fresh browser profile (no cookies, no storage) and a page in it. */
  async function freshPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  const focused = (page: Page): Promise<Focused> =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        tag: el?.tagName.toLowerCase() ?? "",
        id: el?.id ?? "",
        className: el?.className ?? "",
        text: (el?.textContent ?? "").trim(),
      };
    });

  async function logIn(page: Page, account: Account): Promise<void> {
    await page.goto(`${sim.url}/portal/masuk`);
    await page.getByLabel(id.userIdLabel, { exact: true }).fill(account.userId);
    await page.getByLabel(id.passwordLabel, { exact: true }).fill(account.password);
    await page.getByRole("button", { name: id.loginButton, exact: true }).click();
    await page.waitForURL("**/portal/cari");
  }

  async function lookUp(page: Page, nik: string): Promise<void> {
    await page.getByLabel(id.nikLabel).fill(nik);
    await page.getByRole("button", { name: id.searchButton, exact: true }).click();
    await page.locator("#hasil").waitFor();
  }

  const confirmation = (page: Page) => page.locator("p.confirmation").textContent();

  /** The page's HTML once it has settled (Back may still be navigating). */
  async function settledContent(page: Page): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      try {
        await page.waitForLoadState("load");
        return await page.content();
      } catch (error) {
        if (attempt >= 20) throw error;
        await page.waitForTimeout(50);
      }
    }
  }

  it("logs in, looks a NIK up, logs out, and Back shows no result", async () => {
    const page = await freshPage();
    const account = await createAccount(sim);
    await logIn(page, account);
    await lookUp(page, magic(sim, "found"));
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("ESTIONO NANDA");
    expect(main).toContain("3319041307949001");

    await page.getByRole("button", { name: id.logoutButton, exact: true }).click();
    await page.waitForURL("**/portal/masuk?keluar=1");
    expect(await page.locator("main").textContent()).toContain(id.loggedOut);
    const journalRows = sim.runtime.store.journal.count({ userId: account.userId }).total;

    // Back to the result page: no-store leaves the browser nothing to show (Chromium shows
    // its "confirm form resubmission" error page, ERR_CACHE_MISS) and it does not post the
    // form again on its own. Further Backs reach the search page, which asks for a login.
    for (let step = 0; step < 3; step++) {
      await page.goBack({ waitUntil: "load" }).catch(() => null);
      const html = await settledContent(page);
      expect(html).not.toContain("ESTIONO NANDA");
      expect(html).not.toContain("3319041307949001");
    }
    expect(sim.runtime.store.journal.count({ userId: account.userId }).total).toBe(journalRows);
    // Whatever the history holds, the portal itself asks for a login again.
    await page.goto(`${sim.url}/portal/cari`);
    expect(new URL(page.url()).pathname).toBe("/portal/masuk");
  });

  it("is usable with the keyboard alone, in a logical focus order with a visible focus", async () => {
    const page = await freshPage();
    const account = await createAccount(sim);
    await page.goto(`${sim.url}/portal/masuk`);

    // The order of focus from the top of the login page.
    const order: Focused[] = [];
    for (let step = 0; step < 5; step++) {
      await page.keyboard.press("Tab");
      order.push(await focused(page));
    }
    expect(order.map((f) => f.id || f.className || f.text)).toEqual([
      "skip",
      "English",
      "user_id",
      "password",
      id.loginButton,
    ]);

    // Start again: the skip link is the first stop and is visible when focused.
    await page.goto(`${sim.url}/portal/masuk`);
    await page.keyboard.press("Tab");
    const skip = page.locator("a.skip");
    const box = await skip.boundingBox();
    expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect((await focused(page)).id).toBe("user_id");
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
    });
    expect(ring.style).not.toBe("none");
    expect(ring.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.type(account.userId);
    await page.keyboard.press("Tab");
    expect((await focused(page)).id).toBe("password");
    await page.keyboard.type(account.password);
    await page.keyboard.press("Enter");
    await page.waitForURL("**/portal/cari");

    const searchOrder: Focused[] = [];
    for (let step = 0; step < 5; step++) {
      await page.keyboard.press("Tab");
      searchOrder.push(await focused(page));
    }
    expect(searchOrder.map((f) => f.id || f.className || f.text)).toEqual([
      "skip",
      "English",
      id.logoutButton,
      "nik",
      id.searchButton,
    ]);
    await page.goto(`${sim.url}/portal/cari`);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect((await focused(page)).id).toBe("nik");
    await page.keyboard.type(magic(sim, "deceased"));
    await page.keyboard.press("Enter");
    await page.locator("#hasil").waitFor();
    expect(await confirmation(page)).toBe(row("11").portalText);
  });

  it("keeps nothing in browser storage and no person data in cookies", async () => {
    const page = await freshPage();
    await logIn(page, defaultAccount(sim));
    await lookUp(page, magic(sim, "found"));
    const storage = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      caches: "caches" in globalThis ? (await caches.keys()).length : 0,
      databases: "databases" in indexedDB ? (await indexedDB.databases()).length : 0,
    }));
    expect(storage).toEqual({ local: 0, session: 0, caches: 0, databases: 0 });
    const cookies = await page.context().cookies();
    expect(cookies.map((cookie) => cookie.name).sort()).toEqual(["dks_portal_sid"]);
    for (const cookie of cookies) {
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/portal" });
      expect(cookie.value).not.toContain("3319041307949001");
    }
    // The NIK field is not remembered by form autofill.
    expect(await page.locator("#nik").getAttribute("autocomplete")).toBe("off");
  });

  it("switches to English with the toggle and remembers it", async () => {
    const page = await freshPage();
    await page.goto(`${sim.url}/portal/masuk`);
    expect(await page.locator("html").getAttribute("lang")).toBe("id");
    await page.getByRole("link", { name: "English" }).click();
    await page.waitForURL("**/portal/masuk?lang=en");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toBe(en.loginTitle);
    // Remembered: a plain visit stays English.
    await page.goto(`${sim.url}/portal/masuk`);
    expect(await page.locator("h1").textContent()).toBe(en.loginTitle);
    // Upstream confirmations stay verbatim Indonesian, marked lang="id".
    await page.getByLabel(en.userIdLabel, { exact: true }).fill(defaultAccount(sim).userId);
    await page.getByLabel(en.passwordLabel, { exact: true }).fill("salah-sandbox-9");
    await page.getByRole("button", { name: en.loginButton, exact: true }).click();
    await page.locator("p.confirmation").waitFor();
    expect(await confirmation(page)).toBe(row("03").portalText);
    expect(await page.locator("p.confirmation").getAttribute("lang")).toBe("id");
    expect(await page.locator("main").textContent()).toContain(row("03").actionEn);
    await page.getByRole("link", { name: "Bahasa Indonesia" }).click();
    expect(await page.locator("h1").textContent()).toBe(id.loginTitle);
  });

  it("shows every magic NIK's exact text, and the granted elements for the found ones", async () => {
    const page = await freshPage();
    await logIn(page, await createAccount(sim));
    const expected: [string, ResponseCode][] = [
      ["deceased", "11"],
      ["duplicate", "12"],
      ["not-found", "13"],
      ["inactive", "14"],
      ["malformed-nik", "15"],
    ];
    for (const [kind, code] of expected) {
      await lookUp(page, magic(sim, kind as "deceased"));
      expect([kind, await confirmation(page)]).toEqual([kind, row(code).portalText]);
      expect(await page.locator("p.confirmation").getAttribute("data-code")).toBe(code);
    }
    for (const kind of ["found", "big-nik"] as const) {
      await lookUp(page, magic(sim, kind));
      expect(await page.locator("p.confirmation").count()).toBe(0);
      const labels = await page.locator("dl.record dt").allTextContents();
      expect(labels).toEqual(WEB_PORTAL_GRANT.map((element) => id.elementLabels[element]));
      const values = await page.locator("dl.record dd").allTextContents();
      expect(values[1]).toBe(magic(sim, kind));
    }
  });

  it("shows the quota-exhausted confirmation once the day's hits are used", async () => {
    const page = await freshPage();
    const account = await createAccount(sim, { user: { dailyQuota: 1 } });
    await logIn(page, account);
    expect(await page.locator("#kuota").textContent()).toContain(id.quotaLeft(1, 1));
    await lookUp(page, magic(sim, "found"));
    expect(await page.locator("#kuota").textContent()).toContain(id.quotaLeft(0, 1));
    await lookUp(page, magic(sim, "found"));
    expect(await confirmation(page)).toBe(row("05").portalText);
  });

  it.each([
    { failure: "wrong password", code: "03" as ResponseCode },
    { failure: "unknown user ID", code: "03" as ResponseCode },
    { failure: "user ID inactive", code: "17" as ResponseCode },
    { failure: "institution inactive", code: "16" as ResponseCode },
    { failure: "connecting address not allowlisted", code: "10" as ResponseCode },
  ])(
    "refuses a login ($failure) with the catalogue's exact text, and stays on the login page",
    async ({ failure, code }) => {
      const account = await createAccount(sim, {
        ...(failure === "connecting address not allowlisted"
          ? { institution: { allowlist: ["10.99.0.1"] } }
          : {}),
        ...(failure === "institution inactive" ? { institution: { status: "inactive" } } : {}),
        ...(failure === "user ID inactive" ? { user: { status: "inactive" } } : {}),
      });
      const page = await freshPage();
      await page.goto(`${sim.url}/portal/masuk`);
      await page
        .getByLabel(id.userIdLabel, { exact: true })
        .fill(failure === "unknown user ID" ? `${account.userId}.tidak-ada` : account.userId);
      await page
        .getByLabel(id.passwordLabel, { exact: true })
        .fill(failure === "wrong password" ? "bukan-kata-sandinya" : account.password);
      await page.getByRole("button", { name: id.loginButton, exact: true }).click();
      await page.locator("#login-refusal").waitFor();
      const expected = row(code).portalText ?? row(code).lookupText;
      expect(await page.locator("#login-refusal").textContent()).toContain(expected);
      expect(new URL(page.url()).pathname).toBe("/portal/masuk");
      expect(await page.locator("#hasil").count()).toBe(0);
    },
  );

  it("locks the user ID after 5 failed logins and says when to try again", async () => {
    const page = await freshPage();
    const account = await createAccount(sim);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.goto(`${sim.url}/portal/masuk`);
      await page.getByLabel(id.userIdLabel, { exact: true }).fill(account.userId);
      await page.getByLabel(id.passwordLabel, { exact: true }).fill(`salah-${attempt}`);
      await page.getByRole("button", { name: id.loginButton, exact: true }).click();
      await page.locator("#login-refusal").waitFor();
    }
    await page.getByLabel(id.passwordLabel, { exact: true }).fill(account.password);
    await page.getByRole("button", { name: id.loginButton, exact: true }).click();
    await page.locator("#login-refusal").waitFor();
    expect(await page.locator("#login-refusal").textContent()).toContain(id.locked("09.15 WIB"));
    expect(new URL(page.url()).pathname).toBe("/portal/masuk");
    // The simulator clock decides: 15 minutes later the password works.
    await adminOk(sim, "POST", "/sandbox/clock", { advanceMs: 15 * 60_000 });
    try {
      await logIn(page, account);
    } finally {
      await adminOk(sim, "POST", "/sandbox/clock", {
        set: "2026-03-02T09:00:00+07:00",
        frozen: true,
      });
    }
  });

  it("has sufficient contrast for text, links, buttons and messages", async () => {
    const page = await freshPage();
    await page.goto(`${sim.url}/portal/masuk`);
    await page.getByLabel(id.userIdLabel, { exact: true }).fill("tidak.ada");
    await page.getByLabel(id.passwordLabel, { exact: true }).fill("salah");
    await page.getByRole("button", { name: id.loginButton, exact: true }).click();
    await page.locator("#login-refusal").waitFor();
    const ratios = await page.evaluate(() => {
      const rgb = (text: string) => (text.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const luminance = (text: string) => {
        const [r = 0, g = 0, b = 0] = rgb(text).map((v) => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      /** The first opaque background behind an element. */
      const background = (el: Element | null): string => {
        for (let node = el; node !== null; node = node.parentElement) {
          const color = getComputedStyle(node).backgroundColor;
          if (color !== "rgba(0, 0, 0, 0)" && color !== "transparent") return color;
        }
        return "rgb(255, 255, 255)";
      };
      const ratio = (selector: string) => {
        const el = document.querySelector(selector);
        const a = luminance(getComputedStyle(el as Element).color);
        const b = luminance(background(el));
        return Math.round(((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)) * 100) / 100;
      };
      return Object.fromEntries(
        [
          "main p",
          "label",
          "main button",
          ".top a",
          ".service",
          "#login-refusal p",
          "footer p",
        ].map((selector) => [selector, ratio(selector)]),
      );
    });
    for (const [selector, value] of Object.entries(ratios)) {
      expect([selector, value >= 4.5]).toEqual([selector, true]);
    }
  });
});
