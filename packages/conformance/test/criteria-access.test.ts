import { describe, expect, it } from "vitest";
import { runPoc } from "../src/runner/run.js";
import { failedChecks, fixture, planOf, runCriterion, TEST_CONFIG } from "./helpers.js";

describe("credentials and access criteria", () => {
  it.each([
    ["POC-ACCESS-01", "03"],
    ["POC-ACCESS-02", "10"],
    ["POC-ACCESS-03", "04"],
    ["POC-ACCESS-04", "17"],
    ["POC-ACCESS-05", "16"],
  ])(
    "%s passes when the reference app shows the refusal (code %s) once per lookup",
    async (id, code) => {
      const result = await runCriterion(id, "reference-app");
      expect(result.status, result.summary).toBe("passed");
      expect(result.evidence.requests.some((request) => request.code === code)).toBe(true);
    },
  );

  it.each(["POC-ACCESS-01", "POC-ACCESS-03", "POC-ACCESS-05"])(
    "%s fails when the app loops on the refusal",
    async (id) => {
      const result = await runCriterion(id, "flawed-loops-on-refusal");
      expect(result.status).toBe("failed");
      expect(failedChecks(result)).toEqual(["at most 1 upstream call(s) per lookup"]);
    },
  );

  it.each(["POC-ACCESS-02", "POC-ACCESS-04"])(
    "%s fails when the app shows a vague message instead of the refusal",
    async (id) => {
      const result = await runCriterion(id, "flawed-vague-messages");
      expect(result.status).toBe("failed");
      expect(failedChecks(result)).toEqual(["the answer shows the catalogue's confirmation"]);
    },
  );

  it("restores the password, allowlist, ip_user and statuses after each access criterion", async () => {
    // A found resident right after the access criteria: the state was restored.
    const report = await runPoc({
      app: fixture("reference-app"),
      plan: planOf(
        "POC-ACCESS-01",
        "POC-ACCESS-02",
        "POC-ACCESS-03",
        "POC-ACCESS-04",
        "POC-ACCESS-05",
        "POC-DATA-01",
      ),
      config: TEST_CONFIG,
    });
    expect(report.criteria.map((criterion) => criterion.status)).toEqual([
      "passed",
      "passed",
      "passed",
      "passed",
      "passed",
      "passed",
    ]);
  });
});
