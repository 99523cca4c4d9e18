// Property tests of the `dukcapil-sandbox start` flags (issue 7 "Bad input"): an invalid
// value of a flag stops the CLI with exit code 2 and a message naming the flag, before
// anything starts. The CLI is a process, so each case spawns one: few runs, run in parallel.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Runs the CLI to its end (it must end by itself: a started simulator is a failure). */
function cli(
  args: readonly string[],
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=@dukcapil-sandbox/source", "src/cli.ts", ...args],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the CLI did not stop: stdout=${stdout} stderr=${stderr}`));
    }, 15_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

/** Whether a flag value reads as an integer from min to max (what the flag documents). */
const isIntegerIn = (text: string, min: number, max: number) => {
  const value = Number(text);
  return text.trim() !== "" && Number.isInteger(value) && value >= min && value <= max;
};

const numberish = fc.oneof(
  fc.constantFrom("", " ", "\t", "-1", "1.5", "abc", "NaN", "Infinity", "8080x", "1e400", "0x"),
  fc.integer({ min: -1_000_000, max: 400_000_000 }).map(String),
  fc.string({ maxLength: 6 }),
);

/** One flag with a value it must refuse (a `--name=value` argument) and the flag's name. */
const invalidFlag = fc.oneof(
  numberish
    .filter((text) => !isIntegerIn(text, 0, 65_535))
    .map((text) => ({ flag: "port", arg: `--port=${text}` })),
  numberish
    .filter((text) => !isIntegerIn(text, 1, 300_000_000))
    .map((text) => ({ flag: "population", arg: `--population=${text}` })),
  fc
    .string({ maxLength: 15 })
    .map((text) => ({ flag: "admin-token", arg: `--admin-token=${text}` })),
  fc.constantFrom("host", "seed", "db", "config").map((flag) => ({ flag, arg: `--${flag}=` })),
);

describe("dukcapil-sandbox start flags", () => {
  it("stops with exit code 2 and names the flag for any invalid value, starting nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(invalidFlag, { minLength: 4, maxLength: 4 }), async (cases) => {
        const results = await Promise.all(
          cases.map((c) =>
            cli([
              "start",
              c.arg,
              // Should the value be accepted, start small and in memory (the test then fails).
              ...(c.flag === "population" ? [] : ["--population=1000"]),
              ...(c.flag === "db" ? [] : ["--db=:memory:"]),
            ]),
          ),
        );
        results.forEach((result, i) => {
          const { flag } = cases[i] as { flag: string };
          expect(result.code).toBe(2);
          expect(result.stdout).not.toContain("listening");
          expect(result.stderr).toContain(`--${flag}`);
          expect(result.stderr).toContain("Usage: dukcapil-sandbox start");
        });
      }),
      {
        // fast-check counts examples in numRuns: 2 = the example below and one generated run.
        numRuns: 2,
        endOnFailure: true,
        // Blank numbers read as 0 by Number(): they must be refused, not start on port 0.
        examples: [
          [
            [
              { flag: "port", arg: "--port=" },
              { flag: "port", arg: "--port= " },
              { flag: "population", arg: "--population=\t" },
              { flag: "admin-token", arg: "--admin-token=" },
            ],
          ],
        ],
      },
    );
  }, 60_000);

  it("refuses any unknown flag with exit code 2, naming it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc
            .stringMatching(/^[a-z][a-z-]{0,10}$/)
            .filter(
              (name) =>
                ![
                  "port",
                  "host",
                  "seed",
                  "population",
                  "db",
                  "config",
                  "admin-token",
                  "help",
                ].includes(name),
            ),
          { minLength: 3, maxLength: 3 },
        ),
        async (names) => {
          const results = await Promise.all(names.map((name) => cli(["start", `--${name}=1`])));
          results.forEach((result, i) => {
            expect(result.code).toBe(2);
            expect(result.stderr).toContain(`--${names[i]}`);
          });
        },
      ),
      { numRuns: 1, endOnFailure: true },
    );
  }, 60_000);

  it("never echoes a NIK given as an argument unmasked", async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[1-9]\d{15}$/), async (nik) => {
        const results = await Promise.all([
          cli(["start", nik]),
          cli([nik]),
          cli(["start", `--${nik}`]),
          cli(["start", `--port=${nik}`]),
        ]);
        results.forEach((result, i) => {
          expect(result.code).toBe(2);
          expect(result.stderr).not.toContain(nik);
          // The first three echo the argument (masked); --port only says it is too big.
          if (i < 3)
            expect(result.stderr).toContain(`${nik.slice(0, 4)}**********${nik.slice(14)}`);
        });
      }),
      { numRuns: 1, endOnFailure: true },
    );
  }, 60_000);
});
