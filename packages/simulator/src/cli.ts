#!/usr/bin/env node
/**
 * `dukcapil-sandbox start [--port --host --seed --population --db --config --admin-token]`
 *
 * The CLI only parses flags (and an optional JSON config file) and calls startSimulator.
 * `dukcapil-sandbox poc …`, `dukcapil-sandbox verify …` and `dukcapil-sandbox load …` are dispatched to
 * `@dukcapil-sandbox/conformance/cli` (an optional peer dependency, loaded on demand).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { maskNik, maskNikRuns } from "@dukcapil-sandbox/core";
import { z } from "zod";
import { SimulatorError } from "./errors.js";
import { startSimulator } from "./server.js";

const USAGE = `Usage: dukcapil-sandbox start [options]

Options:
  --port <n>          port to listen on (default 8080; 0 = any free port)
  --host <address>    address to listen on (default 127.0.0.1)
  --seed <text>       seed of the fake population (default dukcapil-sandbox)
  --population <n>    number of fake residents (default 1000000; up to 300000000)
  --db <file>         SQLite state file, or :memory: (default .dukcapil-sandbox/state.db)
  --config <file>     JSON file with any of the options of createSimulator (flags win)
  --admin-token <t>   admin token (default: generated and printed)
  -h, --help          show this help

Other commands (need @dukcapil-sandbox/conformance):
  dukcapil-sandbox poc --app <url|module> [options]   run the scripted PoC (poc --help)
  dukcapil-sandbox verify <report.json>               check a signed PoC report offline
  dukcapil-sandbox load --target simulator|<app url>  load-test with thresholds (load --help)`;

/** The verbs served by the conformance package. */
const CONFORMANCE_VERBS = new Set(["poc", "verify", "load"]);

/**
 * Runs `poc`/`verify` through `@dukcapil-sandbox/conformance/cli`; when the package is not
 * installed, says how to install it and exits 2.
 */
async function runConformance(argv: readonly string[]): Promise<never> {
  let cli: { runCli(argv: readonly string[]): Promise<number> };
  try {
    cli = await import("@dukcapil-sandbox/conformance/cli");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
    process.stderr.write(
      missing
        ? `Failed to run "dukcapil-sandbox ${argv[0]}": the package @dukcapil-sandbox/conformance is not installed. Install it next to the simulator: npm install --save-dev @dukcapil-sandbox/conformance\n`
        : `Failed to load @dukcapil-sandbox/conformance for "dukcapil-sandbox ${argv[0]}": ${(error as Error).message}. Reinstall the package (npm install --save-dev @dukcapil-sandbox/conformance).\n`,
    );
    process.exit(2);
  }
  process.exit(await cli.runCli(argv));
}

/** A number flag: blank is refused (Number("") would read it as 0, so `--port ""` as any port). */
const numberFlag = () => z.string().trim().min(1, "needs a number").pipe(z.coerce.number());

const flagsSchema = z
  .object({
    port: numberFlag().pipe(z.number().int().min(0).max(65_535)).optional(),
    host: z.string().min(1).optional(),
    seed: z.string().min(1).optional(),
    population: numberFlag().pipe(z.number().int().min(1).max(300_000_000)).optional(),
    db: z.string().min(1).optional(),
    config: z.string().min(1).optional(),
    "admin-token": z.string().min(16, "must have at least 16 characters").optional(),
    help: z.boolean().optional(),
  })
  .strict();

function fail(message: string): never {
  // The message may echo an argument: logs never carry a full NIK, so mask 16-digit runs.
  const masked = maskNikRuns(message);
  process.stderr.write(`${masked}\n\n${USAGE}\n`);
  process.exit(2);
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    fail(
      `Failed to read the config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check the path.`,
    );
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      fail(
        `Failed to read the config file ${path}: it is not a JSON object. Write { "port": 8080, … }.`,
      );
    }
    return value as Record<string, unknown>;
  } catch (error) {
    fail(`Failed to read the config file ${path}: ${(error as Error).message}. Fix the JSON.`);
  }
}

