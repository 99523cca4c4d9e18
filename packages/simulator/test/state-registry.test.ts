import {
  DAY_MS,
  quotaPolicyFor,
  tokenIdOf,
  verifyToken,
  WEB_PORTAL_GRANT,
} from "@dukcapil-sandbox/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SimulatorError } from "../src/errors.js";
import { canonicalJson } from "../src/state/data-balikan.js";
import {
  createPasswordCheckCache,
  hashPassword,
  SCRYPT_PARAMETERS,
  verifyPasswordHash,
  verifyPasswordHashAsync,
} from "../src/state/passwords.js";
import { seedDefaults, seedPassword } from "../src/state/seed.js";
import { createStore } from "../src/state/store.js";
import type { SimulatorStore } from "../src/state/types.js";
import { effectiveDailyQuota } from "../src/state/users.js";
import { manualClock, OFFICER, userInput } from "./state-fixtures.js";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof SimulatorError) return error.code;
    throw error;
  }
  return undefined;
}

async function asyncCodeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SimulatorError) return error.code;
    throw error;
  }
  return undefined;
}

describe("passwords", () => {
  it("stores a salted scrypt hash that never equals the password", () => {
    const first = hashPassword("rahasia-sandbox-1");
    const second = hashPassword("rahasia-sandbox-1");
    expect(first).not.toContain("rahasia-sandbox-1");
    expect(first).not.toBe(second);
    expect(first).toMatch(
      new RegExp(
        `^scrypt\\$${SCRYPT_PARAMETERS.N}\\$${SCRYPT_PARAMETERS.r}\\$${SCRYPT_PARAMETERS.p}\\$`,
      ),
    );
  });

  it("verifies the password and refuses it with one character changed", async () => {
    const stored = hashPassword("rahasia-sandbox-1");
    expect(verifyPasswordHash("rahasia-sandbox-1", stored)).toBe(true);
    expect(verifyPasswordHash("rahasia-sandbox-2", stored)).toBe(false);
    expect(verifyPasswordHash("Rahasia-sandbox-1", stored)).toBe(false);
    expect(await verifyPasswordHashAsync("rahasia-sandbox-1", stored)).toBe(true);
    expect(await verifyPasswordHashAsync("rahasia-sandbox-X", stored)).toBe(false);
    expect(verifyPasswordHash("rahasia-sandbox-1", "not-a-hash")).toBe(false);
  });

  it("remembers a successful check only for the stored hash it was made against, until the TTL", () => {
    let now = 0;
    const cache = createPasswordCheckCache({ ttlMs: 1000, now: () => now });
    cache.remember("op", "pw", "hash-1");
    expect(cache.has("op", "pw", "hash-1")).toBe(true);
    expect(cache.has("op", "pw", "hash-2")).toBe(false);
    cache.remember("op", "pw", "hash-1");
    expect(cache.has("op", "other", "hash-1")).toBe(false);
    now = 1000;
    expect(cache.has("op", "pw", "hash-1")).toBe(false);
  });
});

