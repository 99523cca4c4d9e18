import type express from "express";
import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { onboardingTransitions } from "../src/state/onboarding.js";
import { createStore } from "../src/state/store.js";
import type { SimulatorStore } from "../src/state/types.js";
import { AUTH, adminApp } from "./admin-fixtures.js";
import { manualClock, OFFICER, START } from "./state-fixtures.js";

let store: SimulatorStore;
let app: express.Express;
let clock: ReturnType<typeof manualClock>;

beforeEach(() => {
  clock = manualClock();
  store = createStore({ clock });
  app = adminApp(store, clock);
});
afterEach(() => store.close());

const COMPLETE = {
  letter: { number: "400/123/Dinsos/2026", date: "2026-02-20" },
  institution: {
    id: "dinsos",
    name: "Dinas Sosial Kabupaten Bandung",
    path: "DINSOS_3204",
    allowlist: ["10.32.4.15"],
  },
  application: { name: "SIPEDA", description: "Verifikasi penerima bantuan sosial" },
  user: { userId: "dinsos.op", ipUser: "10.32.4.15", officer: OFFICER },
  contact: { name: "Siti Nurhayati", email: "dinsos@bandungkab.go.id", phone: "+62 22 5891234" },
};

async function move(id: string, to: string, note?: string) {
  return request(app)
    .post(`/sandbox/admin/onboarding/${id}/transition`)
    .set(AUTH)
    .send(note === undefined ? { to } : { to, note });
}

describe("onboarding tickets", () => {
  it("follow the SOP and the PoC steps to production, creating the account on the way", async () => {
    const submitted = await request(app).post("/sandbox/admin/onboarding").set(AUTH).send(COMPLETE);
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      id: "TKT-000001",
      state: "submitted",
      closed: false,
      missing: [],
      allowed: ["checking"],
      dueAt: START + 15 * 60_000,
    });
    const id: string = submitted.body.id;

    expect((await move(id, "checking", "diperiksa service desk")).status).toBe(200);
    const created = await move(id, "account-created", "akun dibuat");
    expect(created.status).toBe(200);
    expect(created.body.ticket).toMatchObject({
      state: "account-created",
      closed: true,
      institutionId: "dinsos",
      userId: "dinsos.op",
    });
    const password: string = created.body.account.password;
    expect(created.body.account).toMatchObject({ institutionId: "dinsos", userId: "dinsos.op" });
    expect(store.users.verifyPassword("dinsos.op", password)).toBe(true);
    expect(store.institutions.get("dinsos")?.stage).toBe("onboarding");

    expect((await move(id, "poc-requested")).status).toBe(200);
    expect(store.institutions.get("dinsos")?.stage).toBe("poc");
    expect((await move(id, "poc-scheduled")).status).toBe(200);
    expect((await move(id, "poc-passed")).status).toBe(200);
    clock.advance(60_000);
    const production = await move(id, "production", "surat hasil PoC");
    expect(production.body.ticket.state).toBe("production");
    expect(store.institutions.get("dinsos")?.stage).toBe("production");

    const read = await request(app).get(`/sandbox/admin/onboarding/${id}`).set(AUTH);
    expect(read.body.history.map((entry: { to: string }) => entry.to)).toEqual([
      "submitted",
      "checking",
      "account-created",
      "poc-requested",
      "poc-scheduled",
      "poc-passed",
      "production",
    ]);
    expect(read.body.history.at(-1)).toMatchObject({
      from: "poc-passed",
      at: START + 60_000,
      note: "surat hasil PoC",
    });
  });

  it("refuse a forbidden transition with 409 listing the allowed states", async () => {
    const submitted = await request(app).post("/sandbox/admin/onboarding").set(AUTH).send(COMPLETE);
    const response = await move(submitted.body.id, "production");
    expect(response.status).toBe(409);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      code: "DKS_SIM_INVALID_TRANSITION",
      from: "submitted",
      to: "production",
      allowed: ["checking"],
    });
    const unknown = await move(submitted.body.id, "approved");
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: "DKS_SIM_VALIDATION", allowed: ["checking"] });
  });

  it("return an incomplete ticket to the applicant, who completes and resubmits it", async () => {
    const submitted = await request(app)
      .post("/sandbox/admin/onboarding")
      .set(AUTH)
      .send({ institution: COMPLETE.institution, application: { name: "SIPEDA" } });
    const id: string = submitted.body.id;
    expect(submitted.body.missing).toEqual(
      expect.arrayContaining(["letter", "application.description", "user", "contact"]),
    );
    await move(id, "checking");
    const refused = await move(id, "account-created");
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ allowed: ["returned"] });
    expect(refused.body.missing).toContain("letter");
    expect(store.institutions.get("dinsos")).toBeUndefined();

    expect((await move(id, "returned", "lampirkan surat permohonan")).body.ticket.state).toBe(
      "returned",
    );
    const amended = await request(app)
      .patch(`/sandbox/admin/onboarding/${id}`)
      .set(AUTH)
      .send(COMPLETE);
    expect(amended.body.missing).toEqual([]);
    await move(id, "submitted");
    await move(id, "checking");
    expect((await move(id, "account-created")).status).toBe(200);
  });

  it("roll back the whole transition when the account cannot be created", async () => {
    store.institutions.create({ id: "dinsos", name: "Existing", path: "DINSOS_3204" });
    const submitted = await request(app).post("/sandbox/admin/onboarding").set(AUTH).send(COMPLETE);
    await move(submitted.body.id, "checking");
    const response = await move(submitted.body.id, "account-created");
    expect(response.status).toBe(409);
    expect(response.body.code).toBe("DKS_SIM_CONFLICT");
    const ticket = await request(app)
      .get(`/sandbox/admin/onboarding/${submitted.body.id}`)
      .set(AUTH);
    expect(ticket.body.state).toBe("checking");
    expect(store.users.get("dinsos.op")).toBeUndefined();
  });

  it("publish the transition table and filter tickets by state", async () => {
    const table = await request(app).get("/sandbox/admin/onboarding/transitions").set(AUTH);
    expect(table.body.transitions).toHaveLength(onboardingTransitions.length);
    await request(app).post("/sandbox/admin/onboarding").set(AUTH).send(COMPLETE);
    const second = await request(app).post("/sandbox/admin/onboarding").set(AUTH).send({});
    await move(second.body.id, "checking");
    const checking = await request(app).get("/sandbox/admin/onboarding?state=checking").set(AUTH);
    expect(checking.body.items.map((item: { id: string }) => item.id)).toEqual(["TKT-000002"]);
    const bad = await request(app).get("/sandbox/admin/onboarding?state=done").set(AUTH);
    expect(bad.status).toBe(400);
  });
});