async function main(argv: readonly string[]): Promise<void> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        seed: { type: "string" },
        population: { type: "string" },
        db: { type: "string" },
        config: { type: "string" },
        "admin-token": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    fail(`Failed to read the options: ${(error as Error).message}.`);
  }
  const [command, ...rest] = parsed.positionals;
  const flagResult = flagsSchema.safeParse(parsed.values);
  if (!flagResult.success) {
    fail(
      `Failed to read the options: ${flagResult.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}.`,
    );
  }
  const flags = flagResult.data;
  if (flags.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(command === undefined && !flags.help ? 2 : 0);
  }
  if (command !== "start" || rest.length > 0) {
    fail(
      `Failed to start: unknown command "${[command, ...rest].join(" ")}". The command is "start".`,
    );
  }

  const fromFile = flags.config === undefined ? {} : readConfigFile(flags.config);
  const db =
    flags.db ?? (typeof fromFile.db === "string" ? fromFile.db : ".dukcapil-sandbox/state.db");
  if (db !== ":memory:") mkdirSync(dirname(resolve(db)), { recursive: true });
  const config = {
    port: 8080,
    ...fromFile,
    ...(flags.port === undefined ? {} : { port: flags.port }),
    ...(flags.host === undefined ? {} : { host: flags.host }),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(flags.population === undefined ? {} : { population: flags.population }),
    ...(flags["admin-token"] === undefined ? {} : { adminToken: flags["admin-token"] }),
    db,
  };

  const started = performance.now();
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  try {
    simulator = await startSimulator(config);
  } catch (error) {
    if (error instanceof SimulatorError) fail(error.message);
    throw error;
  }
  const { runtime, url } = simulator;
  const d = runtime.defaults;
  const magic = runtime.population.magic;
  const found = magic.find((row) => row.kind === "found");
  // The secrets the operator must copy verbatim (random, never a NIK) skip the NIK masking
  // below: a generated token can hold 16 digits in a row (its 16 hex id characters).
  const secrets: string[] = [];
  const secret = (value: string) => `\uE000${secrets.push(value) - 1}\uE000`;
  const lines = [
    `dukcapil-sandbox simulator listening on ${url} (started in ${Math.round(performance.now() - started)} ms)`,
    `  population   ${runtime.population.size.toLocaleString("en")} fake residents, seed "${runtime.population.seed}"`,
    `  state        ${runtime.store.kind === "file" ? runtime.store.location : "in memory"}`,
    `  admin token  ${secret(runtime.adminToken)}   (Authorization: Bearer … for /sandbox/admin and /sandbox controls)`,
  ];
  if (d !== null) {
    lines.push(
      "",
      `PoC institution  ${d.institution.name} (id ${d.institution.id}, stage ${d.institution.stage})`,
      `  endpoint     POST ${url}/dukcapil/get_json/${d.institution.path}/CALL_NIK`,
      `  user ID      ${d.user.userId}`,
      `  password     ${d.password === null ? "(changed by an administrator)" : secret(d.password)}`,
      `  ip_user      ${d.user.ipUser}   (connect from: ${d.institution.allowlist.join(", ")})`,
      `  data balikan POST ${url}/dukcapil/data_balikan with Authorization: Bearer ${d.token === null ? "(issued on an earlier start; rotate it with the admin API)" : secret(d.token)}`,
    );
    if (found !== undefined && d.password !== null) {
      lines.push(
        "",
        "Try it:",
        `  curl -s ${url}/dukcapil/get_json/${d.institution.path}/CALL_NIK -H 'Content-Type: application/json' \\`,
        `    -d '{"nik":"<a NIK from GET /sandbox/magic>","user_id":"${d.user.userId}","password":"${secret(d.password)}","ip_user":"${d.user.ipUser}"}'`,
        "  (this output masks every NIK, as logs must; the magic table and the README show them in full)",
      );
    }
  }
  lines.push(
    "",
    `Magic NIKs (same in every simulator): GET ${url}/sandbox/magic — also in packages/simulator/docs/magic-niks.md`,
    ...magic.map(
      (row) => `  ${row.code}  ${row.kind.padEnd(14)} ${maskNik(row.nik)}  ${row.description}`,
    ),
    "",
    "Press Ctrl+C to stop.",
  );
  // Logs never carry a full NIK (or NO_KK): mask every 16-digit run, except in the secrets.
  const masked = maskNikRuns(lines.join("\n"));
  process.stdout.write(
    `${masked.replace(/\uE000(\d+)\uE000/g, (_, index: string) => secrets[Number(index)] ?? "")}\n`,
  );

  const stop = (signal: string) => {
    process.stdout.write(`\n${signal}: stopping…\n`);
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

const args = process.argv.slice(2);
(CONFORMANCE_VERBS.has(args[0] ?? "") ? runConformance(args) : main(args)).catch(
  (error: unknown) => {
    process.stderr.write(
      `Failed to run dukcapil-sandbox: ${(error as Error).stack ?? String(error)}\n`,
    );
    process.exit(1);
  },
);
