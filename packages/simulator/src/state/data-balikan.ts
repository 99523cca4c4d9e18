/**
 * Data balikan received (Juknis III; PKS "data balikan"), on the `data_balikan` table.
 * An item is unique per institution + NIK + canonical params: sending it again is the
 * upstream's `400 {"message":"Data sudah pernah dikirim"}` (wire-format.md, Decisions §10).
 */
import { type Clock, jakartaDay } from "@dukcapil-sandbox/core";
import { SimulatorError } from "../errors.js";
import { institutionNotFound } from "./institutions.js";
import { type SqliteDatabase, type SqliteStatement, whereClause } from "./sqlite.js";
import type {
  DataBalikanFilter,
  DataBalikanItem,
  DataBalikanReceipt,
  DataBalikanRepository,
} from "./types.js";

/**
 * JSON with object keys sorted (by UTF-16 code unit) at every depth, arrays in order, no
 * whitespace, and `bigint`s (core's lossless parser) as their digits: equal values give
 * equal texts whatever the key order or spacing the client sent.
 * Throws `DKS_SIM_VALIDATION` for values JSON cannot carry (non-finite numbers, functions).
 *
 * @example
 * ```ts
 * import { canonicalJson } from "@dukcapil-sandbox/simulator";
 * canonicalJson([{ JENIS: "PKH", ID: 7n }]); // '[{"ID":7,"JENIS":"PKH"}]'
 * ```
 * @internal
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (Number.isFinite(value)) return JSON.stringify(value);
      break;
    case "bigint":
      return value.toString();
    case "object": {
      if (Array.isArray(value)) {
        return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
    }
    default:
      break;
  }
  throw new SimulatorError(
    "DKS_SIM_VALIDATION",
    `Failed to read data balikan params: a ${typeof value} value cannot be stored as JSON. Send JSON strings, numbers, objects and arrays only.`,
    { issues: [{ path: "param", code: "invalid_type", message: "Expected a JSON value" }] },
  );
}

interface DataBalikanRow {
  id: number;
  institution_id: string;
  nik: string;
  params: string;
  received_at: number;
}

function toItem(row: DataBalikanRow): DataBalikanItem {
  return {
    id: row.id,
    institutionId: row.institution_id,
    nik: row.nik,
    params: row.params,
    receivedAt: row.received_at,
  };
}

function whereOf(filter: Omit<DataBalikanFilter, "limit" | "offset">): {
  sql: string;
  params: (string | number)[];
  key: string;
} {
  return whereClause([
    ["institution_id = ?", filter.institutionId, "i"],
    ["received_at >= ?", filter.from, "f"],
    ["received_at < ?", filter.to, "t"],
  ]);
}

/**
 * The data-balikan repository over an open database.
 *
 * @example
 * ```ts
 * import { createManualClock } from "@dukcapil-sandbox/core";
 * import { createDataBalikan, openDatabase } from "@dukcapil-sandbox/simulator";
 * const dataBalikan = createDataBalikan(openDatabase(":memory:"), createManualClock(0));
 * dataBalikan.isDuplicate("dinsos", "3204051502900001", [{ CUSTOMER_ID: "A-1" }]); // false
 * ```
 * @internal
 */
export function createDataBalikan(db: SqliteDatabase, clock: Clock): DataBalikanRepository {
  const insert = db.prepare<[string, string, string, number, string, string | null]>(
    "INSERT INTO data_balikan (institution_id, nik, params, received_at, day, token_id) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const exists = db
    .prepare<[string, string, string], number>(
      "SELECT 1 FROM data_balikan WHERE institution_id = ? AND nik = ? AND params = ?",
    )
    .pluck();
  const institutionExists = db
    .prepare<[string], number>("SELECT 1 FROM institutions WHERE id = ?")
    .pluck();
  const lists = new Map<string, SqliteStatement<unknown[], DataBalikanRow>>();
  const counts = new Map<string, SqliteStatement<unknown[], number>>();

  const receiveTx = db.transaction(
    (
      institutionId: string,
      items: readonly { nik: string; params: string }[],
      at: number,
      tokenId: string | null,
    ): DataBalikanReceipt => {
      const seen = new Set<string>();
      const duplicates: { index: number; nik: string }[] = [];
      items.forEach((item, index) => {
        const key = `${item.nik}\u0000${item.params}`;
        if (seen.has(key) || exists.get(institutionId, item.nik, item.params) !== undefined) {
          duplicates.push({ index, nik: item.nik });
        }
        seen.add(key);
      });
      if (duplicates.length > 0) return { ok: false, duplicates };
      const day = jakartaDay(at);
      const stored = items.map((item) => {
        const result = insert.run(institutionId, item.nik, item.params, at, day, tokenId);
        return {
          id: Number(result.lastInsertRowid),
          institutionId,
          nik: item.nik,
          params: item.params,
          receivedAt: at,
        };
      });
      return { ok: true, stored };
    },
  );

  return {
    receive(institutionId, items, options = {}) {
      if (institutionExists.get(institutionId) === undefined) {
        throw institutionNotFound(institutionId);
      }
      const canonical = items.map((item) => ({
        nik: item.nik,
        params: canonicalJson(item.params),
      }));
      const at = Math.floor(options.at ?? clock.now());
      return receiveTx(institutionId, canonical, at, options.tokenId ?? null);
    },
    isDuplicate: (institutionId, nik, params) =>
      exists.get(institutionId, nik, canonicalJson(params)) !== undefined,
    list(filter = {}) {
      const where = whereOf(filter);
      let statement = lists.get(where.key);
      if (statement === undefined) {
        statement = db.prepare<unknown[], DataBalikanRow>(
          `SELECT id, institution_id, nik, params, received_at FROM data_balikan ${where.sql} ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?`,
        );
        lists.set(where.key, statement);
      }
      const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 100), 0), 10_000);
      const offset = Math.max(Math.trunc(filter.offset ?? 0), 0);
      return statement.all(...where.params, limit, offset).map(toItem);
    },
    count(filter = {}) {
      const where = whereOf(filter);
      let statement = counts.get(where.key);
      if (statement === undefined) {
        statement = db
          .prepare<unknown[], number>(`SELECT count(*) FROM data_balikan ${where.sql}`)
          .pluck();
        counts.set(where.key, statement);
      }
      return statement.get(...where.params) ?? 0;
    },
  };
}
