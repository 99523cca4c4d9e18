import { DAY_MS, tokenIdOf, WEB_PORTAL_GRANT } from "@dukcapil-sandbox/core";
import type express from "express";
import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStore } from "../src/state/store.js";
import type { SimulatorStore } from "../src/state/types.js";
import { ADMIN_TOKEN, AUTH, adminApp } from "./admin-fixtures.js";
import { manualClock, OFFICER, userInput } from "./state-fixtures.js";

const PROBLEM = /^application\/problem\+json/;

let store: SimulatorStore;
let app: express.Express;
let clock: ReturnType<typeof manualClock>;

beforeEach(() => {
  clock = manualClock();
  store = createStore({ clock });
  app = adminApp(store, clock);
});
afterEach(() => store.close());

async function createInstitution(body: Record<string, unknown> = {}) {
  return request(app)
    .post("/sandbox/admin/institutions")
    .set(AUTH)
    .send({
      id: "dinsos",
      name: "Dinas Sosial Kabupaten Bandung",
      path: "DINSOS_3204",
      allowlist: ["10.32.4.15"],
      ...body,
    });
}

describe("admin authorization", () => {
  it("answers 401 problem+json without an Authorization header", async () => {
    const response = await request(app).get("/sandbox/admin/institutions");
    expect(response.status).toBe(401);
    expect(response.headers["content-type"]).toMatch(PROBLEM);
    expect(response.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect(response.body).toMatchObject({
      code: "DKS_SIM_ADMIN_UNAUTHORIZED",
      status: 401,
      type: "urn:dukcapil-sandbox:error:DKS_SIM_ADMIN_UNAUTHORIZED",
    });
  });

  it("answers 401 for a wrong token, a token with a suffix and a non-bearer scheme", async () => {
    for (const header of [
      "Bearer wrong",
      `Bearer ${ADMIN_TOKEN}x`,
      `Basic ${ADMIN_TOKEN}`,
      ADMIN_TOKEN,
    ]) {
      const response = await request(app)
        .get("/sandbox/admin/institutions")
        .set("authorization", header);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe("DKS_SIM_ADMIN_UNAUTHORIZED");
    }
  });

  it("answers unknown admin routes with 404 problem+json", async () => {
    const response = await request(app).get("/sandbox/admin/nothing-here").set(AUTH);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe("DKS_SIM_ROUTE_NOT_FOUND");
  });
});

describe("admin bodies", () => {
  it("answers unparseable JSON with 400 problem+json, not an HTML page", async () => {
    const response = await request(app)
      .post("/sandbox/admin/institutions")
      .set(AUTH)
      .set("content-type", "application/json")
      .send('{"name": "Dinas",');
    expect(response.status).toBe(400);
    expect(response.headers["content-type"]).toMatch(PROBLEM);
    expect(response.body.code).toBe("DKS_SIM_BODY_UNPARSEABLE");
  });

  it("answers unknown keys and wrong types with 400 DKS_SIM_VALIDATION listing issues", async () => {
    const response = await createInstitution({ stage: "live", colour: "red" });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("DKS_SIM_VALIDATION");
    const paths = (response.body.issues as { path: string }[]).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["stage"]));
    expect(JSON.stringify(response.body.issues)).toContain("colour");
  });
});

