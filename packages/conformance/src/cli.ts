/**
 * `dukcapil-sandbox poc …`, `verify …` and `load …` (dispatched here by the simulator's
 * CLI). The CLI only parses flags and the run config, calls `runPoc`, signs and writes the
 * reports, and prints progress; it returns the exit code: 0 passed, 1 failed, 2 usage or setup
 * error.
 */
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import * as z from "zod";
import { parseRunConfig, type RunConfigInput } from "./config.js";
import { isPocError, PocError } from "./errors.js";
import { runLoadCli } from "./load/cli.js";
import { isReportError } from "./report/errors.js";
import { loadOrCreateSigningKey, signReport } from "./report/sign.js";
import { runVerifyCli } from "./report/verify-cli.js";
import { writeReports } from "./report/write.js";
import { maskDigits } from "./runner/evidence.js";
import { type PocProgressEvent, runPoc } from "./runner/run.js";

/** The default directory of the reports. */
export const DEFAULT_REPORT_DIR = "poc-report";
/** The default signing key file (created on first use, mode 0600). */
export const DEFAULT_SIGNING_KEY = ".dukcapil-sandbox/poc-signing-key.pem";

/** The help text of `dukcapil-sandbox poc`. */
export const POC_USAGE = `Usage: dukcapil-sandbox poc --app <url|module> [options]
       dukcapil-sandbox verify <report.json> [--public-key <pem>]
       dukcapil-sandbox load --target simulator|<app url> [options]   (load --help)

Runs the scripted Proof of Concept (Juknis II.D) on an agency app against the simulator,
prints one line per criterion, and writes signed reports (report.json, report.schema.json,
junit.xml, report.html, surat-hasil-poc.html).

Options:
  --app <url|module>      the app under test: a module exporting createPocApp(context)
                          (.js, .mjs or .ts), or the URL of a running HTTP app
  --plan <standard|file>  the plan: "standard" (default) or a .json/.yaml/.yml/.ts/.js file
  --report-dir <dir>      where to write the reports (default ${DEFAULT_REPORT_DIR})
  --config <file>         run configuration (.json or .yaml): appTimeoutMs, maxRetries,
                          attribution, storage.paths, and for an HTTP app http.lookup,
                          http.endOfDay and simulator.url/adminToken/institutionId/password
  --signing-key <pem>     Ed25519 signing key (default ${DEFAULT_SIGNING_KEY},
                          created on first use)
  -h, --help              show this help

Exit codes: 0 passed, 1 failed, 2 usage or setup error.

Examples:
  dukcapil-sandbox poc --app ./examples/paten-kecamatan/src/poc.ts
  dukcapil-sandbox poc --app ./dist/poc.js --plan ./my-plan.yaml --report-dir out/poc
  dukcapil-sandbox poc --app http://127.0.0.1:3000 --config run.json
  dukcapil-sandbox verify poc-report/report.json --public-key disdukcapil-poc.pub.pem`;

/**
 * Where the CLI writes: one line per call, without the newline.
 *
 * @example
 * ```ts
 * import type { CliIo } from "@dukcapil-sandbox/conformance/cli";
 * const lines: string[] = [];
 * const io: CliIo = { stdout: (line) => lines.push(line), stderr: (line) => lines.push(line) };
 * ```
 */
export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
}

const processIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

const flagsSchema = z.strictObject({
  app: z.string().min(1, "needs a module path or an http(s) URL").optional(),
  plan: z.string().min(1).default("standard"),
  "report-dir": z.string().min(1).default(DEFAULT_REPORT_DIR),
  config: z.string().min(1).optional(),
  "signing-key": z.string().min(1).default(DEFAULT_SIGNING_KEY),
  help: z.boolean().optional(),
});

