/**
 * `dukcapil-sandbox load …`: flags → load options (the same zod schema as the API and the
 * config file), a progress line per second, a summary, the three outputs; exit 0 all
 * thresholds met, 1 breached (named), 2 usage or setup error.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { isPocError, PocError } from "../errors.js";
import { maskDigits } from "../runner/evidence.js";
import { writeLoadReports } from "./report.js";
import { type LoadProgress, runLoad } from "./run.js";
import { type LoadOptionsInput, parseLoadOptions } from "./schema.js";

/**
 * The default directory of the load outputs.
 *
 * @example
 * ```ts
 * import { DEFAULT_LOAD_DIR } from "@dukcapil-sandbox/conformance/load";
 * DEFAULT_LOAD_DIR; // "load-report"
 * ```
 */
export const DEFAULT_LOAD_DIR = "load-report";

/**
 * The help text of `dukcapil-sandbox load`.
 *
 * @example
 * ```ts
 * import { LOAD_USAGE } from "@dukcapil-sandbox/conformance/load";
 * LOAD_USAGE.includes("--threshold"); // true
 * ```
 */
export const LOAD_USAGE = `Usage: dukcapil-sandbox load --target simulator|<app url> [options]

Load-tests the simulator (a weighted mix of lookups and verify calls, every answer checked)
or an agency app (the HTTP driver's request template), prints a line per second and a
summary, judges k6-like thresholds and writes load.json, load-junit.xml and load.html.

Options:
  --target <simulator|url>  "simulator", or the URL of a running agency app
  --simulator-url <url>     a running simulator (default: one started in-process,
                            100,000 residents, database :memory:)
  --admin-token <token>     its admin token (provisions a production-stage institution
                            and user, so quota does not interfere)
  --connections <n>         concurrent connections (default 10)
  --rate <r>                fixed rate: requests per second over all connections
  --duration <s>            seconds of measured load (default 10)
  --warmup <s>              seconds of discarded load before (default 0)
  --threshold <expr>        repeatable: p50<ms, p90<ms, p95<ms, p99<ms, errors<0.01 or
                            errors<1%, rps>n (also <=, >=)
  --config <file>           load options (.json or .yaml; see loadOptionsSchema): the
                            request mix, credentials, an app's request template, niks,
                            expect; flags override it
  --out <dir>               where to write the outputs (default ${DEFAULT_LOAD_DIR})
  -h, --help                show this help

Exit codes: 0 all thresholds met, 1 a threshold breached (named), 2 usage or setup error.

Examples:
  dukcapil-sandbox load --target simulator --duration 5 --threshold 'p95<50' --threshold 'errors<1%'
  dukcapil-sandbox load --target simulator --rate 2000 --duration 10 --warmup 2 --threshold 'p99<5'
  dukcapil-sandbox load --target simulator --simulator-url http://127.0.0.1:8080 --admin-token "$ADMIN_TOKEN"
  dukcapil-sandbox load --target http://127.0.0.1:3000 --config load.json --rate 50 --threshold 'p95<500'

An app's load.json names its request template and expectation, e.g.
  {"target":{"kind":"app","url":"http://127.0.0.1:3000",
   "request":{"method":"POST","path":"/cek","headers":{"content-type":"application/json"},
              "body":"{\\"nik\\":\\"{{nik}}\\"}"},
   "niks":["3319041307949001"],"expect":{"status":200,"regex":"ESTIONO"}}}`;

/**
 * Where the load CLI writes: one line per call, without the newline.
 *
 * @example
 * ```ts
 * import type { LoadCliIo } from "@dukcapil-sandbox/conformance/load";
 * const lines: string[] = [];
 * const io: LoadCliIo = { stdout: (l) => lines.push(l), stderr: (l) => lines.push(l) };
 * ```
 */
export interface LoadCliIo {
  stdout(line: string): void;
  stderr(line: string): void;
}

const processIo: LoadCliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

