/**
 * The quota ledger: counts NIK hits per key and Jakarta calendar day against a
 * {@link QuotaPolicy}, behind a {@link QuotaStore}.
 *
 * Per the wire-format decisions (§5), every request that passes the credential,
 * IP and status checks consumes one hit, whatever the data outcome; the caller
 * decides when to call {@link QuotaLedger.consume}.
 */
import { z } from "zod";
import { DukcapilCoreError } from "../errors.js";
import { clockSchema, readClock } from "../internal/clock.js";
import { ISO_CALENDAR_DATE } from "../internal/date-format.js";
import { parseOptions } from "../internal/options.js";
import { type Clock, jakartaDay, nextJakartaMidnight, systemClock } from "../time.js";
import { parseQuotaPolicy, type QuotaPolicy } from "./policy.js";
import { type SemesterId, semesterRange } from "./semester.js";
import type { QuotaDayUsage, QuotaStore } from "./store.js";

/**
 * Options of {@link createQuotaLedger}.
 *
 * @example
 * ```ts
 * import { createManualClock, createMemoryQuotaStore, type QuotaLedgerOptions } from "@dukcapil-sandbox/core";
 * const options: QuotaLedgerOptions = {
 *   store: createMemoryQuotaStore(),
 *   clock: createManualClock(Date.parse("2026-03-02T09:00:00+07:00")),
 * };
 * ```
 */
export interface QuotaLedgerOptions {
  /** Where counters are kept. */
  store: QuotaStore;
  /** The source of "now"; decides the Jakarta day. Default: the system clock. */
  clock?: Clock;
}

const CONSUME = "consume quota hit";

const quotaStoreSchema = z.custom<QuotaStore>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    ["consume", "peek", "list", "reset"].every(
      (method) => typeof (value as Record<string, unknown>)[method] === "function",
    ),
  { message: "Expected a QuotaStore: an object with consume, peek, list and reset methods" },
);

const ledgerOptionsSchema = z.strictObject({
  store: quotaStoreSchema,
  clock: clockSchema.default(systemClock),
});

const keySchema = z.string().min(1, "Expected a non-empty key (a User ID or institution id)");

const storeConsumeResultSchema = z.object({
  granted: z.boolean(),
  used: z.int().nonnegative(),
  remaining: z.int().nonnegative().nullable(),
});

const storeListSchema = z.array(
  z.object({ day: z.string().regex(ISO_CALENDAR_DATE), used: z.int().nonnegative() }),
);

interface QuotaStatusBase {
  /** The key the hits are counted for (a User ID, an institution id). */
  readonly key: string;
  /** The Jakarta calendar day the hits count for, `YYYY-MM-DD`. */
  readonly day: string;
  /** Hits counted for `key` on `day` (after this hit, for {@link QuotaLedger.consume}). */
  readonly used: number;
  /** Epoch ms of the next 00:00 WIB, when a new day (and a fresh daily quota) begins. */
  readonly resetsAt: number;
}

/**
 * The quota of a key today.
 *
 * `limit` and `remaining` are numbers for a daily policy and `null` for an unlimited
 * one: `null` survives JSON (where `Infinity` becomes `null` anyway) and forces
 * the caller to decide what to show instead of printing "Infinity". Narrow on `kind`.
 *
 * @example
 * ```ts
 * import type { QuotaStatus } from "@dukcapil-sandbox/core";
 * function label(status: QuotaStatus): string {
 *   return status.kind === "daily" ? `${status.remaining} of ${status.limit} left` : "unlimited";
 * }
 * ```
 */
export type QuotaStatus =
  | (QuotaStatusBase & {
      readonly kind: "daily";
      readonly limit: number;
      readonly remaining: number;
    })
  | (QuotaStatusBase & {
      readonly kind: "unlimited";
      readonly limit: null;
      readonly remaining: null;
    });

