import { describe, expect, it } from "vitest";
import { failedChecks, runCriterion } from "./helpers.js";

describe("zero storage, attribution, data balikan and load criteria", () => {
  it("POC-STORAGE-01 passes when the app stores nothing", async () => {
    const result = await runCriterion("POC-STORAGE-01", "reference-app");
    expect(result.status, result.summary).toBe("passed");
  });

  it("POC-STORAGE-01 fails when the app keeps the records it read", async () => {
    const result = await runCriterion("POC-STORAGE-01", "flawed-stores-data");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toEqual(["no canary value in the app's storage"]);
    expect(result.summary).toMatch(/cache\.json/);
    // The report names the file and the kind of value, never the value.
    expect(JSON.stringify(result)).not.toMatch(/(?<!\d)\d{16}(?!\d)/);
  });

  it("POC-ATTRIB-01 passes when every answer shows the notice", async () => {
    const result = await runCriterion("POC-ATTRIB-01", "reference-app");
    expect(result.status, result.summary).toBe("passed");
  });

  it("POC-ATTRIB-01 fails when the app omits the notice", async () => {
    const result = await runCriterion("POC-ATTRIB-01", "flawed-no-attribution");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toEqual(["every answer shows the attribution notice"]);
  });

  it("POC-BALIKAN-01 passes when the app sends one item per found resident, once", async () => {
    const result = await runCriterion("POC-BALIKAN-01", "reference-app");
    expect(result.status, result.summary).toBe("passed");
  });

  it("POC-BALIKAN-01 fails when the app sends the same items again", async () => {
    const result = await runCriterion("POC-BALIKAN-01", "flawed-resends-data-balikan");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toEqual(["no duplicate re-send"]);
  });

  it("POC-BALIKAN-01 fails when the app cannot close the day", async () => {
    const result = await runCriterion("POC-BALIKAN-01", "flawed-no-end-of-day");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toEqual(["the app can close the day"]);
  });

  // POC-LOAD-01 runs the load runner against the app (advisory: never changes the verdict).
  it("POC-LOAD-01 passes the reference app", { timeout: 30_000 }, async () => {
    const result = await runCriterion("POC-LOAD-01", "reference-app");
    expect(result.status, result.summary).toBe("passed");
    expect(result.mandatory).toBe(false);
    expect(result.checks.map((check) => check.name)).toEqual([
      "the planned rate was sustained",
      "p95 latency under 2000 ms",
      "error rate at most 1%",
    ]);
    expect(result.evidence.notes.join(" ")).toMatch(/open-loop/);
  });

  it("POC-LOAD-01 fails (advisory) for a slow app", { timeout: 30_000 }, async () => {
    const result = await runCriterion("POC-LOAD-01", "flawed-slow");
    expect(result.status).toBe("failed");
    expect(result.mandatory).toBe(false);
    expect(failedChecks(result)).toContain("p95 latency under 2000 ms");
  });
});
