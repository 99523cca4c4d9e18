/**
 * `runLoad`: a load run with autocannon against the simulator (a weighted mix of lookups and
 * verify calls, every answer checked against the answer it must be) or an agency app (the
 * HTTP driver's request template), judged by k6-like thresholds.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import {
  createPopulation,
  type Population,
  type RunningSimulator,
  startSimulator,
} from "@dukcapil-sandbox/simulator";
import { buildRequest } from "../drivers/http.js";
import { PocError } from "../errors.js";
import { maskDigits } from "../runner/evidence.js";
import { type AutocannonRequest, type AutocannonResult, autocannon } from "./autocannon.js";
import {
  type LoadMetric,
  type LoadOptions,
  type LoadOptionsInput,
  type LoadThreshold,
  parseLoadOptions,
} from "./schema.js";

/**
 * A progress event of a load run: one per second of the warm-up and of the run.
 *
 * @example
 * ```ts
 * import type { LoadProgress } from "@dukcapil-sandbox/conformance/load";
 * const line = (p: LoadProgress) => `${p.phase} ${p.second}s ${p.requests} req ${p.errors} err`;
 * ```
 */
export interface LoadProgress {
  readonly phase: "warmup" | "run";
  /** Seconds since the phase started (1, 2, …). */
  readonly second: number;
  readonly durationS: number;
  /** Answers and errors in that second. */
  readonly requests: number;
  readonly ok: number;
  readonly errors: number;
}

/**
 * One second of the run.
 *
 * @example
 * ```ts
 * import type { LoadSecond } from "@dukcapil-sandbox/conformance/load";
 * const errorsOf = (s: LoadSecond) => s.errors;
 * ```
 */
export interface LoadSecond {
  readonly second: number;
  /** Answers received (right or wrong). */
  readonly requests: number;
  /** Right answers. */
  readonly ok: number;
  /** Wrong answers, transport errors and timeouts. */
  readonly errors: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
}

/**
 * The outcome of one threshold.
 *
 * @example
 * ```ts
 * import type { LoadThresholdResult } from "@dukcapil-sandbox/conformance/load";
 * const line = (t: LoadThresholdResult) => `${t.name}: ${t.passed ? "met" : "breached"}`;
 * ```
 */
export interface LoadThresholdResult extends LoadThreshold {
  readonly actual: number | null;
  readonly passed: boolean;
}

/**
 * The figures of a run (latency in ms over every answer; rate of good answers).
 *
 * @example
 * ```ts
 * import type { LoadSummary } from "@dukcapil-sandbox/conformance/load";
 * const p95 = (s: LoadSummary) => s.latencyMs.p95;
 * ```
 */
export interface LoadSummary {
  readonly durationS: number;
  readonly requests: number;
  readonly ok: number;
  readonly errors: number;
  /** Wrong answers (failed body verification or status). */
  readonly mismatches: number;
  /** Transport errors and timeouts. */
  readonly transportErrors: number;
  readonly errorRate: number;
  /** Good answers per second. */
  readonly rps: number;
  readonly latencyMs: {
    readonly min: number | null;
    readonly mean: number | null;
    readonly p50: number | null;
    readonly p90: number | null;
    readonly p95: number | null;
    readonly p99: number | null;
    readonly max: number | null;
  };
}

/**
 * One bar of the latency histogram.
 *
 * @example
 * ```ts
 * import type { LoadHistogramBar } from "@dukcapil-sandbox/conformance/load";
 * const label = (b: LoadHistogramBar) => `${b.fromMs}–${b.toMs} ms: ${b.count}`;
 * ```
 */
export interface LoadHistogramBar {
  readonly fromMs: number;
  readonly toMs: number;
  readonly count: number;
}

/**
 * The result of {@link runLoad}: the summary, each threshold passed or breached (named), the
 * per-second series, a latency histogram and autocannon's own result object.
 *
 * @example
 * ```ts
 * import type { LoadResult } from "@dukcapil-sandbox/conformance/load";
 * const verdict = (result: LoadResult) =>
 *   result.passed ? "all thresholds met" : `breached: ${result.breached.join(", ")}`;
 * ```
 */
