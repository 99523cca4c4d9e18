import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { checkNiks, extractCandidates } from "../src/check.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
const reference = new Date("2026-11-24T00:00:00+07:00");

async function cli(args: string[], input?: string) {
  const child = run(
    process.execPath,
    ["--import", "tsx", "--conditions=@dukcapil-sandbox/source", "src/cli.ts", ...args],
    { cwd: root },
  );
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("cek-nik", () => {
  it("reads the first CSV column and skips blanks and comments", () => {
    expect(extractCandidates('# header\n\n"3204110107900003",BUDI\n3204115107900001;x\n')).toEqual([
      { line: 3, value: "3204110107900003" },
      { line: 4, value: "3204115107900001" },
    ]);
  });

  it("reports each bad NIK with its reason and flags a repeated NIK as a duplicate", () => {
    const report = checkNiks("3204110107900003\n3204110107900000\n3204 1101 0790 0003\n", {
      regions: "strict",
      referenceDate: reference,
    });
    expect(report).toMatchObject({ checked: 3, valid: 2, invalid: 1, duplicates: 1 });
    expect(report.lines[1]).toMatchObject({ ok: false, reason: "serial" });
    expect(report.lines[2]).toMatchObject({ ok: true, duplicateOf: 1 });
  });

  it("accepts a retired Papua code only when legacy regions are allowed", () => {
    const strict = checkNiks("9101011506900001", { regions: "strict", referenceDate: reference });
    const legacy = checkNiks("9101011506900001", { regions: "legacy", referenceDate: reference });
    expect(strict.lines[0]).toMatchObject({ ok: false });
    expect(legacy.lines[0]).toMatchObject({ ok: true, legacyRegion: true });
  });

  it("never prints a full NIK, exits 1 when a NIK is invalid and 0 with --allow-invalid", async () => {
    const input = "3204110107900003\n3204110107900000\n";
    const strict = await cli(["--json", "-"], input);
    expect(strict.code).toBe(1);
    expect(strict.stdout).not.toMatch(/\d{7,}/);
    expect(JSON.parse(strict.stdout)).toMatchObject({ checked: 2, invalid: 1 });
    const allowed = await cli(["--allow-invalid", "-"], input);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain("1 invalid");
  });

  it("answers a bad flag or a missing file with a message and exit code 2", async () => {
    const badFlag = await cli(["--regions", "everything", "sample/niks.txt"]);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/Failed to read the options/);
    const missing = await cli(["no-such-file.txt"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Failed to read no-such-file.txt: ENOENT/);
  });
});
