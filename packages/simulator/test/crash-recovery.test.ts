// Crash recovery (issue 7, decision 006): the simulator CLI on a database file is killed
// with SIGKILL in the middle of a load of lookups over several connections, started again on
// the same file, loaded and killed again, and started a third time. Every acknowledged request
// (a complete HTTP answer received) must have its hit and journal row; quota counters equal
// the journaled hits; the file is sound; the restarted simulator serves lookups and continues
// the recovered counters. The figures are a test annotation (`--reporter=verbose` shows them).
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { Agent } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { jakartaDay, responseCodes } from "@dukcapil-sandbox/core";
import { afterAll, describe, expect, it } from "vitest";
import { createPopulation } from "../src/population/population.js";
import {
  inspectDatabaseFile,
  lookupVia,
  readDatabaseFile,
  sendVia,
} from "./concurrency-fixtures.js";
import { CLOCK_START, CLOCK_START_MS, LOOPBACK, renderBody } from "./imitated-fixtures.js";
import { OFFICER, tempDir } from "./state-fixtures.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const ADMIN_TOKEN = "crash-test-admin-token-0123456789";
const SEED = "crash-test";
const POPULATION = 100_000;
const DAY = jakartaDay(CLOCK_START_MS);
/** Connections of the load, each a loop of lookups one after another. */
const CONNECTIONS = 8;
/** The simulator is killed when this many more answers have been received. */
const KILL_AFTER = 1_200;
/** A bound on the load, should the child never die. */
const MAX_REQUESTS = 50_000;
const POC_QUOTA = 200;
const HIT_CODES = new Set<string>(
  responseCodes.filter((row) => row.consumesQuota).map((row) => row.code),
);

interface Account {
  readonly path: string;
  readonly userId: string;
  readonly password: string;
  readonly ipUser: string;
}

const children: ChildProcess[] = [];
const temp = tempDir();

afterAll(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  temp.cleanup();
});

/** Starts `dukcapil-sandbox start` on the state file; resolves when it listens. */
async function startCli(file: string, configFile: string) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=@dukcapil-sandbox/source",
      "src/cli.ts",
      "start",
      "--port",
      "0",
      "--db",
      file,
      "--config",
      configFile,
      "--population",
      String(POPULATION),
      "--seed",
      SEED,
      "--admin-token",
      ADMIN_TOKEN,
    ],
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
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code)),
  );
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (!stdout.includes("Press Ctrl+C to stop")) return;
      child.stdout?.off("data", onData);
      resolve();
    };
    child.stdout?.on("data", onData);
    child.on("exit", () => reject(new Error(`the simulator exited: ${stdout}\n${stderr}`)));
  });
  const url = stdout.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
  if (url === undefined) throw new Error(`no URL in the output: ${stdout}`);
  return { child, exited, url, stdout: () => stdout, stderr: () => stderr };
}

