// Fuzzing every HTTP surface of a running simulator (issue 7): malformed JSON, huge and deep
// bodies, wrong types, NUL bytes and odd Unicode, injection strings, prototype-pollution
// keys, duplicate and oversized headers, wrong methods, slow bodies, bad framing — over
// keep-alive connections, plus raw sockets for malformed HTTP. The simulator runs in a child
// process (test/fuzz-server.ts) so that its memory is measured in its own process.
//
// Asserted:
// - every request is answered (no hang: 10 s per request), or closed deliberately (raw
//   malformed HTTP is refused with problem+json and a close; a body over a limit may be cut
//   off after its 413), and the server process is alive and healthy after the run;
// - in the right voice (fuzz-client.ts `voiceFault`): the upstream envelope on routed
//   imitated requests, `{"message"}` on data balikan, problem+json with a registry code
//   elsewhere under /dukcapil and /sandbox, HTML pages (or redirects) on /portal and /admin;
//   never DKS_SIM_INTERNAL, never a 5xx except an injected fault;
// - bounded memory: the server's heap and RSS (after GC) at the end stay within a bound of
//   their value after the warm-up round;
// - read-only requests leave the state unchanged: the state digest (all tables) is equal
//   before and after each read-only batch. What counts as read-only is documented at the
//   top of fuzz-cases.ts (refused before any state is touched, GETs of controls and pages
//   without a session, unknown routes, bad admin tokens, malformed HTTP).
//
// Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> FUZZ_REQUESTS=<n>.
// FUZZ_REPORT=<file> writes the figures (requests, closes, hangs, memory) as JSON.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  createRng,
  type FuzzCase,
  type FuzzTargets,
  type HttpCase,
  rawCase,
  readOnlyCase,
  slowReadOnlyCase,
  writingCase,
} from "./fuzz-cases.js";
import { checkOutcome, createAgents, type Outcome, sendHttp, sendRaw } from "./fuzz-client.js";
import type { FuzzServerReady, FuzzServerStats } from "./fuzz-server.js";

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 100_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_124);
const ROUNDS = REQUESTS >= 20_000 ? 10 : 4;
const CONCURRENCY = 24;
const HANG_MS = 10_000;
/** Shares of each round: read-only HTTP, raw malformed HTTP, writing HTTP. */
const READ_ONLY_SHARE = 0.5;
const RAW_SHARE = 0.04;
/** Growth allowed after the warm-up round (the journal lives in the database file). */
const HEAP_BOUND_BYTES = 32 * 1024 * 1024;
const RSS_BOUND_BYTES = 256 * 1024 * 1024;
const MAX_BODY_BYTES = 256 * 1024;
const TEST_TIMEOUT_MS = 120_000 + REQUESTS * 1.5;

const packageDir = new URL("..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "dks-fuzz-"));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the fuzz server child; resolves once it listens. */
function startChild(): Promise<{
  child: ChildProcess;
  ready: FuzzServerReady;
  stderr: () => string;
}> {
  const config = {
    db: join(dir, "state.db"),
    population: 100_000,
    adminToken: "fuzz-admin-token-0123456789",
    // A frozen clock inside access hours: the run does not depend on the time of day.
    clockStartAt: "2026-11-24T10:00:00+07:00",
    clockFrozen: true,
    maxBodyBytes: MAX_BODY_BYTES,
    requestTimeoutMs: 5_000,
  };
  const started = spawn(
    process.execPath,
    [
      "--expose-gc",
      // FUZZ_CPU_PROF=<dir>: a CPU profile of the server (where the time goes).
      ...(process.env.FUZZ_CPU_PROF === undefined
        ? []
        : ["--cpu-prof", `--cpu-prof-dir=${process.env.FUZZ_CPU_PROF}`]),
      "--import",
      "tsx",
      "--conditions=@dukcapil-sandbox/source",
      "test/fuzz-server.ts",
    ],
    {
      cwd: packageDir,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: { ...process.env, FUZZ_SIMULATOR_CONFIG: JSON.stringify(config) },
    },
  );
  let stderr = "";
  started.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  started.stdout?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`fuzz server did not start: ${stderr}`)),
      30_000,
    );
    started.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`fuzz server exited with ${code}: ${stderr}`));
    });
    started.on("message", (message: { type: string }) => {
      if (message.type !== "ready") return;
      clearTimeout(timer);
      resolve({ child: started, ready: message as FuzzServerReady, stderr: () => stderr });
    });
  });
}

