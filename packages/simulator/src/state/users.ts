/**
 * User IDs on the `users` table: the Juknis fields, the registered `ip_user`, status,
 * daily quota and a scrypt password hash.
 */
import { type Clock, quotaPolicyFor } from "@dukcapil-sandbox/core";
import { SimulatorError } from "../errors.js";
import { institutionNotFound } from "./institutions.js";
import {
  createPasswordCheckCache,
  generatePassword,
  hashPassword,
  type PasswordCheckCache,
  verifyPasswordHash,
  verifyPasswordHashAsync,
} from "./passwords.js";
import { createRegistryCache, type RegistryCache } from "./registry-cache.js";
import { parseInput, passwordChangeSchema, userCreateSchema, userPatchSchema } from "./schemas.js";
import { isUniqueViolation, readJson, type SqliteDatabase } from "./sqlite.js";
import type { Stage, UserAccount, UserInput, UserRepository } from "./types.js";

const POC_POLICY = quotaPolicyFor("poc");
const PRODUCTION_POLICY = quotaPolicyFor("production");

/**
 * The daily quota that applies to a user ID: its own `dailyQuota` when set, else the
 * policy of the institution's stage — core's `"production"` preset (unlimited, Juknis
 * II.B.2) in production, the `"poc"` preset (200 hits, Juknis II.B.1) before.
 * `null` means unlimited (hits are still counted).
 *
 * @example
 * ```ts
 * import { effectiveDailyQuota } from "@dukcapil-sandbox/simulator";
 * effectiveDailyQuota({ dailyQuota: null }, "poc"); // 200
 * effectiveDailyQuota({ dailyQuota: null }, "production"); // null
 * effectiveDailyQuota({ dailyQuota: 1000 }, "production"); // 1000
 * ```
 */
export function effectiveDailyQuota(
  user: Pick<UserAccount, "dailyQuota">,
  stage: Stage,
): number | null {
  if (user.dailyQuota !== null) return user.dailyQuota;
  const policy = stage === "production" ? PRODUCTION_POLICY : POC_POLICY;
  return policy.kind === "unlimited" ? null : policy.hitsPerDay;
}

interface UserRow {
  user_id: string;
  institution_id: string;
  ip_user: string;
  status: UserAccount["status"];
  daily_quota: number | null;
  officer: string;
  created_at: number;
}

const COLUMNS = "user_id, institution_id, ip_user, status, daily_quota, officer, created_at";

function toUser(row: UserRow): UserAccount {
  return {
    userId: row.user_id,
    institutionId: row.institution_id,
    ipUser: row.ip_user,
    status: row.status,
    dailyQuota: row.daily_quota,
    officer: readJson<UserAccount["officer"]>(row.officer),
    createdAt: row.created_at,
  };
}

/**
 * The `DKS_SIM_NOT_FOUND` error for a user ID.
 *
 * @internal
 */
export function userNotFound(userId: string): SimulatorError {
  return new SimulatorError(
    "DKS_SIM_NOT_FOUND",
    `Failed to find user ID ${JSON.stringify(userId)}: no such user. List GET /sandbox/admin/institutions/<id>/users to see the user IDs of an institution.`,
    { userId },
  );
}

/** Options of {@link createUsers}. */
export interface UsersOptions {
  /** The cache of successful password checks. Default: 60 s, 10,000 entries. */
  readonly passwordCache?: PasswordCheckCache;
  /** The registry read cache shared with the institution repository. */
  readonly registryCache?: RegistryCache;
}

/**
 * The user repository over an open database.
 *
 * @example
 * ```ts
 * import { createManualClock } from "@dukcapil-sandbox/core";
 * import { createUsers, openDatabase } from "@dukcapil-sandbox/simulator";
 * const users = createUsers(openDatabase(":memory:"), createManualClock(0));
 * users.verifyPassword("dinsos.poc", "wrong"); // false: no such user
 * ```
 * @internal
 */
