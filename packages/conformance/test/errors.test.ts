import { describe, expect, it } from "vitest";
import { pocErrorRegistry } from "../src/errors.js";
import { reportErrorRegistry } from "../src/report/errors.js";

describe("runner error registry", () => {
  it("has DKS_POC_ codes with a summary and a fix, none shared with the report registry", () => {
    for (const [code, row] of Object.entries(pocErrorRegistry)) {
      expect(code).toMatch(/^DKS_POC_[A-Z_]+$/);
      expect(row.summary.length).toBeGreaterThan(10);
      expect(row.fix.length).toBeGreaterThan(10);
      expect(Object.keys(reportErrorRegistry)).not.toContain(code);
    }
  });
});
