import { describe, expect, it } from "vitest";
import { renderJunit } from "../src/report/junit.js";
import { signReport } from "../src/report/sign.js";
import { failedReport, passedReport } from "./fixtures/report-fixtures.js";
import { testKeyPair } from "./fixtures/report-keys.js";
import {
  elementChildren,
  findAll,
  parseXml,
  textOf,
  type XmlElement,
} from "./fixtures/report-xml.js";

function properties(element: XmlElement): Record<string, string> {
  const holder = elementChildren(element).find((child) => child.name === "properties");
  return Object.fromEntries(
    (holder === undefined ? [] : elementChildren(holder)).map((property) => [
      property.attributes.name,
      property.attributes.value,
    ]),
  );
}

describe("renderJunit", () => {
  it("writes well-formed XML with one test suite and one test case per criterion", () => {
    const report = failedReport();
    const root = parseXml(renderJunit(report));
    expect(root.name).toBe("testsuites");
    const suites = findAll(root, "testsuite");
    expect(suites).toHaveLength(1);
    const suite = suites[0]!;
    expect(suite.attributes).toMatchObject({
      tests: String(report.criteria.length),
      failures: String(report.counts.failed),
      errors: String(report.counts.error),
      skipped: String(report.counts.skipped),
      time: "18.800",
      id: report.manifest.runId,
      timestamp: report.manifest.startedAt,
    });
    const cases = findAll(root, "testcase");
    expect(cases.map((testCase) => testCase.attributes.name?.split(" ")[0])).toEqual(
      report.criteria.map((criterion) => criterion.id),
    );
    expect(cases.every((testCase) => testCase.attributes.classname === "poc.standard")).toBe(true);
  });

  it("carries the verdict and the manifest in the suite properties", () => {
    const report = signReport(failedReport(), testKeyPair().privateKeyPem);
    const suite = findAll(parseXml(renderJunit(report)), "testsuite")[0]!;
    const props = properties(suite);
    expect(props).toMatchObject({
      verdict: "failed",
      "verdict.rule.2": "Skipped is not passed: a skipped mandatory criterion fails the run.",
      "plan.sha256": report.manifest.plan.sha256,
      "simulator.seed": "dukcapil-sandbox",
      "simulator.datasetSha256": report.manifest.simulator.datasetSha256,
      "suite.version": "0.1.0",
      "signature.keyFingerprint": report.signature.keyFingerprint,
    });
    expect(props["run.maxRetries"]).toBeUndefined();
    const withRun = properties(findAll(parseXml(renderJunit(passedReport())), "testsuite")[0]!);
    expect(withRun).toMatchObject({ "run.appTimeoutMs": "12000", "run.maxRetries": "2" });
    const unsigned = findAll(parseXml(renderJunit(failedReport())), "testsuite")[0]!;
    expect(properties(unsigned)["signature.keyFingerprint"]).toBe("unsigned");
  });

  it("gives failed, error and skipped criteria their element with the summary and checks", () => {
    const report = failedReport();
    const cases = findAll(parseXml(renderJunit(report)), "testcase");
    report.criteria.forEach((criterion, index) => {
      const testCase = cases[index]!;
      const kinds = elementChildren(testCase)
        .map((child) => child.name)
        .filter((name) => ["failure", "error", "skipped"].includes(name));
      const expected = { passed: [], failed: ["failure"], error: ["error"], skipped: ["skipped"] }[
        criterion.status
      ];
      expect(kinds, criterion.id).toEqual(expected);
    });
    const quota = cases.find((testCase) => testCase.attributes.name?.startsWith("POC-QUOTA-02"))!;
    const failure = elementChildren(quota).find((child) => child.name === "failure")!;
    expect(failure.attributes.message).toBe(
      report.criteria.find((criterion) => criterion.id === "POC-QUOTA-02")!.summary,
    );
    expect(failure.attributes.type).toBe("mandatory");
    expect(textOf(failure)).toContain("[FAIL] no calls after 05: 37 upstream calls after code 05.");
    expect(textOf(failure)).toContain("[ok] quota ran out");
    expect(textOf(failure)).toContain("Upstream answers: code 01 x3, code 05 x38.");
    const crashed = cases.find((testCase) => testCase.attributes.name?.startsWith("POC-DATA-04"))!;
    expect(textOf(crashed)).toContain("Driver error (lookup): TypeError");
  });

  it("marks advisory criteria in their properties and message", () => {
    const cases = findAll(parseXml(renderJunit(passedReport())), "testcase");
    const backoff = cases.find((testCase) => testCase.attributes.name?.startsWith("POC-RESIL-02"))!;
    expect(properties(backoff)).toMatchObject({
      advisory: "true",
      mandatory: "false",
      status: "failed",
      clause: "Juknis I.B.2",
    });
    const failure = elementChildren(backoff).find((child) => child.name === "failure")!;
    expect(failure.attributes.type).toBe("advisory");
    expect(failure.attributes.message).toMatch(/^\[advisory, does not change the verdict\] /);
    const auth = cases.find((testCase) => testCase.attributes.name?.startsWith("POC-AUTH-01"))!;
    expect(properties(auth)).toMatchObject({ advisory: "false", mandatory: "true" });
  });

  it("escapes markup, quotes and ampersands so they read back exactly", () => {
    const report = failedReport();
    const nasty = `<script>alert("x")</script> & 'quoted' ]]> <![CDATA[ x ]]>\ttab\nline`;
    const quota = report.criteria.find((criterion) => criterion.id === "POC-QUOTA-02")!;
    quota.summary = nasty;
    quota.title = `Title with <b> & "quotes"`;
    quota.checks[1]!.detail = nasty;
    const xml = renderJunit(report);
    expect(xml).not.toContain("<script>");
    const testCase = findAll(parseXml(xml), "testcase").find((element) =>
      element.attributes.name?.startsWith("POC-QUOTA-02"),
    )!;
    expect(testCase.attributes.name).toBe(`POC-QUOTA-02 Title with <b> & "quotes"`);
    const failure = elementChildren(testCase).find((child) => child.name === "failure")!;
    expect(failure.attributes.message).toBe(nasty);
    expect(textOf(failure)).toContain(`[FAIL] no calls after 05: ${nasty}`);
  });

  it("stays well-formed with characters XML forbids, and masks stray NIKs", () => {
    const report = passedReport();
    report.criteria[0]!.summary = "bell \u0007 nul \u0000 lone \uD800 and NIK 3319041307949001";
    const xml = renderJunit(report);
    const testCase = findAll(parseXml(xml), "testcase")[0]!;
    expect(testCase.attributes.name).toBeDefined();
    expect(xml).not.toContain("3319041307949001");
    expect(xml).toContain("NIK 3319**********01");
    expect(xml).toContain("bell \uFFFD nul \uFFFD lone \uFFFD");
  });
});