/**
 * The outcome of {@link QuotaLedger.consume}: granted or refused, with the quota after the call.
 * A refused hit is not counted.
 *
 * @example
 * ```ts
 * import type { QuotaConsumeResult } from "@dukcapil-sandbox/core";
 * function respond(result: QuotaConsumeResult): string {
 *   return result.granted ? "serve" : "Kuota Akses Hari ini telah Habis";
 * }
 * ```
 */
export type QuotaConsumeResult = QuotaStatus & { readonly granted: boolean };

/**
 * Hits of a key over a semester, for the semester usage report.
 *
 * @example
 * ```ts
 * import type { QuotaSemesterTotals } from "@dukcapil-sandbox/core";
 * const empty: QuotaSemesterTotals = {
 *   key: "user-1", semester: "2026-1", fromDay: "2026-01-01", toDay: "2026-06-30", total: 0, days: [],
 * };
 * ```
 */
export interface QuotaSemesterTotals {
  readonly key: string;
  readonly semester: SemesterId;
  /** First Jakarta day of the semester, inclusive. */
  readonly fromDay: string;
  /** Last Jakarta day of the semester, inclusive. */
  readonly toDay: string;
  /** Sum of hits over the semester. */
  readonly total: number;
  /** Days with at least one hit, ascending; days without hits are left out. */
  readonly days: readonly QuotaDayUsage[];
}

/**
 * Counts NIK hits per key and Jakarta day; see {@link createQuotaLedger}.
 *
 * @example
 * ```ts
 * import { createMemoryQuotaStore, createQuotaLedger, type QuotaLedger } from "@dukcapil-sandbox/core";
 * const ledger: QuotaLedger = createQuotaLedger({ store: createMemoryQuotaStore() });
 * ```
 */
export interface QuotaLedger {
  /** Counts one hit for `key` today if the policy allows it (unlimited: always, and still counted). */
  consume(key: string, policy: QuotaPolicy): Promise<QuotaConsumeResult>;
  /** The quota of `key` today, without counting a hit. */
  status(key: string, policy: QuotaPolicy): Promise<QuotaStatus>;
  /** Hits left today: a number for a daily policy, `null` for an unlimited one. */
  remaining(key: string, policy: QuotaPolicy): Promise<number | null>;
  /** Hits of `key` in a semester (`"2026-1"`), total and per day. Throws `DKS_CORE_INVALID_SEMESTER`. */
  semesterTotals(key: string, semester: string): Promise<QuotaSemesterTotals>;
  /** Forgets the counters of `key`, or of every key. */
  reset(key?: string): Promise<void>;
}

/**
 * Creates a quota ledger over a store.
 *
 * Throws `DKS_CORE_INVALID_OPTIONS` for invalid options, keys or policies, and
 * `DKS_CORE_QUOTA_STORE_FAILED` (with the store's error as `cause`) when the store
 * rejects or answers out of contract; a hit whose store call failed is not counted
 * as far as the ledger knows, so the request must not be served.
 *
 * @example
 * ```ts
 * import { createMemoryQuotaStore, createQuotaLedger, quotaPolicyFor } from "@dukcapil-sandbox/core";
 * const ledger = createQuotaLedger({ store: createMemoryQuotaStore() });
 * const result = await ledger.consume("user-1", quotaPolicyFor("poc"));
 * if (!result.granted) console.log("Kuota Akses Hari ini telah Habis");
 * ```
 */
