import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningSimulator, startSimulator } from "@dukcapil-sandbox/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type PatenServer,
  startPatenServer,
} from "../../../examples/paten-kecamatan/src/server.js";
import { runCli } from "../src/cli.js";
import { isPocError } from "../src/errors.js";
import {
  parseLoadOptions,
  renderLoadHtml,
  renderLoadJunit,
  runLoad,
  runLoadCli,
} from "../src/load/index.js";

const ADMIN_TOKEN = "load-test-admin-token-0123456789";
const dir = mkdtempSync(join(tmpdir(), "load-test-"));
let simulator: RunningSimulator;
let desk: PatenServer;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (line: string) => out.push(line), stderr: (line: string) => err.push(line) },
    stdout: () => out.join("\n"),
    stderr: () => err.join("\n"),
  };
}

beforeAll(async () => {
  simulator = await startSimulator({ population: 10_000, db: ":memory:", adminToken: ADMIN_TOKEN });
  // The desk uses a production-stage institution, so the PoC quota does not cut the load.
  const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };
  await fetch(`${simulator.url}/sandbox/admin/institutions`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      id: "desk-prod",
      name: "Kecamatan",
      path: "DESK_PROD",
      allowlist: ["127.0.0.1", "::1"],
      stage: "production",
    }),
  });
  const user = await fetch(`${simulator.url}/sandbox/admin/institutions/desk-prod/users`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      userId: "desk.op",
      password: "desk-password-1",
      ipUser: "10.32.4.20",
      officer: {
        nik: "3204055502900001",
        fullName: "NENG SITI",
        nip: "",
        employmentStatus: "PPPK",
        position: "Petugas",
        officeRegionCode: "32.04",
        officeName: "Kecamatan",
        officeAddress: "Jl. 1",
        localUserId: "op",
      },
    }),
  });
  expect(user.status).toBe(201);
  desk = await startPatenServer({
    upstream: {
      baseUrl: simulator.url,
      path: "DESK_PROD",
      userId: "desk.op",
      password: "desk-password-1",
      ipUser: "10.32.4.20",
    },
    dataBalikan: { token: "unused-token", institutionId: "DESK_PROD" },
    attribution: "Layanan ini menggunakan API Dukcapil",
    now: () => new Date(simulator.runtime.clock.now()),
  });
}, 60_000);

