import { describe, expect, it } from "vitest";
import { isReportError } from "../src/report/errors.js";
import { type PocReport, pocReportSchema, VERDICT_RULES } from "../src/report/schema.js";
import { checkReportConsistency, expectedVerdict, parseReport } from "../src/report/validate.js";
import { failedReport, passedReport } from "./fixtures/report-fixtures.js";

describe("report fixtures", () => {
  it("are valid reports whose verdicts follow the verdict rules", () => {
    for (const report of [passedReport(), failedReport()]) {
      expect(pocReportSchema.safeParse(report).success).toBe(true);
      expect(checkReportConsistency(report)).toEqual([]);
    }
    expect(passedReport().verdict).toBe("passed");
    expect(failedReport().verdict).toBe("failed");
  });

  it("mix passed, failed, skipped, error and advisory criteria", () => {
    const statuses = new Set(failedReport().criteria.map((criterion) => criterion.status));
    expect([...statuses].sort()).toEqual(["error", "failed", "passed", "skipped"]);
    const advisory = passedReport().criteria.filter((criterion) => !criterion.mandatory);
    expect(advisory.map((criterion) => criterion.status).sort()).toEqual(["failed", "skipped"]);
  });

  it("carry only masked NIKs", () => {
    const text = JSON.stringify([passedReport(), failedReport()]);
    expect(text).not.toMatch(/(?<!\d)\d{16}(?!\d)/);
    expect(text).toContain("3319**********01");
  });
});

describe("parseReport", () => {
  it("returns the report in schema order without unknown members", () => {
    const report = { extra: true, ...passedReport() };
    const parsed = parseReport(report);
    expect(Object.keys(parsed)[0]).toBe("schemaVersion");
    expect("extra" in parsed).toBe(false);
  });

  it("throws DKS_POC_REPORT_INVALID naming the fields that failed", () => {
    const broken = { ...passedReport(), verdict: "maybe", schemaVersion: 2 };
    try {
      parseReport(broken);
      expect.unreachable();
    } catch (error) {
      expect(isReportError(error, "DKS_POC_REPORT_INVALID")).toBe(true);
      expect((error as Error).message).toMatch(/verdict/);
      expect((error as Error).message).toMatch(/schemaVersion/);
      expect((error as Error).message).toMatch(/^Failed to read the PoC report: /);
    }
  });

  it("rejects a criterion id outside POC-AREA-NN", () => {
    const report = passedReport();
    report.criteria[0]!.id = "AUTH-1";
    expect(() => parseReport(report)).toThrow(/criteria\.0\.id/);
  });
});

describe("checkReportConsistency", () => {
  const mutate = (change: (report: PocReport) => void): string[] => {
    const report = passedReport();
    change(report);
    return checkReportConsistency(report);
  };

  it("fails a passed verdict when a mandatory criterion did not pass", () => {
    const problems = mutate((report) => {
      report.criteria[0]!.status = "failed";
      report.counts.passed--;
      report.counts.failed++;
    });
    expect(problems).toEqual([
      'The verdict is "passed" but mandatory criteria did not pass: POC-AUTH-01 (failed).',
    ]);
  });

  it("treats a skipped mandatory criterion as not passed (rule 2)", () => {
    const report = passedReport();
    report.criteria[3]!.status = "skipped";
    expect(expectedVerdict(report.criteria)).toBe("failed");
  });

  it("treats an error as a failure (rule 4) and ignores advisory criteria (rule 5)", () => {
    const report = passedReport();
    expect(expectedVerdict(report.criteria)).toBe("passed");
    report.criteria[1]!.status = "error";
    expect(expectedVerdict(report.criteria)).toBe("failed");
  });

  it("fails a failed verdict when every mandatory criterion passed", () => {
    const problems = mutate((report) => {
      report.verdict = "failed";
      report.production = null;
    });
    expect(problems).toEqual(['The verdict is "failed" but every mandatory criterion passed.']);
  });

  it("checks the counts against all criteria, advisory included", () => {
    expect(mutate((report) => report.counts.skipped--)).toEqual([
      'counts.skipped is 0 but 1 criteria have status "skipped".',
    ]);
  });

  it("requires the fixed verdict rules", () => {
    expect(mutate((report) => report.verdictRules.pop())).toHaveLength(1);
    expect(
      mutate((report) => {
        report.verdictRules = [...VERDICT_RULES].reverse();
      }),
    ).toEqual(["verdictRules are not the fixed verdict rules of the suite."]);
  });

  it("requires the production specification exactly when passed", () => {
    expect(mutate((report) => (report.production = null))).toEqual([
      "The verdict is passed but the production access specification is missing.",
    ]);
    const failed = failedReport();
    failed.production = passedReport().production;
    expect(checkReportConsistency(failed)).toEqual([
      "The verdict is failed but a production access specification is given.",
    ]);
  });

  it("rejects duplicate criterion ids", () => {
    const problems = mutate((report) => {
      report.criteria[1]!.id = report.criteria[0]!.id;
    });
    expect(problems).toEqual(["Criterion POC-AUTH-01 appears more than once."]);
  });
});