export interface LoadResult {
  readonly schemaVersion: 1;
  readonly target: { readonly kind: "simulator" | "app"; readonly url: string };
  readonly settings: {
    readonly connections: number;
    readonly rate: number | null;
    readonly durationS: number;
    readonly warmupS: number;
    readonly timeoutS: number;
    readonly verifyBody: boolean;
    /** The request mix, one line per kind of request (the expected answer it is checked against). */
    readonly requests: readonly string[];
  };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly summary: LoadSummary;
  readonly thresholds: readonly LoadThresholdResult[];
  readonly passed: boolean;
  /** The names of the breached thresholds (`p95<200`). */
  readonly breached: readonly string[];
  readonly series: readonly LoadSecond[];
  readonly histogram: readonly LoadHistogramBar[];
  /** autocannon's result object, as it gave it. */
  readonly autocannon: AutocannonResult | null;
}

/**
 * Options of {@link runLoad} besides the load options: the progress callback and, for a
 * simulator target without a URL, an already running in-process simulator to use.
 *
 * @example
 * ```ts
 * import type { RunLoadHooks } from "@dukcapil-sandbox/conformance/load";
 * const hooks: RunLoadHooks = { onProgress: (p) => process.stderr.write(`${p.second}s\n`) };
 * ```
 */
export interface RunLoadHooks {
  readonly onProgress?: (progress: LoadProgress) => void;
  /** A simulator started by the caller (used when the target has no `url`). */
  readonly simulator?: RunningSimulator;
}

/** Records answers and errors, per second and overall. */
export class LoadRecorder {
  readonly latencies: number[] = [];
  ok = 0;
  mismatches = 0;
  transportErrors = 0;
  private readonly seconds: { requests: number; ok: number; errors: number; lat: number[] }[] = [];
  private readonly started = performance.now();

  private bucket() {
    const index = Math.floor((performance.now() - this.started) / 1000);
    while (this.seconds.length <= index) {
      this.seconds.push({ requests: 0, ok: 0, errors: 0, lat: [] });
    }
    return this.seconds[index]!;
  }

  answer(ms: number, good: boolean): void {
    const bucket = this.bucket();
    this.latencies.push(ms);
    bucket.lat.push(ms);
    bucket.requests++;
    if (good) {
      this.ok++;
      bucket.ok++;
    } else {
      this.mismatches++;
      bucket.errors++;
    }
  }

  error(): void {
    this.transportErrors++;
    this.bucket().errors++;
  }

  elapsedS(): number {
    return (performance.now() - this.started) / 1000;
  }

  /** The figures of second `index` (0-based), for progress. */
  second(index: number): { requests: number; ok: number; errors: number } {
    const bucket = this.seconds[index];
    return bucket === undefined
      ? { requests: 0, ok: 0, errors: 0 }
      : { requests: bucket.requests, ok: bucket.ok, errors: bucket.errors };
  }

  series(durationS: number): LoadSecond[] {
    const count = Math.max(Math.ceil(durationS - 1e-9), 1);
    return this.seconds.slice(0, Math.max(count, this.seconds.length)).map((bucket, index) => {
      const sorted = [...bucket.lat].sort((a, b) => a - b);
      return {
        second: index + 1,
        requests: bucket.requests,
        ok: bucket.ok,
        errors: bucket.errors,
        p50Ms: percentile(sorted, 50),
        p95Ms: percentile(sorted, 95),
      };
    });
  }
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[rank]!);
}

/** The summary of a recorder over `durationS` seconds. */
export function summarise(recorder: LoadRecorder, durationS: number): LoadSummary {
  const sorted = [...recorder.latencies].sort((a, b) => a - b);
  const requests = sorted.length;
  const errors = recorder.mismatches + recorder.transportErrors;
  const attempts = requests + recorder.transportErrors;
  return {
    durationS: round(durationS),
    requests,
    ok: recorder.ok,
    errors,
    mismatches: recorder.mismatches,
    transportErrors: recorder.transportErrors,
    errorRate: attempts === 0 ? 1 : round(errors / attempts, 6),
    rps: durationS > 0 ? round(recorder.ok / durationS, 2) : 0,
    latencyMs: {
      min: requests === 0 ? null : round(sorted[0]!),
      mean: requests === 0 ? null : round(sorted.reduce((a, b) => a + b, 0) / requests),
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: requests === 0 ? null : round(sorted[requests - 1]!),
    },
  };
}

