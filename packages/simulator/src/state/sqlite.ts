/**
 * Opening the simulator's SQLite database: pragmas and versioned schema migrations.
 * See decisions/006-embedded-database.md for the choice of better-sqlite3 and the pragmas.
 */
import Database from "better-sqlite3";
import { SimulatorError } from "../errors.js";

/** A better-sqlite3 connection. */
export type SqliteDatabase = Database.Database;

/** A prepared statement with positional parameters `P` and rows `R`. */
export type SqliteStatement<P extends unknown[], R = unknown> = Database.Statement<P, R>;

/** One schema migration: applied once, in order, inside a transaction. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/**
 * The schema migrations, in order. `PRAGMA user_version` holds the last applied version.
 * Never edit a released migration: append a new one.
 */
export const migrations: readonly Migration[] = Object.freeze([
  {
    version: 1,
    description: "registry (institutions, users, tokens), quota, journal, data balikan, onboarding",
    sql: `
CREATE TABLE institutions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  path TEXT NOT NULL COLLATE NOCASE UNIQUE,
  aliases TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
  allowlist TEXT NOT NULL,
  grant_elements TEXT NOT NULL,
  dialect TEXT NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('onboarding', 'poc', 'production')),
  pattern_policy TEXT NOT NULL CHECK (pattern_policy IN ('record', 'warn', 'block')),
  access_hours TEXT,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
  user_id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
  ip_user TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
  daily_quota INTEGER CHECK (daily_quota IS NULL OR daily_quota >= 0),
  officer TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX users_institution ON users (institution_id);

CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
  application_id TEXT NOT NULL,
  record TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX tokens_institution ON tokens (institution_id, application_id);

CREATE TABLE quota (
  key TEXT NOT NULL,
  day TEXT NOT NULL,
  used INTEGER NOT NULL CHECK (used >= 0),
  PRIMARY KEY (key, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE journal (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  day TEXT NOT NULL,
  remote_address TEXT NOT NULL,
  http_method TEXT NOT NULL,
  path TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  institution_id TEXT,
  user_id TEXT,
  nik TEXT,
  code TEXT,
  http_status INTEGER NOT NULL,
  hits_left INTEGER,
  latency_ms REAL NOT NULL,
  findings TEXT NOT NULL,
  note TEXT,
  quota_key TEXT,
  quota_day TEXT,
  hit_counted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX journal_at ON journal (at);
CREATE INDEX journal_institution_at ON journal (institution_id, at);
CREATE INDEX journal_user_at ON journal (user_id, at);

CREATE TABLE data_balikan (
  id INTEGER PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
  nik TEXT NOT NULL,
  params TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  day TEXT NOT NULL,
  token_id TEXT,
  UNIQUE (institution_id, nik, params)
) STRICT;
CREATE INDEX data_balikan_day ON data_balikan (institution_id, day);

CREATE TABLE onboarding_tickets (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  data TEXT NOT NULL,
  institution_id TEXT REFERENCES institutions (id) ON DELETE SET NULL,
  user_id TEXT REFERENCES users (user_id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE onboarding_transitions (
  id INTEGER PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES onboarding_tickets (id) ON DELETE CASCADE,
  from_state TEXT,
  to_state TEXT NOT NULL,
  at INTEGER NOT NULL,
  note TEXT
) STRICT;
CREATE INDEX onboarding_transitions_ticket ON onboarding_transitions (ticket_id, id);
`,
  },
  {
    version: 2,
    description: "Web Portal sessions and failed portal logins (lockout)",
    sql: `
CREATE TABLE portal_sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT REFERENCES users (user_id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX portal_sessions_expires ON portal_sessions (expires_at);
CREATE INDEX portal_sessions_user ON portal_sessions (user_id);

CREATE TABLE portal_login_failures (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX portal_login_failures_user_at ON portal_login_failures (user_id, at);
`,
  },
  {
    version: 3,
    description: "Admin console sessions and failed admin logins (lockout per connecting address)",
    sql: `
CREATE TABLE admin_sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX admin_sessions_expires ON admin_sessions (expires_at);

CREATE TABLE admin_login_failures (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX admin_login_failures_user_at ON admin_login_failures (user_id, at);
`,
  },
]);

/** The schema version this code writes: the last migration's. */
export const SCHEMA_VERSION: number = migrations.at(-1)?.version ?? 0;

/**
 * Every table of the schema, in the order `digest()` and `reset()` visit them
 * (children before parents for deletes), with the column that orders a canonical dump.
 */
export const TABLES: readonly { readonly name: string; readonly orderBy: string }[] = Object.freeze(
  [
    { name: "admin_login_failures", orderBy: "id" },
    { name: "admin_sessions", orderBy: "id_hash" },
    { name: "portal_login_failures", orderBy: "id" },
    { name: "portal_sessions", orderBy: "id_hash" },
    { name: "onboarding_transitions", orderBy: "id" },
    { name: "onboarding_tickets", orderBy: "id" },
    { name: "data_balikan", orderBy: "id" },
    { name: "journal", orderBy: "id" },
    { name: "quota", orderBy: "key, day" },
    { name: "tokens", orderBy: "id" },
    { name: "users", orderBy: "user_id" },
    { name: "institutions", orderBy: "id" },
  ],
);

