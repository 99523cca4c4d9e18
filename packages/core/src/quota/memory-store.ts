/**
 * An in-memory {@link QuotaStore}: for tests, the simulator's default and browsers.
 */
import type { QuotaDayUsage, QuotaStore, QuotaStoreConsumeResult } from "./store.js";

/**
 * Creates an in-memory quota store; counters live as long as the returned object.
 *
 * `consume` checks and increments synchronously inside one call, so it is atomic
 * under any number of concurrent callers in one JavaScript process.
 *
 * @example
 * ```ts
 * import { createMemoryQuotaStore, createQuotaLedger, quotaPolicyFor } from "@dukcapil-sandbox/core";
 * const ledger = createQuotaLedger({ store: createMemoryQuotaStore() });
 * const result = await ledger.consume("user-1", quotaPolicyFor("poc"));
 * ```
 */
export function createMemoryQuotaStore(): QuotaStore {
  /** key → day → hits */
  const counters = new Map<string, Map<string, number>>();

  return {
    async consume(key, day, limit): Promise<QuotaStoreConsumeResult> {
      // No await in this body: the check and the increment happen in one step.
      let days = counters.get(key);
      const current = days?.get(day) ?? 0;
      if (limit !== null && current >= limit) {
        return { granted: false, used: current, remaining: Math.max(0, limit - current) };
      }
      if (days === undefined) {
        days = new Map();
        counters.set(key, days);
      }
      const used = current + 1;
      days.set(day, used);
      return { granted: true, used, remaining: limit === null ? null : limit - used };
    },
    async peek(key, day) {
      return counters.get(key)?.get(day) ?? 0;
    },
    async list(key, fromDay, toDay): Promise<readonly QuotaDayUsage[]> {
      const days = counters.get(key);
      if (days === undefined) return [];
      return [...days]
        .filter(([day, used]) => day >= fromDay && day <= toDay && used > 0)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([day, used]) => ({ day, used }));
    },
    async reset(key) {
      if (key === undefined) counters.clear();
      else counters.delete(key);
    },
  };
}