/** A latency histogram of about `bars` bars (equal widths from 0 to the max). */
export function histogramOf(latencies: readonly number[], bars = 20): LoadHistogramBar[] {
  if (latencies.length === 0) return [];
  const max = Math.max(...latencies.slice(0, 1_000_000), 0.001);
  const width = niceWidth(max / bars);
  const count = Math.max(1, Math.ceil(max / width + 1e-9));
  const result = Array.from({ length: count }, (_, i) => ({
    fromMs: round(i * width),
    toMs: round((i + 1) * width),
    count: 0,
  }));
  for (const ms of latencies) {
    const index = Math.min(count - 1, Math.floor(ms / width));
    result[index]!.count++;
  }
  return result;
}

function niceWidth(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 2.5, 5, 10]) if (raw <= step * power) return step * power;
  return 10 * power;
}

function metricValue(summary: LoadSummary, metric: LoadMetric): number | null {
  if (metric === "errors") return summary.errorRate;
  if (metric === "rps") return summary.rps;
  return summary.latencyMs[metric];
}

/** Each threshold judged against a summary. */
export function judge(
  summary: LoadSummary,
  thresholds: readonly LoadThreshold[],
): LoadThresholdResult[] {
  return thresholds.map((threshold) => {
    const actual = metricValue(summary, threshold.metric);
    const { op, limit } = threshold;
    const passed =
      actual !== null &&
      (op === "<"
        ? actual < limit
        : op === "<="
          ? actual <= limit
          : op === ">"
            ? actual > limit
            : actual >= limit);
    return { ...threshold, actual, passed };
  });
}

// ---------------------------------------------------------------------------------------
// The requests and the answers they must get.
// ---------------------------------------------------------------------------------------

interface PlannedRequest {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** True when the answer is the right one. */
  check(status: number, body: string, headers: Record<string, string | string[]>): boolean;
}

function header(headers: Record<string, string | string[]>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** A small LCG, so the chosen residents and the mix order are the same on every run. */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
}

interface Credentials {
  readonly path: string;
  readonly userId: string;
  readonly password: string;
  readonly ipUser: string;
}

interface MagicRow {
  readonly nik: string;
  readonly kind: string;
  readonly code: string;
}

const MIX_LENGTH = 400;

function simulatorRequests(
  target: Extract<LoadOptions["target"], { kind: "simulator" }>,
  credentials: Credentials,
  magic: readonly MagicRow[],
  population: Population,
): PlannedRequest[] {
  const random = lcg(20_260_301);
  const auth = {
    user_id: credentials.userId,
    password: credentials.password,
    ip_user: credentials.ipUser,
  };
  const activeResident = () => {
    for (;;) {
      const resident = population.residentAt(Math.floor(random() * population.size));
      if (resident.status === "active") return resident;
    }
  };
  const total = target.mix.reduce((sum, entry) => sum + entry.weight, 0);
  const planned: PlannedRequest[] = [];
  for (let i = 0; i < MIX_LENGTH; i++) {
    let pick = random() * total;
    let entry = target.mix[target.mix.length - 1]!;
    for (const candidate of target.mix) {
      pick -= candidate.weight;
      if (pick < 0) {
        entry = candidate;
        break;
      }
    }
    let nik: string;
    let code: string;
    let name: string | undefined;
    if (entry.nik === "random") {
      const resident = activeResident();
      nik = resident.nik;
      code = "01";
      name = resident.record.NAMA_LGKP ?? undefined;
    } else {
      const row = magic.find((candidate) => candidate.kind === entry.nik);
      if (row === undefined) {
        throw new PocError(
          "DKS_POC_LOAD_SETUP_FAILED",
          `Failed to build the request mix: the simulator's magic table has no "${entry.nik}" NIK.`,
        );
      }
      nik = row.nik;
      code = row.code;
      name = population.findByNik(nik)?.record.NAMA_LGKP ?? undefined;
    }
    const expected = entry.expectCode ?? code;
    const label = `${entry.call} ${entry.nik} → code ${expected}`;
    const digits = new RegExp(`"NIK":"?${nik}"?[,}]`);
    if (entry.call === "lookup") {
      planned.push({
        label,
        method: "POST",
        path: `/dukcapil/get_json/${credentials.path}/CALL_NIK`,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ nik, ...auth }),
        check: (status, body, headers) =>
          status === 200 &&
          header(headers, "x-sandbox-code") === expected &&
          (expected !== "01" || digits.test(body)),
      });
    } else {
      planned.push({
        label,
        method: "POST",
        path: `/dukcapil/get_json/${credentials.path}/CALL_VERIFY_BY_ELEMEN`,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ nik, NAMA_LGKP: name ?? "TIDAK ADA", TRESHOLD: 80, ...auth }),
        check: (status, body, headers) =>
          status === 200 &&
          header(headers, "x-sandbox-code") === expected &&
          (expected !== "01" || name === undefined || /"NAMA_LGKP":"Sesuai/.test(body)),
      });
    }
  }
  return planned;
}

