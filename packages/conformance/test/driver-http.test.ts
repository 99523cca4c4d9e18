import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningSimulator, startSimulator } from "@dukcapil-sandbox/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PocAppContext } from "../src/app/contract.js";
import type { RunConfigInput } from "../src/config.js";
import { buildRequest, createHttpDriver } from "../src/drivers/http.js";
import { pocPlanSchema } from "../src/plan/schema.js";
import { standardPlanInput } from "../src/plan/standard.js";
import { runPoc } from "../src/runner/run.js";
import { startHttpApp } from "./fixtures/http-app.js";
import { TEST_CONFIG } from "./helpers.js";

describe("HTTP driver request templates", () => {
  it("substitutes {{nik}} URL-encoded in the path, as is in headers, JSON-escaped in a JSON body", () => {
    const { url, init } = buildRequest(
      "http://127.0.0.1:3000/app",
      {
        method: "POST",
        path: "cek/{{nik}}?q={{ nik }}",
        headers: { "content-type": "application/json", "x-nik": "{{nik}}" },
        body: '{"nik":"{{nik}}"}',
      },
      'a "b"/c',
    );
    expect(url).toBe("http://127.0.0.1:3000/app/cek/a%20%22b%22%2Fc?q=a%20%22b%22%2Fc");
    expect(init.headers).toEqual({ "content-type": "application/json", "x-nik": 'a "b"/c' });
    expect(JSON.parse(init.body as string)).toEqual({ nik: 'a "b"/c' });
  });

  it("form-encodes {{nik}} in a form body", () => {
    const { init } = buildRequest(
      "http://app",
      {
        method: "POST",
        path: "/cek",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "nik={{nik}}",
      },
      "32 04",
    );
    expect(init.body).toBe("nik=32%2004");
  });
});

describe("an HTTP app against a simulator it was configured with", () => {
  let simulator: RunningSimulator;
  let storageDir: string;
  let context: PocAppContext;
  let config: RunConfigInput;

  beforeAll(async () => {
    simulator = await startSimulator({ population: 20_000, seed: "http-driver-test" });
    const defaults = simulator.runtime.defaults!;
    storageDir = mkdtempSync(join(tmpdir(), "poc-http-app-"));
    context = {
      upstream: {
        baseUrl: simulator.url,
        path: defaults.institution.path,
        userId: defaults.user.userId,
        password: defaults.password!,
        ipUser: defaults.user.ipUser,
      },
      dataBalikan: { url: `${simulator.url}/dukcapil/data_balikan`, token: defaults.token! },
      attribution: "Layanan ini menggunakan API Dukcapil",
      storageDir,
      now: () => new Date(simulator.runtime.clock.now()),
    };
    config = {
      ...TEST_CONFIG,
      simulator: {
        url: simulator.url,
        adminToken: simulator.runtime.adminToken,
        institutionId: defaults.institution.id,
        password: defaults.password!,
      },
      http: {
        lookup: { method: "GET", path: "/cek?nik={{nik}}" },
        endOfDay: { method: "POST", path: "/tutup-hari" },
      },
      storage: { paths: [storageDir] },
    };
  });

  afterAll(async () => {
    await simulator.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  const plan = (extra: unknown[] = []) =>
    pocPlanSchema.parse({
      ...standardPlanInput,
      id: "http-driver",
      criteria: [
        ...standardPlanInput.criteria.filter((criterion) =>
          [
            "POC-ACCESS-01",
            "POC-DATA-02",
            "POC-STORAGE-01",
            "POC-ATTRIB-01",
            "POC-BALIKAN-01",
            "POC-QUOTA-02",
          ].includes(criterion.id),
        ),
        ...extra,
      ],
    });

  it("passes the reference app, restores the user's password and the simulator's clock", async () => {
    const app = await startHttpApp(context);
    try {
      const report = await runPoc({
        app: app.url,
        config,
        plan: plan([
          {
            id: "POC-HTTP-01",
            title: "The JSON answer says ok and shows the confirmation",
            clause: "test",
            steps: [{ action: "lookup", nik: { magic: "deceased" } }],
            expect: {
              kind: "answer-matches",
              status: 200,
              regex: "Meninggal Dunia",
              jsonPath: { path: "$.status", equals: "ok" },
            },
          },
        ]),
      });
      expect(report.criteria.map((c) => `${c.id} ${c.status} ${c.summary}`)).toEqual(
        report.criteria.map((c) => `${c.id} passed ${c.summary}`),
      );
      expect(report.manifest.app).toEqual({
        driver: "http",
        target: app.url,
        name: new URL(app.url).host,
      });
      expect(report.manifest.simulator.version).toMatch(/remote/);
      // A remote simulator reports data balikan as counts.
      const balikan = report.criteria.find((c) => c.id === "POC-BALIKAN-01");
      expect(balikan?.checks.find((c) => c.name === "one item per found resident")?.detail).toMatch(
        /counts only/,
      );
    } finally {
      await app.close();
    }
    expect(simulator.runtime.clock.state().mode).toBe("real");
    expect(
      simulator.runtime.store.users.verifyPassword(
        context.upstream.userId,
        context.upstream.password,
      ),
    ).toBe(true);
  });

  it("fails an answer-matches JSONPath check and the storage criterion of a flawed HTTP app", async () => {
    const app = await startHttpApp(context, { storesData: true });
    try {
      const report = await runPoc({
        app: app.url,
        config,
        plan: pocPlanSchema.parse({
          ...standardPlanInput,
          id: "http-driver-flawed",
          criteria: [
            ...standardPlanInput.criteria.filter((c) => c.id === "POC-STORAGE-01"),
            {
              id: "POC-HTTP-02",
              title: "JSONPath mismatch",
              clause: "test",
              steps: [{ action: "lookup", nik: { magic: "found" } }],
              expect: { kind: "answer-matches", jsonPath: { path: "$.text", matches: "^Nomor" } },
            },
          ],
        }),
      });
      expect(report.criteria.map((c) => c.status)).toEqual(["failed", "failed"]);
      expect(report.verdict).toBe("failed");
    } finally {
      await app.close();
    }
  });

  it("runs a ready driver (as the browser driver is given) against the configured simulator", async () => {
    const app = await startHttpApp(context);
    try {
      const { http: _templates, ...withoutTemplates } = config;
      const report = await runPoc({
        app: createHttpDriver({
          baseUrl: app.url,
          lookup: { method: "GET", path: "/cek?nik={{nik}}", headers: {} },
        }),
        config: withoutTemplates,
        plan: pocPlanSchema.parse({
          ...standardPlanInput,
          id: "ready-driver",
          criteria: standardPlanInput.criteria.filter((c) => c.id === "POC-DATA-04"),
        }),
      });
      expect(report.criteria[0]?.status, report.criteria[0]?.summary).toBe("passed");
      expect(report.manifest.app.driver).toBe("http");
    } finally {
      await app.close();
    }
  });

  it("refuses an HTTP app without request templates or a simulator", async () => {
    await expect(runPoc({ app: "http://127.0.0.1:9", config: TEST_CONFIG })).rejects.toMatchObject({
      code: "DKS_POC_CONFIG_INVALID",
    });
  });
});