/** A JSON admin request (fails the test unless 2xx). */
async function adminOk(agent: Agent, url: string, method: string, path: string, body?: unknown) {
  const answer = await sendVia(agent, url, {
    method,
    path,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (answer.status < 200 || answer.status > 299) {
    throw new Error(`${method} ${path} answered ${answer.status}: ${answer.text}`);
  }
  return JSON.parse(answer.text) as unknown;
}

/** What the load sent and what came back. */
interface Acknowledged {
  readonly nik: string;
  readonly userId: string;
  readonly journalId: number;
  readonly code: string;
}

describe("kill -9 during a load of lookups", () => {
  it("keeps every acknowledged hit and journal row, and the restarted simulator goes on", async ({
    annotate,
  }) => {
    const file = join(temp.dir, "crash.db");
    const configFile = join(temp.dir, "config.json");
    writeFileSync(configFile, JSON.stringify({ clockStartAt: CLOCK_START, clockFrozen: true }));
    const setup = new Agent({ keepAlive: true, maxSockets: 4 });
    try {
      const first = await startCli(file, configFile);
      const output = first.stdout();
      const poc: Account = {
        path: output.match(/get_json\/(\S+)\/CALL_NIK/)?.[1] ?? "",
        userId: output.match(/user ID\s+(\S+)/)?.[1] ?? "",
        password: output.match(/password\s+(\S+)/)?.[1] ?? "",
        ipUser: output.match(/ip_user\s+(\S+)/)?.[1] ?? "",
      };
      expect(poc.password).not.toBe("");

      // A production institution (no daily limit) with three user IDs, and the seeded PoC
      // user ID (200 a day): its lookups past 200 are refused with 05 and count no hit.
      await adminOk(setup, first.url, "POST", "/sandbox/admin/institutions", {
        id: "crash-prod",
        name: "RSUD Uji Crash",
        path: "CRASH_PROD",
        allowlist: [...LOOPBACK],
        stage: "production",
        patternPolicy: "record",
      });
      const production: Account[] = [];
      for (let i = 1; i <= 3; i += 1) {
        const account = {
          path: "CRASH_PROD",
          userId: `crash.op${i}`,
          password: `rahasia-crash-${i}`,
          ipUser: "10.32.4.20",
        };
        await adminOk(setup, first.url, "POST", "/sandbox/admin/institutions/crash-prod/users", {
          userId: account.userId,
          password: account.password,
          ipUser: account.ipUser,
          officer: { ...OFFICER },
        });
        production.push(account);
      }
      setup.destroy();

      // --- The load: every request a distinct NIK of the population. ---
      const population = createPopulation({ seed: SEED, size: POPULATION });
      const seen = new Set<string>();
      let nextIndex = 0;
      const nextNik = (): string | undefined => {
        while (nextIndex < POPULATION) {
          const nik = population.residentAt(nextIndex).nik;
          nextIndex += 1;
          if (!seen.has(nik)) {
            seen.add(nik);
            return nik;
          }
        }
        return undefined;
      };
      const sent = new Map<string, string>(); // NIK → user ID
      const acknowledged: Acknowledged[] = [];
      const failures: string[] = [];
      /** Requests that failed while the simulator was still alive: each is a defect. */
      const failuresBeforeKill: string[] = [];

      /** Runs the load on `url` and kills `target` once `killAfter` answers have come back. */
      const loadUntilKilled = async (
        target: Awaited<ReturnType<typeof startCli>>,
        killAfter: number,
      ): Promise<void> => {
        let killed = false;
        let childGone = false;
        void target.exited.then(() => {
          childGone = true;
        });
        const worker = async (w: number) => {
          const account =
            w < CONNECTIONS - 2 ? (production[w % production.length] as Account) : poc;
          const agent = new Agent({ keepAlive: true, maxSockets: 1 });
          try {
            while (!childGone && sent.size < MAX_REQUESTS) {
              const nik = nextNik();
              if (nik === undefined) return;
              sent.set(nik, account.userId);
              let answer: Awaited<ReturnType<typeof lookupVia>>;
              try {
                answer = await lookupVia(agent, target.url, account, nik);
              } catch (error) {
                const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
                failures.push(reason);
                if (!killed) failuresBeforeKill.push(`${account.userId} ${nik}: ${reason}`);
                return;
              }
              expect(answer.status, answer.text).toBe(200);
              acknowledged.push({
                nik,
                userId: account.userId,
                journalId: Number(answer.headers["x-sandbox-journal-id"]),
                code: String(answer.headers["x-sandbox-code"]),
              });
              if (!killed && acknowledged.length >= killAfter) {
                killed = true;
                target.child.kill("SIGKILL"); // the other connections are mid-request
              }
            }
          } finally {
            agent.destroy();
          }
        };
        await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => worker(w)));
        expect(failuresBeforeKill).toEqual([]);
        expect(killed).toBe(true);
        expect(await target.exited).toBe("SIGKILL");
        expect(target.stderr()).toBe("");
      };

      // Killed once, restarted on the same file, loaded and killed again.
      await loadUntilKilled(first, KILL_AFTER);
      const restarted = await startCli(file, configFile);
      await loadUntilKilled(restarted, acknowledged.length + KILL_AFTER);

      // --- Restart on the same file. ---
      const last = await startCli(file, configFile);
      const before = inspectDatabaseFile(file);
      expect(before.integrity).toEqual(["ok"]);
      expect(before.foreignKeyViolations).toBe(0);
      expect(before.counters).toEqual(before.journaledHits);

      const rows = readDatabaseFile(
        file,
        (db) =>
          db
            .prepare(
              "SELECT id, nik, user_id, code, hit_counted FROM journal WHERE endpoint = 'lookup'",
            )
            .all() as {
            id: number;
            nik: string;
            user_id: string;
            code: string;
            hit_counted: number;
          }[],
      );
      const byNik = new Map<string, (typeof rows)[number][]>();
      for (const row of rows) byNik.set(row.nik, [...(byNik.get(row.nik) ?? []), row]);
      // Only NIKs that were sent, each journaled at most once.
      for (const [nik, found] of byNik) {
        expect(sent.has(nik), nik).toBe(true);
        expect(found, nik).toHaveLength(1);
      }
      let lost = 0;
      for (const ack of acknowledged) {
        const row = byNik.get(ack.nik)?.[0];
        if (row === undefined) {
          lost += 1;
          continue;
        }
        expect(row.id).toBe(ack.journalId);
        expect(row.user_id).toBe(ack.userId);
        expect(row.code).toBe(ack.code);
        expect(row.hit_counted).toBe(HIT_CODES.has(ack.code) ? 1 : 0);
      }
      const acknowledgedNiks = new Set(acknowledged.map((ack) => ack.nik));
      const committedUnacknowledged = [...byNik.keys()].filter(
        (nik) => !acknowledgedNiks.has(nik),
      ).length;
      const figures = {
        rounds: 2,
        sent: sent.size,
        acknowledged: acknowledged.length,
        rowsFound: acknowledged.length - lost,
        lost,
        unacknowledged: sent.size - acknowledged.length,
        committedUnacknowledged,
        failures: [...new Set(failures)].join(", "),
      };
      await annotate(`kill -9 figures: ${JSON.stringify(figures)}`);
      expect(lost).toBe(0);
      expect(acknowledged.length).toBeGreaterThanOrEqual(2 * KILL_AFTER);
      expect(rows.length).toBe(acknowledged.length + committedUnacknowledged);
      const pocUsed = before.counters.get(`${poc.userId} ${DAY}`) ?? 0;
      expect(pocUsed).toBeLessThanOrEqual(POC_QUOTA);

      // --- The restarted simulator serves lookups and continues the recovered counters. ---
      const after = new Agent({ keepAlive: true, maxSockets: 2 });
      try {
        const fresh = nextNik() as string;
        const operator = production[0] as Account;
        const lookup = await lookupVia(after, last.url, operator, fresh);
        expect(lookup.status).toBe(200);
        expect(HIT_CODES).toContain(lookup.headers["x-sandbox-code"]);
        const verify = await sendVia(after, last.url, {
          path: `/dukcapil/get_json/${poc.path}/CALL_VERIFY_BY_ELEMEN`,
          headers: { "content-type": "application/json" },
          body: JSON.stringify(renderBody("verify", { ...poc, nik: nextNik() as string })),
        });
        const quotaLimiter = (JSON.parse(verify.text) as { quotaLimiter?: number }).quotaLimiter;
        if (pocUsed < POC_QUOTA) {
          expect(HIT_CODES).toContain(verify.headers["x-sandbox-code"]);
          expect(quotaLimiter).toBe(POC_QUOTA - pocUsed - 1);
        } else {
          expect(verify.headers["x-sandbox-code"]).toBe("05");
          expect(quotaLimiter).toBe(0);
        }
        const operatorUsed = before.counters.get(`${operator.userId} ${DAY}`) ?? 0;
        const final = inspectDatabaseFile(file);
        expect(final.integrity).toEqual(["ok"]);
        expect(final.counters).toEqual(final.journaledHits);
        expect(final.counters.get(`${operator.userId} ${DAY}`)).toBe(operatorUsed + 1);
        const journaled = readDatabaseFile(
          file,
          (db) =>
            db.prepare("SELECT id FROM journal WHERE nik = ?").pluck().get(fresh) as
              | number
              | undefined,
        );
        expect(journaled).toBe(Number(lookup.headers["x-sandbox-journal-id"]));
      } finally {
        after.destroy();
      }
      last.child.kill("SIGTERM");
      expect(await last.exited).toBe(0);
      expect(last.stderr()).toBe("");
    } finally {
      setup.destroy();
    }
  }, 60_000);
});