export function createQuotaLedger(options: QuotaLedgerOptions): QuotaLedger {
  const { store, clock } = parseOptions(
    ledgerOptionsSchema,
    options,
    "create quota ledger",
    "Pass { store: createMemoryQuotaStore() } or another QuotaStore, and optionally a clock.",
  );

  function today(action: string) {
    const now = readClock(clock, action);
    return { day: jakartaDay(now), resetsAt: nextJakartaMidnight(now) };
  }

  function checkArguments(key: unknown, policy: unknown, action: string) {
    const checkedKey = parseOptions(
      keySchema,
      key,
      action,
      "Pass the User ID or institution id the hits count for.",
    );
    return { key: checkedKey, policy: parseQuotaPolicy(policy) };
  }

  function toStatus(
    key: string,
    policy: QuotaPolicy,
    day: string,
    resetsAt: number,
    used: number,
  ): QuotaStatus {
    if (policy.kind === "unlimited") {
      return { kind: "unlimited", key, day, used, limit: null, remaining: null, resetsAt };
    }
    const limit = policy.hitsPerDay;
    return {
      kind: "daily",
      key,
      day,
      used,
      limit,
      remaining: Math.max(0, limit - used),
      resetsAt,
    };
  }

  async function status(key: string, policy: QuotaPolicy): Promise<QuotaStatus> {
    const checked = checkArguments(key, policy, "read quota");
    const { day, resetsAt } = today("read quota");
    const used = await callStore("read quota", { key: checked.key, day }, () =>
      store.peek(checked.key, day),
    );
    const usedParsed = z.int().nonnegative().safeParse(used);
    if (!usedParsed.success) throw outOfContract("read quota", checked.key, day, used);
    return toStatus(checked.key, checked.policy, day, resetsAt, usedParsed.data);
  }

  return {
    async consume(key, policy) {
      const checked = checkArguments(key, policy, CONSUME);
      const { day, resetsAt } = today(CONSUME);
      const limit = checked.policy.kind === "daily" ? checked.policy.hitsPerDay : null;
      // One atomic store call: never read-then-write here, or concurrent calls could overrun the limit.
      const answer = await callStore(CONSUME, { key: checked.key, day }, () =>
        store.consume(checked.key, day, limit),
      );
      const parsed = storeConsumeResultSchema.safeParse(answer);
      if (!parsed.success) throw outOfContract(CONSUME, checked.key, day, answer);
      return {
        ...toStatus(checked.key, checked.policy, day, resetsAt, parsed.data.used),
        granted: parsed.data.granted,
      };
    },

    status,

    async remaining(key, policy) {
      return (await status(key, policy)).remaining;
    },

    async semesterTotals(key, semester) {
      const range = semesterRange(semester);
      const checkedKey = parseOptions(
        keySchema,
        key,
        "read semester totals",
        "Pass the User ID or institution id the hits count for.",
      );
      const listed = await callStore(
        "read semester totals",
        { key: checkedKey, semester: range.semester },
        () => store.list(checkedKey, range.fromDay, range.toDay),
      );
      const parsed = storeListSchema.safeParse(listed);
      if (!parsed.success) {
        throw outOfContract("read semester totals", checkedKey, range.fromDay, listed);
      }
      const days = parsed.data
        .filter((row) => row.day >= range.fromDay && row.day <= range.toDay && row.used > 0)
        .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
        .map((row) => Object.freeze({ day: row.day, used: row.used }));
      return {
        key: checkedKey,
        semester: range.semester,
        fromDay: range.fromDay,
        toDay: range.toDay,
        total: days.reduce((sum, row) => sum + row.used, 0),
        days,
      };
    },

    async reset(key) {
      const checkedKey =
        key === undefined
          ? undefined
          : parseOptions(
              keySchema,
              key,
              "reset quota",
              "Pass a key, or nothing to reset every key.",
            );
      await callStore("reset quota", { key: checkedKey ?? null }, () => store.reset(checkedKey));
    },
  };
}

async function callStore<T>(
  action: string,
  details: Record<string, unknown>,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const fix =
      action === CONSUME
        ? "The hit was not counted: do not serve the request, and check the error's cause"
        : "Check the error's cause and retry when the store is back";
    throw new DukcapilCoreError(
      "DKS_CORE_QUOTA_STORE_FAILED",
      `Failed to ${action}: the quota store failed (${reason}). ${fix}.`,
      details,
      { cause },
    );
  }
}

function outOfContract(action: string, key: string, day: string, answer: unknown) {
  return new DukcapilCoreError(
    "DKS_CORE_QUOTA_STORE_FAILED",
    `Failed to ${action}: the quota store answered out of contract. Fix the QuotaStore implementation; see details.answer.`,
    { key, day, answer },
  );
}
