/**
 * `npm run bench`: the performance of the simulator, measured in one run.
 *
 * - Lookup requests per second of the simulator (1 million residents, a temporary database
 *   FILE, seed "bench", a production-stage institution so quota never refuses) against a raw
 *   `node:http` JSON server and a bare Express 5 route (`express.json()` + one POST route)
 *   answering a lookup envelope of the same size; p50/p99 latency and errors; the ratios
 *   simulator/raw (target ≥ 0.5) and simulator/Express (target ≥ 2).
 * - Verify-by-element requests per second of the simulator.
 * - p50/p99 latency of the simulator at a fixed 2,000 requests per second (target p99 ≤ 5 ms).
 * - Simulator start-up (to listening, and to the first lookup answered) at 10 thousand,
 *   1 million and 280 million residents.
 * - Population memory and start-up at the same sizes (the children of population.bench.ts).
 *
 * Every server runs in its own child process, so the load generator (autocannon, in this
 * process) never shares an event loop with it. Every answer is checked against the answer
 * it should be (computed here from the same seed with core's writers): a wrong answer counts
 * as an error, not as throughput. Each target is measured `BENCH_ROUNDS` times, in a rotated
 * order per round, to spread drift of a shared machine over all targets.
 *
 * Prints a table and writes `bench/results.json` at the repository root. A benchmark
 * reports; it does not gate: a missed target does not fail the process. It exits non-zero
 * when a server fails to start or every request of a target errs.
 *
 * Environment: `BENCH_DURATION_S` (default 10) seconds per measured run, `BENCH_WARMUP_S`
 * (default 2), `BENCH_CONNECTIONS` (default 10), `BENCH_ROUNDS` (default 2),
 * `BENCH_ONLY` (comma list of lookup, verify, rate, startup, population; default all),
 * `BENCH_OUT` (results path; default `<repo>/bench/results.json`), `BENCH_CPU_PROF` (a
 * directory: the simulator child, or the `BENCH_CPU_PROF_SERVER` one, runs with `--cpu-prof`
 * and writes its profile there),
 * `BENCH_SERVERS` (comma list of simulator, raw, express: the lookup targets; default all).
 *
 * @example
 * ```sh
 * npm run bench
 * BENCH_DURATION_S=3 BENCH_ROUNDS=1 BENCH_ONLY=lookup npm run bench -w @dukcapil-sandbox/simulator
 * ```
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { RecordElement, WireRecordInput } from "@dukcapil-sandbox/core";

const FILE = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(FILE), "../../..");
const NODE_ARGS = ["--import", "tsx", "--conditions=@dukcapil-sandbox/source"];
const SEED = "bench";
const POPULATION = 1_000_000;
const ADMIN_TOKEN = "bench-admin-token-0123456789";
const JSON_TYPE = "application/json;charset=UTF-8";
const INSTITUTION = { id: "bench-prod", path: "BENCH_PROD" } as const;
const USER = { userId: "bench.operator", password: "bench-password-1", ipUser: "10.32.4.15" };
const LOOKUP_PATH = `/dukcapil/get_json/${INSTITUTION.path}/CALL_NIK`;
const VERIFY_PATH = `/dukcapil/get_json/${INSTITUTION.path}/CALL_VERIFY_BY_ELEMEN`;
const STARTUP_SIZES = [10_000, 1_000_000, 280_000_000] as const;
const FIXED_RATE = 2_000;
/**
 * Found residents per lookup run (plus a third as many not-found NIKs): enough distinct NIKs
 * that no small cache of residents or answers can make the simulator look faster than it is.
 */
const LOOKUP_FOUND = 1_536;
const VERIFY_CASES = 512;
const MB = 1024 * 1024;

type ServerKind = "simulator" | "raw" | "express";

// ---------------------------------------------------------------------------------------
// Children: one server each, driven over stdin ("stats", "exit"), reporting on stdout.
// ---------------------------------------------------------------------------------------

/** Writes one JSON line to the parent. */
function report(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function memory() {
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / MB, heapUsedMb: usage.heapUsed / MB };
}

/** Serves stdin commands until "exit" (or the parent goes away), then closes and exits. */
function obey(close: () => Promise<void>): void {
  let closing = false;
  const exit = () => {
    if (closing) return;
    closing = true;
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  const lines = createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    if (line === "stats") {
      const cpu = process.cpuUsage();
      report({ stats: { ...memory(), cpuUs: cpu.user + cpu.system } });
    } else if (line === "exit") exit();
  });
  lines.on("close", exit);
  process.on("SIGTERM", exit);
  process.on("SIGINT", exit);
}