function positive(flag: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new PocError(
      "DKS_POC_LOAD_OPTIONS_INVALID",
      `Failed to read the options: --${flag} must be a positive ${integer ? "integer" : "number"} (got "${text}").`,
    );
  }
  return value;
}

async function readConfig(path: string): Promise<Record<string, unknown>> {
  try {
    const text = await readFile(path, "utf8");
    // logLevel "error": a YAML warning (odd tag, directive) is not printed past `io`; the
    // schema then judges the value.
    const value: unknown = /\.ya?ml$/i.test(path)
      ? parseYaml(text, { logLevel: "error" })
      : JSON.parse(text);
    return (value ?? {}) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PocError(
      "DKS_POC_LOAD_OPTIONS_INVALID",
      `Failed to read the load config ${path}: ${code === "ENOENT" ? "no such file" : (error as Error).message}. Check the path and the syntax.`,
      { path },
      { cause: error },
    );
  }
}

function progressLine(progress: LoadProgress): string {
  const width = String(Math.ceil(progress.durationS)).length;
  const tag = progress.phase === "warmup" ? "warm-up" : "load";
  return `[${tag} ${String(progress.second).padStart(width)}/${Math.ceil(progress.durationS)}s] ${progress.ok} ok/s, ${progress.errors} errors`;
}

/**
 * Runs `dukcapil-sandbox load` with the arguments after `load` and resolves to the exit code:
 * 0 all thresholds met, 1 a threshold breached (named on stdout), 2 usage or setup error.
 * Progress goes to `io.stderr`, the summary and the output paths to `io.stdout`.
 *
 * @example
 * ```ts
 * import { runLoadCli } from "@dukcapil-sandbox/conformance/load";
 * process.exitCode = await runLoadCli(["--target", "simulator", "--duration", "3", "--threshold", "p95<100"]);
 * ```
 */
