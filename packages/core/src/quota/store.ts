/**
 * The storage interface behind the quota ledger. Core ships an in-memory store;
 * the simulator may supply a persistent one (SQL, Redis) with the same contract.
 */

/**
 * What a store answers to {@link QuotaStore.consume}.
 *
 * @example
 * ```ts
 * import type { QuotaStoreConsumeResult } from "@dukcapil-sandbox/core";
 * const refused: QuotaStoreConsumeResult = { granted: false, used: 200, remaining: 0 };
 * ```
 */
export interface QuotaStoreConsumeResult {
  /** True when the hit was counted; false when the limit was already reached (nothing counted). */
  readonly granted: boolean;
  /** Hits counted for the key and day after this call. */
  readonly used: number;
  /** `limit - used` (never negative), or `null` when `limit` is `null` (unlimited). */
  readonly remaining: number | null;
}

/**
 * Hits counted for one key on one Jakarta day.
 *
 * @example
 * ```ts
 * import type { QuotaDayUsage } from "@dukcapil-sandbox/core";
 * const row: QuotaDayUsage = { day: "2026-03-02", used: 17 };
 * ```
 */
export interface QuotaDayUsage {
  /** Jakarta calendar day, `YYYY-MM-DD`. */
  readonly day: string;
  readonly used: number;
}

/**
 * Where the quota ledger keeps its counters, per key and Jakarta day.
 *
 * `consume` MUST be atomic: it checks the limit and increments in one step, so
 * concurrent calls can never grant more than `limit` hits. An SQL store does it in
 * one statement (`UPDATE quota SET used = used + 1 WHERE key = ? AND day = ? AND
 * used < ?`, inserting the row first if missing); an in-process store does it without
 * an `await` between the check and the increment. A refused hit is not counted.
 * A store reports failure by rejecting; the ledger wraps it in `DKS_CORE_QUOTA_STORE_FAILED`.
 *
 * @example
 * ```ts
 * import { createMemoryQuotaStore, type QuotaStore } from "@dukcapil-sandbox/core";
 * const store: QuotaStore = createMemoryQuotaStore();
 * await store.consume("user-1", "2026-03-02", 200); // { granted: true, used: 1, remaining: 199 }
 * ```
 */
export interface QuotaStore {
  /**
   * Atomically counts one hit for `key` on `day` if fewer than `limit` hits are counted;
   * `limit: null` always counts (unlimited policy).
   */
  consume(key: string, day: string, limit: number | null): Promise<QuotaStoreConsumeResult>;
  /** Hits counted for `key` on `day` (0 when none), without counting one. */
  peek(key: string, day: string): Promise<number>;
  /** Days from `fromDay` to `toDay` (inclusive) on which `key` has hits, ascending by day. */
  list(key: string, fromDay: string, toDay: string): Promise<readonly QuotaDayUsage[]>;
  /** Forgets every counter of `key`, or of every key when `key` is omitted. */
  reset(key?: string): Promise<void>;
}