/**
 * Asks the child for its memory and state digest (`gc`: collect garbage first, for memory
 * figures; `store`: the store's own digest too).
 */
function statsOf(
  server: ChildProcess,
  options: { readonly gc?: boolean; readonly store?: boolean } = {},
): Promise<FuzzServerStats> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("fuzz server: no stats")), 30_000);
    const onMessage = (message: FuzzServerStats) => {
      if (message.type !== "stats" || message.id !== id) return;
      clearTimeout(timer);
      server.off("message", onMessage);
      resolve(message);
    };
    server.on("message", onMessage);
    server.send({ type: "stats", id, ...options });
  });
}

/** The session cookie a response sets (`name=value`), or "". */
const cookieOf = (response: Response) =>
  (response.headers.getSetCookie().find((c) => /_sid=/.test(c)) ?? "").split(";")[0] ?? "";
/** The CSRF token of a page's forms, or "". */
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";

/** An anonymous session of a sign-in page (its cookie and form token). */
async function anonymousSession(
  url: string,
  page: string,
): Promise<{ cookie: string; csrf: string }> {
  const form = await fetch(`${url}${page}`);
  const session = { cookie: cookieOf(form), csrf: csrfOf(await form.text()) };
  if (session.cookie === "" || session.csrf === "") throw new Error(`no session at ${page}`);
  return session;
}

