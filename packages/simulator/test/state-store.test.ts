import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createQuotaLedger, jakartaDay, quotaPolicyFor } from "@dukcapil-sandbox/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SimulatorError } from "../src/errors.js";
import { migrate, openDatabase, SCHEMA_VERSION, userVersion } from "../src/state/sqlite.js";
import { createStore } from "../src/state/store.js";
import type { SimulatorStore } from "../src/state/types.js";
import { lookupEntry, manualClock, START, tempDir, userInput } from "./state-fixtures.js";

const DAY = jakartaDay(START);

describe("a store on a database file", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.cleanup());

  it("keeps institutions, users, quota and journal across close and reopen", () => {
    const file = join(temp.dir, "sandbox.db");
    const clock = manualClock();
    const first = createStore({ file, clock });
    expect(first.kind).toBe("file");
    expect(first.location).toBe(file);
    first.institutions.create({ id: "dinsos", name: "Dinas Sosial", path: "DINSOS_3204" });
    first.users.create("dinsos", userInput("dinsos.op"));
    const hit = first.recordHit("dinsos.op", DAY, 200, (h) =>
      lookupEntry(clock.now(), { hitsLeft: h.remaining }),
    );
    const digest = first.digest();
    first.close();

    const second = createStore({ file, clock });
    expect(second.institutions.get("dinsos")?.name).toBe("Dinas Sosial");
    expect(second.users.verifyPassword("dinsos.op", "rahasia-sandbox-1")).toBe(true);
    expect(second.journal.get(hit.journalId)?.nik).toBe("3204051502900001");
    expect(second.digest()).toBe(digest);
    second.close();
  });

  it("applies migrations once: reopening and migrating again change nothing", () => {
    const file = join(temp.dir, "migrate.db");
    const db = openDatabase(file);
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    const schema = db.prepare("SELECT sql FROM sqlite_schema ORDER BY name").pluck().all();
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    db.close();
    const again = openDatabase(file);
    expect(userVersion(again)).toBe(SCHEMA_VERSION);
    expect(again.prepare("SELECT sql FROM sqlite_schema ORDER BY name").pluck().all()).toEqual(
      schema,
    );
    again.close();
  });

  it("refuses a database written by a newer schema version", () => {
    const file = join(temp.dir, "newer.db");
    const db = openDatabase(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(SimulatorError);
  });

  it("runs in WAL mode with synchronous NORMAL and foreign keys on", () => {
    const db = openDatabase(join(temp.dir, "pragmas.db"));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
    db.close();
  });

  it("keeps every acknowledged hit and journal row when the process is killed with SIGKILL", async () => {
    const file = join(temp.dir, "killed.db");
    const child = spawn(
      process.execPath,
      [
        "--conditions=@dukcapil-sandbox/source",
        "--import",
        "tsx",
        fileURLToPath(new URL("./state-kill-child.ts", import.meta.url)),
        file,
        "40",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("ack 40\n")) resolve();
      });
      child.on("exit", () => reject(new Error(`child exited early: ${errors}`)));
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const store = createStore({ file, clock: manualClock() });
    expect(store.journal.count().total).toBe(40);
    expect(await store.quota.peek("killed.op", DAY)).toBe(40);
    store.close();
  });
});

