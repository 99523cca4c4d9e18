import { describe, expect, it } from "vitest";
import { standardPlan } from "../src/plan/standard.js";
import { pocReportSchema } from "../src/report/schema.js";
import { runPoc } from "../src/runner/run.js";
import { fixture, TEST_CONFIG } from "./helpers.js";

/**
 * The self-check of issue 4: the standard plan against a deliberately flawed app fails exactly
 * the expected criteria — a check that cannot fail is a defect.
 */
describe("self-check: the standard plan", () => {
  it("fails exactly the expected criteria of the careless app", { timeout: 90_000 }, async () => {
    const report = await runPoc({ app: fixture("careless-app"), config: TEST_CONFIG });
    expect(pocReportSchema.safeParse(report).success).toBe(true);
    const notPassed = report.criteria
      .filter((criterion) => criterion.status !== "passed")
      .map((criterion) => `${criterion.id}:${criterion.status}`);
    expect(notPassed).toEqual([
      "POC-ACCESS-01:failed", // loops on Login Gagal
      "POC-ACCESS-02:failed",
      "POC-ACCESS-03:failed",
      "POC-ACCESS-04:failed",
      "POC-ACCESS-05:failed",
      "POC-PATTERN-01:failed", // prefetches the next NIKs
      "POC-STORAGE-01:failed", // keeps what it reads
      "POC-ATTRIB-01:failed", // no notice
      "POC-QUOTA-01:failed", // retries code 05
      "POC-QUOTA-02:failed",
    ]);
    expect(report.verdict).toBe("failed");
    expect(report.production).toBeNull();
  });

  it("passes the reference app, every mandatory criterion passed", {
    timeout: 90_000,
  }, async () => {
    const events: string[] = [];
    const report = await runPoc({
      app: fixture("reference-app"),
      config: TEST_CONFIG,
      onProgress: (event) => {
        if (event.type === "criterion-finished") events.push(event.id);
      },
    });
    expect(report.verdict, report.criteria.map((c) => `${c.id} ${c.summary}`).join("\n")).toBe(
      "passed",
    );
    expect(report.counts).toEqual({ passed: 25, failed: 0, skipped: 0, error: 0 });
    expect(new Set(events)).toEqual(new Set(standardPlan.criteria.map((c) => c.id)));
    expect(report.production).toEqual({
      endpoint: "POST <production gateway>/dukcapil/get_json/DINSOS_3204/<METHOD>",
      methods: ["CALL_NIK"],
      grant: expect.arrayContaining(["NIK", "NAMA_LGKP"]),
      quota: "unlimited",
    });
    // A report is a log: no NIK (or NO_KK) in full anywhere.
    expect(JSON.stringify(report.criteria)).not.toMatch(/(?<!\d)\d{16}(?!\d)/);
  });
});
