import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { stringify as toYaml } from "yaml";
import { runCli } from "../src/cli.js";
import { standardPlanInput } from "../src/plan/standard.js";
import { fixture } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "poc-cli-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (line: string) => out.push(line), stderr: (line: string) => err.push(line) },
    stdout: () => out.join("\n"),
    stderr: () => err.join("\n"),
  };
}

const planFile = join(dir, "plan.yaml");
writeFileSync(
  planFile,
  toYaml({
    ...standardPlanInput,
    id: "cli-plan",
    criteria: standardPlanInput.criteria.filter((c) =>
      ["POC-DATA-02", "POC-ATTRIB-01", "POC-LOAD-01"].includes(c.id),
    ),
  }),
);
const configFile = join(dir, "run.json");
writeFileSync(configFile, JSON.stringify({ appTimeoutMs: 2000, settleMs: 50 }));

describe("dukcapil-sandbox poc", () => {
  it("prints the help with examples and exits 0", async () => {
    const run = capture();
    expect(await runCli(["poc", "--help"], run.io)).toBe(0);
    expect(run.stdout()).toMatch(/Usage: dukcapil-sandbox poc --app/);
    expect(run.stdout()).toMatch(/Examples:/);
    expect(run.stdout()).toMatch(/Exit codes: 0 passed, 1 failed, 2 usage or setup error/);
  });

  it.each([
    [["poc"], /--app is required/],
    [["poc", "--app", "x.ts", "--frobnicate"], /Unknown option '--frobnicate'/],
    [["launch"], /unknown command "launch"/],
    [[], /no command/],
  ])("exits 2 on a usage error: %j", async (argv, pattern) => {
    const run = capture();
    expect(await runCli(argv, run.io)).toBe(2);
    expect(run.stderr()).toMatch(pattern);
    expect(run.stderr()).toMatch(/Usage:/);
  });

  it("exits 2 with the error code for a missing plan, app or a bad run config", async () => {
    const missingPlan = capture();
    expect(
      await runCli(
        ["poc", "--app", fixture("reference-app"), "--plan", join(dir, "nope.yaml")],
        missingPlan.io,
      ),
    ).toBe(2);
    expect(missingPlan.stderr()).toMatch(/^DKS_POC_PLAN_LOAD_FAILED: /);

    const missingApp = capture();
    expect(
      await runCli(["poc", "--app", join(dir, "nope.ts"), "--plan", planFile], missingApp.io),
    ).toBe(2);
    expect(missingApp.stderr()).toMatch(/^DKS_POC_APP_LOAD_FAILED: /);

    const badConfig = join(dir, "bad.json");
    writeFileSync(badConfig, JSON.stringify({ appTimeoutMs: "soon" }));
    const config = capture();
    expect(
      await runCli(["poc", "--app", fixture("reference-app"), "--config", badConfig], config.io),
    ).toBe(2);
    expect(config.stderr()).toMatch(/^DKS_POC_CONFIG_INVALID: .*appTimeoutMs/);
  });

  it("runs a plan, prints one line per criterion, writes signed reports that verify, exits 0", async () => {
    // Directories named with a NIK-like run: every line that shows them masks it.
    const reportDir = join(dir, "passed-3204012345678901");
    const key = join(dir, "keys-3204012345678902", "poc.pem");
    const run = capture();
    const code = await runCli(
      [
        "poc",
        "--app",
        fixture("reference-app"),
        "--plan",
        planFile,
        "--config",
        configFile,
        "--report-dir",
        reportDir,
        "--signing-key",
        key,
      ],
      run.io,
    );
    expect(code, run.stderr()).toBe(0);
    const lines = run.stderr().split("\n");
    expect(lines.filter((line) => /^\[\d\/3\] /.test(line))).toEqual([
      expect.stringMatching(/^\[1\/3\] PASS POC-DATA-02 /),
      expect.stringMatching(/^\[2\/3\] PASS POC-ATTRIB-01 /),
      expect.stringMatching(/^\[3\/3\] PASS POC-LOAD-01 .*\(advisory\)$/),
    ]);
    expect(run.stderr()).toMatch(/Created signing key .*keys-3204\*{10}02/);
    expect(run.stdout()).toMatch(/^PASSED — 3 passed, 0 failed, 0 error, 0 skipped/);
    expect(run.stdout()).toMatch(/Reports: .*passed-3204\*{10}01/);
    expect(`${run.stdout()}\n${run.stderr()}`).not.toMatch(/320401234567890[12]/);
    for (const name of ["report.json", "junit.xml", "report.html", "surat-hasil-poc.html"]) {
      expect(existsSync(join(reportDir, name))).toBe(true);
    }
    expect(readFileSync(join(reportDir, "report.json"), "utf8")).not.toMatch(/(?<!\d)\d{16}(?!\d)/);

    const verify = capture();
    expect(
      await runCli(["verify", join(reportDir, "report.json"), "--public-key", key], verify.io),
    ).toBe(0);
  });

  it("exits 1 and names the mandatory criteria that did not pass", async () => {
    const run = capture();
    const code = await runCli(
      [
        "poc",
        "--app",
        fixture("flawed-no-attribution"),
        "--plan",
        planFile,
        "--config",
        configFile,
        "--report-dir",
        join(dir, "failed"),
        "--signing-key",
        join(dir, "keys", "poc.pem"),
      ],
      run.io,
    );
    expect(code).toBe(1);
    expect(run.stdout()).toMatch(/^FAILED — 2 passed, 1 failed/);
    expect(run.stdout()).toMatch(/Not passed \(mandatory\): POC-ATTRIB-01/);
    expect(run.stderr()).toMatch(
      /^\[2\/3\] FAIL POC-ATTRIB-01 .* — every answer shows the attribution notice: /m,
    );
  });
});

describe("the simulator's CLI dispatches poc and verify", () => {
  const simulatorCli = fileURLToPath(new URL("../../simulator/src/cli.ts", import.meta.url));
  const node = (args: string[]) =>
    spawnSync(
      process.execPath,
      ["--import", "tsx", "--conditions=@dukcapil-sandbox/source", simulatorCli, ...args],
      { encoding: "utf8", timeout: 60_000 },
    );

  it("dukcapil-sandbox poc --help prints the PoC help (exit 0)", () => {
    const result = node(["poc", "--help"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Usage: dukcapil-sandbox poc --app/);
  });

  it("dukcapil-sandbox verify without a report is a usage error (exit 2)", () => {
    const result = node(["verify"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Usage: dukcapil-sandbox verify/);
  });
});