export function createUsers(
  db: SqliteDatabase,
  clock: Clock,
  options: UsersOptions = {},
): UserRepository & { readonly passwordCache: PasswordCheckCache } {
  const cache = options.passwordCache ?? createPasswordCheckCache();
  const registry = options.registryCache ?? createRegistryCache(db);
  const cachedUsers = registry.map<UserAccount>();
  const cachedHashes = registry.map<string>();
  const insert = db.prepare<[UserRow & { password_hash: string }]>(
    `INSERT INTO users (user_id, institution_id, ip_user, status, daily_quota, officer, password_hash, created_at)
     VALUES (@user_id, @institution_id, @ip_user, @status, @daily_quota, @officer, @password_hash, @created_at)`,
  );
  const update = db.prepare<[Omit<UserRow, "institution_id" | "created_at">]>(
    "UPDATE users SET ip_user = @ip_user, status = @status, daily_quota = @daily_quota, officer = @officer WHERE user_id = @user_id",
  );
  const setHash = db.prepare<[string, string]>(
    "UPDATE users SET password_hash = ? WHERE user_id = ?",
  );
  // A Web Portal session stands for the password checked at login: a new password ends it.
  const endPortalSessions = db.prepare<[string]>("DELETE FROM portal_sessions WHERE user_id = ?");
  const byId = db.prepare<[string], UserRow>(`SELECT ${COLUMNS} FROM users WHERE user_id = ?`);
  const byInstitution = db.prepare<[string], UserRow>(
    `SELECT ${COLUMNS} FROM users WHERE institution_id = ? ORDER BY user_id`,
  );
  const hashStatement = db
    .prepare<[string], string>("SELECT password_hash FROM users WHERE user_id = ?")
    .pluck();
  const hashOf = (userId: string): string | undefined =>
    registry.read(cachedHashes, userId, () => hashStatement.get(userId));
  const institutionExists = db
    .prepare<[string], number>("SELECT 1 FROM institutions WHERE id = ?")
    .pluck();

  const get = (userId: string): UserAccount | undefined =>
    registry.read(cachedUsers, userId, () => {
      const row = byId.get(userId);
      return row === undefined ? undefined : toUser(row);
    });

  const updateTx = db.transaction(
    (userId: string, patch: ReturnType<typeof userPatchSchema.parse>): UserAccount => {
      const current = get(userId);
      if (current === undefined) throw userNotFound(userId);
      const next: UserAccount = {
        ...current,
        ipUser: patch.ipUser ?? current.ipUser,
        status: patch.status ?? current.status,
        dailyQuota: patch.dailyQuota === undefined ? current.dailyQuota : patch.dailyQuota,
        officer: { ...current.officer, ...definedOnly(patch.officer ?? {}) },
      };
      update.run({
        user_id: next.userId,
        ip_user: next.ipUser,
        status: next.status,
        daily_quota: next.dailyQuota,
        officer: JSON.stringify(next.officer),
      });
      registry.clear();
      return next;
    },
  );

  return {
    passwordCache: cache,
    create(institutionId, input: UserInput) {
      const parsed = parseInput(userCreateSchema, input, "create user ID");
      if (institutionExists.get(institutionId) === undefined) {
        throw institutionNotFound(institutionId);
      }
      const generatedPassword = parsed.password === undefined ? generatePassword() : null;
      const passwordHash = hashPassword(parsed.password ?? generatedPassword ?? "");
      const user: UserAccount = {
        userId: parsed.userId,
        institutionId,
        ipUser: parsed.ipUser,
        status: parsed.status,
        dailyQuota: parsed.dailyQuota,
        officer: parsed.officer,
        createdAt: clock.now(),
      };
      try {
        insert.run({
          user_id: user.userId,
          institution_id: user.institutionId,
          ip_user: user.ipUser,
          status: user.status,
          daily_quota: user.dailyQuota,
          officer: JSON.stringify(user.officer),
          password_hash: passwordHash,
          created_at: user.createdAt,
        });
        registry.clear();
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new SimulatorError(
            "DKS_SIM_CONFLICT",
            `Failed to create user ID ${JSON.stringify(user.userId)}: it already exists. Choose another user ID, or change the existing one with PATCH /sandbox/admin/users/${user.userId}.`,
            { userId: user.userId },
            { cause: error },
          );
        }
        throw error;
      }
      return { user, generatedPassword };
    },
    get,
    listByInstitution: (institutionId) => byInstitution.all(institutionId).map(toUser),
    update(userId, patch) {
      return updateTx(userId, parseInput(userPatchSchema, patch, "update user ID"));
    },
    setPassword(userId, password) {
      const parsed = parseInput(
        passwordChangeSchema,
        password === undefined ? {} : { password },
        "set password",
      );
      const generatedPassword = parsed.password === undefined ? generatePassword() : null;
      const passwordHash = hashPassword(parsed.password ?? generatedPassword ?? "");
      // The new hash and the end of the old sessions commit together: no crash between them
      // can leave a session opened with the old password.
      const changes = db.transaction(() => {
        const changed = setHash.run(passwordHash, userId).changes;
        endPortalSessions.run(userId);
        return changed;
      })();
      registry.clear();
      cache.forget(userId);
      if (changes === 0) throw userNotFound(userId);
      return { generatedPassword };
    },
    verifyPassword(userId, password) {
      if (typeof userId !== "string" || typeof password !== "string") return false;
      const stored = hashOf(userId);
      if (stored === undefined) return false;
      if (cache.has(userId, password, stored)) return true;
      const ok = verifyPasswordHash(password, stored);
      if (ok) cache.remember(userId, password, stored);
      return ok;
    },
    async verifyPasswordAsync(userId, password) {
      if (typeof userId !== "string" || typeof password !== "string") return false;
      const stored = hashOf(userId);
      if (stored === undefined) return false;
      if (cache.has(userId, password, stored)) return true;
      const ok = await verifyPasswordHashAsync(password, stored);
      // The password changed while scrypt ran (setPassword ended the user's portal sessions
      // meanwhile): the old password must not log in or look up after the change.
      if (hashOf(userId) !== stored) return false;
      if (ok) cache.remember(userId, password, stored);
      return ok;
    },
  };
}

/** The entries of `value` whose value is not `undefined`. */
function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
