// The Web Portal's state (issue 5): sessions and failed logins in SQLite, by the store's clock,
// and the schema migration that adds them.
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PORTAL_LOCKOUT, PORTAL_SESSION_LIMITS } from "../src/state/portal.js";
import { migrations, SCHEMA_VERSION, userVersion } from "../src/state/sqlite.js";
import { createStore } from "../src/state/store.js";
import type { SimulatorStore } from "../src/state/types.js";
import { manualClock, START, tempDir, userInput } from "./state-fixtures.js";

const MINUTE_MS = 60_000;

let store: SimulatorStore;
let clock: ReturnType<typeof manualClock>;

beforeEach(() => {
  clock = manualClock();
  store = createStore({ clock });
  store.institutions.create({ id: "dinsos", name: "Dinas Sosial", path: "DINSOS_3204" });
  store.users.create("dinsos", userInput("dinsos.operator"));
});
afterEach(() => store.close());

describe("portal sessions", () => {
  it("opens a session with a random id and CSRF token, found again by the id only", () => {
    const a = store.portal.openSession("dinsos.operator");
    const b = store.portal.openSession("dinsos.operator");
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.session.csrfToken).not.toBe(b.session.csrfToken);
    expect(store.portal.session(a.id)).toMatchObject({
      userId: "dinsos.operator",
      csrfToken: a.session.csrfToken,
      createdAt: START,
    });
    expect(store.portal.session(`${a.id}x`)).toBeUndefined();
    expect(store.portal.session("")).toBeUndefined();
  });

  it("expires after 30 idle minutes, each use extending it, and after 12 hours at most", () => {
    const { id } = store.portal.openSession("dinsos.operator");
    for (let step = 0; step < 24; step++) {
      clock.advance(PORTAL_SESSION_LIMITS.idleMs - MINUTE_MS);
      expect(store.portal.session(id)).toBeDefined();
    }
    // 24 × 29 min = 11 h 36 min; the next use, at 12 h 5 min, finds nothing.
    clock.advance(PORTAL_SESSION_LIMITS.idleMs - MINUTE_MS);
    expect(store.portal.session(id)).toBeUndefined();
    const idle = store.portal.openSession(null);
    clock.advance(PORTAL_SESSION_LIMITS.idleMs);
    expect(store.portal.session(idle.id)).toBeUndefined();
  });

  it("ends the sessions of a user ID deleted with its institution", () => {
    const { id } = store.portal.openSession("dinsos.operator");
    store.institutions.delete("dinsos");
    expect(store.portal.session(id)).toBeUndefined();
  });

  it("goes with reset()", () => {
    const { id } = store.portal.openSession(null);
    store.portal.recordLoginFailure("dinsos.operator");
    store.reset();
    expect(store.portal.session(id)).toBeUndefined();
    expect(store.portal.lockState("dinsos.operator").failures).toBe(0);
  });
});

describe("portal lockout state", () => {
  it("locks after 5 failures within 15 minutes until the oldest is 15 minutes old", () => {
    for (let n = 1; n < PORTAL_LOCKOUT.maxFailures; n++) {
      expect(store.portal.recordLoginFailure("dinsos.operator")).toEqual({
        failures: n,
        attemptsLeft: PORTAL_LOCKOUT.maxFailures - n,
        lockedUntil: null,
      });
      clock.advance(2 * MINUTE_MS);
    }
    expect(store.portal.recordLoginFailure("dinsos.operator")).toEqual({
      failures: 5,
      attemptsLeft: 0,
      lockedUntil: START + PORTAL_LOCKOUT.windowMs,
    });
    clock.set(START + PORTAL_LOCKOUT.windowMs - 1);
    expect(store.portal.lockState("dinsos.operator").lockedUntil).toBe(
      START + PORTAL_LOCKOUT.windowMs,
    );
    clock.set(START + PORTAL_LOCKOUT.windowMs);
    expect(store.portal.lockState("dinsos.operator")).toEqual({
      failures: 4,
      attemptsLeft: 1,
      lockedUntil: null,
    });
    // Other user IDs are not affected; clearing forgets the failures.
    expect(store.portal.lockState("someone.else").failures).toBe(0);
    store.portal.clearLoginFailures("dinsos.operator");
    expect(store.portal.lockState("dinsos.operator").failures).toBe(0);
  });
});

describe("schema migration 2", () => {
  it("adds the portal tables to a version-1 database file and keeps its data", () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, "v1.db");
      const v1 = new Database(file);
      v1.exec(migrations[0]?.sql ?? "");
      v1.pragma("user_version = 1");
      v1.prepare(
        `INSERT INTO institutions (id, name, path, aliases, status, allowlist, grant_elements, dialect, stage, pattern_policy, access_hours, created_at)
         VALUES ('lama', 'Instansi Lama', 'LAMA', '[]', 'active', '[]', '["NIK"]', '{"texts":{},"numbers":"bare","lookupQuotaLimiter":false}', 'poc', 'warn', NULL, 0)`,
      ).run();
      v1.close();

      const upgraded = createStore({ file, clock });
      try {
        expect(upgraded.institutions.get("lama")?.name).toBe("Instansi Lama");
        const { id } = upgraded.portal.openSession(null);
        expect(upgraded.portal.session(id)?.userId).toBeNull();
      } finally {
        upgraded.close();
      }
      const reopened = new Database(file);
      expect(userVersion(reopened)).toBe(SCHEMA_VERSION);
      expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
      reopened.close();
    } finally {
      cleanup();
    }
  });
});
