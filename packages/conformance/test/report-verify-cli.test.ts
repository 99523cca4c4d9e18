import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderJson } from "../src/report/json.js";
import { publicKeyFingerprint, signReport } from "../src/report/sign.js";
import { runVerifyCli } from "../src/report/verify-cli.js";
import { failedReport, passedReport } from "./fixtures/report-fixtures.js";
import { otherKeyPair, testKeyPair } from "./fixtures/report-keys.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "dks-report-verify-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runVerifyCli(argv, {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
  });
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const signedFile = (name = "report.json", report = passedReport(), key = testKeyPair()) =>
  file(name, renderJson(signReport(report, key.privateKeyPem)));

describe("dukcapil-sandbox verify", () => {
  it("exits 0 for a valid report and prints verdict, fingerprint and signer status", async () => {
    const path = await signedFile();
    const result = await run(path);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain(`VALID ${path}`);
    expect(result.stdout).toContain(
      "verdict          PASSED (LULUS): 13 criteria, 11 passed, 1 failed, 1 skipped, 0 error",
    );
    expect(result.stdout).toContain(
      `key fingerprint ${publicKeyFingerprint(testKeyPair().publicKeyPem)}`,
    );
    expect(result.stdout).toContain("signed by key    not checked: pass --public-key <pem>");
  });

  it("exits 0 for a failed run too: the report is valid, its verdict is FAILED", async () => {
    const result = await run(await signedFile("failed.json", failedReport()));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("verdict          FAILED (TIDAK LULUS)");
  });

  it("checks the signer with --public-key", async () => {
    const path = await signedFile();
    const key = await file("signer.pub.pem", testKeyPair().publicKeyPem);
    const result = await run("verify", path, "--public-key", key);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`signed by key    yes: the key in ${key}`);
  });

  it("exits 1 for a tampered report", async () => {
    const report = JSON.parse(renderJson(signReport(failedReport(), testKeyPair().privateKeyPem)));
    report.verdict = "passed";
    const path = await file("tampered.json", JSON.stringify(report, null, 2));
    const result = await run(path);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`INVALID ${path}`);
    expect(result.stderr).toContain("DKS_POC_SIGNATURE_INVALID: Failed to verify the PoC report");
  });

  it("exits 1 for a report signed by another key than --public-key", async () => {
    const path = await signedFile("report.json", passedReport(), otherKeyPair());
    const key = await file("signer.pub.pem", testKeyPair().publicKeyPem);
    const result = await run(path, "--public-key", key);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("DKS_POC_KEY_MISMATCH");
  });

  it("exits 1 for an unsigned report and for JSON that is not a report", async () => {
    const unsigned = await run(await file("unsigned.json", renderJson(passedReport())));
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toContain("DKS_POC_SIGNATURE_MISSING");
    const other = await run(await file("other.json", '{"hello":"world"}'));
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("DKS_POC_REPORT_INVALID");
  });

  it("exits 2 for a missing file, unreadable JSON or an unreadable key", async () => {
    const missing = await run(join(dir, "nope.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^Failed to read the report .*nope\.json: no such file\. Check the path\./,
    );
    expect(missing.stderr).toContain("Usage: dukcapil-sandbox verify");

    const broken = await run(await file("broken.json", "{ not json"));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/it is not JSON/);

    const path = await signedFile();
    const noKey = await run(path, "--public-key", join(dir, "missing.pem"));
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain("Failed to read the public key");

    const badKey = await run(path, "--public-key", await file("bad.pem", "not a key"));
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toContain("DKS_POC_PUBLIC_KEY_INVALID");

    const directory = await run(dir);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain("it is a directory");
  });

  it("exits 2 for usage errors: no file, two files, unknown or empty flags", async () => {
    expect((await run()).code).toBe(2);
    expect((await run("verify")).stderr).toContain("no report given");
    expect((await run("a.json", "b.json")).stderr).toContain("2 files given");
    const unknown = await run("a.json", "--key", "x");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Failed to read the options");
    expect((await run("a.json", "--public-key", "")).code).toBe(2);
    expect((await run("a.json", "--public-key")).code).toBe(2);
  });

  it("masks a NIK in a report path or argument it echoes", async () => {
    const nik = "3204051502900001";
    const missing = await run(join(dir, `cek-${nik}.json`));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cek-3204**********01.json");
    expect(missing.stderr).not.toContain(nik);
    const two = await run(`${nik}.json`, "b.json");
    expect(two.stderr).not.toContain(nik);

    const valid = await run(await signedFile(`report-${nik}.json`));
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain("report-3204**********01.json");
    expect(valid.stdout).not.toContain(nik);
  });

  it("prints help with an example and exits 0", async () => {
    for (const flag of ["--help", "-h"]) {
      const result = await run(flag);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        "Usage: dukcapil-sandbox verify <report.json> [--public-key <pem>]",
      );
      expect(result.stdout).toContain(
        "dukcapil-sandbox verify poc-report/report.json --public-key disdukcapil-poc.pub.pem",
      );
    }
  });
});
