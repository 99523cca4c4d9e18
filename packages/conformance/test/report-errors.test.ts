import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isReportError, ReportError, reportErrorRegistry } from "../src/report/errors.js";

const reportDir = join(import.meta.dirname, "..", "src", "report");
const sources = readdirSync(reportDir)
  .filter((name) => name.endsWith(".ts") && name !== "errors.ts")
  .map((name) => readFileSync(join(reportDir, name), "utf8"))
  .join("\n");

describe("report error registry", () => {
  it("has every DKS_POC_ code the report sources use, and uses every code it has", () => {
    const used = new Set(sources.match(/DKS_POC_[A-Z_]+/g));
    expect([...used].sort()).toEqual(Object.keys(reportErrorRegistry).sort());
  });

  it("says for every code what it means and what to do", () => {
    for (const [code, row] of Object.entries(reportErrorRegistry)) {
      expect(code).toMatch(/^DKS_POC_[A-Z_]+$/);
      expect(row.summary, code).toMatch(/\.$/);
      expect(row.fix, code).toMatch(/\.$/);
    }
  });

  it("ReportError carries code, frozen details and cause", () => {
    const cause = new Error("disk full");
    const error = new ReportError(
      "DKS_POC_REPORT_WRITE_FAILED",
      "Failed to write x.",
      { path: "x" },
      { cause },
    );
    expect(error.name).toBe("ReportError");
    expect(error.cause).toBe(cause);
    expect(Object.isFrozen(error.details)).toBe(true);
    expect(isReportError(error, "DKS_POC_REPORT_WRITE_FAILED")).toBe(true);
    expect(isReportError(error, "DKS_POC_REPORT_INVALID")).toBe(false);
    expect(isReportError(new Error("x"))).toBe(false);
  });
});
