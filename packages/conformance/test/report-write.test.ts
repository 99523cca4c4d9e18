import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderHtml } from "../src/report/html.js";
import { renderJson, reportJsonSchema } from "../src/report/json.js";
import { renderJunit } from "../src/report/junit.js";
import { renderLetter } from "../src/report/letter.js";
import { signReport, verifyReport } from "../src/report/sign.js";
import { REPORT_FILES, writeReports } from "../src/report/write.js";
import { failedReport, passedReport } from "./fixtures/report-fixtures.js";
import { testKeyPair } from "./fixtures/report-keys.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "dks-report-write-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeReports", () => {
  it("writes the five renderings into a new directory and returns their paths", async () => {
    const report = signReport(failedReport(), testKeyPair().privateKeyPem);
    const target = join(dir, "runs", "2026-11-24");
    const paths = await writeReports(report, target);
    expect(paths).toEqual(REPORT_FILES.map((name) => join(target, name)));
    const read = (name: string) => readFile(join(target, name), "utf8");
    expect(await read("report.json")).toBe(renderJson(report));
    expect(JSON.parse(await read("report.schema.json"))).toEqual(reportJsonSchema());
    expect(await read("junit.xml")).toBe(renderJunit(report));
    expect(await read("report.html")).toBe(renderHtml(report));
    expect(await read("surat-hasil-poc.html")).toBe(renderLetter(report));
  });

  it("writes a report.json that verifies", async () => {
    const report = signReport(passedReport(), testKeyPair().privateKeyPem);
    await writeReports(report, dir);
    const result = verifyReport(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
    expect(result).toMatchObject({ ok: true, verdict: "passed" });
  });

  it("overwrites an earlier run in the same directory", async () => {
    await writeReports(failedReport(), dir);
    await writeReports(passedReport(), dir);
    expect(JSON.parse(await readFile(join(dir, "report.json"), "utf8")).verdict).toBe("passed");
  });

  it("writes nothing for an invalid report", async () => {
    const target = join(dir, "never");
    await expect(
      writeReports({ ...passedReport(), verdict: "maybe" } as never, target),
    ).rejects.toThrow(expect.objectContaining({ code: "DKS_POC_REPORT_INVALID" }));
    await expect(readFile(join(target, "report.json"))).rejects.toThrow(/ENOENT/);
  });

  it("throws DKS_POC_REPORT_WRITE_FAILED when the directory is a file", async () => {
    const file = join(dir, "a-file");
    await writeFile(file, "");
    await expect(writeReports(passedReport(), file)).rejects.toThrow(
      expect.objectContaining({ code: "DKS_POC_REPORT_WRITE_FAILED" }),
    );
  });
});
