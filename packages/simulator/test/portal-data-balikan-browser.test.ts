// Data balikan upload in real headless Chromium (issue 5): the seeded operator logs in,
// uploads a CSV with a bad row through the file field and reads the validation report.
import { DATA_BALIKAN_MESSAGES, maskNik } from "@dukcapil-sandbox/core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATA_BALIKAN_PATHS } from "../src/portal/data-balikan.js";
import { DATA_BALIKAN_TEXTS } from "../src/portal/data-balikan-texts.js";
import type { RunningSimulator } from "../src/server.js";
import { launchChromium } from "./chromium.js";
import { defaultAccount, startTestSimulator } from "./imitated-fixtures.js";

const id = DATA_BALIKAN_TEXTS.id;

describe("Web Portal data balikan upload in headless Chromium", () => {
  let sim: RunningSimulator;
  let browser: Browser;

  beforeAll(async () => {
    sim = await startTestSimulator();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  it("logs in, uploads a CSV with bad and duplicate rows and reads the row-by-row report", async () => {
    const account = defaultAccount(sim);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${sim.url}/portal/masuk`);
      await page.getByLabel("User ID").fill(account.userId);
      await page.getByLabel("Password").fill(account.password);
      await page.getByRole("button", { name: "Masuk" }).click();
      await page.waitForURL("**/portal/cari");

      // From the search page to the upload page by its link.
      await page.getByRole("link", { name: id.navUpload }).click();
      await page.waitForURL(`**${DATA_BALIKAN_PATHS.upload}`);
      const good = "3204051502900001";
      const csv = [
        "NIK,NOMOR_REGISTER,NAMA_USAHA,JENIS_USAHA",
        `${good},REG-1,TOKO A,RITEL`,
        "99,REG-2,TOKO B,RITEL",
        `${good},REG-1,TOKO A,RITEL`,
        "",
      ].join("\n");
      await page.getByLabel(id.fileLabel).setInputFiles({
        name: "balikan.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(csv),
      });
      await page.getByRole("button", { name: id.uploadButton }).click();
      await page.locator("#hasil-baris").waitFor();

      const rows = await page
        .locator("#hasil-baris tbody tr")
        .evaluateAll((trs) =>
          trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")),
        );
      expect(rows.map((cells) => cells.slice(0, 3))).toEqual([
        ["2", maskNik(good), id.statusAccepted],
        ["3", maskNik("99"), id.statusInvalid],
        ["4", maskNik(good), id.statusDuplicateInFile],
      ]);
      expect(rows[1]?.[3]).toContain("NIK");
      const totals = await page
        .locator("#ringkasan tr")
        .evaluateAll((trs) => trs.map((tr) => tr.textContent ?? ""));
      expect(totals).toContain(`${id.totalAccepted}1`);
      expect(totals).toContain(`${id.totalInvalid}1`);
      expect(await page.content()).not.toContain(good);

      // The same file again: the accepted row was sent before.
      await page.goto(`${sim.url}${DATA_BALIKAN_PATHS.upload}`);
      await page.getByLabel(id.fileLabel).setInputFiles({
        name: "balikan.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(csv),
      });
      // Submitted from the keyboard: the file field, then Tab to the button and Enter.
      await page.getByLabel(id.fileLabel).focus();
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await page.locator("#hasil-baris").waitFor();
      const first = await page.locator("#hasil-baris tbody tr").first().textContent();
      expect(first).toContain(DATA_BALIKAN_MESSAGES.duplicate);
      expect(sim.runtime.store.dataBalikan.count({ institutionId: account.institutionId })).toBe(1);
    } finally {
      await context.close();
    }
  }, 60_000);
});
