/**
 * `createStore`: the simulator's state on better-sqlite3 — a real database file by
 * default, `:memory:` for tests. See decisions/006-embedded-database.md.
 */
import { resolve } from "node:path";
import { type Clock, systemClock } from "@dukcapil-sandbox/core";
import { SimulatorError } from "../errors.js";
import { startCheckpointer } from "./checkpointer.js";
import { createDataBalikan } from "./data-balikan.js";
import { digestDatabase } from "./digest.js";
import { createInstitutions } from "./institutions.js";
import { createJournal } from "./journal.js";
import { createOnboarding } from "./onboarding.js";
import { createPasswordCheckCache } from "./passwords.js";
import { createPortalState, createSessionState } from "./portal.js";
import { createSqliteQuota, quotaStoreAdapter } from "./quota-store.js";
import { createRegistryCache } from "./registry-cache.js";
import { openDatabase, type SqliteDatabase, storageError, TABLES } from "./sqlite.js";
import { createTokens } from "./tokens.js";
import type { NewJournalEntry, SimulatorStore } from "./types.js";
import { createReports } from "./usage.js";
import { createUsers } from "./users.js";

/**
 * Options of {@link createStore}.
 *
 * @example
 * ```ts
 * import { systemClock } from "@dukcapil-sandbox/core";
 * import type { StoreOptions } from "@dukcapil-sandbox/simulator";
 * const options: StoreOptions = { file: "./sandbox.db", clock: systemClock };
 * ```
 */
export interface StoreOptions {
  /** Path of the database file (created when missing), or `":memory:"` (the default). */
  readonly file?: string;
  /** The source of "now" for created-at times, token rules and transitions. */
  readonly clock: Clock;
  /** How long a successful password check is remembered, in ms. Default 60,000; 0 disables the cache. */
  readonly passwordCacheTtlMs?: number;
}

/** The hit `recordHit` passes to its entry callback. */
type Hit = { granted: boolean; used: number; remaining: number | null };
type HitResult = Hit & { journalId: number };

