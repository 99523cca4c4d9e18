import { readdir } from "node:fs/promises";
import {
  nikFailureMessages,
  type OutcomeName,
  outcomeRow,
  WEB_PORTAL_GRANT,
} from "@dukcapil-sandbox/core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPocApp, type PocAppTuning } from "../src/poc.js";
import { confirmationOf, ELEMENT_LABELS, UNAVAILABLE_TEXT } from "../src/render.js";
import { ATTRIBUTION, MAGIC, makeStorageDir, Sandbox } from "./sandbox.js";

let sandbox: Sandbox;
let storage: Awaited<ReturnType<typeof makeStorageDir>>;
let app: Awaited<ReturnType<typeof createPocApp>> | undefined;

beforeAll(async () => {
  sandbox = await Sandbox.start();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.reset();
  storage = await makeStorageDir();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await storage.remove();
});

/** Starts the desk for the current sandbox state (fast backoff unless told otherwise). */
async function start(tuning: PocAppTuning = { backoffMs: 20 }) {
  app = await createPocApp(sandbox.context(storage.dir), tuning);
  return app;
}

/** Posts `{"nik": …}` (or a raw JSON body) asking for JSON. */
async function postJson(nik: string, rawBody?: string) {
  const desk = app ?? (await start());
  const response = await fetch(`${desk.url}/cek`, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: rawBody ?? JSON.stringify({ nik }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("the PATEN desk's pages", () => {
  it("shows a labelled NIK form and the attribution notice on the home page", async () => {
    const desk = await start();
    const response = await fetch(desk.url);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(html).toContain('<label for="nik">');
    expect(html).toContain('id="nik" name="nik"');
    expect(html).toContain('action="/akhir-hari"');
    expect(html).toContain(ATTRIBUTION);
  });

  it("shows the attribution notice on every answer, including errors and unknown pages", async () => {
    const desk = await start();
    const answers = [
      await desk.lookup(MAGIC.found),
      await desk.lookup(MAGIC.malformed),
      await desk.lookup(MAGIC.notFound),
      (await desk.endOfDay()) ?? { body: "" },
      { body: await (await fetch(`${desk.url}/nope`)).text() },
    ];
    for (const answer of answers) expect(answer.body).toContain(ATTRIBUTION);
    expect((await postJson(MAGIC.found)).json.attribution).toBe(ATTRIBUTION);
  });
});

describe("data outcomes", () => {
  it("shows only the granted elements of a found resident, with the catalogue's advice", async () => {
    const desk = await start();
    const answer = await desk.lookup(MAGIC.found);
    expect(answer).toMatchObject({ status: 200, contentType: "text/html; charset=utf-8" });
    expect(answer.body).toContain(MAGIC.found);
    expect(answer.body).toContain(outcomeRow("found").actionId);
    for (const element of WEB_PORTAL_GRANT) expect(answer.body).toContain(ELEMENT_LABELS[element]);
    expect(answer.body).not.toContain(ELEMENT_LABELS.AGAMA);
    expect(answer.body).not.toContain(ELEMENT_LABELS.NAMA_LGKP_IBU);
    const { json } = await postJson(MAGIC.found);
    expect(Object.keys(json.record as object).sort()).toEqual([...WEB_PORTAL_GRANT].sort());
  });

  it("keeps working when the institution is granted fewer elements", async () => {
    await sandbox.admin("PATCH", `/admin/institutions/${sandbox.institutionId}`, {
      grant: ["NIK", "NAMA_LGKP"],
    });
    const desk = await start();
    const answer = await desk.lookup(MAGIC.found);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(ELEMENT_LABELS.NAMA_LGKP);
    expect(answer.body).not.toContain(ELEMENT_LABELS.ALAMAT);
    expect(answer.body).not.toContain(ELEMENT_LABELS.NO_KK);
    const { json } = await postJson(MAGIC.found);
    expect(Object.keys(json.record as object)).toEqual(["NIK", "NAMA_LGKP"]);
  });

  const dataOutcomes: [OutcomeName, string][] = [
    ["deceased", MAGIC.deceased],
    ["duplicate", MAGIC.duplicate],
    ["not-found", MAGIC.notFound],
    ["inactive", MAGIC.inactive],
  ];
  it.each(dataOutcomes)(
    "shows the catalogue's confirmation for %s, asking upstream exactly once",
    async (outcome, nik) => {
      const desk = await start();
      const row = outcomeRow(outcome);
      const answer = await desk.lookup(nik);
      expect(answer.status).toBe(200);
      expect(answer.body).toContain(confirmationOf(row));
      expect(answer.body).toContain(row.actionId);
      const lookups = await sandbox.lookups();
      expect(lookups.map((entry) => [entry.nik, entry.code])).toEqual([[nik, row.code]]);
    },
  );

  it("shows a NIK above 2^53 digit-exact, in HTML and in JSON, even sent as a bare number", async () => {
    const desk = await start();
    expect((await desk.lookup(MAGIC.bigNik)).body).toContain(MAGIC.bigNik);
    const asString = await postJson(MAGIC.bigNik);
    expect((asString.json.record as { NIK: string }).NIK).toBe(MAGIC.bigNik);
    const asNumber = await postJson(MAGIC.bigNik, `{"nik":${MAGIC.bigNik}}`);
    expect(asNumber.json.nik).toBe(MAGIC.bigNik);
    expect((await sandbox.lookups()).map((entry) => entry.nik)).toEqual([
      MAGIC.bigNik,
      MAGIC.bigNik,
      MAGIC.bigNik,
    ]);
  });

  it("answers a malformed NIK locally with the reason, and never sends it upstream", async () => {
    const desk = await start();
    const row = outcomeRow("malformed-nik");
    const before = (await sandbox.journal()).length;
    const answer = await desk.lookup(MAGIC.malformed);
    expect(answer.status).toBe(422);
    expect(answer.body).toContain(confirmationOf(row));
    expect(answer.body).toContain(nikFailureMessages.date.id);
    expect(answer.body).toContain(row.actionId);
    for (const typed of ["12345", "3319O41307949001", "", "3319041307940000"]) {
      expect((await desk.lookup(typed)).status).toBe(422);
    }
    const json = await postJson("33190413079490011");
    expect(json).toMatchObject({
      status: 422,
      json: { sentUpstream: false, reason: "length", confirmation: confirmationOf(row) },
    });
    expect((await sandbox.journal()).length).toBe(before);
  });
});

describe("access outcomes", () => {
  const cases: [OutcomeName, () => Promise<unknown>][] = [
    [
      "login-failed",
      () =>
        sandbox.admin("POST", `/admin/users/${sandbox.userId}/password`, {
          password: "a-different-password",
        }),
    ],
    [
      "ip-mismatch",
      () => sandbox.admin("PATCH", `/admin/users/${sandbox.userId}`, { ipUser: "10.32.4.99" }),
    ],
    [
      "address-not-registered",
      () =>
        sandbox.admin("PATCH", `/admin/institutions/${sandbox.institutionId}`, {
          allowlist: ["10.99.0.1"],
        }),
    ],
    [
      "user-inactive",
      () => sandbox.admin("PATCH", `/admin/users/${sandbox.userId}`, { status: "inactive" }),
    ],
    [
      "institution-inactive",
      () =>
        sandbox.admin("PATCH", `/admin/institutions/${sandbox.institutionId}`, {
          status: "inactive",
        }),
    ],
  ];
  cases.push([
    "outside-hours",
    () =>
      sandbox.admin("PATCH", `/admin/institutions/${sandbox.institutionId}`, {
        accessHours: { from: "13:00", to: "15:00" },
      }),
  ]);
  it.each(cases)(
    "tells the operator what %s means and does not loop",
    async (outcome, breakAccess) => {
      const desk = await start();
      await breakAccess();
      const row = outcomeRow(outcome);
      const answer = await desk.lookup(MAGIC.found);
      expect(answer.status).toBe(200);
      expect(answer.body).toContain(confirmationOf(row));
      expect(answer.body).toContain(row.actionId);
      const lookups = await sandbox.lookups();
      expect(lookups.map((entry) => entry.code)).toEqual([row.code]);
    },
  );
});

describe("an answer the catalogue does not know", () => {
  it("shows the upstream's text as it came, asking once", async () => {
    await sandbox.admin("PATCH", `/admin/institutions/${sandbox.institutionId}`, {
      dialect: { texts: { "13": "NIK belum terdaftar pada sistem" } },
    });
    const desk = await start();
    const answer = await desk.lookup(MAGIC.notFound);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("NIK belum terdaftar pada sistem");
    expect(answer.body).toContain("Jawaban Dukcapil tidak dikenal");
    expect((await sandbox.lookups()).length).toBe(1);
  });
});

describe("quota", () => {
  it("stops calling upstream after 'Kuota Akses Hari ini telah Habis' until the next WIB day", async () => {
    await sandbox.admin("PATCH", `/admin/users/${sandbox.userId}`, { dailyQuota: 1 });
    const desk = await start();
    const row = outcomeRow("quota-exhausted");
    expect((await desk.lookup(MAGIC.found)).status).toBe(200);
    const exhausted = await desk.lookup(MAGIC.notFound);
    expect(exhausted.status).toBe(429);
    expect(exhausted.body).toContain("Kuota akses hari ini telah habis");
    expect(exhausted.body).toContain(row.actionId);
    expect((await sandbox.lookups()).map((entry) => entry.code)).toEqual(["01", "05"]);

    for (const nik of [MAGIC.found, MAGIC.deceased, MAGIC.bigNik]) {
      const local = await desk.lookup(nik);
      expect(local.status).toBe(429);
      expect(local.body).toContain(confirmationOf(row));
    }
    await sandbox.admin("POST", "/clock", { set: "2026-11-24T23:59:00+07:00", frozen: true });
    expect((await desk.lookup(MAGIC.found)).status).toBe(429);
    expect((await sandbox.lookups()).length).toBe(2);

    await sandbox.admin("POST", "/clock", { set: "2026-11-25T00:00:00+07:00", frozen: true });
    const nextDay = await desk.lookup(MAGIC.found);
    expect(nextDay.status).toBe(200);
    expect((await sandbox.lookups()).map((entry) => entry.code)).toEqual(["01", "05", "01"]);
  });
});

describe("resilience", () => {
  it.each([
    ["HTTP 503", { error: 503 }],
    ["HTTP 500", { error: 500 }],
    ["a reset connection", { reset: true }],
  ])(
    "retries %s at most twice with growing waits, then says the service is unavailable",
    async (_name, fault) => {
      const desk = await start({ backoffMs: 60 });
      await sandbox.admin("PUT", "/faults", fault);
      const started = performance.now();
      const answer = await desk.lookup(MAGIC.found);
      const elapsed = performance.now() - started;
      expect(answer.status).toBe(503);
      expect(answer.body).toContain(UNAVAILABLE_TEXT);
      expect(answer.body).toContain("3 kali percobaan");
      expect(elapsed).toBeGreaterThanOrEqual(60 + 120 - 5);
      expect((await sandbox.lookups()).length).toBe(3);
    },
  );

  it("answers the operator within its own timeout when the gateway never answers", async () => {
    const desk = await start({ timeoutMs: 400, backoffMs: 20 });
    await sandbox.admin("PUT", "/faults", { noAnswer: true });
    const started = performance.now();
    const answer = await desk.lookup(MAGIC.found);
    const elapsed = performance.now() - started;
    expect(answer.status).toBe(503);
    expect(answer.body).toContain(UNAVAILABLE_TEXT);
    expect(elapsed).toBeLessThan(400 + 300);
  });

  it("recovers as soon as the gateway answers again", async () => {
    const desk = await start();
    await sandbox.admin("PUT", "/faults", { error: 503 });
    expect((await desk.lookup(MAGIC.found)).status).toBe(503);
    await sandbox.admin("DELETE", "/faults");
    expect((await desk.lookup(MAGIC.found)).status).toBe(200);
  });
});

describe("data balikan", () => {
  it("sends one item per resident found at the end of the day, and never sends a NIK again", async () => {
    const desk = await start();
    for (const nik of [MAGIC.found, MAGIC.bigNik, MAGIC.found, MAGIC.deceased, MAGIC.malformed]) {
      await desk.lookup(nik);
    }
    const first = await desk.endOfDay();
    expect(first?.status).toBe(200);
    expect(first?.body).toContain("Terkirim: 2.");
    const received = sandbox.dataBalikan();
    expect(received.map((item) => item.nik).sort()).toEqual([MAGIC.found, MAGIC.bigNik].sort());
    for (const item of received) {
      expect(JSON.parse(item.params)).toEqual([
        { JENIS_LAYANAN: "PATEN - legalisasi", TANGGAL_LAYANAN: "2026-11-24" },
      ]);
    }

    const requests = async () =>
      (await sandbox.journal()).filter((row) => row.endpoint === "data-balikan");
    expect((await requests()).map((row) => row.httpStatus)).toEqual([200]);
    await desk.lookup(MAGIC.found);
    const second = await desk.endOfDay();
    expect(second?.body).toContain("Terkirim: 0.");
    expect((await requests()).length).toBe(1);
    expect(sandbox.dataBalikan().length).toBe(2);
  });

  it("keeps the items when the token is refused, and sends them at the next close", async () => {
    const desk = await start();
    await desk.lookup(MAGIC.found);
    const tokens = (await sandbox.admin(
      "GET",
      `/admin/institutions/${sandbox.institutionId}/tokens`,
    )) as { items: { id: string }[] };
    const [token] = tokens.items;
    await sandbox.admin("POST", `/admin/tokens/${token?.id}/revoke`, { reason: "test" });
    const refused = await desk.endOfDay();
    expect(refused?.status).toBe(502);
    expect(refused?.body).toContain("Menunggu: 1.");
    expect(sandbox.dataBalikan()).toEqual([]);
  });
});

describe("zero storage", () => {
  it("writes nothing to its storage directory", async () => {
    const desk = await start();
    for (const nik of Object.values(MAGIC)) await desk.lookup(nik);
    await desk.endOfDay();
    await desk.close();
    expect(await readdir(storage.dir)).toEqual([]);
  });

  it("logs NIKs masked only", async () => {
    const lines: string[] = [];
    const desk = await start({ backoffMs: 20, log: (line) => lines.push(line) });
    for (const nik of Object.values(MAGIC)) await desk.lookup(nik);
    await sandbox.admin("PUT", "/faults", { error: 503 });
    await desk.lookup(MAGIC.found);
    await sandbox.admin("DELETE", "/faults");
    await desk.endOfDay();
    expect(lines.length).toBeGreaterThan(8);
    const text = lines.join("\n");
    expect(text).toContain("3319**********01");
    expect(text).not.toMatch(/\d{7,}/);
  });
});
