/**
 * `npm run screenshots -w @dukcapil-sandbox/simulator`: regenerates the screenshots of the
 * Web Portal and the admin console under `docs/screenshots/` (linked from the simulator
 * README), taken in headless Chromium against a simulator with the default seed and a frozen
 * clock, so the pages show the same residents every time.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { DATA_BALIKAN_TEXTS } from "../src/portal/data-balikan-texts.js";
import { PORTAL_TEXTS } from "../src/portal/texts.js";
import { startSimulator } from "../src/server.js";
import { launchChromium } from "../test/chromium.js";

const portal = PORTAL_TEXTS.id;
const balikan = DATA_BALIKAN_TEXTS.id;

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots");
const ADMIN_TOKEN = "screenshots-admin-token-0123";

mkdirSync(OUT, { recursive: true });
const sim = await startSimulator({
  population: 10_000,
  adminToken: ADMIN_TOKEN,
  clockStartAt: "2026-11-24T09:00:00+07:00",
  clockFrozen: true,
});
const browser = await launchChromium();
const shots: string[] = [];
const shot = async (page: Page, name: string) => {
  const file = resolve(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  shots.push(file);
};
try {
  const defaults = sim.runtime.defaults;
  if (defaults === null || defaults.password === null) throw new Error("no seeded defaults");
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });

  await page.goto(`${sim.url}/portal/masuk`);
  await shot(page, "portal-login");
  await page.getByLabel(portal.userIdLabel, { exact: true }).fill(defaults.user.userId);
  await page.getByLabel(portal.passwordLabel, { exact: true }).fill(defaults.password);
  await page.getByRole("button", { name: portal.loginButton, exact: true }).click();
  await page.waitForURL("**/portal/cari");
  for (const [name, nik] of [
    ["portal-found", "3319041307949001"],
    ["portal-deceased", "5208025311479002"],
  ] as const) {
    await page.getByLabel(portal.nikLabel, { exact: true }).fill(nik);
    await page.getByRole("button", { name: portal.searchButton, exact: true }).click();
    await page.locator("#hasil").waitFor();
    await shot(page, name);
  }
  await page.goto(`${sim.url}/portal/data-balikan/unggah`);
  await page.getByLabel(balikan.fileLabel).setInputFiles({
    name: "balikan.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      [
        "NIK,NOMOR_REGISTER,NAMA_USAHA,JENIS_USAHA",
        "3319041307949001,REG-001,TOKO SEJAHTERA,RITEL",
        "33190413079490,REG-002,WARUNG MAJU,KULINER",
        "3319041307949001,REG-001,TOKO SEJAHTERA,RITEL",
        "",
      ].join("\n"),
    ),
  });
  await page.getByRole("button", { name: balikan.uploadButton, exact: true }).click();
  await page.locator("#hasil-baris").waitFor();
  await shot(page, "portal-data-balikan-report");

  const admin = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await admin.goto(`${sim.url}/admin/masuk`);
  await shot(admin, "admin-login");
  await admin.getByLabel("Token admin", { exact: true }).fill(ADMIN_TOKEN);
  await admin.getByRole("button", { name: "Masuk", exact: true }).click();
  await admin.waitForURL((url) => !url.pathname.endsWith("/masuk"));
  for (const [name, path] of [
    ["admin-institutions", "/admin/instansi"],
    ["admin-institution", `/admin/instansi/${defaults.institution.id}`],
    ["admin-journal", "/admin/jurnal"],
    ["admin-controls", "/admin/kontrol"],
  ] as const) {
    await admin.goto(`${sim.url}${path}`);
    await shot(admin, name);
  }
} finally {
  await browser.close();
  await sim.close();
}
process.stdout.write(`${shots.map((file) => `wrote ${file}`).join("\n")}\n`);
