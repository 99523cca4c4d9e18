import { describe, expect, it } from "vitest";
import { failedChecks, runCriterion } from "./helpers.js";

describe("data outcome criteria", () => {
  it.each([
    "POC-DATA-01",
    "POC-DATA-02",
    "POC-DATA-03",
    "POC-DATA-04",
    "POC-DATA-05",
    "POC-DATA-06",
    "POC-DATA-07",
  ])("%s passes for the reference app", async (id) => {
    const result = await runCriterion(id, "reference-app");
    expect(result.status, result.summary).toBe("passed");
  });

  it("POC-DATA-01 fails when the app hides the record's elements", async () => {
    const result = await runCriterion("POC-DATA-01", "flawed-hide-record");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toEqual(["the answer shows NAMA_LGKP"]);
  });

  it.each(["POC-DATA-02", "POC-DATA-03", "POC-DATA-04", "POC-DATA-05"])(
    "%s fails when the app shows a vague message instead of the confirmation",
    async (id) => {
      const result = await runCriterion(id, "flawed-vague-messages");
      expect(result.status).toBe("failed");
      expect(failedChecks(result)).toEqual(["the answer shows the catalogue's confirmation"]);
    },
  );

  it("POC-DATA-06 fails when a malformed NIK reaches the upstream", async () => {
    const result = await runCriterion("POC-DATA-06", "flawed-no-local-validation");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toEqual(["no request reached the upstream"]);
    expect(result.evidence.requests.map((request) => request.code)).toContain("15");
  });

  it("POC-DATA-07 fails when the app shows a NIK above 2^53 rounded to a double", async () => {
    const result = await runCriterion("POC-DATA-07", "flawed-nik-as-number");
    expect(result.status).toBe("failed");
    expect(failedChecks(result)).toEqual(["the NIK is shown digit-exact"]);
    expect(result.summary).toMatch(/rounded/);
  });
});