/**
 * Opens (creating when missing) a database and applies pragmas and migrations.
 *
 * Pragmas: `journal_mode = WAL` (a committed transaction is in the WAL file before the
 * call returns, so it survives a killed process), `synchronous = NORMAL` (no fsync per
 * commit: only a power loss or OS crash can lose the last transactions), `foreign_keys = ON`,
 * `busy_timeout = 5000` (wait for another connection's write lock instead of failing),
 * `wal_autocheckpoint = 10000` and `journal_size_limit` (64 MiB) for files.
 *
 * @example
 * ```ts
 * import { openDatabase } from "@dukcapil-sandbox/simulator";
 * const db = openDatabase(":memory:");
 * db.close();
 * ```
 * @internal
 */
export function openDatabase(file: string): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    db = new Database(file);
  } catch (cause) {
    throw new SimulatorError(
      "DKS_SIM_STORAGE_FAILED",
      `Failed to open database ${file}: ${(cause as Error).message}. Check that the directory exists and is writable, or pass ":memory:".`,
      { file },
      { cause },
    );
  }
  try {
    if (file !== ":memory:") {
      db.pragma("journal_mode = WAL");
      // Checkpoint every 10,000 pages (~40 MiB of WAL) instead of 1,000: hot pages (quota
      // counters, index tails) are copied to the database once per checkpoint, not once per
      // 1,000 pages; about 15% more recordHit/s on a file. The WAL is truncated back to
      // 64 MiB at most after a checkpoint.
      db.pragma("wal_autocheckpoint = 10000");
      db.pragma("journal_size_limit = 67108864");
    }
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    migrate(db);
  } catch (cause) {
    db.close();
    throw cause;
  }
  return db;
}

/**
 * Applies the migrations newer than the database's `user_version`, each in its own
 * transaction; running it again is a no-op. Throws `DKS_SIM_STORAGE_FAILED` for a database
 * written by a newer simulator.
 *
 * @example
 * ```ts
 * import { migrate, openDatabase } from "@dukcapil-sandbox/simulator";
 * const db = openDatabase(":memory:");
 * migrate(db); // already current: does nothing
 * ```
 * @internal
 */
export function migrate(db: SqliteDatabase): number {
  const current = userVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new SimulatorError(
      "DKS_SIM_STORAGE_FAILED",
      `Failed to open database ${db.name}: its schema version ${current} is newer than this simulator's ${SCHEMA_VERSION}. Upgrade the simulator or use another --db file.`,
      { schemaVersion: current, supported: SCHEMA_VERSION },
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    // IMMEDIATE takes the write lock first, so two processes opening the same new file
    // cannot both apply a migration: the second re-reads the version and skips it.
    db.transaction(() => {
      if (userVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return userVersion(db);
}

/**
 * The database's `PRAGMA user_version`.
 *
 * @internal
 */
export function userVersion(db: SqliteDatabase): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/**
 * The SQLite error code of a better-sqlite3 error (`SQLITE_CONSTRAINT_UNIQUE`, …), or `null`.
 *
 * @internal
 */
export function sqliteCode(error: unknown): string | null {
  if (error instanceof Database.SqliteError) return error.code;
  return null;
}

/**
 * Whether an error is a UNIQUE or PRIMARY KEY constraint violation.
 *
 * @internal
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/**
 * Wraps a SQLite failure as `DKS_SIM_STORAGE_FAILED`; other errors pass through unchanged
 * (a `SimulatorError` thrown inside a transaction keeps its code).
 *
 * @internal
 */
export function storageError(action: string, error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  return new SimulatorError(
    "DKS_SIM_STORAGE_FAILED",
    `Failed to ${action}: ${error.code}. Check the database file and its disk; nothing was changed.`,
    { sqliteCode: error.code },
    { cause: error },
  );
}

/**
 * `JSON.parse` of a column this module wrote, typed by the caller.
 *
 * @internal
 */
export function readJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/**
 * A WHERE clause from optional conditions: each part is `[sql with one ?, value, key]`;
 * parts whose value is `undefined` are left out. `key` names the combination, so callers
 * can cache one prepared statement per combination.
 *
 * @internal
 */
export function whereClause(
  parts: readonly (readonly [sql: string, value: string | number | undefined, key: string])[],
): { sql: string; params: (string | number)[]; key: string } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  let key = "";
  for (const [sql, value, part] of parts) {
    if (value === undefined) continue;
    clauses.push(sql);
    params.push(value);
    key += part;
  }
  return { sql: clauses.length === 0 ? "" : `WHERE ${clauses.join(" AND ")}`, params, key };
}