describe("institutions", () => {
  it("creates an institution with the Web Portal grant by default and lists it", async () => {
    const created = await createInstitution();
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe("/sandbox/admin/institutions/dinsos");
    expect(created.body).toMatchObject({ grant: [...WEB_PORTAL_GRANT], stage: "onboarding" });
    const list = await request(app).get("/sandbox/admin/institutions").set(AUTH);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual(["dinsos"]);
    expect(list.headers["cache-control"]).toBe("no-store");
  });

  it("changes stage, allowlist, dialect, pattern policy and access hours with PATCH", async () => {
    await createInstitution();
    const response = await request(app)
      .patch("/sandbox/admin/institutions/dinsos")
      .set(AUTH)
      .send({
        stage: "production",
        allowlist: ["10.32.4.0/24"],
        dialect: { texts: { "05": "Kuota akses hari ini telah habis" }, lookupQuotaLimiter: true },
        patternPolicy: "block",
        accessHours: { from: "07:00", to: "17:00" },
      });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      stage: "production",
      allowlist: ["10.32.4.0/24"],
      dialect: {
        texts: { "05": "Kuota akses hari ini telah habis" },
        numbers: "bare",
        lookupQuotaLimiter: true,
      },
      patternPolicy: "block",
      accessHours: { from: "07:00", to: "17:00" },
    });
  });

  it("answers 409 for a taken path and 404 for an unknown id", async () => {
    await createInstitution();
    const taken = await createInstitution({ id: "other" });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: "DKS_SIM_CONFLICT", field: "path" });
    const missing = await request(app).get("/sandbox/admin/institutions/nope").set(AUTH);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("DKS_SIM_NOT_FOUND");
  });

  it("deletes an institution", async () => {
    await createInstitution();
    const deleted = await request(app).delete("/sandbox/admin/institutions/dinsos").set(AUTH);
    expect(deleted.status).toBe(204);
    const again = await request(app).delete("/sandbox/admin/institutions/dinsos").set(AUTH);
    expect(again.status).toBe(404);
  });
});

describe("user IDs", () => {
  beforeEach(async () => {
    await createInstitution();
  });

  it("creates a user with the Juknis fields; the answer never carries a password hash", async () => {
    const response = await request(app)
      .post("/sandbox/admin/institutions/dinsos/users")
      .set(AUTH)
      .send(userInput("dinsos.op"));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      user: { userId: "dinsos.op", officer: OFFICER, effectiveDailyQuota: 200 },
      password: null,
    });
    expect(JSON.stringify(response.body)).not.toMatch(/scrypt|rahasia/);
    const read = await request(app).get("/sandbox/admin/users/dinsos.op").set(AUTH);
    expect(read.body.officer).toEqual(OFFICER);
  });

  it("returns a generated password once and lets it be replaced", async () => {
    const { password: _omit, ...input } = userInput("dinsos.op");
    const created = await request(app)
      .post("/sandbox/admin/institutions/dinsos/users")
      .set(AUTH)
      .send(input);
    expect(created.body.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(store.users.verifyPassword("dinsos.op", created.body.password)).toBe(true);
    const changed = await request(app)
      .post("/sandbox/admin/users/dinsos.op/password")
      .set(AUTH)
      .send({ password: "kata-sandi-baru" });
    expect(changed.body).toEqual({ userId: "dinsos.op", password: null });
    expect(store.users.verifyPassword("dinsos.op", created.body.password)).toBe(false);
    expect(store.users.verifyPassword("dinsos.op", "kata-sandi-baru")).toBe(true);
  });

  it("shows the unlimited production quota and a user's own quota", async () => {
    await request(app)
      .post("/sandbox/admin/institutions/dinsos/users")
      .set(AUTH)
      .send(userInput("dinsos.op"));
    await request(app)
      .patch("/sandbox/admin/institutions/dinsos")
      .set(AUTH)
      .send({ stage: "production" });
    const list = await request(app).get("/sandbox/admin/institutions/dinsos/users").set(AUTH);
    expect(list.body.items[0].effectiveDailyQuota).toBeNull();
    const patched = await request(app)
      .patch("/sandbox/admin/users/dinsos.op")
      .set(AUTH)
      .send({ dailyQuota: 1000, status: "inactive" });
    expect(patched.body).toMatchObject({
      dailyQuota: 1000,
      effectiveDailyQuota: 1000,
      status: "inactive",
    });
  });

  it("refuses an officer NIK that is not 16 digits", async () => {
    const response = await request(app)
      .post("/sandbox/admin/institutions/dinsos/users")
      .set(AUTH)
      .send(userInput("dinsos.op", { officer: { ...OFFICER, nik: "32040515" } }));
    expect(response.status).toBe(400);
    expect(response.body.issues[0].path).toBe("officer.nik");
  });
});

