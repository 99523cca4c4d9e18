import { jakartaDay, responseCodes, usagePatternKinds } from "@dukcapil-sandbox/core";
import type express from "express";
import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStore } from "../src/state/store.js";
import type { SimulatorStore } from "../src/state/types.js";
import { usageReportCsvHeader } from "../src/state/usage.js";
import { AUTH, adminApp } from "./admin-fixtures.js";
import { lookupEntry, manualClock } from "./state-fixtures.js";

/** The last second of semester 2026-1 and the first instant of 2026-2, in WIB. */
const LAST_OF_JUNE = Date.parse("2026-06-30T23:59:59+07:00");
const FIRST_OF_JULY = Date.parse("2026-07-01T00:00:00+07:00");

let store: SimulatorStore;
let app: express.Express;

function hit(at: number, institutionId: string, findings: NewFindings = []) {
  store.recordHit(`${institutionId}.op`, jakartaDay(at), 200, (result) =>
    lookupEntry(at, {
      institutionId,
      userId: `${institutionId}.op`,
      hitsLeft: result.remaining,
      findings,
    }),
  );
}
type NewFindings = ("PATTERN_SEQUENTIAL" | "PATTERN_PREFIX_SWEEP" | "PATTERN_BURST")[];

beforeEach(() => {
  const clock = manualClock(Date.parse("2026-07-02T09:00:00+07:00"));
  store = createStore({ clock });
  app = adminApp(store, clock);
  store.institutions.create({
    id: "dinsos",
    name: "Dinas Sosial, Kab. Bandung",
    path: "DINSOS_3204",
  });
  store.institutions.create({ id: "dinkes", name: "=Dinas Kesehatan", path: "DINKES_3204" });
  // Semester 2026-1: two hits on 30 June (one with a finding), a refused login without a hit,
  // one data-balikan item; 2026-2: one hit at 00:00 WIB on 1 July.
  hit(Date.parse("2026-03-02T10:00:00+07:00"), "dinsos");
  hit(LAST_OF_JUNE - 1000, "dinsos", ["PATTERN_SEQUENTIAL"]);
  hit(LAST_OF_JUNE, "dinsos");
  store.appendJournal(lookupEntry(LAST_OF_JUNE, { institutionId: "dinsos" }, "03"));
  hit(FIRST_OF_JULY, "dinsos", ["PATTERN_BURST"]);
  store.dataBalikan.receive("dinsos", [{ nik: "3204051502900001", params: [{ ID: "A-1" }] }], {
    at: LAST_OF_JUNE,
  });
  store.dataBalikan.receive("dinsos", [{ nik: "3204051502900002", params: [{ ID: "A-2" }] }], {
    at: FIRST_OF_JULY,
  });
});
afterEach(() => store.close());

describe("the semester usage report", () => {
  it("counts hits per day, outcomes, findings and data balikan inside the semester only", async () => {
    const response = await request(app)
      .get("/sandbox/admin/reports/usage?semester=2026-1")
      .set(AUTH);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({
      semester: "2026-1",
      fromDay: "2026-01-01",
      toDay: "2026-06-30",
    });
    const [dinkes, dinsos] = response.body.institutions;
    expect(dinkes).toMatchObject({
      institutionId: "dinkes",
      days: [],
      totals: { hits: 0, requests: 0 },
    });
    expect(dinsos.totals).toEqual({
      hits: 3,
      requests: 4,
      outcomes: { "01": 3, "03": 1 },
      patternFindings: { PATTERN_SEQUENTIAL: 1 },
      dataBalikanItems: 1,
    });
    expect(dinsos.days).toEqual([
      {
        day: "2026-03-02",
        hits: 1,
        outcomes: { "01": 1 },
        patternFindings: {},
        dataBalikanItems: 0,
      },
      {
        day: "2026-06-30",
        hits: 2,
        outcomes: { "01": 2, "03": 1 },
        patternFindings: { PATTERN_SEQUENTIAL: 1 },
        dataBalikanItems: 1,
      },
    ]);

    const july = await request(app)
      .get("/sandbox/admin/reports/usage?semester=2026-2&institution=dinsos")
      .set(AUTH);
    expect(july.body.institutions).toHaveLength(1);
    expect(july.body.institutions[0].days).toEqual([
      {
        day: "2026-07-01",
        hits: 1,
        outcomes: { "01": 1 },
        patternFindings: { PATTERN_BURST: 1 },
        dataBalikanItems: 1,
      },
    ]);
  });

  it("renders CSV with a header row for format=csv and for Accept: text/csv", async () => {
    const byQuery = await request(app)
      .get("/sandbox/admin/reports/usage?semester=2026-1&format=csv")
      .set(AUTH);
    const byAccept = await request(app)
      .get("/sandbox/admin/reports/usage?semester=2026-1")
      .set(AUTH)
      .set("accept", "text/csv");
    for (const response of [byQuery, byAccept]) {
      expect(response.status).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers["content-disposition"]).toBe(
        'attachment; filename="usage-2026-1.csv"',
      );
    }
    const lines = byQuery.text.split("\r\n");
    expect(lines.at(-1)).toBe("");
    const header = lines[0]?.split(",");
    expect(header).toEqual(usageReportCsvHeader());
    expect(header).toHaveLength(8 + responseCodes.length + 1 + usagePatternKinds.length + 1);
    const rows = lines.slice(1, -1);
    // dinkes: total only; dinsos: two days and a total.
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^2026-1,dinkes,'=Dinas Kesehatan,onboarding,total,,0,0,/);
    const juneRow = rows.find((row) => row.includes(",day,2026-06-30,"));
    expect(juneRow).toBeDefined();
    const cells = (juneRow ?? "").replace('"Dinas Sosial, Kab. Bandung"', "NAME").split(",");
    const column = (name: string) => cells[(header ?? []).indexOf(name)];
    expect(column("hits")).toBe("2");
    expect(column("requests")).toBe("3");
    expect(column("code_01")).toBe("2");
    expect(column("code_03")).toBe("1");
    expect(column("PATTERN_SEQUENTIAL")).toBe("1");
    expect(column("data_balikan_items")).toBe("1");
    expect(juneRow).toContain('"Dinas Sosial, Kab. Bandung"');
  });

  it("refuses a malformed semester and an unknown institution with problem+json", async () => {
    const bad = await request(app).get("/sandbox/admin/reports/usage?semester=2026-3").set(AUTH);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: "DKS_SIM_VALIDATION" });
    expect(bad.body.issues[0].path).toBe("semester");
    const missing = await request(app).get("/sandbox/admin/reports/usage").set(AUTH);
    expect(missing.status).toBe(400);
    const unknown = await request(app)
      .get("/sandbox/admin/reports/usage?semester=2026-1&institution=nope")
      .set(AUTH);
    expect(unknown.status).toBe(404);
  });
});