/** A session opened the way a browser does it: the sign-in page, then its form. */
async function openSession(
  url: string,
  page: string,
  fields: Record<string, string>,
  after: string,
): Promise<{ cookie: string; csrf: string }> {
  const anonymous = await anonymousSession(url, page);
  const signIn = await fetch(`${url}${page}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: anonymous.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: anonymous.csrf, ...fields }).toString(),
  });
  const cookie = cookieOf(signIn);
  const landing = await fetch(`${url}${after}`, { headers: { cookie } });
  const csrf = csrfOf(await landing.text());
  if (cookie === "" || csrf === "") throw new Error(`could not open a session at ${page}`);
  return { cookie, csrf };
}

interface Tally {
  requests: number;
  answered: number;
  deliberateCloses: number;
  hangs: number;
  failures: string[];
  failureCount: number;
  byLabel: Map<string, number>;
  msByLabel: Map<string, number>;
}

describe("HTTP fuzz", () => {
  it(
    `answers ${REQUESTS} fuzzed requests in the right voice, with bounded memory, and read-only ones change no state`,
    async () => {
      const started = await startChild();
      child = started.child;
      const { ready } = started;
      const port = Number(new URL(ready.url).port);
      let exited: number | null | undefined;
      child.once("exit", (code) => {
        exited = code;
      });

      const targets: FuzzTargets = {
        adminToken: ready.adminToken,
        institutionId: ready.institutionId,
        institutionPath: ready.institutionPath,
        userId: ready.userId,
        password: ready.password,
        ipUser: ready.ipUser,
        dataBalikanToken: ready.dataBalikanToken,
        niks: ready.niks,
        maxBodyBytes: MAX_BODY_BYTES,
        portal: await openSession(
          ready.url,
          "/portal/masuk",
          { user_id: ready.userId, password: ready.password },
          "/portal/cari",
        ),
        console: await openSession(
          ready.url,
          "/admin/masuk",
          { admin_token: ready.adminToken },
          "/admin/instansi",
        ),
        portalLogin: await anonymousSession(ready.url, "/portal/masuk"),
        consoleLogin: await anonymousSession(ready.url, "/admin/masuk"),
      };

      const agents = createAgents(CONCURRENCY);
      const tally: Tally = {
        requests: 0,
        answered: 0,
        deliberateCloses: 0,
        hangs: 0,
        failures: [],
        failureCount: 0,
        byLabel: new Map(),
        msByLabel: new Map(),
      };
      const record = (c: FuzzCase, where: string, outcome: Outcome, ms: number) => {
        tally.requests++;
        tally.byLabel.set(c.label, (tally.byLabel.get(c.label) ?? 0) + 1);
        tally.msByLabel.set(c.label, (tally.msByLabel.get(c.label) ?? 0) + ms);
        if (outcome.kind === "answer") tally.answered++;
        else if (outcome.kind === "hang") tally.hangs++;
        else tally.deliberateCloses++;
        const fault = checkOutcome(c, outcome);
        if (fault === undefined) return;
        tally.failureCount++;
        if (tally.failures.length < 25) {
          const request =
            c.kind === "http"
              ? `${c.method} ${c.path.slice(0, 160)} from ${c.localAddress}`
              : JSON.stringify(c.bytes.subarray(0, 120).toString("latin1"));
          const answer =
            outcome.kind === "answer"
              ? `${outcome.status} ${String(outcome.headers["content-type"])} ${outcome.body.subarray(0, 200).toString("utf8")}`
              : outcome.kind;
          tally.failures.push(`${c.label} (${where}): ${fault}\n    ${request}\n    → ${answer}`);
        }
      };
      const run = async (cases: readonly FuzzCase[], where: string) => {
        let next = 0;
        const worker = async () => {
          while (next < cases.length) {
            const index = next++;
            const c = cases[index] as FuzzCase;
            const sent = performance.now();
            const outcome =
              c.kind === "http"
                ? await sendHttp(port, agents.get(c.localAddress), c, HANG_MS)
                : await sendRaw(port, c.bytes, HANG_MS, { halfClose: c.halfClose ?? false });
            record(c, `${where} #${index}`, outcome, performance.now() - sent);
          }
        };
        await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      };

      const clientCpuBefore = process.cpuUsage();
      let latest = await statsOf(child);
      const serverCpuBefore = latest.cpu;
      const perRound = Math.ceil(REQUESTS / ROUNDS);
      const readOnlyPerRound = Math.round(perRound * READ_ONLY_SHARE);
      const rawPerRound = Math.round(perRound * RAW_SHARE);
      const writingPerRound = perRound - readOnlyPerRound - rawPerRound;
      const stateChanges: string[] = [];
      let warm: FuzzServerStats | undefined;
      let peakHeap = 0;
      let peakRss = 0;
      let serial = 0;
      const roundMs: number[] = [];
      /** Rounds whose writing batch changed the digest: the digest does see writes. */
      let writingRoundsThatChanged = 0;

      for (let round = 0; round < ROUNDS; round++) {
        const seed = SEED + round * 1_000;
        const roundStarted = performance.now();
        // Read-only batch: the digest must not move.
        const readRng = createRng(seed + 1);
        const rawRng = createRng(seed + 2);
        const readOnly: FuzzCase[] = [];
        for (let i = 0; i < readOnlyPerRound; i++) readOnly.push(readOnlyCase(readRng, targets));
        for (let i = 0; i < rawPerRound; i++) readOnly.push(rawCase(rawRng));
        if (round === 1) for (let i = 0; i < 4; i++) readOnly.push(slowReadOnlyCase(readRng));
        const before = latest;
        await run(readOnly, `round ${round} read-only, seed ${seed + 1}/${seed + 2}`);
        const after = await statsOf(child);
        if (after.state.digest !== before.state.digest) {
          const tables = Object.keys(after.state.tables).filter(
            (name) => after.state.tables[name] !== before.state.tables[name],
          );
          stateChanges.push(
            `round ${round} (seed ${seed + 1}): tables ${tables.join(", ")} changed`,
          );
        }
        // Writing batch: answered in the right voice; the state may change.
        const writeRng = createRng(seed + 3);
        const writing: HttpCase[] = [];
        for (let i = 0; i < writingPerRound; i++)
          writing.push(writingCase(writeRng, targets, serial++));
        await run(writing, `round ${round} writing, seed ${seed + 3}`);
        const stats = await statsOf(child, { gc: true });
        if (stats.state.digest !== after.state.digest) writingRoundsThatChanged++;
        latest = stats;
        if (round === 0) warm = stats;
        roundMs.push(Math.round(performance.now() - roundStarted));
        peakHeap = Math.max(peakHeap, stats.memory.heapUsed);
        peakRss = Math.max(peakRss, stats.memory.rss);
      }

      // Alive and healthy after the run, and never polluted.
      const health = await fetch(`${ready.url}/sandbox/health`);
      const healthBody = (await health.json()) as { status?: string };
      const end = await statsOf(child, { gc: true, store: true });
      agents.destroy();
      const figures = {
        seed: SEED,
        requests: tally.requests,
        answered: tally.answered,
        deliberateCloses: tally.deliberateCloses,
        hangs: tally.hangs,
        failures: tally.failureCount,
        stateChangesOnReadOnly: stateChanges.length,
        rows: end.state.rows,
        memory: {
          warmHeapUsedMiB: (warm?.memory.heapUsed ?? 0) / 2 ** 20,
          endHeapUsedMiB: end.memory.heapUsed / 2 ** 20,
          peakHeapUsedMiB: peakHeap / 2 ** 20,
          warmRssMiB: (warm?.memory.rss ?? 0) / 2 ** 20,
          endRssMiB: end.memory.rss / 2 ** 20,
          peakRssMiB: peakRss / 2 ** 20,
        },
        roundMs,
        cpuSeconds: {
          server:
            (end.cpu.user + end.cpu.system - serverCpuBefore.user - serverCpuBefore.system) / 1e6,
          client: (() => {
            const used = process.cpuUsage(clientCpuBefore);
            return (used.user + used.system) / 1e6;
          })(),
        },
        byLabel: Object.fromEntries(
          [...tally.byLabel]
            .sort()
            .map(([label, count]) => [
              label,
              { count, meanMs: Number(((tally.msByLabel.get(label) ?? 0) / count).toFixed(2)) },
            ]),
        ),
      };
      if (process.env.FUZZ_REPORT !== undefined) {
        writeFileSync(process.env.FUZZ_REPORT, `${JSON.stringify(figures, null, 2)}\n`);
      }

      expect(tally.failures, `seed ${SEED}: ${tally.failureCount} failures`).toEqual([]);
      expect(tally.hangs).toBe(0);
      expect(tally.requests).toBeGreaterThanOrEqual(REQUESTS);
      expect(stateChanges).toEqual([]);
      expect(writingRoundsThatChanged).toBe(ROUNDS);
      expect(exited).toBeUndefined();
      expect(health.status).toBe(200);
      expect(healthBody.status).toBe("ok");
      expect(end.polluted).toBe(false);
      // The second connection reads the state the store holds.
      expect(end.state.digest).toBe(end.digest);
      expect(end.memory.heapUsed).toBeLessThan((warm?.memory.heapUsed ?? 0) + HEAP_BOUND_BYTES);
      expect(end.memory.rss).toBeLessThan((warm?.memory.rss ?? 0) + RSS_BOUND_BYTES);

      const closed = new Promise<number | null>((resolve) => child?.once("exit", resolve));
      child.send({ type: "close" });
      expect(await closed).toBe(0);
      expect(started.stderr()).toBe("");
      child = undefined;
    },
    TEST_TIMEOUT_MS,
  );
});
