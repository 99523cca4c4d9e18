// Shared fixtures of the concurrency and crash-recovery tests (not a test file itself).
import type { Agent } from "node:http";
import Database from "better-sqlite3";
import { type RawAnswer, send } from "./imitated-fixtures.js";

/** {@link send} through `agent` (keep-alive, many sockets). */
export function sendVia(
  agent: Agent,
  baseUrl: string,
  options: Omit<Parameters<typeof send>[1], "agent">,
): Promise<RawAnswer> {
  return send(baseUrl, { ...options, agent });
}

/** A `/dukcapil/get_json/<path>/CALL_NIK` lookup through an agent. */
export function lookupVia(
  agent: Agent,
  baseUrl: string,
  account: {
    readonly path: string;
    readonly userId: string;
    readonly password: string;
    readonly ipUser: string;
  },
  nik: string,
): Promise<RawAnswer> {
  return sendVia(agent, baseUrl, {
    path: `/dukcapil/get_json/${account.path}/CALL_NIK`,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      nik,
      user_id: account.userId,
      password: account.password,
      ip_user: account.ipUser,
    }),
  });
}

/** What {@link inspectDatabaseFile} finds in a state file. */
export interface DatabaseInspection {
  /** `PRAGMA integrity_check` rows: `["ok"]` when sound. */
  readonly integrity: readonly string[];
  /** `PRAGMA foreign_key_check` rows (none when sound). */
  readonly foreignKeyViolations: number;
  /** Quota counters (`key day` → used), zero counters left out. */
  readonly counters: ReadonlyMap<string, number>;
  /** Journal rows that counted a hit, per quota key and day (`key day` → rows). */
  readonly journaledHits: ReadonlyMap<string, number>;
}

/**
 * Opens a state file read-only (another process may hold it open) and reads its
 * integrity, foreign keys, quota counters and the journal rows that counted a hit.
 */
export function inspectDatabaseFile(file: string): DatabaseInspection {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const integrity = db.pragma("integrity_check", { simple: false }) as {
      integrity_check: string;
    }[];
    const foreignKeys = db.pragma("foreign_key_check") as unknown[];
    const counters = new Map(
      (
        db.prepare("SELECT key, day, used FROM quota WHERE used > 0").all() as {
          key: string;
          day: string;
          used: number;
        }[]
      ).map((row) => [`${row.key} ${row.day}`, row.used]),
    );
    const journaledHits = new Map(
      (
        db
          .prepare(
            "SELECT quota_key AS key, quota_day AS day, COUNT(*) AS hits FROM journal WHERE hit_counted = 1 GROUP BY quota_key, quota_day",
          )
          .all() as { key: string; day: string; hits: number }[]
      ).map((row) => [`${row.key} ${row.day}`, row.hits]),
    );
    return {
      integrity: integrity.map((row) => row.integrity_check),
      foreignKeyViolations: foreignKeys.length,
      counters,
      journaledHits,
    };
  } finally {
    db.close();
  }
}

/** Runs `fn` on a read-only connection to a state file and closes it. */
export function readDatabaseFile<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    return fn(db);
  } finally {
    db.close();
  }
}

/** A small deterministic PRNG (mulberry32) for shuffling a burst of requests. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Shuffles a copy of `items` with `random` (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