async function readConfig(path: string): Promise<RunConfigInput> {
  let value: unknown;
  try {
    const text = await readFile(path, "utf8");
    // logLevel "error": a YAML warning is not printed past `io`; the schema judges the value.
    value = /\.ya?ml$/i.test(path) ? parseYaml(text, { logLevel: "error" }) : JSON.parse(text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PocError(
      "DKS_POC_CONFIG_INVALID",
      `Failed to read the run config ${path}: ${code === "ENOENT" ? "no such file" : (error as Error).message}. Check the path and the syntax.`,
      { path },
      { cause: error },
    );
  }
  const config = parseRunConfig(value, `the run config ${path}`);
  // Storage paths are relative to the config file.
  const base = dirname(resolve(path));
  const input = (value ?? {}) as RunConfigInput;
  return {
    ...input,
    storage: { paths: config.storage.paths.map((p) => (isAbsolute(p) ? p : resolve(base, p))) },
  };
}

function progressLine(event: PocProgressEvent): string | null {
  if (event.type !== "criterion-finished") return null;
  const width = String(event.total).length;
  const mark = { passed: "PASS", failed: "FAIL", skipped: "SKIP", error: "ERR " }[event.status];
  const seconds = (event.durationMs / 1000).toFixed(1).padStart(5);
  const advisory = event.mandatory ? "" : " (advisory)";
  const line = `[${String(event.index + 1).padStart(width)}/${event.total}] ${mark} ${event.id.padEnd(15)} ${seconds}s  ${event.title}${advisory}`;
  return event.status === "passed" ? line : `${line} — ${event.summary}`;
}

/**
 * Runs the CLI with the arguments after the program name (`["poc", "--app", …]` or
 * `["verify", …]`) and resolves to the exit code: 0 passed (or a valid report), 1 failed (or an
 * invalid report), 2 usage or setup error. Progress goes to `io.stderr`, the verdict and the
 * report paths to `io.stdout`.
 *
 * @example
 * ```ts
 * import { runCli } from "@dukcapil-sandbox/conformance/cli";
 * process.exitCode = await runCli(["poc", "--app", "./my-app.ts", "--report-dir", "out/poc"]);
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === "verify") return runVerifyCli(rest, io);
  if (verb === "load") return runLoadCli(rest, io);
  if (verb === "--help" || verb === "-h" || verb === "help") {
    io.stdout(POC_USAGE);
    return 0;
  }
  const usage = (text: string): number => {
    // The text may echo an argument: mask a NIK in it, as every message of the runner does.
    io.stderr(`${maskDigits(text)}\n\n${POC_USAGE}`);
    return 2;
  };
  if (verb !== "poc") {
    return usage(
      `Failed to read the command: ${verb === undefined ? "no command" : `unknown command "${verb}"`}. Use "poc", "verify" or "load".`,
    );
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        app: { type: "string" },
        plan: { type: "string" },
        "report-dir": { type: "string" },
        config: { type: "string" },
        "signing-key": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    return usage(`Failed to read the options: ${(error as Error).message}.`);
  }
  const flagResult = flagsSchema.safeParse(parsed.values);
  if (!flagResult.success) {
    return usage(
      `Failed to read the options: ${flagResult.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}.`,
    );
  }
  const flags = flagResult.data;
  if (flags.help) {
    io.stdout(POC_USAGE);
    return 0;
  }
  if (flags.app === undefined) return usage("Failed to read the options: --app is required.");

  try {
    const config = flags.config === undefined ? {} : await readConfig(flags.config);
    const report = await runPoc({
      app: /^https?:\/\//i.test(flags.app) ? flags.app : resolve(flags.app),
      plan: flags.plan,
      config,
      onProgress: (event) => {
        if (event.type === "run-started") {
          // Like every progress line, masked: a plan id or app path may carry a NIK.
          io.stderr(
            maskDigits(
              `PoC ${event.planId} on ${event.app} — ${event.total} criteria, simulator ${event.simulatorUrl}`,
            ),
          );
        }
        const line = progressLine(event);
        if (line !== null) io.stderr(line);
      },
    });
    const key = await loadOrCreateSigningKey(flags["signing-key"]);
    if (key.created) {
      // The path masked, not the fingerprint: its 64 hex digits may hold 16 decimal in a row.
      io.stderr(`Created signing key ${maskDigits(key.path)} (fingerprint ${key.fingerprint}).`);
    }
    for (const warning of key.warnings) io.stderr(`Warning: ${warning}`);
    const signed = signReport(report, key.privateKeyPem);
    const paths = await writeReports(signed, flags["report-dir"]);
    const { passed, failed, skipped, error } = report.counts;
    io.stdout(
      `${report.verdict === "passed" ? "PASSED" : "FAILED"} — ${passed} passed, ${failed} failed, ${error} error, ${skipped} skipped (${(report.manifest.durationMs / 1000).toFixed(1)} s)`,
    );
    if (report.verdict === "failed") {
      const blocking = report.criteria
        .filter((criterion) => criterion.mandatory && criterion.status !== "passed")
        .map((criterion) => criterion.id);
      io.stdout(`Not passed (mandatory): ${blocking.join(", ")}`);
    }
    // Masked like the progress lines: a report directory may carry a NIK.
    io.stdout(maskDigits(`Reports: ${paths.join(", ")}`));
    return report.verdict === "passed" ? 0 : 1;
  } catch (error) {
    if (isPocError(error) || isReportError(error)) {
      io.stderr(`${error.code}: ${maskDigits(error.message)}`);
      return 2;
    }
    io.stderr(`Failed to run the PoC: ${maskDigits((error as Error).message ?? String(error))}`);
    return 2;
  }
}
