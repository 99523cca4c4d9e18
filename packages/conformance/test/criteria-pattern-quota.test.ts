import { describe, expect, it } from "vitest";
import { failedChecks, runCriterion } from "./helpers.js";

describe("input pattern criterion (Juknis II.E.1)", () => {
  it("POC-PATTERN-01 passes when the app makes one call per operator lookup", async () => {
    const result = await runCriterion("POC-PATTERN-01", "reference-app");
    expect(result.status, result.summary).toBe("passed");
    expect(result.evidence.requests.filter((r) => r.endpoint === "lookup")).toHaveLength(20);
  });

  it("POC-PATTERN-01 fails when the app prefetches the next NIKs (sequential and bursty input)", async () => {
    const result = await runCriterion("POC-PATTERN-01", "flawed-prefetch-neighbours");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toEqual([
      "no live usage-pattern finding",
      "no finding by core's detector over the journal",
    ]);
    expect(result.summary).toMatch(/PATTERN_SEQUENTIAL/);
  });
});

describe("quota criteria", () => {
  it("POC-QUOTA-01 passes when the app shows the quota message and makes one call per lookup", async () => {
    const result = await runCriterion("POC-QUOTA-01", "reference-app");
    expect(result.status, result.summary).toBe("passed");
    expect(result.evidence.requests.filter((r) => r.code === "05")).toHaveLength(1);
  });

  it("POC-QUOTA-01 fails when the app retries code 05", async () => {
    const result = await runCriterion("POC-QUOTA-01", "flawed-loops-on-refusal");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toEqual(["at most 1 upstream call(s) per lookup"]);
  });

  it("POC-QUOTA-01 fails when the app does not tell the operator the quota ran out", async () => {
    const result = await runCriterion("POC-QUOTA-01", "flawed-vague-messages");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toEqual(["the quota message is shown"]);
  });

  it("POC-QUOTA-02 passes when the app stops after 05 and calls again the next day", async () => {
    const result = await runCriterion("POC-QUOTA-02", "reference-app");
    expect(result.status, result.summary).toBe("passed");
    expect(result.checks.map((check) => check.name)).toContain("calls again the next day");
  });

  it("POC-QUOTA-02 fails when the app keeps calling after 05 the same day", async () => {
    const result = await runCriterion("POC-QUOTA-02", "flawed-forgets-quota");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toEqual(["no upstream call after code 05 the same day"]);
  });

  it("POC-QUOTA-02 fails when the app never calls again after 05", async () => {
    const result = await runCriterion("POC-QUOTA-02", "flawed-never-resumes");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toEqual(["calls again the next day"]);
  });
});
