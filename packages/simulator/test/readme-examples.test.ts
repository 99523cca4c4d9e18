// Every curl example of the README runs as written against a real simulator with the
// default seed; only the host:port is substituted (the README uses the CLI's 8080).
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../src/server.js";

const run = promisify(execFile);
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
// A block never spans a closing fence: the regex once swallowed the `npm start` block and the
// prose after it, so "example 0" ran a server in the foreground.
const examples = [
  ...readme.matchAll(/```sh\n((?:(?!```)[\s\S])*?)```\n<!-- expect: ([\s\S]*?) -->/g),
].map((match, index) => ({ index, script: match[1] ?? "", expect: (match[2] ?? "").trim() }));
const ADMIN_TOKEN = "readme-admin-token-0123456789";
let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ adminToken: ADMIN_TOKEN });
  // Warm the lazy parts (villages, names, region tables) outside the examples' time budget.
  simulator.runtime.population.residentAt(0);
}, 60_000);
afterAll(() => simulator.close());

describe("README curl examples", () => {
  it("has curl examples, each with an expectation", () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(readme.match(/```sh\ncurl/g)?.length).toBe(examples.length);
    for (const { script } of examples) expect(script).toMatch(/^curl /);
  });

  it.each(examples)(
    "example $index answers as the README says",
    async ({ script, expect: expected }) => {
      const { stdout } = await run(
        "bash",
        ["-c", script.replaceAll("http://127.0.0.1:8080", simulator.url)],
        {
          env: { ...process.env, ADMIN_TOKEN },
        },
      );
      expect(stdout).toContain(expected);
    },
  );
});
