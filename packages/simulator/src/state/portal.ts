/**
 * The Web Portal's server-side state: sessions (`portal_sessions`) and failed logins
 * (`portal_login_failures`, for the lockout). Times come from the simulator clock, so a
 * test that moves the clock moves session expiry and lockout with it.
 * See decisions/008-web-portal.md.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Clock } from "@dukcapil-sandbox/core";
import type { SqliteDatabase } from "./sqlite.js";
import type { PortalLockState, PortalRepository, PortalSession } from "./types.js";

/**
 * How long portal sessions live: `idleMs` after the last request, never longer than
 * `maxMs` after login.
 *
 * @internal
 */
export const PORTAL_SESSION_LIMITS = Object.freeze({
  idleMs: 30 * 60 * 1000,
  maxMs: 12 * 60 * 60 * 1000,
});

/**
 * The lockout: `maxFailures` failed logins of a user ID within `windowMs` lock it until
 * the oldest of them is `windowMs` old.
 *
 * @internal
 */
export const PORTAL_LOCKOUT = Object.freeze({ maxFailures: 5, windowMs: 15 * 60 * 1000 });

interface SessionRow {
  user_id: string | null;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

/** SHA-256 of a session id: the database never holds an id a cookie could present. */
function hashId(id: string): string {
  return createHash("sha256").update(id).digest("base64url");
}

/**
 * The portal repository over an open database.
 *
 * @example
 * ```ts
 * import { createManualClock } from "@dukcapil-sandbox/core";
 * import { createPortalState, openDatabase } from "@dukcapil-sandbox/simulator";
 * const portal = createPortalState(openDatabase(":memory:"), createManualClock(0));
 * const { id } = portal.openSession(null); // an anonymous session for the login form
 * portal.session(id)?.csrfToken;
 * ```
 * @internal
 */
export function createPortalState(db: SqliteDatabase, clock: Clock): PortalRepository {
  return createSessionState(db, clock, {
    sessions: "portal_sessions",
    failures: "portal_login_failures",
  });
}

/**
 * The session and lockout repository over a pair of tables of the same shape: the portal's
 * (`portal_sessions`, `portal_login_failures`, keyed by user ID) or the admin console's
 * (`admin_sessions`, `admin_login_failures`, keyed by the connecting address).
 *
 * @internal
 */
export function createSessionState(
  db: SqliteDatabase,
  clock: Clock,
  tables: {
    readonly sessions: "portal_sessions" | "admin_sessions";
    readonly failures: "portal_login_failures" | "admin_login_failures";
  },
  /** The clock of session expiry (default: `clock`, which also times the lockout). */
  sessionClock: Clock = clock,
): PortalRepository {
  const { sessions, failures } = tables;
  const insert = db.prepare<[string, string | null, string, number, number, number]>(
    `INSERT INTO ${sessions} (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], SessionRow>(
    `SELECT user_id, csrf_token, created_at, last_seen_at, expires_at FROM ${sessions} WHERE id_hash = ?`,
  );
  const touch = db.prepare<[number, number, string]>(
    `UPDATE ${sessions} SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?`,
  );
  const remove = db.prepare<[string]>(`DELETE FROM ${sessions} WHERE id_hash = ?`);
  const purgeSessions = db.prepare<[number]>(`DELETE FROM ${sessions} WHERE expires_at <= ?`);
  const insertFailure = db.prepare<[string, number]>(
    `INSERT INTO ${failures} (user_id, at) VALUES (?, ?)`,
  );
  const recentFailures = db
    .prepare<[string, number, number], number>(
      `SELECT at FROM ${failures} WHERE user_id = ? AND at > ? ORDER BY at DESC LIMIT ?`,
    )
    .pluck();
  const purgeFailures = db.prepare<[number]>(`DELETE FROM ${failures} WHERE at <= ?`);
  const clearFailures = db.prepare<[string]>(`DELETE FROM ${failures} WHERE user_id = ?`);

  const toSession = (row: SessionRow): PortalSession => ({
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  });

  const lockState = (userId: string): PortalLockState => {
    const now = clock.now();
    const { maxFailures, windowMs } = PORTAL_LOCKOUT;
    const recent = recentFailures.all(userId, now - windowMs, maxFailures);
    const locked = recent.length >= maxFailures;
    return {
      failures: recent.length,
      attemptsLeft: Math.max(0, maxFailures - recent.length),
      lockedUntil: locked ? (recent[maxFailures - 1] as number) + windowMs : null,
    };
  };

  const openTx = db.transaction((userId: string | null) => {
    const now = sessionClock.now();
    purgeSessions.run(now);
    purgeFailures.run(clock.now() - PORTAL_LOCKOUT.windowMs);
    const id = randomBytes(32).toString("base64url");
    const session: PortalSession = {
      userId,
      csrfToken: randomBytes(32).toString("base64url"),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + Math.min(PORTAL_SESSION_LIMITS.idleMs, PORTAL_SESSION_LIMITS.maxMs),
    };
    insert.run(
      hashId(id),
      userId,
      session.csrfToken,
      session.createdAt,
      session.lastSeenAt,
      session.expiresAt,
    );
    return { id, session };
  });

  return {
    openSession: (userId) => openTx.immediate(userId),
    session(id) {
      if (typeof id !== "string" || id === "" || id.length > 128) return undefined;
      const key = hashId(id);
      const row = byId.get(key);
      if (row === undefined) return undefined;
      const now = sessionClock.now();
      if (row.expires_at <= now) {
        remove.run(key);
        return undefined;
      }
      const expiresAt = Math.min(
        row.created_at + PORTAL_SESSION_LIMITS.maxMs,
        now + PORTAL_SESSION_LIMITS.idleMs,
      );
      touch.run(now, expiresAt, key);
      return toSession({ ...row, last_seen_at: now, expires_at: expiresAt });
    },
    closeSession(id) {
      if (typeof id === "string" && id !== "") remove.run(hashId(id));
    },
    lockState,
    recordLoginFailure(userId) {
      insertFailure.run(userId, clock.now());
      return lockState(userId);
    },
    clearLoginFailures(userId) {
      clearFailures.run(userId);
    },
  };
}
