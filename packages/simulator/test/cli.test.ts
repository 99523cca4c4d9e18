import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const children: ChildProcess[] = [];

function cli(args: string[]) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@dukcapil-sandbox/source", "src/cli.ts", ...args],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    async waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
      for (let i = 0; i < 300; i++) {
        const match = stdout.match(pattern);
        if (match) return match;
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`pattern ${pattern} not seen; stdout=${stdout} stderr=${stderr}`);
    },
  };
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("dukcapil-sandbox CLI", () => {
  it("starts, prints the URL, credentials and admin token, serves a lookup, and stops on SIGTERM", async () => {
    const run = cli([
      "start",
      "--port",
      "0",
      "--db",
      ":memory:",
      "--population",
      "1000",
      "--seed",
      "cli-test",
    ]);
    const [, url] = await run.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await run.waitFor(/Press Ctrl\+C to stop/);
    const { stdout } = run.output();
    const userId = stdout.match(/user ID\s+(\S+)/)?.[1];
    const password = stdout.match(/password\s+(\S+)/)?.[1];
    const ipUser = stdout.match(/ip_user\s+(\S+)/)?.[1];
    const path = stdout.match(/get_json\/(\S+)\/CALL_NIK/)?.[1];
    expect(stdout).toMatch(/admin token\s+\S{16,}/);
    expect(stdout).toMatch(/Bearer dks_/);
    // Logs never carry a full NIK.
    expect(stdout).not.toMatch(/\d{16}/);

    const magic = (await (await fetch(`${url}/sandbox/magic`)).json()) as {
      magic: { kind: string; nik: string }[];
    };
    const found = magic.magic.find((row) => row.kind === "found");
    const response = await fetch(`${url}/dukcapil/get_json/${path}/CALL_NIK`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ nik: found?.nik, user_id: userId, password, ip_user: ipUser }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`"NIK":${found?.nik}`);

    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("refuses an unknown flag with exit code 2 and the usage", async () => {
    const run = cli(["start", "--prot", "8080"]);
    expect(await run.exited).toBe(2);
    expect(run.output().stderr).toMatch(/Failed to read the options: .*prot/);
    expect(run.output().stderr).toMatch(/Usage: dukcapil-sandbox start/);
  });

  it("names the field of a bad config file value and does not start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dks-cli-"));
    try {
      const file = join(dir, "config.json");
      writeFileSync(file, JSON.stringify({ population: 0, db: ":memory:" }));
      const run = cli(["start", "--config", file, "--port", "0"]);
      expect(await run.exited).toBe(2);
      expect(run.output().stderr).toMatch(/population/);
      expect(run.output().stdout).not.toMatch(/listening/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