function appRequests(target: Extract<LoadOptions["target"], { kind: "app" }>): PlannedRequest[] {
  const regex = target.expect.regex === undefined ? undefined : new RegExp(target.expect.regex);
  const status = target.expect.status;
  const origin = new URL(target.url).origin;
  return target.niks.map((nik) => {
    const { url, init } = buildRequest(target.url, target.request, nik);
    const parsed = new URL(url);
    if (parsed.origin !== origin) {
      throw new PocError(
        "DKS_POC_LOAD_OPTIONS_INVALID",
        `Failed to read the load options: target.request.path leads to ${parsed.origin}, not to the app at ${origin}.`,
      );
    }
    return {
      label: `${init.method} ${parsed.pathname} → ${status === undefined ? "status < 400" : `status ${status}`}${regex === undefined ? "" : `, body matches /${regex.source}/`}`,
      method: String(init.method),
      path: `${parsed.pathname}${parsed.search}`,
      headers: { ...(init.headers as Record<string, string>) },
      ...(typeof init.body === "string" ? { body: init.body } : {}),
      check: (code: number, body: string) =>
        (status === undefined ? code < 400 : code === status) &&
        (regex === undefined || regex.test(body)),
    };
  });
}

// ---------------------------------------------------------------------------------------
// The simulator: in-process or remote, provisioned or with given credentials.
// ---------------------------------------------------------------------------------------

/**
 * With credentials of the caller's own institution, verify in the mix needs NAMA_LGKP in the
 * institution's grant: an ungranted element answers `null` (decision 005), so every verify
 * would count as an error. One verify before the run (one hit) says so at once instead.
 */
async function checkVerifyGrant(url: string, planned: readonly PlannedRequest[]): Promise<void> {
  const verify = planned.find((request) => /^verify .* code 01$/.test(request.label));
  if (verify === undefined) return;
  let body: string;
  try {
    const response = await fetch(`${url}${verify.path}`, {
      method: verify.method,
      headers: verify.headers,
      ...(verify.body === undefined ? {} : { body: verify.body }),
    });
    body = await response.text();
  } catch (error) {
    throw setupError(`reach the simulator at ${url}`, error);
  }
  if (body.includes('"NAMA_LGKP":null')) {
    throw new PocError(
      "DKS_POC_LOAD_SETUP_FAILED",
      "Failed to start the load: the institution of target.credentials is not granted NAMA_LGKP, so verify answers null for it and every verify would count as an error. Grant NAMA_LGKP to the institution (PATCH /sandbox/admin/institutions/<id> with its grant) or take verify out of target.mix.",
    );
  }
}

async function fetchJson(url: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok)
    throw new Error(
      `${init?.method ?? "GET"} ${url} answered ${response.status}: ${text.slice(0, 200)}`,
    );
  return JSON.parse(text);
}

async function provision(url: string, adminToken: string): Promise<Credentials> {
  const suffix = randomBytes(4).toString("hex");
  const headers = { authorization: `Bearer ${adminToken}`, "content-type": "application/json" };
  const id = `load-${suffix}`;
  const path = `LOAD_${suffix.toUpperCase()}`;
  const credentials = {
    path,
    userId: `load.${suffix}`,
    password: `load-${randomBytes(8).toString("hex")}`,
    ipUser: "10.32.4.20",
  };
  await fetchJson(`${url}/sandbox/admin/institutions`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      id,
      name: `Load test ${suffix}`,
      path,
      allowlist: ["0.0.0.0/0", "::/0"],
      stage: "production",
      patternPolicy: "record",
    }),
  });
  await fetchJson(`${url}/sandbox/admin/institutions/${id}/users`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      userId: credentials.userId,
      password: credentials.password,
      ipUser: credentials.ipUser,
      officer: {
        nik: "3204055502900001",
        fullName: "PETUGAS UJI BEBAN",
        nip: "",
        employmentStatus: "PPPK",
        position: "Petugas Loket",
        officeRegionCode: "32.04",
        officeName: "Uji beban",
        officeAddress: "Jl. Uji 1",
        localUserId: "load",
      },
    }),
  });
  return credentials;
}

