// The browser driver in real headless Chromium (Debian's chromium, driven by playwright-core)
// against a small server-rendered form app on an ephemeral port.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrowserDriver } from "../src/drivers/browser.js";
import type { PocDriver } from "../src/drivers/types.js";
import { PocError } from "../src/errors.js";

const page = (body: string) =>
  `<!doctype html><html lang="id"><head><title>Desk</title></head><body>${body}<footer>Layanan ini menggunakan API Dukcapil</footer></body></html>`;

function formApp(): Promise<{ url: string; server: Server; posts: string[] }> {
  const posts: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      if (req.method === "GET" && req.url === "/") {
        res.end(
          page(
            '<form method="post" action="/cek"><label for="nik">NIK</label><input id="nik" name="nik"><button type="submit">Cek</button></form>' +
              '<form method="post" action="/tutup"><button id="tutup" type="submit">Tutup hari</button></form>',
          ),
        );
        return;
      }
      if (req.method !== "POST") {
        res.statusCode = 404;
        res.end();
        return;
      }
      posts.push(`${req.url} ${body}`);
      const nik = new URLSearchParams(body).get("nik") ?? "";
      if (req.url === "/cek" && nik === "0000") {
        res.statusCode = 503;
        res.end(page("<p>Layanan sedang tidak tersedia</p>"));
      } else if (req.url === "/cek" && nik === "slow") {
        // never answers: the runner's abort signal must end the action
      } else if (req.url === "/cek") {
        res.end(page(`<p>NIK <output>${nik.replace(/[^0-9]/g, "")}</output> ditemukan</p>`));
      } else {
        res.end(page("<p>Data balikan terkirim</p>"));
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, server, posts });
    });
  });
}

describe("browser driver (headless Chromium)", () => {
  let app: Awaited<ReturnType<typeof formApp>>;
  let driver: PocDriver;

  beforeAll(async () => {
    app = await formApp();
    driver = await createBrowserDriver({
      baseUrl: app.url,
      config: {
        lookup: { path: "/", nikField: "#nik", submit: "form[action='/cek'] button" },
        endOfDay: { path: "/", submit: "#tutup" },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await driver?.close();
    app?.server.closeAllConnections();
    app?.server.close();
  });

  it("types the NIK into the form and returns the visible text of the page it submitted to", async () => {
    const answer = await driver.lookup("9601085401569005");
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/text\/html/);
    expect(answer.body).toContain("NIK 9601085401569005 ditemukan");
    expect(answer.body).toContain("Layanan ini menggunakan API Dukcapil");
    expect(answer.body).not.toContain("<p>");
    expect(app.posts.at(-1)).toBe("/cek nik=9601085401569005");
  });

  it("reports the HTTP status of the answer page", async () => {
    const answer = await driver.lookup("0000");
    expect(answer.status).toBe(503);
    expect(answer.body).toContain("Layanan sedang tidak tersedia");
  });

  it("presses the end-of-day button", async () => {
    expect(driver.supportsEndOfDay).toBe(true);
    const answer = await driver.endOfDay();
    expect(answer?.body).toContain("Data balikan terkirim");
    expect(app.posts.at(-1)).toBe("/tutup ");
  });

  it("gives up on an action when the runner's signal aborts", async () => {
    const started = Date.now();
    await expect(driver.lookup("slow", { signal: AbortSignal.timeout(1_500) })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(15_000);
    // the driver still works afterwards
    expect((await driver.lookup("3319041307949001")).body).toContain("3319041307949001");
  });
});

describe("browser driver set-up errors", () => {
  it("names the missing Chromium and how to install it", async () => {
    const error = await createBrowserDriver({
      baseUrl: "http://127.0.0.1:9",
      config: {
        lookup: { nikField: "#nik", submit: "button" },
        executablePath: "/nonexistent/chromium",
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PocError);
    expect((error as PocError).code).toBe("DKS_POC_BROWSER_UNAVAILABLE");
    expect((error as PocError).message).toMatch(/apt-get install chromium/);
  });

  it("rejects settings without a submit selector, naming the field", async () => {
    const error = await createBrowserDriver({
      baseUrl: "http://127.0.0.1:9",
      // @ts-expect-error -- deliberately incomplete
      config: { lookup: { nikField: "#nik" } },
    }).catch((caught: unknown) => caught);
    expect((error as PocError).code).toBe("DKS_POC_CONFIG_INVALID");
    expect((error as PocError).message).toMatch(/lookup\.submit/);
  });
});