async function childSimulator(population: number, startupOnly: boolean): Promise<void> {
  const importStart = performance.now();
  const { startSimulator, seedPassword } = await import("../src/index.js");
  const importMs = performance.now() - importStart;
  const dir = mkdtempSync(join(os.tmpdir(), "dks-bench-"));
  const startStart = performance.now();
  const simulator = await startSimulator({
    population,
    db: join(dir, "simulator.db"),
    seed: SEED,
    adminToken: ADMIN_TOKEN,
  });
  const startMs = performance.now() - startStart;
  const listeningSinceProcessStartMs = performance.now();
  const afterStart = memory();
  const close = async () => {
    await simulator.close();
    rmSync(dir, { recursive: true, force: true });
  };
  if (startupOnly) {
    // The first lookup pays the lazy loads (villages, regions); time it as part of start-up.
    const firstStart = performance.now();
    const nik = simulator.runtime.population.residentAt(Math.floor(population / 2)).nik;
    const response = await fetch(`${simulator.url}/dukcapil/get_json/DINSOS_3204/CALL_NIK`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        nik,
        user_id: "dinsos3204.operator",
        password: seedPassword(SEED),
        ip_user: "10.32.4.15",
      }),
    });
    const code = response.headers.get("x-sandbox-code");
    await response.text();
    const firstLookupMs = performance.now() - firstStart;
    report({
      population,
      importMs,
      startMs,
      listeningSinceProcessStartMs,
      firstLookupMs,
      firstLookupCode: code,
      afterStart,
      afterFirstLookup: memory(),
    });
    await close();
    process.exit(0);
  }
  report({ ready: true, url: simulator.url, importMs, startMs, listeningSinceProcessStartMs });
  obey(close);
}

async function childRaw(body: string): Promise<void> {
  const length = String(Buffer.byteLength(body));
  // A minimal JSON server: read the body, parse it, answer the fixed envelope.
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        res.writeHead(400).end();
        return;
      }
      res.writeHead(200, { "content-type": JSON_TYPE, "content-length": length });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  report({ ready: true, url: `http://127.0.0.1:${port}` });
  obey(() => new Promise<void>((done) => server.close(() => done())));
}

async function childExpress(body: string): Promise<void> {
  const { default: express } = await import("express");
  // A bare Express 5 app with its defaults: express.json() and one POST route.
  const app = express();
  app.use(express.json());
  app.post(LOOKUP_PATH, (_req, res) => {
    res.set("content-type", JSON_TYPE).send(body);
  });
  const server = await new Promise<ReturnType<typeof app.listen>>((done) => {
    const listening = app.listen(0, "127.0.0.1", () => done(listening));
  });
  server.keepAliveTimeout = 5_000;
  const { port } = server.address() as AddressInfo;
  report({ ready: true, url: `http://127.0.0.1:${port}` });
  obey(() => new Promise<void>((done) => server.close(() => done())));
}

// ---------------------------------------------------------------------------------------
// Parent: spawning children.
// ---------------------------------------------------------------------------------------

interface Child {
  readonly kind: ServerKind;
  readonly url: string;
  readonly info: Record<string, unknown>;
  /** Asks the child for its memory figures. */
  /** Memory and CPU time used so far (user + system, µs) of the child. */
  stats(): Promise<{ rssMb: number; heapUsedMb: number; cpuUs: number }>;
  stop(): Promise<void>;
}

function spawnChild(args: string[], env: NodeJS.ProcessEnv = {}, nodeFlags: string[] = []) {
  return spawn(process.execPath, [...nodeFlags, ...NODE_ARGS, FILE, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** Lines of a child's stdout, one JSON value each, delivered in order. */
function jsonLines(proc: ChildProcessWithoutNullStreams) {
  const queue: unknown[] = [];
  const waiting: ((value: unknown) => void)[] = [];
  let stderr = "";
  proc.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-8_000);
  });
  const lines = createInterface({ input: proc.stdout });
  lines.on("line", (line) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      process.stderr.write(`[child] ${line}\n`);
      return;
    }
    const next = waiting.shift();
    if (next === undefined) queue.push(value);
    else next(value);
  });
  const exited = new Promise<number | null>((done) => proc.on("exit", (code) => done(code)));
  return {
    next(what: string, timeoutMs = 120_000): Promise<Record<string, unknown>> {
      const queued = queue.shift();
      if (queued !== undefined) return Promise.resolve(queued as Record<string, unknown>);
      return new Promise((done, fail) => {
        const timer = setTimeout(
          () => fail(new Error(`${what}: no answer within ${timeoutMs} ms.\n${stderr}`)),
          timeoutMs,
        );
        waiting.push((value) => {
          clearTimeout(timer);
          done(value as Record<string, unknown>);
        });
        exited.then((code) => {
          clearTimeout(timer);
          fail(new Error(`${what}: the child exited with status ${code}.\n${stderr}`));
        });
      });
    },
    exited,
  };
}

