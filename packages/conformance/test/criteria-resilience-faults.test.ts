import { describe, expect, it } from "vitest";
import { failedChecks, runCriterion } from "./helpers.js";

describe("resilience criteria (503, reset, no answer)", () => {
  it.each(["POC-RESIL-04", "POC-RESIL-05", "POC-RESIL-06"])(
    "%s passes for the reference app",
    async (id) => {
      const result = await runCriterion(id, "reference-app");
      expect(result.status, result.summary).toBe("passed");
      expect(result.evidence.requests.length).toBeGreaterThan(1);
    },
  );

  it.each(["POC-RESIL-04", "POC-RESIL-05"])(
    "%s fails when the app retries without backoff and without bound",
    async (id) => {
      const result = await runCriterion(id, "flawed-retry-storm");
      expect(result.status).toBe("failed");
      expect(failedChecks(result)).toEqual([
        "at most maxRetries + 1 (3) upstream attempts per lookup",
        "retries back off (growing gaps)",
      ]);
    },
  );

  it("POC-RESIL-06 fails when the app has no timeout of its own and the upstream never answers", async () => {
    const result = await runCriterion("POC-RESIL-06", "flawed-no-timeout");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toContain("answered within appTimeoutMs + grace (2500 ms)");
    expect(result.evidence.actions[0]?.error).toMatch(/no answer within/);
  });
});
