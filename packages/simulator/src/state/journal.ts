/**
 * The request journal on the `journal` table: the one place that keeps full request data
 * (full NIKs). Everything else logs NIKs masked with core's `maskNik`.
 */
import { DAY_MS, jakartaDay, nextJakartaMidnight, type ResponseCode } from "@dukcapil-sandbox/core";
import { readJson, type SqliteDatabase, type SqliteStatement, whereClause } from "./sqlite.js";
import type {
  JournalCounts,
  JournalEntry,
  JournalFilter,
  JournalRepository,
  NewJournalEntry,
} from "./types.js";

/** Default and largest page size of {@link JournalRepository.query}. */
export const JOURNAL_PAGE = Object.freeze({ defaultLimit: 100, maxLimit: 10_000 });

interface JournalRow {
  id: number;
  at: number;
  remote_address: string;
  http_method: string;
  path: string;
  endpoint: JournalEntry["endpoint"];
  institution_id: string | null;
  user_id: string | null;
  nik: string | null;
  code: ResponseCode | null;
  http_status: number;
  hits_left: number | null;
  latency_ms: number;
  findings: string;
  note: string | null;
}

const COLUMNS =
  "id, at, remote_address, http_method, path, endpoint, institution_id, user_id, nik, code, http_status, hits_left, latency_ms, findings, note";

function toEntry(row: JournalRow): JournalEntry {
  return {
    id: row.id,
    at: row.at,
    remoteAddress: row.remote_address,
    httpMethod: row.http_method,
    path: row.path,
    endpoint: row.endpoint,
    institutionId: row.institution_id,
    userId: row.user_id,
    nik: row.nik,
    code: row.code,
    httpStatus: row.http_status,
    hitsLeft: row.hits_left,
    latencyMs: row.latency_ms,
    findings: row.findings === "[]" ? [] : readJson<JournalEntry["findings"]>(row.findings),
    note: row.note,
  };
}

/**
 * The journal with the internal insert `recordHit` uses (quota key, day and whether a hit was counted).
 *
 * @internal
 */
export interface SqliteJournal extends JournalRepository {
  insert(
    entry: NewJournalEntry,
    quotaKey: string | null,
    quotaDay: string | null,
    hitCounted: boolean,
  ): number;
}

type Where = { readonly sql: string; readonly params: readonly (string | number)[] };

function whereOf(filter: Omit<JournalFilter, "limit" | "offset">): Where & { key: string } {
  return whereClause([
    ["institution_id = ?", filter.institutionId, "i"],
    ["user_id = ?", filter.userId, "u"],
    ["code = ?", filter.code, "c"],
    ["at >= ?", filter.from, "f"],
    ["at < ?", filter.to, "t"],
  ]);
}

/**
 * The journal repository over an open database.
 *
 * @example
 * ```ts
 * import { createJournal, openDatabase } from "@dukcapil-sandbox/simulator";
 * const journal = createJournal(openDatabase(":memory:"));
 * journal.query({ userId: "dinsos.poc", limit: 20 });
 * ```
 * @internal
 */
export function createJournal(db: SqliteDatabase): SqliteJournal {
  const insert = db.prepare<
    [
      number,
      string,
      string,
      string,
      string,
      string,
      string | null,
      string | null,
      string | null,
      string | null,
      number,
      number | null,
      number,
      string,
      string | null,
      string | null,
      string | null,
      number,
    ]
  >(
    `INSERT INTO journal (at, day, remote_address, http_method, path, endpoint, institution_id, user_id, nik, code, http_status, hits_left, latency_ms, findings, note, quota_key, quota_day, hit_counted)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const getOne = db.prepare<[number], JournalRow>(`SELECT ${COLUMNS} FROM journal WHERE id = ?`);
  const resetAll = db.prepare("DELETE FROM journal");
  const resetInstitution = db.prepare<[string]>("DELETE FROM journal WHERE institution_id = ?");

  // Statements per filter shape, prepared on first use (at most 32 of each kind).
  const queries = new Map<string, SqliteStatement<unknown[], JournalRow>>();
  const counts = new Map<string, SqliteStatement<unknown[], { code: string | null; n: number }>>();

  // The Jakarta day of the last instant journaled: most rows fall on the same day, so the
  // day string is reused until the instant leaves [dayStart, dayEnd).
  let cachedDay = "";
  let dayStart = 0;
  let dayEnd = -1;
  const dayOf = (at: number): string => {
    if (at < dayStart || at >= dayEnd) {
      cachedDay = jakartaDay(at);
      dayEnd = nextJakartaMidnight(at);
      dayStart = dayEnd - DAY_MS;
    }
    return cachedDay;
  };

  const insertEntry = (
    entry: NewJournalEntry,
    quotaKey: string | null,
    quotaDay: string | null,
    hitCounted: boolean,
  ): number => {
    const at = Math.floor(entry.at);
    const result = insert.run(
      at,
      dayOf(at),
      entry.remoteAddress,
      entry.httpMethod,
      entry.path,
      entry.endpoint,
      entry.institutionId,
      entry.userId,
      entry.nik,
      entry.code,
      entry.httpStatus,
      entry.hitsLeft,
      entry.latencyMs,
      entry.findings.length === 0 ? "[]" : JSON.stringify(entry.findings),
      entry.note,
      quotaKey,
      quotaDay,
      hitCounted ? 1 : 0,
    );
    return Number(result.lastInsertRowid);
  };

  return {
    insert: insertEntry,
    append: (entry) => insertEntry(entry, null, null, false),
    get: (id) => {
      const row = getOne.get(id);
      return row === undefined ? undefined : toEntry(row);
    },
    query(filter = {}) {
      const where = whereOf(filter);
      let statement = queries.get(where.key);
      if (statement === undefined) {
        statement = db.prepare<unknown[], JournalRow>(
          `SELECT ${COLUMNS} FROM journal ${where.sql} ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`,
        );
        queries.set(where.key, statement);
      }
      const limit = Math.min(
        Math.max(Math.trunc(filter.limit ?? JOURNAL_PAGE.defaultLimit), 0),
        JOURNAL_PAGE.maxLimit,
      );
      const offset = Math.max(Math.trunc(filter.offset ?? 0), 0);
      return statement.all(...where.params, limit, offset).map(toEntry);
    },
    count(filter = {}): JournalCounts {
      const where = whereOf(filter);
      let statement = counts.get(where.key);
      if (statement === undefined) {
        statement = db.prepare<unknown[], { code: string | null; n: number }>(
          `SELECT code, count(*) AS n FROM journal ${where.sql} GROUP BY code ORDER BY code`,
        );
        counts.set(where.key, statement);
      }
      const byCode: Record<string, number> = {};
      let total = 0;
      for (const row of statement.all(...where.params)) {
        byCode[row.code ?? "none"] = row.n;
        total += row.n;
      }
      return { total, byCode };
    },
    reset(institutionId) {
      const result =
        institutionId === undefined ? resetAll.run() : resetInstitution.run(institutionId);
      return result.changes;
    },
  };
}
