/**
 * The state digest over any connection to a simulator database: one SHA-256 for the whole
 * state, equal to `SimulatorStore.digest()` of the same data, and one per table, so a test
 * that expects "no change" can name the table that changed. Reads only; a second,
 * read-only connection to a database file sees what the store committed (WAL).
 */
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { type SqliteDatabase, TABLES, userVersion } from "./sqlite.js";

/**
 * A digest of every table of the state.
 *
 * @example
 * ```ts
 * import { openDatabase } from "./sqlite.js"; // internal modules of the simulator
 * import { digestDatabase } from "./digest.js";
 * const { digest, tables, rows } = digestDatabase(openDatabase(":memory:"));
 * rows.journal; // 0
 * ```
 * @internal
 */
export interface StateDigest {
  /** SHA-256 (hex) of the canonical dump of every table: the value of `SimulatorStore.digest()`. */
  readonly digest: string;
  /** SHA-256 (hex) of each table's canonical dump, by table name. */
  readonly tables: Readonly<Record<string, string>>;
  /** Row count of each table, by table name. */
  readonly rows: Readonly<Record<string, number>>;
}

/**
 * Digests the state held by a database connection: the canonical dump of `TABLES` (rows in
 * each table's `orderBy` order, one JSON array per row), as `SimulatorStore.digest()` does.
 *
 * @example
 * ```ts
 * import { openDatabase } from "./sqlite.js"; // internal modules of the simulator
 * import { changedTables, digestDatabase } from "./digest.js";
 * const db = openDatabase(":memory:");
 * const before = digestDatabase(db);
 * // … read-only requests …
 * const changed = changedTables(before, digestDatabase(db)); // []
 * ```
 * @internal
 */
export function digestDatabase(db: SqliteDatabase): StateDigest {
  const whole = createHash("sha256");
  whole.update(`schema ${userVersion(db)}\n`);
  const tables: Record<string, string> = {};
  const rows: Record<string, number> = {};
  for (const table of TABLES) {
    const one = createHash("sha256");
    let count = 0;
    whole.update(`table ${table.name}\n`);
    const statement = db
      .prepare(`SELECT * FROM ${table.name} ORDER BY ${table.orderBy}`)
      .raw() as Database.Statement<[], unknown[]>;
    for (const row of statement.iterate()) {
      const line = `${JSON.stringify(row)}\n`;
      whole.update(line);
      one.update(line);
      count++;
    }
    tables[table.name] = one.digest("hex");
    rows[table.name] = count;
  }
  return { digest: whole.digest("hex"), tables, rows };
}

/**
 * Digests the state in a database file through a read-only connection of its own (the
 * simulator may keep the file open and keep writing). Call the store's `digest()` first
 * when hits may still wait for their group commit.
 *
 * @example
 * ```ts
 * import { digestStateFile } from "@dukcapil-sandbox/simulator";
 * const { digest } = digestStateFile(".dukcapil-sandbox/state.db");
 * ```
 * @internal
 */
export function digestStateFile(file: string): StateDigest {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return digestDatabase(db);
  } finally {
    db.close();
  }
}

/**
 * The names of the tables whose digest differs between two digests (empty: same state).
 *
 * @example
 * ```ts
 * import { changedTables, type StateDigest } from "@dukcapil-sandbox/simulator";
 * declare const before: StateDigest;
 * declare const after: StateDigest;
 * changedTables(before, after); // e.g. ["journal"]
 * ```
 * @internal
 */
export function changedTables(before: StateDigest, after: StateDigest): string[] {
  return TABLES.map((table) => table.name).filter(
    (name) => before.tables[name] !== after.tables[name],
  );
}
