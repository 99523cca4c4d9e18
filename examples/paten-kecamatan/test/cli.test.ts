import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MAGIC, Sandbox } from "./sandbox.js";

const root = fileURLToPath(new URL("..", import.meta.url));

let sandbox: Sandbox;
let child: ChildProcess | undefined;

beforeAll(async () => {
  sandbox = await Sandbox.start();
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(async () => {
  if (child !== undefined && child.exitCode === null) {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
  child = undefined;
});

/** Starts the CLI with exactly these variables (nothing inherited but PATH and HOME). */
function startCli(variables: Record<string, string>) {
  const spawned = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@dukcapil-sandbox/source", "src/cli.ts"],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...variables },
    },
  );
  child = spawned;
  const output = { stdout: "", stderr: "" };
  spawned.stdout.on("data", (chunk: Buffer) => {
    output.stdout += chunk.toString("utf8");
  });
  spawned.stderr.on("data", (chunk: Buffer) => {
    output.stderr += chunk.toString("utf8");
  });
  const exited = once(spawned, "exit").then(([code]) => code as number | null);
  const listening = new Promise<string>((resolve, reject) => {
    spawned.stdout.on("data", () => {
      const match = /listening on (http:\/\/\S+)/.exec(output.stdout);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${output.stderr}`)));
  });
  listening.catch(() => undefined);
  return { output, exited, listening };
}

describe("the PATEN desk CLI", () => {
  it("refuses to start without a data balikan token, naming the variable", async () => {
    const cli = startCli({ DUKCAPIL_URL: sandbox.url });
    expect(await cli.exited).toBe(2);
    expect(cli.output.stderr).toMatch(/Failed to start the PATEN desk/);
    expect(cli.output.stderr).toMatch(/DATA_BALIKAN_TOKEN/);
  });

  it("refuses a malformed URL or port with the variable named", async () => {
    const cli = startCli({
      DUKCAPIL_URL: "ftp://gateway",
      DATA_BALIKAN_TOKEN: "x",
      PORT: "eighty",
    });
    expect(await cli.exited).toBe(2);
    expect(cli.output.stderr).toMatch(/DUKCAPIL_URL/);
    expect(cli.output.stderr).toMatch(/PORT/);
  });

  it("serves the desk with the simulator's default credentials and logs masked NIKs only", async () => {
    const cli = startCli({
      DUKCAPIL_URL: sandbox.url,
      DATA_BALIKAN_TOKEN: sandbox.token,
      PORT: "0",
    });
    const url = await cli.listening;
    const response = await fetch(`${url}/cek`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
      body: `nik=${MAGIC.found}`,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: "found", nik: MAGIC.found });
    const close = await fetch(`${url}/akhir-hari`, {
      method: "POST",
      headers: { accept: "application/json" },
    });
    expect(await close.json()).toMatchObject({ sent: 1, pending: 0, problem: null });
    child?.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
    expect(cli.output.stderr).toContain("3319**********01");
    expect(cli.output.stderr).not.toMatch(/\d{16}/);
  });
});
