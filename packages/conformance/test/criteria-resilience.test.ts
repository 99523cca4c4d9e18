import { describe, expect, it } from "vitest";
import { failedChecks, runCriterion } from "./helpers.js";

describe("resilience criteria", () => {
  it.each(["POC-RESIL-01", "POC-RESIL-02", "POC-RESIL-03"])(
    "%s passes for the reference app (own timeout, 3 attempts, doubling backoff)",
    async (id) => {
      const result = await runCriterion(id, "reference-app");
      expect(result.status, result.summary).toBe("passed");
    },
  );

  it("POC-RESIL-01 fails when the app gives up before a slow link delivers the record", async () => {
    const result = await runCriterion("POC-RESIL-01", "flawed-impatient");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toContain("the record is shown");
  });

  it("POC-RESIL-02 fails when the app waits for a 10 s upstream delay", async () => {
    const result = await runCriterion("POC-RESIL-02", "flawed-no-timeout");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toEqual([
      "every lookup answered",
      "answered within appTimeoutMs + grace (2500 ms)",
    ]);
  });

  it("POC-RESIL-03 fails when the app retries HTTP 500 at once, seven times", async () => {
    const result = await runCriterion("POC-RESIL-03", "flawed-retry-storm");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toEqual([
      "at most maxRetries + 1 (3) upstream attempts per lookup",
      "retries back off (growing gaps)",
    ]);
  });
});
