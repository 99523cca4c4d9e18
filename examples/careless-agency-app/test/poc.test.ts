import { fileURLToPath } from "node:url";
import { type CreatePocApp, runPoc, standardPlan } from "@dukcapil-sandbox/conformance";
import { describe, expect, it } from "vitest";
import { createPocApp } from "../src/poc.js";

// The module contract of the conformance package: this line stops compiling when the app's
// createPocApp no longer matches it.
const contract: CreatePocApp = createPocApp;

const appModule = fileURLToPath(new URL("../src/poc.ts", import.meta.url));

/** The criteria of the standard plan the careless app fails, and the flaw behind each. */
const EXPECTED_FAILURES: Readonly<Record<string, string>> = {
  "POC-PATTERN-01": "(b) prefetches NIK+1..+3 after each resident found: sequential lookups",
  "POC-STORAGE-01": "(a) keeps records in cache.jsonl and full NIKs in app.log",
  "POC-ATTRIB-01": "(d) no attribution notice",
  "POC-QUOTA-01": "(c) retries code 05 five times at once",
  "POC-QUOTA-02": "(c) keeps calling after code 05 the same day",
};

describe("the standard PoC on the careless app", () => {
  it("fails exactly the criteria its four flaws break", { timeout: 180_000 }, async () => {
    expect(typeof contract).toBe("function");
    const known = new Set(standardPlan.criteria.map((criterion) => criterion.id));
    for (const id of Object.keys(EXPECTED_FAILURES)) expect(known.has(id), id).toBe(true);

    const report = await runPoc({ app: appModule, config: { population: 10_000 } });
    const failed = report.criteria
      .filter((criterion) => criterion.status !== "passed" && criterion.status !== "skipped")
      .map((criterion) => `${criterion.id}:${criterion.status}`);
    const summaries = report.criteria.map((c) => `${c.id} ${c.status}: ${c.summary}`).join("\n");
    expect(failed, summaries).toEqual(
      standardPlan.criteria
        .map((criterion) => criterion.id)
        .filter((id) => id in EXPECTED_FAILURES)
        .map((id) => `${id}:failed`),
    );
    // Advisory criteria (the load step) are reported but never change the verdict.
    const skipped = report.criteria.filter((criterion) => criterion.status === "skipped");
    for (const criterion of skipped) {
      expect(standardPlan.criteria.find((c) => c.id === criterion.id)?.mandatory).toBe(false);
    }
    expect(report.verdict).toBe("failed");
    expect(report.production).toBeNull();
  });
});