afterAll(async () => {
  await desk?.close();
  await simulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

const simulatorTarget = () => ({
  kind: "simulator" as const,
  url: simulator.url,
  adminToken: ADMIN_TOKEN,
});

describe("runLoad against the simulator", () => {
  it("passes generous thresholds, every answer verified", async () => {
    const seconds: number[] = [];
    const result = await runLoad(
      {
        target: simulatorTarget(),
        connections: 2,
        durationS: 1,
        thresholds: ["p95<5000", "errors<1%", "rps>1"],
      },
      { onProgress: (progress) => seconds.push(progress.second) },
    );
    expect(result.passed, JSON.stringify(result.thresholds)).toBe(true);
    expect(result.breached).toEqual([]);
    expect(result.summary.ok).toBeGreaterThan(0);
    expect(result.summary.errors).toBe(0);
    expect(result.thresholds.map((t) => t.name)).toEqual(["p95<5000", "errors<1%", "rps>1"]);
    expect(seconds).toContain(1);
    expect(result.series.length).toBeGreaterThan(0);
    expect(result.histogram.reduce((sum, bar) => sum + bar.count, 0)).toBe(result.summary.requests);
    expect(result.autocannon?.mismatches).toBe(0);
    expect(result.settings.requests.join("\n")).toMatch(/verify random → code 01/);
  });

  it("names a breached threshold", async () => {
    const result = await runLoad({
      target: simulatorTarget(),
      rate: 50,
      durationS: 1,
      thresholds: ["p50<0.001", "errors<1%"],
    });
    expect(result.passed).toBe(false);
    expect(result.breached).toEqual(["p50<0.001"]);
    expect(result.settings.rate).toBe(50);
  });

  it("counts a wrong answer as an error, not as throughput (verifyBody)", async () => {
    const result = await runLoad({
      target: { ...simulatorTarget(), mix: [{ nik: "deceased", expectCode: "01" }] },
      connections: 1,
      durationS: 1,
      thresholds: ["errors<1%"],
    });
    expect(result.summary.requests).toBeGreaterThan(0);
    expect(result.summary.ok).toBe(0);
    expect(result.summary.rps).toBe(0);
    expect(result.summary.mismatches).toBe(result.summary.requests);
    expect(result.breached).toEqual(["errors<1%"]);
    expect(result.autocannon?.mismatches).toBeGreaterThan(0);
  });

  it("refuses to start when the given credentials' institution is not granted NAMA_LGKP and verify is in the mix", async () => {
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };
    const created = await fetch(`${simulator.url}/sandbox/admin/institutions`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        id: "narrow-grant",
        name: "Narrow grant",
        path: "NARROW_GRANT",
        allowlist: ["127.0.0.1", "::1"],
        stage: "production",
        grant: ["NIK", "NO_KK"],
      }),
    });
    expect(created.status).toBe(201);
    const user = await fetch(`${simulator.url}/sandbox/admin/institutions/narrow-grant/users`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        userId: "narrow.op",
        password: "narrow-password-1",
        ipUser: "10.32.4.21",
        officer: {
          nik: "3204055502900001",
          fullName: "NENG SITI",
          nip: "",
          employmentStatus: "PPPK",
          position: "Petugas",
          officeRegionCode: "32.04",
          officeName: "Kecamatan",
          officeAddress: "Jl. 1",
          localUserId: "op",
        },
      }),
    });
    expect(user.status).toBe(201);
    const credentials = {
      path: "NARROW_GRANT",
      userId: "narrow.op",
      password: "narrow-password-1",
      ipUser: "10.32.4.21",
    };
    const attempt = runLoad({
      target: {
        kind: "simulator",
        url: simulator.url,
        credentials,
        mix: [{ call: "verify", nik: "random" }],
      },
      connections: 1,
      durationS: 1,
    });
    await expect(attempt).rejects.toMatchObject({
      code: "DKS_POC_LOAD_SETUP_FAILED",
      message: expect.stringContaining("not granted NAMA_LGKP"),
    });
    // Lookups need no element of the grant to be checked: the same credentials load fine.
    const lookups = await runLoad({
      target: { kind: "simulator", url: simulator.url, credentials, mix: [{ nik: "found" }] },
      connections: 1,
      durationS: 1,
      thresholds: ["errors<1%"],
    });
    expect(lookups.passed, JSON.stringify(lookups.thresholds)).toBe(true);
  });

  it("starts an in-process simulator when the target has no url", async () => {
    const result = await runLoad({
      target: { kind: "simulator", population: 1_000, mix: [{ nik: "found" }] },
      connections: 1,
      durationS: 1,
    });
    expect(result.summary.ok).toBeGreaterThan(0);
    expect(result.passed).toBe(true);
  });
});

describe("runLoad against examples/paten-kecamatan", () => {
  it("loads the desk through its request template and checks its page", async () => {
    const result = await runLoad({
      target: {
        kind: "app",
        url: desk.url,
        request: {
          method: "POST",
          path: "/cek",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "nik={{nik}}",
        },
        expect: { status: 200, regex: "ESTIONO NANDA" },
      },
      rate: 40,
      durationS: 1,
      thresholds: ["errors<1%", "p99<5000"],
    });
    expect(result.breached, JSON.stringify(result.summary)).toEqual([]);
    expect(result.summary.ok).toBeGreaterThan(0);
    const wrong = await runLoad({
      target: {
        kind: "app",
        url: desk.url,
        request: {
          method: "POST",
          path: "/cek",
          body: "nik={{nik}}",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        },
        expect: { regex: "NOBODY HAS THIS NAME" },
      },
      connections: 1,
      durationS: 1,
    });
    expect(wrong.summary.ok).toBe(0);
    expect(wrong.summary.mismatches).toBeGreaterThan(0);
  });
});

describe("load options", () => {
  it("names the field of a schema error", () => {
    const read = (value: unknown) => {
      try {
        parseLoadOptions(value);
        return "";
      } catch (error) {
        expect(isPocError(error, "DKS_POC_LOAD_OPTIONS_INVALID")).toBe(true);
        return (error as Error).message;
      }
    };
    expect(read({ target: { kind: "simulator" }, connections: 0 })).toMatch(/connections:/);
    expect(read({ target: { kind: "simulator" }, thresholds: ["p97<3"] })).toMatch(
      /thresholds\.0: Expected a threshold/,
    );
    expect(read({ target: { kind: "app", url: "http://x" } })).toMatch(/target\.request:/);
    expect(read({ target: { kind: "simulator", mix: [{ nik: "nobody" }] } })).toMatch(
      /target\.mix\.0\.nik/,
    );
    expect(
      parseLoadOptions({ target: { kind: "simulator" }, thresholds: ["errors<1%"] }).thresholds,
    ).toEqual([{ name: "errors<1%", metric: "errors", op: "<", limit: 0.01 }]);
  });
});