describe("the registry", () => {
  let store: SimulatorStore;
  const clock = manualClock();
  beforeEach(() => {
    store = createStore({ clock });
  });
  afterEach(() => store.close());

  it("gives a new institution the Web Portal grant, the default dialect and stage onboarding", () => {
    const institution = store.institutions.create({ name: "Dinas Sosial", path: "32-04/dinsos" });
    expect(institution).toMatchObject({
      id: "32-04-dinsos",
      grant: [...WEB_PORTAL_GRANT],
      dialect: { texts: {}, numbers: "bare", lookupQuotaLimiter: false },
      stage: "onboarding",
      status: "active",
      accessHours: null,
    });
    expect(store.institutions.findByPath("32-04/DINSOS")?.id).toBe("32-04-dinsos");
  });

  it("refuses a second institution on the same path, whatever its case", () => {
    store.institutions.create({ id: "a", name: "A", path: "DINSOS_3204" });
    expect(
      codeOf(() => store.institutions.create({ id: "b", name: "B", path: "dinsos_3204" })),
    ).toBe("DKS_SIM_CONFLICT");
    expect(codeOf(() => store.institutions.create({ id: "a", name: "A", path: "OTHER" }))).toBe(
      "DKS_SIM_CONFLICT",
    );
  });

  it("validates allowlists, grants and access hours", () => {
    expect(
      codeOf(() => store.institutions.create({ name: "X", path: "X", allowlist: ["10.0.0.300"] })),
    ).toBe("DKS_SIM_VALIDATION");
    expect(
      codeOf(() =>
        store.institutions.create({ name: "X", path: "X", grant: ["NIK", "SHOE_SIZE"] as never }),
      ),
    ).toBe("DKS_SIM_VALIDATION");
    expect(
      codeOf(() =>
        store.institutions.create({
          name: "X",
          path: "X",
          accessHours: { from: "25:00", to: "17:00" },
        }),
      ),
    ).toBe("DKS_SIM_VALIDATION");
    const ok = store.institutions.create({
      name: "X",
      path: "X",
      allowlist: ["10.32.4.0/24", "fd00::/8", "127.0.0.1"],
      accessHours: { from: "07:00", to: "17:00" },
    });
    expect(ok.allowlist).toHaveLength(3);
  });

  it("merges a dialect patch and changes the stage", () => {
    store.institutions.create({ id: "dinsos", name: "Dinas Sosial", path: "DINSOS_3204" });
    const changed = store.institutions.update("dinsos", {
      dialect: { numbers: "string" },
      stage: "production",
    });
    expect(changed.dialect).toEqual({ texts: {}, numbers: "string", lookupQuotaLimiter: false });
    expect(store.institutions.get("dinsos")?.stage).toBe("production");
    expect(codeOf(() => store.institutions.update("nope", { stage: "poc" }))).toBe(
      "DKS_SIM_NOT_FOUND",
    );
  });

  it("deletes an institution with its users", () => {
    store.institutions.create({ id: "dinsos", name: "Dinas Sosial", path: "DINSOS_3204" });
    store.users.create("dinsos", userInput("dinsos.op"));
    store.institutions.delete("dinsos");
    expect(store.users.get("dinsos.op")).toBeUndefined();
    expect(codeOf(() => store.institutions.delete("dinsos"))).toBe("DKS_SIM_NOT_FOUND");
  });

  it("keeps the Juknis officer fields and never exposes the password hash", () => {
    store.institutions.create({ id: "dinsos", name: "Dinas Sosial", path: "DINSOS_3204" });
    const { user, generatedPassword } = store.users.create("dinsos", userInput("dinsos.op"));
    expect(generatedPassword).toBeNull();
    expect(user.officer).toEqual(OFFICER);
    expect(JSON.stringify(store.users.get("dinsos.op"))).not.toMatch(/scrypt|rahasia/);
    expect(codeOf(() => store.users.create("dinsos", userInput("dinsos.op")))).toBe(
      "DKS_SIM_CONFLICT",
    );
    expect(codeOf(() => store.users.create("nope", userInput("x.op")))).toBe("DKS_SIM_NOT_FOUND");
  });

  it("generates a password when none is given and verifies it", async () => {
    store.institutions.create({ id: "dinsos", name: "Dinas Sosial", path: "DINSOS_3204" });
    const { password: _omit, ...withoutPassword } = userInput("dinsos.op");
    const { generatedPassword } = store.users.create("dinsos", withoutPassword);
    expect(generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(store.users.verifyPassword("dinsos.op", generatedPassword ?? "")).toBe(true);
    expect(await store.users.verifyPasswordAsync("dinsos.op", generatedPassword ?? "")).toBe(true);
    expect(store.users.verifyPassword("unknown.op", generatedPassword ?? "")).toBe(false);
  });

  it("stops accepting the old password as soon as it is changed, even if it was cached", () => {
    store.institutions.create({ id: "dinsos", name: "Dinas Sosial", path: "DINSOS_3204" });
    store.users.create("dinsos", userInput("dinsos.op"));
    expect(store.users.verifyPassword("dinsos.op", "rahasia-sandbox-1")).toBe(true);
    store.users.setPassword("dinsos.op", "rahasia-baru-22");
    expect(store.users.verifyPassword("dinsos.op", "rahasia-sandbox-1")).toBe(false);
    expect(store.users.verifyPassword("dinsos.op", "rahasia-baru-22")).toBe(true);
  });

  it("refuses a password whose check was under way when the password changed", async () => {
    store.institutions.create({ id: "dinsos", name: "Dinas Sosial", path: "DINSOS_3204" });
    store.users.create("dinsos", userInput("dinsos.op"));
    // Not cached: the check runs scrypt on the thread pool; the reset lands meanwhile.
    const pending = store.users.verifyPasswordAsync("dinsos.op", "rahasia-sandbox-1");
    store.users.setPassword("dinsos.op", "rahasia-baru-22");
    expect(await pending).toBe(false);
    // Nor was the old password remembered as right.
    expect(store.users.verifyPassword("dinsos.op", "rahasia-sandbox-1")).toBe(false);
    expect(await store.users.verifyPasswordAsync("dinsos.op", "rahasia-baru-22")).toBe(true);
  });

  it("merges officer fields on update and validates them", () => {
    store.institutions.create({ id: "dinsos", name: "Dinas Sosial", path: "DINSOS_3204" });
    store.users.create("dinsos", userInput("dinsos.op"));
    const updated = store.users.update("dinsos.op", {
      officer: { position: "Kepala Seksi" },
      dailyQuota: 1000,
    });
    expect(updated.officer).toEqual({ ...OFFICER, position: "Kepala Seksi" });
    expect(updated.dailyQuota).toBe(1000);
    expect(codeOf(() => store.users.update("dinsos.op", { officer: { nik: "123" } }))).toBe(
      "DKS_SIM_VALIDATION",
    );
  });

  it("gives a user the stage's quota unless it has its own", () => {
    const poc = quotaPolicyFor("poc");
    expect(effectiveDailyQuota({ dailyQuota: null }, "poc")).toBe(
      poc.kind === "daily" ? poc.hitsPerDay : -1,
    );
    expect(effectiveDailyQuota({ dailyQuota: null }, "onboarding")).toBe(200);
    expect(effectiveDailyQuota({ dailyQuota: null }, "production")).toBeNull();
    expect(effectiveDailyQuota({ dailyQuota: 1000 }, "production")).toBe(1000);
  });
});

describe("data-balikan tokens", () => {
  let store: SimulatorStore;
  const clock = manualClock();
  beforeEach(() => {
    store = createStore({ clock });
    store.institutions.create({
      id: "dinsos",
      name: "Dinas Sosial",
      path: "DINSOS_3204",
      allowlist: ["10.32.4.15", "10.32.5.0/24"],
    });
  });
  afterEach(() => store.close());

  it("issues a token whose record is found by the token text and verifies with core", async () => {
    const { token, record } = await store.tokens.issue("dinsos", { applicationId: "sipeda" });
    expect(record.registeredAddresses).toEqual(["10.32.4.15"]);
    const stored = store.tokens.findByToken(token);
    expect(stored?.record.id).toBe(tokenIdOf(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    const verification = await verifyToken(token, stored?.record ?? record, { clock });
    expect(verification.ok).toBe(true);
  });

  it("allows one valid token per application", async () => {
    await store.tokens.issue("dinsos", { applicationId: "sipeda" });
    expect(await asyncCodeOf(store.tokens.issue("dinsos", { applicationId: "sipeda" }))).toBe(
      "DKS_SIM_CONFLICT",
    );
  });

  it("rotates a valid token: the old one is revoked as rotated, the new one replaces it", async () => {
    const first = await store.tokens.issue("dinsos", { applicationId: "sipeda" });
    const rotated = await store.tokens.rotate(first.record.id);
    expect(store.tokens.get(first.record.id)?.record.revocation?.reason).toBe("rotated");
    expect(store.tokens.get(rotated.record.id)?.record.replaces).toBe(first.record.id);
    expect(await asyncCodeOf(store.tokens.rotate(first.record.id))).toBe("DKS_SIM_CONFLICT");
  });

  it("revokes with a reason once, and reapplies only after expiry", async () => {
    const first = await store.tokens.issue("dinsos", { applicationId: "sipeda", validityDays: 10 });
    expect(await asyncCodeOf(store.tokens.reapply(first.record.id))).toBe("DKS_SIM_CONFLICT");
    clock.advance(10 * DAY_MS);
    const view = store.tokens.view({ record: first.record, institutionId: "dinsos" });
    expect(view.state).toBe("expired");
    expect(view.warning).toContain("expired");
    const again = await store.tokens.reapply(first.record.id);
    const revoked = store.tokens.revoke(again.record.id, "misuse");
    expect(revoked.revocation).toEqual({ at: clock.now(), reason: "misuse" });
    expect(codeOf(() => store.tokens.revoke(again.record.id, "misuse"))).toBe("DKS_SIM_CONFLICT");
  });

  it("warns when a token is within 30 days of expiry", async () => {
    const { record } = await store.tokens.issue("dinsos", { applicationId: "sipeda" });
    clock.advance(340 * DAY_MS);
    const view = store.tokens.view({ record, institutionId: "dinsos" });
    expect(view).toMatchObject({ state: "expiring-soon", daysLeft: 25 });
    expect(view.warning).toContain("25 day(s)");
    expect(view).not.toHaveProperty("hash");
  });
});

describe("data balikan received", () => {
  let store: SimulatorStore;
  beforeEach(() => {
    store = createStore({ clock: manualClock() });
    store.institutions.create({ id: "dinsos", name: "Dinas Sosial", path: "DINSOS_3204" });
    store.institutions.create({ id: "dinkes", name: "Dinas Kesehatan", path: "DINKES_3204" });
  });
  afterEach(() => store.close());

  it("canonicalises params whatever the key order, spacing or big numbers", () => {
    expect(canonicalJson([{ b: 1, a: { d: [1, 2], c: "x" } }])).toBe(
      '[{"a":{"c":"x","d":[1,2]},"b":1}]',
    );
    expect(canonicalJson({ ID: 9007199254740993n })).toBe('{"ID":9007199254740993}');
    expect(codeOf(() => canonicalJson({ n: Number.NaN }))).toBe("DKS_SIM_VALIDATION");
  });

  it("stores a batch and refuses the same NIK and params again, storing nothing of that batch", () => {
    const nik = "3204051502900001";
    const first = store.dataBalikan.receive("dinsos", [
      { nik, params: [{ ID_PENERIMA: "A-1", JENIS_BANTUAN: "PKH" }] },
    ]);
    expect(first.ok).toBe(true);
    const again = store.dataBalikan.receive("dinsos", [
      { nik: "3204051502900002", params: [{ ID_PENERIMA: "A-2" }] },
      { nik, params: [{ JENIS_BANTUAN: "PKH", ID_PENERIMA: "A-1" }] },
    ]);
    expect(again).toEqual({ ok: false, duplicates: [{ index: 1, nik }] });
    expect(store.dataBalikan.count()).toBe(1);
    expect(
      store.dataBalikan.receive("dinkes", [
        { nik, params: [{ ID_PENERIMA: "A-1", JENIS_BANTUAN: "PKH" }] },
      ]).ok,
    ).toBe(true);
    expect(
      store.dataBalikan.isDuplicate("dinsos", nik, [{ JENIS_BANTUAN: "PKH", ID_PENERIMA: "A-1" }]),
    ).toBe(true);
  });

  it("refuses a batch that repeats an item within itself", () => {
    const item = { nik: "3204051502900001", params: [{ ID: 1 }] };
    expect(store.dataBalikan.receive("dinsos", [item, item])).toEqual({
      ok: false,
      duplicates: [{ index: 1, nik: item.nik }],
    });
  });
});

describe("seedDefaults", () => {
  it("creates the PoC institution, user and token, with a password derived from the seed and hashed", async () => {
    const store = createStore({ clock: manualClock() });
    const seeded = await seedDefaults(store, { seed: 42 });
    expect(seeded.created).toBe(true);
    expect(seeded.institution).toMatchObject({
      id: "dinsos-3204",
      path: "DINSOS_3204",
      stage: "poc",
    });
    expect(seeded.password).toBe(seedPassword(42));
    expect(store.users.verifyPassword(seeded.user.userId, seedPassword(42))).toBe(true);
    expect(seeded.token).toMatch(/^dks_/);
    expect(seeded.user.officer.nik).toMatch(/^320405\d{10}$/);
    expect(seeded.user.officer.nip).toMatch(/^\d{18}$/);

    const again = await seedDefaults(store, { seed: 42 });
    expect(again).toMatchObject({ created: false, token: null, password: seedPassword(42) });
    expect(again.user.officer).toEqual(seeded.user.officer);
    const rotated = await seedDefaults(store, { seed: 42, rotateToken: true });
    expect(rotated.token).toMatch(/^dks_/);
    store.close();
  });

  it("derives the same officer from the same seed", async () => {
    const a = createStore({ clock: manualClock() });
    const b = createStore({ clock: manualClock() });
    const first = await seedDefaults(a, { seed: "demo" });
    const second = await seedDefaults(b, { seed: "demo" });
    expect(second.user.officer).toEqual(first.user.officer);
    a.close();
    b.close();
  });
});
