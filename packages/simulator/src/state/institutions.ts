/**
 * Institutions (agencies) on the `institutions` table.
 */
import { type Clock, WEB_PORTAL_GRANT } from "@dukcapil-sandbox/core";
import { SimulatorError } from "../errors.js";
import { createRegistryCache, type RegistryCache } from "./registry-cache.js";
import { institutionCreateSchema, institutionPatchSchema, parseInput } from "./schemas.js";
import { isUniqueViolation, readJson, type SqliteDatabase } from "./sqlite.js";
import type {
  Dialect,
  Institution,
  InstitutionInput,
  InstitutionPatch,
  InstitutionRepository,
} from "./types.js";

/**
 * The dialect of a new institution: the real service's texts, bare numbers, no
 * `quotaLimiter` on lookup (wire-format.md, Decisions §4–§6).
 *
 * @example
 * ```ts
 * import { DEFAULT_DIALECT } from "@dukcapil-sandbox/simulator";
 * const stringly = { ...DEFAULT_DIALECT, numbers: "string" as const };
 * ```
 */
export const DEFAULT_DIALECT: Dialect = Object.freeze({
  texts: Object.freeze({}),
  numbers: "bare",
  lookupQuotaLimiter: false,
});

interface InstitutionRow {
  id: string;
  name: string;
  path: string;
  aliases: string;
  status: Institution["status"];
  allowlist: string;
  grant_elements: string;
  dialect: string;
  stage: Institution["stage"];
  pattern_policy: Institution["patternPolicy"];
  access_hours: string | null;
  created_at: number;
}

function toInstitution(row: InstitutionRow): Institution {
  return {
    id: row.id,
    name: row.name,
    path: row.path,
    aliases: readJson<string[]>(row.aliases),
    status: row.status,
    allowlist: readJson<string[]>(row.allowlist),
    grant: readJson<Institution["grant"]>(row.grant_elements),
    dialect: readJson<Dialect>(row.dialect),
    stage: row.stage,
    patternPolicy: row.pattern_policy,
    accessHours:
      row.access_hours === null ? null : readJson<Institution["accessHours"]>(row.access_hours),
    createdAt: row.created_at,
  };
}

function toRow(institution: Institution): InstitutionRow {
  return {
    id: institution.id,
    name: institution.name,
    path: institution.path,
    aliases: JSON.stringify(institution.aliases),
    status: institution.status,
    allowlist: JSON.stringify(institution.allowlist),
    grant_elements: JSON.stringify(institution.grant),
    dialect: JSON.stringify(institution.dialect),
    stage: institution.stage,
    pattern_policy: institution.patternPolicy,
    access_hours: institution.accessHours === null ? null : JSON.stringify(institution.accessHours),
    created_at: institution.createdAt,
  };
}

/**
 * The default id of an institution registered at `path`: lower case, other characters as `-`.
 *
 * @internal
 */
export function defaultInstitutionId(path: string): string {
  const id = path
    .toLowerCase()
    .replace(/[^a-z0-9_.]+/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, 64);
  return id === "" ? "institution" : id;
}

function mergeDialect(current: Dialect, patch: InstitutionPatch["dialect"]): Dialect {
  if (patch === undefined) return current;
  return {
    texts: patch.texts ?? current.texts,
    numbers: patch.numbers ?? current.numbers,
    lookupQuotaLimiter: patch.lookupQuotaLimiter ?? current.lookupQuotaLimiter,
  };
}

/**
 * The `DKS_SIM_NOT_FOUND` error for an institution id.
 *
 * @internal
 */
export function institutionNotFound(id: string): SimulatorError {
  return new SimulatorError(
    "DKS_SIM_NOT_FOUND",
    `Failed to find institution ${JSON.stringify(id)}: no such id. List GET /sandbox/admin/institutions to see the registered ones.`,
    { institutionId: id },
  );
}

/**
 * The institution repository over an open database.
 *
 * @example
 * ```ts
 * import { createManualClock } from "@dukcapil-sandbox/core";
 * import { createInstitutions, openDatabase } from "@dukcapil-sandbox/simulator";
 * const institutions = createInstitutions(openDatabase(":memory:"), createManualClock(0));
 * institutions.create({ name: "Dinas Sosial Kabupaten Bandung", path: "DINSOS_3204" });
 * ```
 * @internal
 */
