import { describe, expect, it } from "vitest";
import { LOAD_SKIPPED_REASON } from "../src/criteria/load.js";
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

  // The load engine does not exist yet: POC-LOAD-01 can neither pass nor fail, only be skipped
  // (and, being advisory, it never changes the verdict).
  it("POC-LOAD-01 is skipped with its reason for any app, never passed", async () => {
    for (const app of ["reference-app", "careless-app"]) {
      const result = await runCriterion("POC-LOAD-01", app);
      expect(result.status).toBe("skipped");
      expect(result.mandatory).toBe(false);
      expect(result.summary).toContain(LOAD_SKIPPED_REASON);
    }
  });
});