describe("data-balikan tokens through the admin API", () => {
  beforeEach(async () => {
    await createInstitution();
  });

  it("issues a token once, lists records without secrets, rotates and revokes", async () => {
    const issued = await request(app)
      .post("/sandbox/admin/institutions/dinsos/tokens")
      .set(AUTH)
      .send({ applicationId: "sipeda" });
    expect(issued.status).toBe(201);
    const token: string = issued.body.token;
    expect(tokenIdOf(token)).toBe(issued.body.record.id);
    expect(issued.body.record).toMatchObject({
      state: "active",
      registeredAddresses: ["10.32.4.15"],
    });

    const list = await request(app).get("/sandbox/admin/institutions/dinsos/tokens").set(AUTH);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body.items[0]).not.toHaveProperty("hash");
    expect(list.body.items[0]).not.toHaveProperty("token");

    const rotated = await request(app)
      .post(`/sandbox/admin/tokens/${issued.body.record.id}/rotate`)
      .set(AUTH);
    expect(rotated.status).toBe(201);
    expect(rotated.body.token).not.toBe(token);
    expect(rotated.body.previous).toMatchObject({
      state: "revoked",
      revocation: { reason: "rotated" },
    });
    expect(rotated.body.record.replaces).toBe(issued.body.record.id);

    const revoked = await request(app)
      .post(`/sandbox/admin/tokens/${rotated.body.record.id}/revoke`)
      .set(AUTH)
      .send({ reason: "misuse" });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ state: "revoked", revocation: { reason: "misuse" } });

    const twice = await request(app)
      .post(`/sandbox/admin/tokens/${rotated.body.record.id}/revoke`)
      .set(AUTH)
      .send({ reason: "misuse" });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: "DKS_SIM_CONFLICT", state: "revoked" });
  });

  it("warns about expiry and requires a revocation reason", async () => {
    const issued = await request(app)
      .post("/sandbox/admin/institutions/dinsos/tokens")
      .set(AUTH)
      .send({ applicationId: "sipeda", validityDays: 40 });
    clock.advance(20 * DAY_MS);
    const list = await request(app).get("/sandbox/admin/institutions/dinsos/tokens").set(AUTH);
    expect(list.body.items[0]).toMatchObject({ state: "expiring-soon", daysLeft: 20 });
    expect(list.body.items[0].warning).toMatch(/expires in 20 day/);
    const noReason = await request(app)
      .post(`/sandbox/admin/tokens/${issued.body.record.id}/revoke`)
      .set(AUTH)
      .send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe("DKS_SIM_VALIDATION");
  });

  it("answers 404 for an unknown token", async () => {
    const response = await request(app)
      .post("/sandbox/admin/tokens/0123456789abcdef/rotate")
      .set(AUTH);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe("DKS_SIM_NOT_FOUND");
  });
});

describe("read-only admin requests", () => {
  it("leave the state digest unchanged; writes change it", async () => {
    await createInstitution();
    await request(app)
      .post("/sandbox/admin/institutions/dinsos/users")
      .set(AUTH)
      .send(userInput("dinsos.op"));
    const before = store.digest();
    for (const path of [
      "/sandbox/admin/institutions",
      "/sandbox/admin/institutions/dinsos",
      "/sandbox/admin/institutions/dinsos/users",
      "/sandbox/admin/institutions/dinsos/tokens",
      "/sandbox/admin/users/dinsos.op",
      "/sandbox/admin/onboarding",
      "/sandbox/admin/onboarding/transitions",
      "/sandbox/admin/reports/usage?semester=2026-1",
      "/sandbox/admin/reports/usage?semester=2026-1&format=csv",
    ]) {
      const response = await request(app).get(path).set(AUTH);
      expect(response.status, path).toBe(200);
    }
    expect(store.digest()).toBe(before);
    await request(app).patch("/sandbox/admin/users/dinsos.op").set(AUTH).send({ dailyQuota: 5 });
    expect(store.digest()).not.toBe(before);
  });
});