export function createInstitutions(
  db: SqliteDatabase,
  clock: Clock,
  cache: RegistryCache = createRegistryCache(db),
): InstitutionRepository {
  const insert = db.prepare<[InstitutionRow]>(
    `INSERT INTO institutions (id, name, path, aliases, status, allowlist, grant_elements, dialect, stage, pattern_policy, access_hours, created_at)
     VALUES (@id, @name, @path, @aliases, @status, @allowlist, @grant_elements, @dialect, @stage, @pattern_policy, @access_hours, @created_at)`,
  );
  const update = db.prepare<[InstitutionRow]>(
    `UPDATE institutions SET name = @name, path = @path, aliases = @aliases, status = @status, allowlist = @allowlist,
       grant_elements = @grant_elements, dialect = @dialect, stage = @stage, pattern_policy = @pattern_policy,
       access_hours = @access_hours WHERE id = @id`,
  );
  const byId = db.prepare<[string], InstitutionRow>("SELECT * FROM institutions WHERE id = ?");
  const byPath = db.prepare<[string], InstitutionRow>(
    "SELECT * FROM institutions WHERE path = ? COLLATE NOCASE",
  );
  const all = db.prepare<[], InstitutionRow>("SELECT * FROM institutions ORDER BY id");
  const remove = db.prepare<[string]>("DELETE FROM institutions WHERE id = ?");

  const cachedById = cache.map<Institution>();
  const cachedByPath = cache.map<Institution>();

  const get = (id: string): Institution | undefined =>
    cache.read(cachedById, id, () => {
      const row = byId.get(id);
      return row === undefined ? undefined : toInstitution(row);
    });

  const conflict = (institution: Institution, cause: unknown): SimulatorError => {
    const other = byPath.get(institution.path);
    const field = other !== undefined && other.id !== institution.id ? "path" : "id";
    const value = field === "path" ? institution.path : institution.id;
    return new SimulatorError(
      "DKS_SIM_CONFLICT",
      `Failed to save institution ${JSON.stringify(institution.id)}: the ${field} ${JSON.stringify(value)} is already registered. Choose another ${field}, or change the existing institution with PATCH.`,
      { field, value },
      { cause },
    );
  };

  const updateTx = db.transaction(
    (id: string, parsed: ReturnType<typeof institutionPatchSchema.parse>): Institution => {
      const current = get(id);
      if (current === undefined) throw institutionNotFound(id);
      const next: Institution = {
        ...current,
        name: parsed.name ?? current.name,
        path: parsed.path ?? current.path,
        aliases: parsed.aliases ?? current.aliases,
        status: parsed.status ?? current.status,
        allowlist: parsed.allowlist ?? current.allowlist,
        grant: parsed.grant ?? current.grant,
        dialect: mergeDialect(current.dialect, parsed.dialect),
        stage: parsed.stage ?? current.stage,
        patternPolicy: parsed.patternPolicy ?? current.patternPolicy,
        accessHours: parsed.accessHours === undefined ? current.accessHours : parsed.accessHours,
      };
      try {
        update.run(toRow(next));
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(next, error);
        throw error;
      } finally {
        cache.clear();
      }
      return next;
    },
  );

  return {
    create(input: InstitutionInput) {
      const parsed = parseInput(institutionCreateSchema, input, "create institution");
      const institution: Institution = {
        id: parsed.id ?? defaultInstitutionId(parsed.path),
        name: parsed.name,
        path: parsed.path,
        aliases: parsed.aliases,
        status: parsed.status,
        allowlist: parsed.allowlist,
        grant: parsed.grant ?? [...WEB_PORTAL_GRANT],
        dialect: mergeDialect(DEFAULT_DIALECT, parsed.dialect),
        stage: parsed.stage,
        patternPolicy: parsed.patternPolicy,
        accessHours: parsed.accessHours,
        createdAt: clock.now(),
      };
      try {
        insert.run(toRow(institution));
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(institution, error);
        throw error;
      } finally {
        cache.clear();
      }
      return institution;
    },
    get,
    findByPath: (path) =>
      cache.read(cachedByPath, path.toLowerCase(), () => {
        const row = byPath.get(path);
        return row === undefined ? undefined : toInstitution(row);
      }),
    list: () => all.all().map(toInstitution),
    update(id, patch) {
      const parsed = parseInput(institutionPatchSchema, patch, "update institution");
      return updateTx(id, parsed);
    },
    delete(id) {
      const changes = remove.run(id).changes;
      cache.clear();
      if (changes === 0) throw institutionNotFound(id);
    },
  };
}
