// Group commit of quota hits (recordHitGrouped) and the registry cache's data_version
// check once per event-loop turn: the two hot-path changes of the state layer (bench/run.ts).
import { statSync } from "node:fs";
import { join } from "node:path";
import { jakartaDay } from "@dukcapil-sandbox/core";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSimulator } from "../src/server.js";
import { startCheckpointer } from "../src/state/checkpointer.js";
import { seedPassword } from "../src/state/seed.js";
import { createStore } from "../src/state/store.js";
import type { SimulatorStore } from "../src/state/types.js";
import { lookupEntry, manualClock, START, tempDir, userInput } from "./state-fixtures.js";

const DAY = jakartaDay(START);
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("recordHitGrouped on a database file", () => {
  let temp: ReturnType<typeof tempDir>;
  let store: SimulatorStore;
  const clock = manualClock();
  beforeEach(() => {
    temp = tempDir();
    store = createStore({ file: join(temp.dir, "group.db"), clock });
  });
  afterEach(() => {
    store.close();
    temp.cleanup();
  });

  it("commits the hits of one turn together and settles each after the commit", async () => {
    const pending = Array.from({ length: 8 }, () =>
      store.recordHitGrouped("dinsos.op", DAY, null, (hit) =>
        lookupEntry(clock.now(), { hitsLeft: hit.remaining }),
      ),
    );
    // Nothing is committed (nor answered) before the group commit runs.
    expect(store.journal.count().total).toBe(0);
    const results = await Promise.all(pending);
    expect(results.map((r) => r.used)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(results.map((r) => r.journalId)).size).toBe(8);
    expect(store.journal.count().total).toBe(8);
    expect(await store.quota.peek("dinsos.op", DAY)).toBe(8);
  });

  it("keeps the daily limit exact within a batch", async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        store.recordHitGrouped("dinsos.op", DAY, 3, (hit) =>
          lookupEntry(clock.now(), { hitsLeft: hit.remaining }, hit.granted ? "01" : "05"),
        ),
      ),
    );
    expect(results.map((r) => r.granted)).toEqual([true, true, true, false, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0, 0]);
    expect(store.journal.count()).toEqual({ total: 5, byCode: { "01": 3, "05": 2 } });
  });

  it("rolls back only the hit whose journal entry fails", async () => {
    const settled = await Promise.allSettled([
      store.recordHitGrouped("dinsos.op", DAY, 200, () => lookupEntry(clock.now())),
      store.recordHitGrouped("dinsos.op", DAY, 200, () => {
        throw new Error("entry failed");
      }),
      store.recordHitGrouped("dinsos.op", DAY, 200, () => lookupEntry(clock.now())),
    ]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((settled[1] as PromiseRejectedResult).reason).toEqual(new Error("entry failed"));
    expect(await store.quota.peek("dinsos.op", DAY)).toBe(2);
    expect(store.journal.count().total).toBe(2);
  });

  it("commits queued hits on close, and they survive reopening", async () => {
    const file = join(temp.dir, "close.db");
    const other = createStore({ file, clock });
    const pending = other.recordHitGrouped("dinsos.op", DAY, null, () => lookupEntry(START));
    other.close();
    const { journalId } = await pending;
    const reopened = createStore({ file, clock });
    expect(reopened.journal.get(journalId)?.nik).toBe("3204051502900001");
    reopened.close();
  });

  it("commits queued hits before a reset", async () => {
    const pending = store.recordHitGrouped("dinsos.op", DAY, null, () => lookupEntry(START));
    store.reset();
    await expect(pending).resolves.toMatchObject({ granted: true, used: 1 });
    expect(store.journal.count().total).toBe(0);
  });

  it("rejects hits queued after close", async () => {
    store.close();
    await expect(
      store.recordHitGrouped("dinsos.op", DAY, null, () => lookupEntry(START)),
    ).rejects.toThrow();
  });
});