export async function runLoadCli(
  argv: readonly string[],
  io: LoadCliIo = processIo,
): Promise<number> {
  const usage = (text: string): number => {
    // The text may echo an argument: mask a NIK in it, as every message of the runner does.
    io.stderr(`${maskDigits(text)}\n\n${LOAD_USAGE}`);
    return 2;
  };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        target: { type: "string" },
        "simulator-url": { type: "string" },
        "admin-token": { type: "string" },
        connections: { type: "string" },
        rate: { type: "string" },
        duration: { type: "string" },
        warmup: { type: "string" },
        threshold: { type: "string", multiple: true },
        config: { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    return usage(
      `DKS_POC_LOAD_OPTIONS_INVALID: Failed to read the options: ${(error as Error).message}.`,
    );
  }
  const flags = parsed.values as {
    target?: string;
    "simulator-url"?: string;
    "admin-token"?: string;
    connections?: string;
    rate?: string;
    duration?: string;
    warmup?: string;
    threshold?: string[];
    config?: string;
    out?: string;
    help?: boolean;
  };
  if (flags.help) {
    io.stdout(LOAD_USAGE);
    return 0;
  }
  try {
    const config = flags.config === undefined ? {} : await readConfig(flags.config);
    const fromConfig = (config.target ?? undefined) as Record<string, unknown> | undefined;
    let target: Record<string, unknown> | undefined = fromConfig;
    if (flags.target !== undefined) {
      if (flags.target === "simulator") {
        target = {
          ...(fromConfig?.kind === "simulator" ? fromConfig : {}),
          kind: "simulator",
        };
      } else if (/^https?:\/\//i.test(flags.target)) {
        target = {
          ...(fromConfig?.kind === "app" ? fromConfig : {}),
          kind: "app",
          url: flags.target,
        };
      } else {
        return usage(
          `DKS_POC_LOAD_OPTIONS_INVALID: Failed to read the options: --target must be "simulator" or an http(s) URL (got "${flags.target}").`,
        );
      }
    }
    if (target === undefined) {
      return usage(
        "DKS_POC_LOAD_OPTIONS_INVALID: Failed to read the options: --target is required.",
      );
    }
    if (flags["simulator-url"] !== undefined || flags["admin-token"] !== undefined) {
      if (target.kind !== "simulator") {
        return usage(
          "DKS_POC_LOAD_OPTIONS_INVALID: Failed to read the options: --simulator-url and --admin-token go with --target simulator.",
        );
      }
      if (flags["simulator-url"] !== undefined) target.url = flags["simulator-url"];
      if (flags["admin-token"] !== undefined) target.adminToken = flags["admin-token"];
    }
    if (target.kind === "app" && target.request === undefined) {
      return usage(
        "DKS_POC_LOAD_OPTIONS_INVALID: Failed to read the options: an app target needs its request template (target.request in --config load.json).",
      );
    }
    const input: Record<string, unknown> = { ...config, target };
    const connections = positive("connections", flags.connections, true);
    const rate = positive("rate", flags.rate, false);
    const duration = positive("duration", flags.duration, false);
    if (connections !== undefined) input.connections = connections;
    if (rate !== undefined) input.rate = rate;
    if (duration !== undefined) input.durationS = duration;
    if (flags.warmup !== undefined) {
      const warmup = Number(flags.warmup);
      // Number("") is 0: a blank value is refused, not read as no warm-up.
      if (flags.warmup.trim() === "" || !Number.isFinite(warmup) || warmup < 0) {
        return usage(
          `DKS_POC_LOAD_OPTIONS_INVALID: Failed to read the options: --warmup must be a number of seconds, 0 or more (got "${flags.warmup}").`,
        );
      }
      input.warmupS = warmup;
    }
    if (flags.threshold !== undefined) input.thresholds = flags.threshold;
    const options = parseLoadOptions(
      input,
      flags.config === undefined ? "the options" : `the options (with ${flags.config})`,
    );
    const where =
      options.target.kind === "app"
        ? options.target.url
        : (options.target.url ?? "an in-process simulator");
    // Masked like every line of the runner: an app URL or an output path may carry a NIK.
    io.stderr(
      maskDigits(
        `Load on ${options.target.kind} ${where}: ${options.rate === undefined ? `${options.connections ?? 10} connections` : `${options.rate} req/s`}, ${options.durationS} s${options.warmupS > 0 ? ` after ${options.warmupS} s warm-up` : ""}`,
      ),
    );
    const result = await runLoad(input as LoadOptionsInput, {
      onProgress: (progress) => io.stderr(progressLine(progress)),
    });
    const s = result.summary;
    io.stdout(
      `${s.requests} answers in ${s.durationS.toFixed(1)} s: ${s.rps.toFixed(1)} good req/s, ${s.errors} errors (${(s.errorRate * 100).toFixed(2)}%), latency p50 ${s.latencyMs.p50 ?? "—"} ms, p95 ${s.latencyMs.p95 ?? "—"} ms, p99 ${s.latencyMs.p99 ?? "—"} ms`,
    );
    for (const t of result.thresholds) {
      io.stdout(`  ${t.passed ? "met     " : "BREACHED"} ${t.name} (actual ${t.actual ?? "—"})`);
    }
    const paths = await writeLoadReports(result, flags.out ?? DEFAULT_LOAD_DIR);
    io.stdout(
      result.passed
        ? `PASSED — ${result.thresholds.length} thresholds met`
        : `FAILED — thresholds breached: ${result.breached.join(", ")}`,
    );
    io.stdout(maskDigits(`Outputs: ${paths.join(", ")}`));
    return result.passed ? 0 : 1;
  } catch (error) {
    if (isPocError(error)) {
      io.stderr(`${error.code}: ${maskDigits(error.message)}`);
      return 2;
    }
    io.stderr(`Failed to run the load: ${maskDigits((error as Error).message ?? String(error))}`);
    return 2;
  }
}