describe("dukcapil-sandbox load", () => {
  const base = () => [
    "--target",
    "simulator",
    "--simulator-url",
    simulator.url,
    "--admin-token",
    ADMIN_TOKEN,
    "--duration",
    "1",
    "--connections",
    "1",
  ];

  it("exits 0 when every threshold is met and writes the three outputs", async () => {
    const run = capture();
    const out = join(dir, "ok");
    const code = await runCli(
      ["load", ...base(), "--threshold", "errors<1%", "--out", out],
      run.io,
    );
    expect(code, run.stderr()).toBe(0);
    expect(run.stderr()).toMatch(/\[load 1\/1s\] \d+ ok\/s, 0 errors/);
    expect(run.stdout()).toMatch(/PASSED — 1 thresholds met/);
    const json = JSON.parse(readFileSync(join(out, "load.json"), "utf8"));
    // autocannon's fields kept, and ours.
    expect(json).toMatchObject({ mismatches: 0, passed: true });
    expect(json.latency).toHaveProperty("p99");
    expect(json.thresholds[0].name).toBe("errors<1%");
    expect(Array.isArray(json.series)).toBe(true);
    const junit = readFileSync(join(out, "load-junit.xml"), "utf8");
    expect(junit).toMatch(/<testcase classname="load.thresholds" name="errors&lt;1%"/);
    const html = readFileSync(join(out, "load.html"), "utf8");
    expect(html).toMatch(/<svg[^>]*aria-label="Latency histogram"/);
    expect(html).toMatch(/<svg[^>]*aria-label="Requests per second over time"/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1|www\.w3\.org)/);
  });

  it("exits 1 and names the breached threshold", async () => {
    const run = capture();
    const out = join(dir, "breach");
    const code = await runLoadCli(
      [...base(), "--threshold", "p50<0.001", "--threshold", "errors<1%", "--out", out],
      run.io,
    );
    expect(code).toBe(1);
    expect(run.stdout()).toMatch(/FAILED — thresholds breached: p50<0\.001$/m);
    expect(existsSync(join(out, "load.html"))).toBe(true);
    expect(readFileSync(join(out, "load-junit.xml"), "utf8")).toMatch(
      /<failure message="p50&lt;0.001: BREACHED/,
    );
  });

  it("exits 2 on usage errors, with the help", async () => {
    for (const args of [
      [],
      ["--target", "nowhere"],
      ["--target", "simulator", "--rate", "fast"],
      ["--target", "simulator", "--threshold", "p97<1"],
      ["--target", "simulator", "--bogus"],
      ["--target", "simulator", "--config", join(dir, "missing.json")],
    ]) {
      const run = capture();
      expect(await runLoadCli(args, run.io), args.join(" ")).toBe(2);
      expect(run.stderr()).toMatch(/DKS_POC_LOAD_OPTIONS_INVALID/);
    }
    const help = capture();
    expect(await runCli(["load", "--help"], help.io)).toBe(0);
    expect(help.stdout()).toMatch(/Examples:\n {2}dukcapil-sandbox load --target simulator/);
  });

  it("reads an app target from --config", async () => {
    const config = join(dir, "load.json");
    writeFileSync(
      config,
      JSON.stringify({
        target: {
          kind: "app",
          url: "http://127.0.0.1:1",
          request: {
            method: "POST",
            path: "/cek",
            body: "nik={{nik}}",
            headers: { "content-type": "application/x-www-form-urlencoded" },
          },
          expect: { status: 200 },
        },
        thresholds: ["errors<1%"],
      }),
    );
    const run = capture();
    const code = await runLoadCli(
      [
        "--target",
        desk.url,
        "--config",
        config,
        "--duration",
        "1",
        "--connections",
        "1",
        "--out",
        join(dir, "app-3204012345678901"),
      ],
      run.io,
    );
    expect(code, run.stderr()).toBe(0);
    expect(run.stderr()).toMatch(new RegExp(`Load on app ${desk.url}`));
    // An output directory named with a NIK-like run is shown masked, like every line.
    expect(run.stdout()).toMatch(/Outputs: .*app-3204\*{10}01/);
    expect(`${run.stdout()}\n${run.stderr()}`).not.toContain("3204012345678901");
  });

  it("escapes text in the HTML and JUnit outputs", async () => {
    const result = await runLoad({ target: simulatorTarget(), connections: 1, durationS: 1 });
    const tampered = { ...result, target: { kind: "app" as const, url: "http://x/<script>&" } };
    expect(renderLoadHtml(tampered)).not.toContain("<script>");
    expect(renderLoadJunit(tampered)).toContain("http://x/&lt;script&gt;&amp;");
  });
});