function setupError(what: string, error: unknown): PocError {
  return new PocError(
    "DKS_POC_LOAD_SETUP_FAILED",
    `Failed to ${what}: ${maskDigits(error instanceof Error ? error.message : String(error))}`,
    {},
    { cause: error },
  );
}

// ---------------------------------------------------------------------------------------
// autocannon
// ---------------------------------------------------------------------------------------

function defaultConnections(options: LoadOptions): number {
  if (options.connections !== undefined) return options.connections;
  if (options.rate === undefined) return 10;
  return Math.min(100, Math.max(1, Math.ceil(options.rate / 50)));
}

async function cannon(
  url: string,
  planned: readonly PlannedRequest[],
  options: LoadOptions,
  durationS: number,
  recorder: LoadRecorder,
  onSecond: (second: number) => void,
): Promise<AutocannonResult> {
  let verdict = true;
  const requests: AutocannonRequest[] = planned.map((item) => ({
    method: item.method,
    path: item.path,
    headers: item.headers,
    ...(item.body === undefined ? {} : { body: item.body }),
    // Built when sent, not all up front in each client (see the simulator's bench).
    setupRequest: (request: AutocannonRequest) => request,
    // Called for each answer just before verifyBody, on the same client (synchronously).
    onResponse: (status, body, _context, headers) => {
      verdict = item.check(status, body, headers);
    },
  }));
  const run = autocannon();
  return new Promise<AutocannonResult>((resolve, reject) => {
    let second = 0;
    const instance = run(
      {
        url,
        connections: defaultConnections(options),
        duration: durationS,
        timeout: options.timeoutS,
        requests,
        ...(options.verifyBody ? { verifyBody: () => verdict } : {}),
        ...(options.rate === undefined ? {} : { overallRate: options.rate }),
      },
      (error, result) => {
        if (error !== null) reject(error);
        else resolve(result);
      },
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      // verifyBody decides after this event: record with the verdict of this very answer,
      // which onResponse has already computed (it runs first, on the same client).
      const good = options.verifyBody ? verdict : status >= 200 && status < 400;
      recorder.answer(ms, good);
    });
    instance.on("reqError", () => recorder.error());
    instance.on("tick", () => {
      second++;
      if (second <= Math.ceil(durationS)) onSecond(second);
    });
  });
}

/**
 * Runs a load test and resolves to its result (it does not throw for breached thresholds:
 * read `passed` and `breached`). For a simulator target without a `url` it starts an
 * in-process simulator (`population`, `seed`, database `:memory:`) and closes it after; it
 * provisions a production-stage institution and user through the admin API (so quota does
 * not interfere) unless `credentials` are given. Throws `PocError`
 * `DKS_POC_LOAD_OPTIONS_INVALID` (naming the fields) or `DKS_POC_LOAD_SETUP_FAILED`.
 *
 * @example
 * ```ts
 * import { runLoad } from "@dukcapil-sandbox/conformance/load";
 * const result = await runLoad(
 *   { target: { kind: "simulator" }, connections: 4, durationS: 2, thresholds: ["p99<100"] },
 *   { onProgress: (p) => process.stderr.write(`${p.second}s ${p.ok} ok\n`) },
 * );
 * console.log(result.summary.rps, result.passed ? "passed" : result.breached.join(", "));
 * ```
 */
