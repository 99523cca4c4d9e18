import { fileURLToPath } from "node:url";
import { type CreatePocApp, runPoc, standardPlan } from "@dukcapil-sandbox/conformance";
import { describe, expect, it } from "vitest";
import { createPocApp } from "../src/poc.js";

// The module contract of the conformance package: this line stops compiling when the app's
// createPocApp no longer matches it.
const contract: CreatePocApp = createPocApp;

const appModule = fileURLToPath(new URL("../src/poc.ts", import.meta.url));

describe("the standard PoC on the PATEN desk", () => {
  it("passes: every mandatory criterion passed", { timeout: 180_000 }, async () => {
    expect(typeof contract).toBe("function");
    // The runner's defaults (appTimeoutMs 5000, maxRetries 2) are the desk's own limits.
    const report = await runPoc({ app: appModule, config: { population: 10_000 } });
    const notPassed = report.criteria
      .filter((criterion) => criterion.status !== "passed")
      .map((criterion) => `${criterion.id}:${criterion.status} ${criterion.summary}`);
    // Every criterion passes, the advisory load criterion (POC-LOAD-01) included.
    expect(notPassed).toEqual([]);
    expect(standardPlan.criteria.filter((criterion) => !criterion.mandatory).length).toBe(1);
    expect(report.verdict, notPassed.join("\n")).toBe("passed");
    // The report names the app by its package, not by its entry file (src/poc.ts).
    expect(report.manifest.app.name).toBe("example-paten-kecamatan");
    expect(report.counts.failed + report.counts.error).toBe(0);
  });
});
