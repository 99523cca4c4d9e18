// The standard PoC on the PATEN desk operated as a web page in real headless Chromium: the
// desk runs on its own (out of band, as an agency's app would on its server), configured with
// the simulator's seeded credentials; the runner connects to that simulator through its admin
// API and drives the desk's form with the browser driver.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPoc } from "@dukcapil-sandbox/conformance";
import { type RunningSimulator, startSimulator } from "@dukcapil-sandbox/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PatenServer, startPatenServer } from "../src/server.js";

const ADMIN_TOKEN = "paten-browser-poc-admin-token";

describe("the standard PoC on the PATEN desk, in a browser", () => {
  let simulator: RunningSimulator;
  let desk: PatenServer;
  // The desk writes no file at all; its declared storage is an (empty) working directory.
  const storage = mkdtempSync(join(tmpdir(), "paten-storage-"));

  beforeAll(async () => {
    simulator = await startSimulator({ population: 10_000, adminToken: ADMIN_TOKEN });
    const defaults = simulator.runtime.defaults;
    if (defaults === null || defaults.password === null || defaults.token === null) {
      throw new Error("the simulator seeded no default institution");
    }
    desk = await startPatenServer({
      upstream: {
        baseUrl: simulator.url,
        path: defaults.institution.path,
        userId: defaults.user.userId,
        password: defaults.password,
        ipUser: defaults.user.ipUser,
      },
      dataBalikan: {
        url: `${simulator.url}/dukcapil/data_balikan`,
        token: defaults.token,
        institutionId: defaults.institution.path,
      },
      attribution: "Layanan ini menggunakan API Dukcapil",
      // The runner moves the simulator's clock from one simulated day to the next; the desk's
      // quota day follows that clock, as it would follow the real one in production.
      now: () => new Date(simulator.runtime.clock.now()),
    });
  }, 60_000);
  afterAll(async () => {
    await desk?.close();
    await simulator?.close();
    rmSync(storage, { recursive: true, force: true });
  });

  it("passes with every answer read off the rendered page", { timeout: 240_000 }, async () => {
    const defaults = simulator.runtime.defaults;
    const report = await runPoc({
      app: desk.url,
      config: {
        simulator: {
          url: simulator.url,
          adminToken: ADMIN_TOKEN,
          institutionId: defaults?.institution.id,
          userId: defaults?.user.userId,
          password: defaults?.password ?? undefined,
        },
        storage: { paths: [storage] },
        browser: {
          lookup: { path: "/", nikField: "#nik", submit: "form[action='/cek'] button" },
          endOfDay: { path: "/", submit: "#tutup" },
        },
      },
    });
    const notPassed = report.criteria
      .filter((criterion) => criterion.status !== "passed")
      .map((criterion) => `${criterion.id}:${criterion.status} ${criterion.summary}`);
    expect(report.manifest.app.driver).toBe("browser");
    expect(report.verdict, notPassed.join("\n")).toBe("passed");
    expect(notPassed.map((line) => line.split(" ")[0])).toEqual(["POC-LOAD-01:skipped"]);
  });
});