export async function runLoad(
  input: LoadOptionsInput,
  hooks: RunLoadHooks = {},
): Promise<LoadResult> {
  const options = parseLoadOptions(input);
  const { target } = options;
  let started: RunningSimulator | undefined;
  try {
    let url: string;
    let planned: PlannedRequest[];
    if (target.kind === "simulator") {
      let adminToken = target.adminToken;
      let population: Population | undefined;
      if (target.url === undefined) {
        let simulator = hooks.simulator;
        if (simulator === undefined) {
          try {
            started = await startSimulator({
              population: target.population,
              seed: target.seed,
              db: ":memory:",
            });
          } catch (error) {
            throw setupError("start the in-process simulator", error);
          }
          simulator = started;
        }
        url = simulator.url;
        adminToken ??= simulator.runtime.adminToken;
        population = simulator.runtime.population;
      } else {
        url = target.url;
      }
      if (target.credentials === undefined && adminToken === undefined) {
        throw new PocError(
          "DKS_POC_LOAD_OPTIONS_INVALID",
          "Failed to read the load options: target.adminToken (--admin-token) is needed to provision a production-stage institution on the simulator at target.url, or give target.credentials.",
        );
      }
      let magic: MagicRow[];
      try {
        const health = (await fetchJson(`${url}/sandbox/health`)) as {
          seed: string;
          population: number;
        };
        population ??= createPopulation({ seed: health.seed, size: health.population });
        magic = ((await fetchJson(`${url}/sandbox/magic`)) as { magic: MagicRow[] }).magic;
      } catch (error) {
        throw setupError(`reach the simulator at ${url}`, error);
      }
      let credentials: Credentials;
      try {
        credentials = target.credentials ?? (await provision(url, adminToken!));
      } catch (error) {
        throw setupError("provision a production-stage institution and user", error);
      }
      planned = simulatorRequests(target, credentials, magic, population);
      if (target.credentials !== undefined) await checkVerifyGrant(url, planned);
    } else {
      url = target.url;
      planned = appRequests(target);
    }

    if (options.warmupS > 0) {
      const warm = new LoadRecorder();
      await cannon(url, planned, options, options.warmupS, warm, (second) =>
        hooks.onProgress?.({
          phase: "warmup",
          second,
          durationS: options.warmupS,
          ...warm.second(second - 1),
        }),
      );
    }
    const recorder = new LoadRecorder();
    const startedAt = new Date();
    let result: AutocannonResult;
    try {
      result = await cannon(url, planned, options, options.durationS, recorder, (second) => {
        try {
          hooks.onProgress?.({
            phase: "run",
            second,
            durationS: options.durationS,
            ...recorder.second(second - 1),
          });
        } catch {
          // A progress callback never stops the run.
        }
      });
    } catch (error) {
      throw setupError(`run the load against ${url}`, error);
    }
    const elapsed = Math.min(recorder.elapsedS(), Math.max(options.durationS, result.duration));
    const summary = summarise(recorder, elapsed);
    const thresholds = judge(summary, options.thresholds);
    const labels = [...new Set(planned.map((item) => maskDigits(item.label)))];
    return {
      schemaVersion: 1,
      target: { kind: target.kind, url },
      settings: {
        connections: defaultConnections(options),
        rate: options.rate ?? null,
        durationS: options.durationS,
        warmupS: options.warmupS,
        timeoutS: options.timeoutS,
        verifyBody: options.verifyBody,
        requests: labels,
      },
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      summary,
      thresholds,
      passed: thresholds.every((threshold) => threshold.passed),
      breached: thresholds.filter((threshold) => !threshold.passed).map((t) => t.name),
      series: recorder.series(options.durationS),
      histogram: histogramOf(recorder.latencies),
      autocannon: result,
    };
  } finally {
    await started?.close().catch(() => undefined);
  }
}

/**
 * An open-loop run at a fixed rate calling `call` (e.g. a PoC driver's `lookup`): one call
 * every 1/rate s for `durationS`, whatever the earlier calls are doing; a call that throws,
 * answers `false` or takes longer than `timeoutMs` is an error. Used by the PoC's load
 * criterion for apps autocannon cannot reach (module and browser drivers).
 *
 * @internal
 */
export async function runRateLoop(options: {
  readonly rate: number;
  readonly durationS: number;
  readonly timeoutMs: number;
  readonly call: (index: number, signal: AbortSignal) => Promise<boolean>;
}): Promise<LoadRecorder> {
  const recorder = new LoadRecorder();
  const total = Math.max(1, Math.round(options.rate * options.durationS));
  const intervalMs = 1000 / options.rate;
  const begin = performance.now();
  const pending: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const due = begin + index * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error("timed out")), options.timeoutMs);
    const sent = performance.now();
    const aborted = new Promise<boolean>((_, reject) =>
      controller.signal.addEventListener("abort", () => reject(controller.signal.reason)),
    );
    pending.push(
      Promise.race([options.call(index, controller.signal), aborted]).then(
        (good) => {
          clearTimeout(timer);
          if (controller.signal.aborted) recorder.error();
          else recorder.answer(performance.now() - sent, good);
        },
        () => {
          clearTimeout(timer);
          recorder.error();
        },
      ),
    );
  }
  await Promise.all(pending);
  return recorder;
}