/** A hit waiting for the group commit. */
interface PendingHit {
  readonly key: string;
  readonly day: string;
  readonly limit: number | null;
  readonly entry: (hit: Hit) => NewJournalEntry;
  readonly resolve: (result: HitResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Opens the simulator's state: applies pragmas and migrations, prepares the statements
 * and returns the repositories. `recordHit` counts a quota hit and appends its journal
 * row in ONE transaction (a failure in either, or in the entry callback, rolls back both).
 * Throws `DKS_SIM_STORAGE_FAILED` when the file cannot be opened.
 *
 * @example
 * ```ts
 * import { createManualClock, jakartaDay } from "@dukcapil-sandbox/core";
 * import { createStore } from "@dukcapil-sandbox/simulator";
 * const clock = createManualClock(Date.parse("2026-03-02T09:00:00+07:00"));
 * const store = createStore({ clock }); // in memory
 * const hit = store.recordHit("dinsos.poc", jakartaDay(clock.now()), 200, (h) => ({
 *   at: clock.now(), remoteAddress: "127.0.0.1", httpMethod: "POST", path: "/dukcapil/get_json/DINSOS_3204/CALL_NIK",
 *   endpoint: "lookup", institutionId: "dinsos", userId: "dinsos.poc", nik: "3204051502900001",
 *   code: "01", httpStatus: 200, hitsLeft: h.remaining, latencyMs: 1.2, findings: [], note: null,
 * }));
 * store.close();
 * ```
 */
export function createStore(options: StoreOptions): SimulatorStore {
  const clock = options.clock;
  if (typeof clock?.now !== "function") {
    throw new SimulatorError(
      "DKS_SIM_CONFIG_INVALID",
      "Failed to create store: clock must be an object with a now() method. Pass core's systemClock or createManualClock(…).",
      { field: "clock" },
    );
  }
  const file = options.file ?? ":memory:";
  const kind = file === ":memory:" ? "memory" : "file";
  const db: SqliteDatabase = openDatabase(file);
  // Files only: checkpoints (and their fsyncs) mostly off the event loop.
  const checkpointer = kind === "file" ? startCheckpointer(resolve(file)) : undefined;

  // A TTL of 0 makes every entry expire at once: the cache is then always missed.
  const passwordCache = createPasswordCheckCache({ ttlMs: options.passwordCacheTtlMs ?? 60_000 });
  const registryCache = createRegistryCache(db);
  const quota = createSqliteQuota(db);
  const journal = createJournal(db);
  const institutions = createInstitutions(db, clock, registryCache);
  const users = createUsers(db, clock, { passwordCache, registryCache });
  const tokens = createTokens(db, clock, institutions);
  const dataBalikan = createDataBalikan(db, clock);
  const onboarding = createOnboarding(db, clock, institutions, users);
  const reports = createReports(db, clock, institutions);
  const portal = createPortalState(db, clock);
  const adminConsole = createSessionState(
    db,
    clock,
    {
      sessions: "admin_sessions",
      failures: "admin_login_failures",
      // Console sessions expire by real time: the console itself moves the simulator clock.
    },
    systemClock,
  );

  const hitBody = (
    key: string,
    day: string,
    limit: number | null,
    entry: (hit: Hit) => NewJournalEntry,
  ): HitResult => {
    const hit = quota.consume(key, day, limit);
    const journalId = journal.insert(entry(hit), key, day, hit.granted);
    return { granted: hit.granted, used: hit.used, remaining: hit.remaining, journalId };
  };
  const hitTx = db.transaction(hitBody);

  // Group commit (recordHitGrouped): the hits queued during one event-loop turn, committed
  // together by a setImmediate callback, in ONE transaction with no savepoint per hit (a
  // SAVEPOINT/RELEASE pair per hit cost about a fifth of the batch). When any hit of the
  // batch throws, the whole batch rolls back and each hit is replayed in its own
  // transaction, so a failing hit fails alone; a failure of a replay's COMMIT (I/O, disk
  // full) rejects that hit. Entry callbacks may therefore run twice on that rare path: they
  // compute the journal row and must not have other effects.
  let pending: PendingHit[] = [];
  const batchTx = db.transaction((batch: readonly PendingHit[]) =>
    batch.map((item) => hitBody(item.key, item.day, item.limit, item.entry)),
  );
  const settleOne = (item: PendingHit) => {
    let value: HitResult;
    try {
      value = hitTx.immediate(item.key, item.day, item.limit, item.entry);
    } catch (error) {
      item.reject(storageError("record hit", error));
      return;
    }
    item.resolve(value);
  };
  const flush = () => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    let values: HitResult[];
    try {
      values = batchTx.immediate(batch);
    } catch {
      for (const item of batch) settleOne(item);
      return;
    }
    batch.forEach((item, i) => {
      item.resolve(values[i] as HitResult);
    });
  };

  const deletes = TABLES.map((table) => db.prepare(`DELETE FROM ${table.name}`));
  const resetTx = db.transaction(() => {
    for (const statement of deletes) statement.run();
  });

  return {
    kind,
    location: kind === "memory" ? ":memory:" : resolve(file),
    quota: quotaStoreAdapter(quota),
    recordHit(key, day, limit, entry) {
      try {
        return hitTx.immediate(key, day, limit, entry);
      } catch (error) {
        throw storageError("record hit", error);
      }
    },
    recordHitGrouped(key, day, limit, entry) {
      if (kind === "memory") {
        try {
          return Promise.resolve(hitTx.immediate(key, day, limit, entry));
        } catch (error) {
          return Promise.reject(storageError("record hit", error));
        }
      }
      return new Promise((resolve, reject) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ key, day, limit, entry, resolve, reject });
      });
    },
    appendJournal(entry) {
      try {
        return journal.append(entry);
      } catch (error) {
        throw storageError("append journal entry", error);
      }
    },
    journal,
    institutions,
    users,
    tokens,
    dataBalikan,
    onboarding,
    reports,
    portal,
    adminConsole,
    digest() {
      flush();
      // One canonical dump for the store and for a second connection (src/state/digest.ts).
      return digestDatabase(db).digest;
    },
    reset() {
      flush(); // hits queued before the reset belong before it
      resetTx();
      registryCache.clear();
      passwordCache.forget();
    },
    close() {
      flush(); // commits (and answers) the hits still queued; rejects them when already closed
      registryCache.clear();
      passwordCache.forget();
      checkpointer?.stop();
      if (db.open) db.close();
    },
  };
}
