// Property tests of the `dukcapil-sandbox poc` and `verify` command lines (issue 7 "Bad
// input"): any arguments without `--app` end with the usage (exit 2) or the help (exit 0),
// never an exception, never a PoC run, and never an unmasked NIK echoed back; `verify` on
// any file content ends with exit 1 (not a valid report) or 2 (unreadable), never throws.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { POC_USAGE, runCli } from "../src/cli.js";

const dir = mkdtempSync(join(tmpdir(), "poc-cli-properties-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const nik = fc.stringMatching(/^[1-9]\d{15}$/);
const FLAGS = ["--plan", "--report-dir", "--config", "--signing-key"] as const;

/** Arguments of `poc` without `--app` (so nothing can run), some carrying a NIK. */
const pocArgs = fc.array(
  fc.oneof(
    fc.constantFrom(...FLAGS),
    fc
      .constantFrom(...FLAGS)
      .chain((flag) => fc.string({ maxLength: 8 }).map((value) => `${flag}=${value}`)),
    fc.string({ maxLength: 8 }),
    fc.stringMatching(/^--?[a-z][a-z-]{0,8}$/),
    nik,
    nik.map((digits) => `--plan=${digits}`),
    fc.constantFrom("-h", "--help"),
  ),
  { maxLength: 5 },
);

describe("dukcapil-sandbox poc", () => {
  it("ends any arguments without --app with the usage (2) or the help (0), masking NIKs", async () => {
    await fc.assert(
      fc.asyncProperty(pocArgs, async (args) => {
        fc.pre(!args.some((arg) => arg === "--app" || arg.startsWith("--app=")));
        const run = await cli(["poc", ...args]);
        if (run.code === 0) {
          expect(args.some((arg) => arg === "-h" || arg === "--help")).toBe(true);
          expect(run.stdout).toBe(POC_USAGE);
          return;
        }
        expect(run.code).toBe(2);
        expect(run.stdout).toBe("");
        const [message] = run.stderr.split("\n\nUsage:");
        expect(message).toMatch(/^Failed to read the options: /);
        expect(run.stderr).toContain(POC_USAGE);
        for (const arg of args) {
          for (const digits of arg.match(/\d{16}/g) ?? []) expect(message).not.toContain(digits);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("names a flag given an empty value", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FLAGS, "--app"), async (flag) => {
        const run = await cli(["poc", `${flag}=`]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(`${flag}: `);
      }),
      { numRuns: 20 },
    );
  });

  it("refuses any other command with exit 2, naming it masked", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 10 }), nik), async (verb) => {
        fc.pre(!["poc", "verify", "load", "help", "--help", "-h"].includes(verb));
        const run = await cli([verb]);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^Failed to read the command: unknown command/);
        if (/^\d{16}$/.test(verb)) expect(run.stderr.split("\n\n")[0]).not.toContain(verb);
      }),
      { numRuns: 300 },
    );
  });
});

describe("dukcapil-sandbox verify", () => {
  let n = 0;
  it("answers any report file with exit 1 (not valid) or 2 (unreadable), never throwing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
          fc
            .dictionary(
              fc.constantFrom(
                "schemaVersion",
                "manifest",
                "criteria",
                "counts",
                "verdict",
                "signature",
              ),
              fc.jsonValue({ maxDepth: 3 }),
            )
            .map((value) => JSON.stringify(value)),
        ),
        fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
        async (report, key) => {
          n++;
          const reportPath = join(dir, `report-${n}.json`);
          writeFileSync(reportPath, report);
          const args = ["verify", reportPath];
          if (key !== undefined) {
            const keyPath = join(dir, `key-${n}.pem`);
            writeFileSync(keyPath, key);
            args.push("--public-key", keyPath);
          }
          const run = await cli(args);
          expect([1, 2]).toContain(run.code);
          expect(run.stdout).toBe("");
          if (run.code === 1) expect(run.stderr).toMatch(/^INVALID /);
          else expect(run.stderr).toContain("Usage: dukcapil-sandbox verify");
        },
      ),
      { numRuns: 300 },
    );
  });
});