async function startChild(kind: ServerKind, fixedBody: string): Promise<Child> {
  const spawnedAt = performance.now();
  const flags: string[] = [];
  const profileDir = process.env.BENCH_CPU_PROF;
  const profiled = process.env.BENCH_CPU_PROF_SERVER ?? "simulator";
  if (kind === profiled && profileDir !== undefined && profileDir !== "") {
    mkdirSync(profileDir, { recursive: true });
    flags.push("--cpu-prof", `--cpu-prof-dir=${resolve(profileDir)}`);
  }
  const proc = spawnChild(["--server", kind], { BENCH_FIXED_BODY: fixedBody }, flags);
  const lines = jsonLines(proc);
  let ready: Record<string, unknown>;
  try {
    ready = await lines.next(`Failed to start the ${kind} server`);
  } catch (error) {
    proc.kill();
    throw error;
  }
  const readyMs = performance.now() - spawnedAt;
  return {
    kind,
    url: String(ready.url),
    info: { ...ready, spawnToReadyMs: readyMs },
    async stats() {
      proc.stdin.write("stats\n");
      const answer = await lines.next(`stats of the ${kind} server`, 10_000);
      return answer.stats as { rssMb: number; heapUsedMb: number; cpuUs: number };
    },
    async stop() {
      if (proc.exitCode !== null) return;
      proc.stdin.write("exit\n");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 15_000);
      await lines.exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Parent: the requests and the answers they must get.
// ---------------------------------------------------------------------------------------

interface Case {
  readonly body: string;
  readonly expected: string;
}

/** A small LCG so that the chosen residents are the same on every run. */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
}

function ddmmyyyy(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}-${m}-${y}`;
}

async function buildCases(institution: {
  grant: readonly string[];
  dialect: { numbers: "bare" | "string" };
}) {
  const core = await import("@dukcapil-sandbox/core");
  const { createPopulation } = await import("../src/population/population.js");
  const { scoreVerify } = await import("../src/engine/scoring.js");
  const population = createPopulation({ seed: SEED, size: POPULATION });
  const random = lcg(20260301);
  const credentials = {
    user_id: USER.userId,
    password: USER.password,
    ip_user: USER.ipUser,
  };
  const found: { nik: string; record: WireRecordInput }[] = [];
  while (found.length < LOOKUP_FOUND) {
    const resident = population.residentAt(Math.floor(random() * POPULATION));
    if (resident.status === "active") found.push({ nik: resident.nik, record: resident.record });
  }
  const options = {
    numbers: institution.dialect.numbers,
    elements: institution.grant as readonly RecordElement[],
  };
  const notFoundBody = core.stringifyLossless(core.buildLookupFailure("13"));
  const now = Date.now();
  const notFound: string[] = [];
  // Well-formed NIKs (same district and birth date as a found one, another serial) that no
  // resident holds: answered 13.
  for (let shift = 57; notFound.length < LOOKUP_FOUND / 3; shift += 101) {
    for (const { nik } of found) {
      if (notFound.length >= LOOKUP_FOUND / 3) break;
      const serial = 1 + ((Number(nik.slice(12)) + shift) % 997);
      const other = `${nik.slice(0, 12)}${String(serial).padStart(4, "0")}`;
      const parsed = core.parseNik(other, {
        regions: "legacy",
        referenceDate: now,
        normalize: false,
      });
      if (parsed.ok && population.findByNik(other) === undefined && !notFound.includes(other)) {
        notFound.push(other);
      }
    }
  }
  // Found and not found interleaved: three hits, then a miss.
  const lookup: Case[] = [];
  for (let i = 0; i < LOOKUP_FOUND; i++) {
    const hit = found[i] as (typeof found)[number];
    lookup.push({
      body: JSON.stringify({ nik: hit.nik, ...credentials }),
      expected: core.stringifyLossless(core.buildLookupSuccess(hit.record, options)),
    });
    if (i % 3 === 2) {
      lookup.push({
        body: JSON.stringify({ nik: notFound[(i - 2) / 3], ...credentials }),
        expected: notFoundBody,
      });
    }
  }
  // Verify: the upper-case spellings a Java client sends, elements copied from the record
  // (one in four with a misspelt name, so scoring is exercised), TRESHOLD as a string.
  const verify: Case[] = found.slice(0, VERIFY_CASES).map(({ nik, record }, i) => {
    const elements: Record<string, string> = {};
    for (const element of [
      "NAMA_LGKP",
      "TMPT_LHR",
      "TGL_LHR",
      "JENIS_KLMIN",
      "ALAMAT",
      "NAMA_LGKP_IBU",
      "NO_KK",
    ]) {
      const value = record[element as RecordElement];
      if (typeof value === "string" && value !== "") {
        elements[element] = element === "TGL_LHR" ? ddmmyyyy(value) : value;
      }
    }
    if (i % 4 === 3 && elements.NAMA_LGKP !== undefined) {
      elements.NAMA_LGKP = `${elements.NAMA_LGKP.slice(0, -2)}XX`;
    }
    const json = {
      NIK: nik,
      USER_ID: USER.userId,
      PASSWORD: USER.password,
      IP_USER: USER.ipUser,
      TRESHOLD: "80",
      ...elements,
    };
    const request = core.verifyRequestSchema.parse(json);
    const results = scoreVerify(
      request.nik,
      request.elements,
      request.threshold ?? 80,
      record,
      institution.grant,
    );
    return {
      body: JSON.stringify(json),
      expected: core.stringifyLossless(core.buildVerifySuccess(results)),
    };
  });
  return { lookup, verify };
}

/** Creates the production-stage institution and user ID through the admin API. */
async function provision(url: string) {
  const call = async (path: string, body: unknown) => {
    const response = await fetch(`${url}/sandbox/admin${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const institution = await call("/institutions", {
    id: INSTITUTION.id,
    name: "Benchmark agency (production stage)",
    path: INSTITUTION.path,
    allowlist: ["127.0.0.1", "::1", "::ffff:127.0.0.1"],
    stage: "production",
  });
  await call(`/institutions/${INSTITUTION.id}/users`, {
    userId: USER.userId,
    password: USER.password,
    ipUser: USER.ipUser,
    officer: {
      nik: "3204055502900001",
      fullName: "BENCH OPERATOR",
      nip: "",
      employmentStatus: "PNS",
      position: "Operator",
      officeRegionCode: "32.04",
      officeName: "Dinas Benchmark",
      officeAddress: "Jl. Benchmark 1",
      localUserId: "bench01",
    },
  });
  return institution as unknown as {
    grant: readonly string[];
    dialect: { numbers: "bare" | "string" };
  };
}

/** One request of each case through fetch: the bench is meaningless when these fail. */
async function smoke(url: string, path: string, cases: readonly Case[], what: string) {
  for (const item of cases.slice(0, 8)) {
    const response = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: item.body,
    });
    const text = await response.text();
    if (response.status !== 200 || text !== item.expected) {
      throw new Error(
        `${what}: ${url}${path} answered ${response.status} ${text.slice(0, 300)}\nexpected ${item.expected.slice(0, 300)}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------
// Parent: load.
// ---------------------------------------------------------------------------------------

interface LoadFigures {
  readonly target: string;
  readonly durationS: number;
  /** Correct answers per second (wrong answers and errors excluded). */
  readonly rps: number;
  readonly requests: number;
  readonly errors: number;
  readonly mismatches: number;
  readonly non2xx: number;
  /** Percentiles of response times as measured (µs precision, ms units). */
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** CPU time (user + system) of the server process per answer, µs. */
  readonly serverCpuUsPerRequest?: number;
  /** CPU time of the server process / wall time: 1 = one core busy all the time. */
  readonly serverCpuShare?: number;
  /** autocannon's own histogram (1 ms resolution; corrected for coordinated omission at a fixed rate). */
  readonly autocannon: {
    readonly rpsAverage: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
  };
}

const settings = {
  durationS: Number(process.env.BENCH_DURATION_S ?? 10),
  warmupS: Number(process.env.BENCH_WARMUP_S ?? 2),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  rounds: Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2)),
};

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

async function load(
  target: string,
  url: string,
  path: string,
  cases: readonly Case[],
  options: { durationS: number; overallRate?: number; record?: boolean },
): Promise<LoadFigures> {
  let verdict = false;
  const { default: autocannon } = await import("autocannon");
  const requests = cases.map((item) => ({
    method: "POST",
    path,
    headers: { "content-type": "application/json" },
    body: item.body,
    // A setupRequest makes autocannon build each request when it is sent instead of all of
    // them in every client's constructor: with a few thousand cases, building them up front
    // delays the first request of each connection by ~25 ms per client created before it
    // (the clients are created in one synchronous loop), a start-up artefact that would
    // dominate autocannon's coordinated-omission-corrected p99 at a fixed rate.
    setupRequest: (request: Record<string, unknown>) => request,
    // Called for each answer just before verifyBody, on the same client (synchronously):
    // the verdict is this request's own expected answer, not any of the set.
    onResponse: (status: number, body: string) => {
      verdict = status === 200 && body === item.expected;
    },
  }));
  const times: number[] = [];
  const instance = autocannon({
    url,
    connections: settings.connections,
    duration: options.durationS,
    requests,
    verifyBody: () => verdict,
    timeout: 10,
    ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
  });
  if (options.record !== false) {
    instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => {
      times.push(ms);
    });
  }
  const result = await instance;
  const sorted = Float64Array.from(times).sort();
  const wrong = result.mismatches;
  const answered = result.requests.total;
  const errors = result.errors + result.timeouts + wrong;
  return {
    target,
    durationS: result.duration,
    rps: Math.max(0, answered - wrong) / result.duration,
    requests: answered,
    errors,
    mismatches: wrong,
    non2xx: result.non2xx,
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] as number),
    autocannon: {
      rpsAverage: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
    },
  };
}

async function measure(
  target: string,
  server: Child,
  path: string,
  cases: readonly Case[],
  overallRate?: number,
  durationS = settings.durationS,
): Promise<LoadFigures> {
  const rate = overallRate === undefined ? {} : { overallRate };
  if (settings.warmupS > 0) {
    await load(target, server.url, path, cases, {
      durationS: settings.warmupS,
      record: false,
      ...rate,
    });
  }
  const before = await server.stats();
  const measured = await load(target, server.url, path, cases, { durationS, ...rate });
  const after = await server.stats();
  // The server's CPU time per answer: much less sensitive than req/s to other work on a
  // shared machine (it does not count time the server waited for a core).
  const cpuUs = after.cpuUs - before.cpuUs;
  const serverCpuUsPerRequest = cpuUs / Math.max(1, measured.requests);
  const serverCpuShare = cpuUs / 1e6 / measured.durationS;
  const figures: LoadFigures = { ...measured, serverCpuUsPerRequest, serverCpuShare };
  process.stderr.write(
    `  ${target.padEnd(34)} ${fmt(figures.rps, 0).padStart(8)} req/s  p50 ${fmt(figures.p50Ms, 2)} ms  p99 ${fmt(figures.p99Ms, 2)} ms  errors ${figures.errors}  server CPU ${fmt(serverCpuUsPerRequest, 1)} µs/req (${fmt(serverCpuShare * 100, 0)}% of a core)\n`,
  );
  return figures;
}

/** The mean of a figure over rounds. */
function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function combine(target: string, rounds: readonly LoadFigures[]) {
  return {
    target,
    rps: mean(rounds.map((r) => r.rps)),
    p50Ms: mean(rounds.map((r) => r.p50Ms)),
    p99Ms: mean(rounds.map((r) => r.p99Ms)),
    serverCpuUsPerRequest: mean(rounds.map((r) => r.serverCpuUsPerRequest ?? Number.NaN)),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    requests: rounds.reduce((sum, r) => sum + r.requests, 0),
    rounds,
  };
}

// ---------------------------------------------------------------------------------------
// Parent: start-up and population (children that exit by themselves).
// ---------------------------------------------------------------------------------------

async function startupAt(population: number): Promise<Record<string, unknown>> {
  const spawnedAt = performance.now();
  const proc = spawnChild(["--server", "simulator", "--population", String(population), "--once"]);
  const lines = jsonLines(proc);
  const figures = await lines.next(`Failed to start the simulator with ${population} residents`);
  await lines.exited;
  return { ...figures, spawnToFirstLookupMs: performance.now() - spawnedAt };
}

function populationAt(size: number): Record<string, number> {
  const bench = resolve(dirname(FILE), "population.bench.ts");
  const run = spawnSync(
    process.execPath,
    ["--expose-gc", ...NODE_ARGS, bench, "--child", String(size)],
    { cwd: ROOT, encoding: "utf8" },
  );
  if (run.status !== 0) {
    throw new Error(`population bench for ${size} failed (${run.status}):\n${run.stderr}`);
  }
  return JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") as Record<string, number>;
}

// ---------------------------------------------------------------------------------------
// Parent: output.
// ---------------------------------------------------------------------------------------

function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return "–";
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows
    .map((row) =>
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** PASS or MISS of a figure against a target; "–" when the figure was not measured. */
function verdict(value: number, pass: (value: number) => boolean): string {
  if (!Number.isFinite(value)) return "–";
  return pass(value) ? "PASS" : "MISS";
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

// ---------------------------------------------------------------------------------------
// Parent: the run.
// ---------------------------------------------------------------------------------------

async function parent(): Promise<number> {
  const only = new Set(
    (process.env.BENCH_ONLY ?? "lookup,verify,rate,startup,population")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  );
  const host = machine();
  const out = resolve(process.env.BENCH_OUT ?? join(ROOT, "bench", "results.json"));
  const started = new Date();
  process.stderr.write(
    `Simulator benchmark: ${host.cpu}, ${host.cores} cores, Node ${host.node}; ${settings.connections} connections, ${settings.durationS} s runs after ${settings.warmupS} s warm-up, ${settings.rounds} round(s)\n`,
  );
  const results: Record<string, unknown> = {
    generatedAt: started.toISOString(),
    machine: host,
    settings: { ...settings, population: POPULATION, seed: SEED, db: "temporary file" },
    sections: [...only],
  };
  const lines: string[] = [];
  let failed = false;

  const children: Child[] = [];
  try {
    if (only.has("lookup") || only.has("verify") || only.has("rate")) {
      const simulator = await startChild("simulator", "");
      children.push(simulator);
      const institution = await provision(simulator.url);
      const cases = await buildCases(institution);
      // The fixed answer of the comparison servers: a found resident's envelope (same size).
      const fixed = cases.lookup[0] as Case;
      await smoke(simulator.url, LOOKUP_PATH, cases.lookup, "Simulator lookup smoke test");
      await smoke(simulator.url, VERIFY_PATH, cases.verify, "Simulator verify smoke test");
      const fixedCases = [{ body: fixed.body, expected: fixed.expected }];
      const others = await Promise.all([
        startChild("raw", fixed.expected),
        startChild("express", fixed.expected),
      ]);
      children.push(...others);
      const [raw, expressServer] = others as [Child, Child];
      await smoke(raw.url, LOOKUP_PATH, fixedCases, "Raw server smoke test");
      await smoke(expressServer.url, LOOKUP_PATH, fixedCases, "Express smoke test");
      results.startedServers = Object.fromEntries(children.map((c) => [c.kind, c.info]));
      results.lookupBody = {
        bytes: Buffer.byteLength(fixed.expected),
        requestBytes: Buffer.byteLength(fixed.body),
        cases: cases.lookup.length,
        found: LOOKUP_FOUND,
        notFound: LOOKUP_FOUND / 3,
      };

      if (only.has("lookup")) {
        process.stderr.write("Lookup, max throughput:\n");
        const targets: [string, () => Promise<LoadFigures>][] = [
          ["simulator", () => measure("simulator lookup", simulator, LOOKUP_PATH, cases.lookup)],
          ["raw", () => measure("raw node:http", raw, LOOKUP_PATH, fixedCases)],
          [
            "express",
            () => measure("bare Express 5 route", expressServer, LOOKUP_PATH, fixedCases),
          ],
        ];
        // BENCH_SERVERS=simulator measures the simulator alone (profiling runs).
        const servers = process.env.BENCH_SERVERS?.split(",").map((s) => s.trim());
        if (servers !== undefined) {
          targets.splice(0, targets.length, ...targets.filter(([name]) => servers.includes(name)));
        }
        const perTarget = new Map<string, LoadFigures[]>(targets.map(([name]) => [name, []]));
        const ratios: { raw: number; express: number }[] = [];
        for (let round = 0; round < settings.rounds; round++) {
          const order = targets.map((_, i) => targets[(i + round) % targets.length]);
          const figures = new Map<string, LoadFigures>();
          for (const entry of order) {
            const [name, run] = entry as [string, () => Promise<LoadFigures>];
            const result = await run();
            figures.set(name, result);
            perTarget.get(name)?.push(result);
          }
          const sim = figures.get("simulator")?.rps ?? 0;
          ratios.push({
            raw: sim / (figures.get("raw")?.rps || Number.NaN),
            express: sim / (figures.get("express")?.rps || Number.NaN),
          });
        }
        const sim = combine("simulator", perTarget.get("simulator") ?? []);
        const rawFigures = combine("raw node:http", perTarget.get("raw") ?? []);
        const expressFigures = combine("bare Express 5", perTarget.get("express") ?? []);
        const ratioRaw = sim.rps / rawFigures.rps;
        const ratioExpress = sim.rps / expressFigures.rps;
        results.lookup = {
          simulator: sim,
          raw: rawFigures,
          express: expressFigures,
          ratioSimulatorToRaw: ratioRaw,
          ratioSimulatorToExpress: ratioExpress,
          ratiosPerRound: ratios,
          targets: { simulatorToRaw: 0.5, simulatorToExpress: 2 },
          pass: { simulatorToRaw: ratioRaw >= 0.5, simulatorToExpress: ratioExpress >= 2 },
        };
        for (const figures of [sim, rawFigures, expressFigures]) {
          if (figures.rounds.length === 0) continue; // left out by BENCH_SERVERS
          if (figures.requests === 0 || figures.errors >= figures.requests) failed = true;
        }
        lines.push(
          `Lookup, max throughput (${settings.connections} connections, ${settings.rounds} × ${settings.durationS} s, mean of rounds; every answer checked)`,
          table([
            ["server", "req/s", "p50 ms", "p99 ms", "errors", "requests", "server CPU µs/req"],
            ...[
              ["simulator (1M residents, file db)", sim],
              ["raw node:http JSON server", rawFigures],
              ["bare Express 5 route", expressFigures],
            ].map(([label, f]) => {
              const x = f as typeof sim;
              return [
                label as string,
                fmt(x.rps, 0),
                fmt(x.p50Ms, 2),
                fmt(x.p99Ms, 2),
                String(x.errors),
                String(x.requests),
                fmt(x.serverCpuUsPerRequest, 1),
              ];
            }),
          ]),
          `  simulator / raw node:http  = ${fmt(ratioRaw, 2)}  (target ≥ 0.5)  ${verdict(ratioRaw, (r) => r >= 0.5)}   per round: ${ratios.map((r) => fmt(r.raw, 2)).join(", ")}`,
          `  simulator / bare Express   = ${fmt(ratioExpress, 2)}  (target ≥ 2)    ${verdict(ratioExpress, (r) => r >= 2)}   per round: ${ratios.map((r) => fmt(r.express, 2)).join(", ")}`,
          "",
        );
      }

      if (only.has("verify")) {
        process.stderr.write("Verify-by-element, max throughput:\n");
        const rounds: LoadFigures[] = [];
        for (let round = 0; round < settings.rounds; round++) {
          rounds.push(await measure("simulator verify", simulator, VERIFY_PATH, cases.verify));
        }
        const figures = combine("simulator verify-by-element", rounds);
        if (figures.requests === 0 || figures.errors >= figures.requests) failed = true;
        results.verify = figures;
        lines.push(
          "Verify-by-element (simulator, TRESHOLD 80, 7 elements, fuzzy scoring)",
          table([
            ["", "req/s", "p50 ms", "p99 ms", "errors", "requests", "server CPU µs/req"],
            [
              "simulator verify",
              fmt(figures.rps, 0),
              fmt(figures.p50Ms, 2),
              fmt(figures.p99Ms, 2),
              String(figures.errors),
              String(figures.requests),
              fmt(figures.serverCpuUsPerRequest, 1),
            ],
          ]),
          "",
        );
      }

      if (only.has("rate")) {
        // Twice the usual duration: long enough to span WAL checkpoints (about one every
        // 10,000 pages, i.e. every few seconds at this rate), whose stalls are what p99 sees.
        const rateS = settings.durationS * 2;
        process.stderr.write(`Lookup at a fixed ${FIXED_RATE} req/s for ${rateS} s:\n`);
        const sim = await measure(
          "simulator @ 2,000 req/s",
          simulator,
          LOOKUP_PATH,
          cases.lookup,
          FIXED_RATE,
          rateS,
        );
        const rawAtRate = await measure(
          "raw node:http @ 2,000 req/s",
          raw,
          LOOKUP_PATH,
          fixedCases,
          FIXED_RATE,
          rateS,
        );
        if (sim.requests === 0 || sim.errors >= sim.requests) failed = true;
        results.fixedRate = {
          rate: FIXED_RATE,
          simulator: sim,
          raw: rawAtRate,
          durationS: rateS,
          targetP99Ms: 5,
          pass: sim.p99Ms <= 5,
        };
        lines.push(
          `Lookup at a fixed ${FIXED_RATE.toLocaleString("en-US")} req/s, ${rateS} s (autocannon overallRate, which sends each second's quota per connection back to back: bursts, not even pacing)`,
          table([
            [
              "server",
              "req/s",
              "p50 ms",
              "p99 ms",
              "max ms",
              "p99 ms (autocannon, CO-corrected)",
              "errors",
            ],
            ...[sim, rawAtRate].map((f) => [
              f.target,
              fmt(f.rps, 0),
              fmt(f.p50Ms, 2),
              fmt(f.p99Ms, 2),
              fmt(f.maxMs, 1),
              fmt(f.autocannon.p99Ms, 0),
              String(f.errors),
            ]),
          ]),
          `  simulator p99 ≤ 5 ms (measured per request): ${verdict(sim.p99Ms, (p) => p <= 5)}`,
          "",
        );
      }
      const memoryAfterLoad = await simulator.stats();
      results.simulatorMemoryAfterLoad = memoryAfterLoad;
      lines.push(
        `Simulator process after the load: RSS ${fmt(memoryAfterLoad.rssMb)} MB, heap ${fmt(memoryAfterLoad.heapUsedMb)} MB; start-up to listening ${fmt(Number(simulator.info.startMs), 0)} ms (startSimulator), ${fmt(Number(simulator.info.listeningSinceProcessStartMs), 0)} ms from process start`,
        "",
      );
    }
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }

  if (only.has("startup")) {
    process.stderr.write("Simulator start-up per population size...\n");
    const figures: Record<string, unknown>[] = [];
    for (const size of STARTUP_SIZES) figures.push(await startupAt(size));
    results.startup = figures;
    const cell = (f: Record<string, unknown>, key: string, digits = 0) =>
      fmt(Number(f[key]), digits);
    lines.push(
      "Simulator start-up (temporary file db; child process per size)",
      table([
        ["", ...STARTUP_SIZES.map((s) => `${s.toLocaleString("en-US")} residents`)],
        ["startSimulator() to listening (ms)", ...figures.map((f) => cell(f, "startMs"))],
        [
          "process start to listening (ms)",
          ...figures.map((f) => cell(f, "listeningSinceProcessStartMs")),
        ],
        ["first lookup, lazy loads (ms)", ...figures.map((f) => cell(f, "firstLookupMs"))],
        [
          "RSS at listening (MB)",
          ...figures.map((f) =>
            fmt((f.afterStart as { rssMb: number } | undefined)?.rssMb ?? Number.NaN),
          ),
        ],
        [
          "RSS after first lookup (MB)",
          ...figures.map((f) =>
            fmt((f.afterFirstLookup as { rssMb: number } | undefined)?.rssMb ?? Number.NaN),
          ),
        ],
        ["first lookup code", ...figures.map((f) => String(f.firstLookupCode))],
      ]),
      "",
    );
  }

  if (only.has("population")) {
    process.stderr.write("Population memory and start-up (population.bench.ts children)...\n");
    const figures = STARTUP_SIZES.map((size) => populationAt(size));
    results.population = figures;
    const rows: [string, string, number][] = [
      ["createPopulation (ms)", "createMs", 2],
      ["heap growth by createPopulation (MB)", "heapGrowthCreateMb", 2],
      ["RSS after start-up (MB)", "rssAfterCreateMb", 1],
      ["first record, lazy loads (ms)", "firstRecordMs", 1],
      ["heap after the run (MB)", "heapAfterRunMb", 1],
      ["residentAt / s, random", "residentsPerSecondRandom", 0],
      ["findByNik / s, found", "findByNikHitsPerSecond", 0],
    ];
    lines.push(
      "Population (memory flat, start-up < 1 s are the targets)",
      table([
        ["", ...STARTUP_SIZES.map((s) => `${s.toLocaleString("en-US")} residents`)],
        ...rows.map(([label, key, digits]) => [
          label,
          ...figures.map((f) => fmt(Number(f[key]), digits)),
        ]),
      ]),
      `  start-up < 1 s: ${verdict(Math.max(...figures.map((f) => Number(f.createMs))), (ms) => ms < 1000)}`,
      "",
    );
  }

  lines.push(
    "The full standard PoC's duration is measured by the conformance package's bench (bench/poc.json).",
  );
  results.finishedAt = new Date().toISOString();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);

  process.stdout.write(
    [
      "",
      `Simulator benchmark — ${started.toISOString()}`,
      `Machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGb} GB, Node ${host.node}, ${host.platform}; load average at start ${host.loadAverageAtStart.join(" ")}`,
      "",
      ...lines,
      `Results written to ${out}`,
      "",
    ].join("\n"),
  );
  return failed ? 1 : 0;
}

// ---------------------------------------------------------------------------------------

const args = process.argv.slice(2);
if (args[0] === "--server") {
  const kind = args[1] as ServerKind;
  const populationFlag = args.indexOf("--population");
  const population = populationFlag === -1 ? POPULATION : Number(args[populationFlag + 1]);
  const body = process.env.BENCH_FIXED_BODY ?? "{}";
  if (kind === "simulator") await childSimulator(population, args.includes("--once"));
  else if (kind === "raw") await childRaw(body);
  else await childExpress(body);
} else {
  try {
    process.exitCode = await parent();
  } catch (error) {
    process.stderr.write(`Benchmark failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
