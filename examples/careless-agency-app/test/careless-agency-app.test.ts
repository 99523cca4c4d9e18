import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { detectUsagePatterns, type OutcomeName, outcomeRow } from "@dukcapil-sandbox/core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { neighbours, QUOTA_RETRIES } from "../src/app.js";
import { createPocApp } from "../src/poc.js";
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

async function start() {
  app = await createPocApp(sandbox.context(storage.dir), { backoffMs: 20 });
  return app;
}

describe("the careless app's deliberate flaws", () => {
  it("(a) stores every record it reads in cache.jsonl and logs full NIKs in app.log", async () => {
    const desk = await start();
    await desk.lookup(MAGIC.found);
    await desk.lookup(MAGIC.deceased);
    expect((await readdir(storage.dir)).sort()).toEqual(["app.log", "cache.jsonl"]);
    const cache = await readFile(join(storage.dir, "cache.jsonl"), "utf8");
    const first = JSON.parse(cache.split("\n")[0] ?? "") as {
      nik: string;
      record: Record<string, string>;
    };
    expect(first.nik).toBe(MAGIC.found);
    expect(first.record.NIK).toBe(MAGIC.found);
    expect(first.record.NAMA_LGKP).toBeTruthy();
    const log = await readFile(join(storage.dir, "app.log"), "utf8");
    expect(log).toContain(MAGIC.found);
    expect(log).toContain(MAGIC.deceased);
  });

  it("(b) prefetches the three next NIKs upstream after each resident found", async () => {
    expect(neighbours("3319041307949001", 3)).toEqual([
      "3319041307949002",
      "3319041307949003",
      "3319041307949004",
    ]);
    expect(neighbours("3319041307949998", 3)).toEqual(["3319041307949999"]);
    const desk = await start();
    await desk.lookup(MAGIC.found);
    const lookups = await sandbox.lookups();
    expect(lookups.map((row) => row.nik)).toEqual([MAGIC.found, ...neighbours(MAGIC.found, 3)]);
    const findings = detectUsagePatterns(
      lookups.map((row) => ({ at: row.at, nik: row.nik ?? "" })),
    ).map((finding) => finding.code);
    expect(findings).toContain("PATTERN_SEQUENTIAL");
    expect(lookups.flatMap((row) => row.findings)).toContain("PATTERN_SEQUENTIAL");
  });

  it("(c) asks again five times at once on quota exhaustion, and keeps asking on later lookups", async () => {
    await sandbox.admin("PATCH", `/admin/users/${sandbox.userId}`, { dailyQuota: 1 });
    const desk = await start();
    await desk.lookup(MAGIC.notFound); // the one hit of the day
    const exhausted = await desk.lookup(MAGIC.deceased);
    expect(exhausted.status).toBe(429);
    expect(exhausted.body).toContain(outcomeRow("quota-exhausted").portalText);
    const afterFirst = (await sandbox.lookups()).map((row) => row.code);
    expect(afterFirst).toEqual(["13", ...Array(QUOTA_RETRIES + 1).fill("05")]);
    await desk.lookup(MAGIC.duplicate);
    const codes = (await sandbox.lookups()).map((row) => row.code);
    expect(codes).toEqual(["13", ...Array(2 * (QUOTA_RETRIES + 1)).fill("05")]);
  });

  it("(d) shows no attribution notice", async () => {
    const desk = await start();
    const pages = [
      await (await fetch(desk.url)).text(),
      (await desk.lookup(MAGIC.found)).body,
      (await desk.lookup(MAGIC.notFound)).body,
      (await desk.lookup("12345")).body,
    ];
    for (const page of pages) {
      expect(page).not.toContain(ATTRIBUTION);
      expect(page).not.toMatch(/menggunakan API/i);
    }
  });
});

describe("what the careless app gets right", () => {
  it("never sends a malformed NIK upstream", async () => {
    const desk = await start();
    for (const typed of [MAGIC.malformed, "320405150290000", "32040515O2900001"]) {
      expect((await desk.lookup(typed)).status).toBe(422);
    }
    expect(await sandbox.journal()).toEqual([]);
  });

  it.each([
    ["deceased", MAGIC.deceased],
    ["duplicate", MAGIC.duplicate],
    ["not-found", MAGIC.notFound],
    ["inactive", MAGIC.inactive],
  ] as [OutcomeName, string][])("shows the confirmation for %s, asked once", async (name, nik) => {
    const desk = await start();
    const row = outcomeRow(name);
    expect((await desk.lookup(nik)).body).toContain(row.portalText);
    expect((await sandbox.lookups()).map((entry) => entry.code)).toEqual([row.code]);
  });

  it("shows a NIK above 2^53 digit-exact", async () => {
    const desk = await start();
    expect((await desk.lookup(MAGIC.bigNik)).body).toContain(MAGIC.bigNik);
  });

  it("retries HTTP 503 at most twice", async () => {
    const desk = await start();
    await sandbox.admin("PUT", "/faults", { error: 503 });
    const answer = await desk.lookup(MAGIC.found);
    expect(answer.status).toBe(503);
    expect(answer.body).toContain("Layanan sedang tidak tersedia");
    expect((await sandbox.lookups()).length).toBe(3);
  });

  it("sends data balikan once per resident looked up, never twice", async () => {
    const desk = await start();
    await desk.lookup(MAGIC.found);
    await desk.lookup(MAGIC.found);
    await desk.lookup(MAGIC.notFound);
    expect((await desk.endOfDay())?.status).toBe(200);
    expect((await desk.endOfDay())?.status).toBe(200);
    expect(sandbox.dataBalikan().map((item) => item.nik)).toEqual([MAGIC.found]);
    const requests = (await sandbox.journal()).filter((row) => row.endpoint === "data-balikan");
    expect(requests.map((row) => row.httpStatus)).toEqual([200]);
  });
});