describe("the checkpointer of a database file", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.cleanup());

  it("copies committed pages into the database file off the event loop", async () => {
    const file = join(temp.dir, "checkpoint.db");
    const store = createStore({ file, clock: manualClock() });
    const before = statSync(file).size;
    // Far below wal_autocheckpoint (10,000 pages): only the worker can checkpoint these.
    for (let i = 0; i < 300; i += 1) {
      store.recordHit("dinsos.op", DAY, null, () => lookupEntry(START, { nik: String(i) }));
    }
    let grown = false;
    for (let waited = 0; waited < 5_000 && !grown; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      grown = statSync(file).size > before;
    }
    expect(grown).toBe(true);
    store.close();
  });

  it("is harmless when the worker cannot open the file", () => {
    const checkpointer = startCheckpointer(join(temp.dir, "missing", "none.db"));
    checkpointer.stop();
    checkpointer.stop();
  });
});

describe("recordHitGrouped in memory", () => {
  it("commits at once", async () => {
    const store = createStore({ clock: manualClock() });
    const pending = store.recordHitGrouped("dinsos.op", DAY, null, () => lookupEntry(START));
    expect(store.journal.count().total).toBe(1);
    await expect(pending).resolves.toMatchObject({ used: 1 });
    store.close();
  });
});

describe("the registry cache with two connections to one file", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.cleanup());

  it("sees a write by another store of this process at once", () => {
    const file = join(temp.dir, "shared.db");
    const a = createStore({ file, clock: manualClock() });
    const b = createStore({ file, clock: manualClock() });
    a.institutions.create({ id: "dinsos", name: "Dinas Sosial", path: "DINSOS_3204" });
    expect(b.institutions.findByPath("DINSOS_3204")?.name).toBe("Dinas Sosial");
    a.institutions.update("dinsos", { name: "Dinas Sosial Kabupaten Bandung" });
    expect(b.institutions.findByPath("DINSOS_3204")?.name).toBe("Dinas Sosial Kabupaten Bandung");
    a.close();
    b.close();
  });

  it("sees a commit by a connection outside the repositories by the next turn", async () => {
    const file = join(temp.dir, "outside.db");
    const store = createStore({ file, clock: manualClock() });
    store.institutions.create({ id: "dinsos", name: "Dinas Sosial", path: "DINSOS_3204" });
    store.users.create("dinsos", userInput("dinsos.op"));
    expect(store.users.get("dinsos.op")?.status).toBe("active");
    const outside = new Database(file);
    outside.prepare("UPDATE users SET status = 'inactive' WHERE user_id = ?").run("dinsos.op");
    outside.close();
    await nextTurn();
    expect(store.users.get("dinsos.op")?.status).toBe("inactive");
    store.close();
  });
});

describe("a simulator on a database file under concurrent lookups", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.cleanup());

  it("answers every lookup and keeps the daily quota exact", async () => {
    const simulator = await startSimulator({
      population: 10_000,
      seed: "group-commit",
      db: join(temp.dir, "simulator.db"),
    });
    try {
      const { store, population } = simulator.runtime;
      store.users.update("dinsos3204.operator", { dailyQuota: 5 });
      const nik = population.magic.find((row) => row.kind === "found")?.nik as string;
      const answers = await Promise.all(
        Array.from({ length: 12 }, async () => {
          const response = await fetch(`${simulator.url}/dukcapil/get_json/DINSOS_3204/CALL_NIK`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              nik,
              user_id: "dinsos3204.operator",
              password: seedPassword("group-commit"),
              ip_user: "10.32.4.15",
            }),
          });
          await response.text();
          return response.headers.get("x-sandbox-code");
        }),
      );
      expect(answers.filter((code) => code === "01")).toHaveLength(5);
      expect(answers.filter((code) => code === "05")).toHaveLength(7);
      expect(store.journal.count({ userId: "dinsos3204.operator" }).total).toBe(12);
    } finally {
      await simulator.close();
    }
  });
});