describe("quota counters", () => {
  let store: SimulatorStore;
  beforeEach(() => {
    store = createStore({ clock: manualClock() });
  });
  afterEach(() => store.close());

  it("grants exactly 200 of 1,000 concurrent consumes against a limit of 200", async () => {
    const results = await Promise.all(
      Array.from({ length: 1000 }, () => store.quota.consume("dinsos.op", DAY, 200)),
    );
    expect(results.filter((result) => result.granted)).toHaveLength(200);
    expect(results.at(-1)).toEqual({ granted: false, used: 200, remaining: 0 });
    expect(await store.quota.peek("dinsos.op", DAY)).toBe(200);
  });

  it("counts hits without limit for an unlimited policy and refuses everything at limit 0", async () => {
    await store.quota.consume("prod.op", DAY, null);
    expect(await store.quota.consume("prod.op", DAY, null)).toEqual({
      granted: true,
      used: 2,
      remaining: null,
    });
    expect(await store.quota.consume("zero.op", DAY, 0)).toEqual({
      granted: false,
      used: 0,
      remaining: 0,
    });
  });

  it("lists days in a range and resets one key or all", async () => {
    await store.quota.consume("a", "2026-03-01", 5);
    await store.quota.consume("a", "2026-03-03", 5);
    await store.quota.consume("b", "2026-03-03", 5);
    expect(await store.quota.list("a", "2026-03-01", "2026-03-02")).toEqual([
      { day: "2026-03-01", used: 1 },
    ]);
    await store.quota.reset("a");
    expect(await store.quota.peek("a", "2026-03-03")).toBe(0);
    expect(await store.quota.peek("b", "2026-03-03")).toBe(1);
    await store.quota.reset();
    expect(await store.quota.peek("b", "2026-03-03")).toBe(0);
  });

  it("serves core's quota ledger as its QuotaStore", async () => {
    const clock = manualClock();
    const ledger = createQuotaLedger({ store: store.quota, clock });
    const result = await ledger.consume("dinsos.op", quotaPolicyFor("poc"));
    expect(result).toMatchObject({ used: 1, remaining: 199 });
  });
});

describe("recordHit", () => {
  let store: SimulatorStore;
  const clock = manualClock();
  beforeEach(() => {
    store = createStore({ clock });
  });
  afterEach(() => store.close());

  it("counts the hit and writes the journal row with the hit's remaining count", () => {
    const result = store.recordHit("dinsos.op", DAY, 200, (hit) =>
      lookupEntry(clock.now(), { hitsLeft: hit.remaining }),
    );
    expect(result).toMatchObject({ granted: true, used: 1, remaining: 199 });
    expect(store.journal.get(result.journalId)).toMatchObject({ hitsLeft: 199, code: "01" });
  });

  it("journals a refused hit without counting it", () => {
    store.recordHit("dinsos.op", DAY, 1, (hit) =>
      lookupEntry(clock.now(), { hitsLeft: hit.remaining }),
    );
    const refused = store.recordHit("dinsos.op", DAY, 1, () => lookupEntry(clock.now(), {}, "05"));
    expect(refused).toMatchObject({ granted: false, used: 1, remaining: 0 });
    expect(store.journal.count()).toEqual({ total: 2, byCode: { "01": 1, "05": 1 } });
  });

  it("rolls back the hit when building the journal entry throws", async () => {
    const before = store.digest();
    expect(() =>
      store.recordHit("dinsos.op", DAY, 200, () => {
        throw new Error("entry failed");
      }),
    ).toThrow("entry failed");
    expect(await store.quota.peek("dinsos.op", DAY)).toBe(0);
    expect(store.journal.count().total).toBe(0);
    expect(store.digest()).toBe(before);
  });

  it("rolls back the hit when the journal insert fails", async () => {
    const broken = { ...lookupEntry(clock.now()), remoteAddress: null as unknown as string };
    expect(() => store.recordHit("dinsos.op", DAY, 200, () => broken)).toThrow(SimulatorError);
    expect(await store.quota.peek("dinsos.op", DAY)).toBe(0);
    expect(store.journal.count().total).toBe(0);
  });

  // The target is 50,000/s (about 100,000/s measured alone, see decisions/006); the floor
  // here is lower so that parallel test files on a small machine cannot make it flaky, while
  // a real regression (no prepared statements, an fsync per hit) still fails it.
  it("records at least 20,000 hits per second in memory", () => {
    const rates: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const n = 20_000;
      const started = performance.now();
      for (let i = 0; i < n; i += 1) {
        store.recordHit(`user-${i % 50}`, DAY, null, (hit) =>
          lookupEntry(START, { hitsLeft: hit.remaining }),
        );
      }
      rates.push(n / ((performance.now() - started) / 1000));
    }
    expect(Math.max(...rates)).toBeGreaterThanOrEqual(20_000);
  });
});

