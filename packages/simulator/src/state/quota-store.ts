/**
 * Quota counters in SQLite, and the adapter to core's `QuotaStore` interface.
 */
import type { QuotaDayUsage, QuotaStore, QuotaStoreConsumeResult } from "@dukcapil-sandbox/core";
import type { SqliteDatabase } from "./sqlite.js";
import { storageError } from "./sqlite.js";

/** The synchronous quota counters the store's `recordHit` uses inside its transaction. */
export interface SqliteQuota {
  consume(key: string, day: string, limit: number | null): QuotaStoreConsumeResult;
  peek(key: string, day: string): number;
  list(key: string, fromDay: string, toDay: string): readonly QuotaDayUsage[];
  reset(key?: string): void;
}

/**
 * Quota counters on the `quota` table. `consume` is ONE statement:
 * `INSERT … VALUES (key, day, 1) ON CONFLICT DO UPDATE SET used = used + 1 WHERE used < limit
 * RETURNING used` — the check and the increment cannot be separated, so no number of
 * concurrent callers (or processes sharing the file) can pass the limit. A refused hit
 * returns no row and changes nothing.
 *
 * @example
 * ```ts
 * import { createSqliteQuota, openDatabase } from "@dukcapil-sandbox/simulator";
 * const quota = createSqliteQuota(openDatabase(":memory:"));
 * quota.consume("dinsos.poc", "2026-03-02", 200); // { granted: true, used: 1, remaining: 199 }
 * ```
 * @internal
 */
export function createSqliteQuota(db: SqliteDatabase): SqliteQuota {
  const upsertLimited = db
    .prepare<[string, string, number], number>(
      "INSERT INTO quota (key, day, used) VALUES (?, ?, 1) ON CONFLICT (key, day) DO UPDATE SET used = used + 1 WHERE used < ? RETURNING used",
    )
    .pluck();
  const upsertUnlimited = db
    .prepare<[string, string], number>(
      "INSERT INTO quota (key, day, used) VALUES (?, ?, 1) ON CONFLICT (key, day) DO UPDATE SET used = used + 1 RETURNING used",
    )
    .pluck();
  const peek = db
    .prepare<[string, string], number>("SELECT used FROM quota WHERE key = ? AND day = ?")
    .pluck();
  const list = db.prepare<[string, string, string], QuotaDayUsage>(
    "SELECT day, used FROM quota WHERE key = ? AND day >= ? AND day <= ? AND used > 0 ORDER BY day",
  );
  const resetKey = db.prepare<[string]>("DELETE FROM quota WHERE key = ?");
  const resetAll = db.prepare("DELETE FROM quota");

  const peekUsed = (key: string, day: string): number => peek.get(key, day) ?? 0;

  return {
    consume(key, day, limit) {
      if (limit === null) {
        const used = upsertUnlimited.get(key, day) ?? 0;
        return { granted: true, used, remaining: null };
      }
      if (limit <= 0) return { granted: false, used: peekUsed(key, day), remaining: 0 };
      const counted = upsertLimited.get(key, day, limit);
      if (counted !== undefined)
        return { granted: true, used: counted, remaining: limit - counted };
      const used = peekUsed(key, day);
      return { granted: false, used, remaining: Math.max(0, limit - used) };
    },
    peek: peekUsed,
    list: (key, fromDay, toDay) => list.all(key, fromDay, toDay),
    reset(key) {
      if (key === undefined) resetAll.run();
      else resetKey.run(key);
    },
  };
}

/**
 * Core's asynchronous `QuotaStore` over the synchronous counters: each method runs its
 * statement synchronously and settles the promise (rejecting with `DKS_SIM_STORAGE_FAILED`
 * on a SQLite failure), so `consume` stays atomic under `Promise.all`.
 *
 * @example
 * ```ts
 * import { createQuotaLedger } from "@dukcapil-sandbox/core";
 * import { createSqliteQuota, openDatabase, quotaStoreAdapter } from "@dukcapil-sandbox/simulator";
 * const ledger = createQuotaLedger({ store: quotaStoreAdapter(createSqliteQuota(openDatabase(":memory:"))) });
 * ```
 * @internal
 */
export function quotaStoreAdapter(quota: SqliteQuota): QuotaStore {
  const run = <T>(action: string, fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(storageError(action, error));
    }
  };
  return {
    consume: (key, day, limit) => run("consume quota hit", () => quota.consume(key, day, limit)),
    peek: (key, day) => run("read quota", () => quota.peek(key, day)),
    list: (key, fromDay, toDay) => run("list quota days", () => quota.list(key, fromDay, toDay)),
    reset: (key) => run("reset quota", () => quota.reset(key)),
  };
}