describe("the journal", () => {
  let store: SimulatorStore;
  beforeEach(() => {
    store = createStore({ clock: manualClock() });
    const rows: [number, string, string, "01" | "05" | "13" | null][] = [
      [START, "dinsos", "dinsos.op", "01"],
      [START + 1000, "dinsos", "dinsos.op2", "13"],
      [START + 2000, "dinkes", "dinkes.op", "01"],
      [START + 3000, "dinsos", "dinsos.op", "05"],
      [START + 4000, "dinkes", "dinkes.op", null],
    ];
    for (const [at, institutionId, userId, code] of rows) {
      store.appendJournal(lookupEntry(at, { institutionId, userId }, code));
    }
  });
  afterEach(() => store.close());

  it("lists newest first and filters by institution, user, code and time range", () => {
    expect(store.journal.query().map((entry) => entry.at)).toEqual([
      START + 4000,
      START + 3000,
      START + 2000,
      START + 1000,
      START,
    ]);
    expect(store.journal.query({ institutionId: "dinsos" })).toHaveLength(3);
    expect(store.journal.query({ userId: "dinsos.op" }).map((entry) => entry.code)).toEqual([
      "05",
      "01",
    ]);
    expect(store.journal.query({ code: "01" })).toHaveLength(2);
    expect(store.journal.query({ from: START + 1000, to: START + 3000 })).toHaveLength(2);
    expect(store.journal.query({ limit: 2, offset: 1 }).map((entry) => entry.at)).toEqual([
      START + 3000,
      START + 2000,
    ]);
  });

  it("keeps the full NIK and the findings", () => {
    const id = store.appendJournal(
      lookupEntry(START + 5000, { findings: ["PATTERN_SEQUENTIAL", "PATTERN_BURST"] }),
    );
    expect(store.journal.get(id)).toMatchObject({
      nik: "3204051502900001",
      findings: ["PATTERN_SEQUENTIAL", "PATTERN_BURST"],
    });
  });

  it("counts in total and by code, with rows without an outcome under none", () => {
    expect(store.journal.count()).toEqual({
      total: 5,
      byCode: { "01": 2, "05": 1, "13": 1, none: 1 },
    });
    expect(store.journal.count({ institutionId: "dinkes" })).toEqual({
      total: 2,
      byCode: { "01": 1, none: 1 },
    });
  });

  it("resets one institution's rows or all rows", () => {
    expect(store.journal.reset("dinkes")).toBe(2);
    expect(store.journal.count().total).toBe(3);
    expect(store.journal.reset()).toBe(3);
    expect(store.journal.query()).toEqual([]);
  });
});

describe("digest and reset", () => {
  it("changes the digest after a write and not after reads", async () => {
    const clock = manualClock();
    const store = createStore({ clock });
    store.institutions.create({ id: "dinsos", name: "Dinas Sosial", path: "DINSOS_3204" });
    const before = store.digest();
    store.institutions.list();
    store.institutions.findByPath("dinsos_3204");
    store.journal.query();
    store.journal.count();
    await store.quota.peek("dinsos.op", DAY);
    store.reports.usage({ semester: "2026-1" });
    expect(store.digest()).toBe(before);
    store.institutions.update("dinsos", { stage: "poc" });
    expect(store.digest()).not.toBe(before);
    store.close();
  });

  it("reset empties every table", () => {
    const clock = manualClock();
    const store = createStore({ clock });
    const empty = store.digest();
    store.institutions.create({ id: "dinsos", name: "Dinas Sosial", path: "DINSOS_3204" });
    store.users.create("dinsos", userInput("dinsos.op"));
    store.recordHit("dinsos.op", DAY, 200, () => lookupEntry(clock.now()));
    store.reset();
    expect(store.digest()).toBe(empty);
    expect(store.users.get("dinsos.op")).toBeUndefined();
    expect(store.users.verifyPassword("dinsos.op", "rahasia-sandbox-1")).toBe(false);
    store.close();
  });
});
