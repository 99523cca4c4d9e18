import { describe, expect, it } from "vitest";
import { isReportError } from "../src/report/errors.js";
import { REPORT_SCHEMA_ID, renderJson, reportJsonSchema } from "../src/report/json.js";
import { signReport } from "../src/report/sign.js";
import { failedReport, passedReport } from "./fixtures/report-fixtures.js";
import { checkJsonSchema } from "./fixtures/report-json-schema.js";
import { testKeyPair } from "./fixtures/report-keys.js";

/** The same object with its members in reverse order, recursively. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, member]) => [key, reversed(member)]),
    );
  }
  return value;
}

describe("renderJson", () => {
  it("writes pretty JSON with a final newline that reads back to the same report", () => {
    const report = passedReport();
    const text = renderJson(report);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain('\n  "schemaVersion": 1,\n');
    expect(JSON.parse(text)).toEqual(report);
  });

  it("is stable: member order in the input does not change the output", () => {
    const report = failedReport();
    expect(renderJson(reversed(report) as typeof report)).toBe(renderJson(report));
    expect(Object.keys(JSON.parse(renderJson(report)))).toEqual([
      "schemaVersion",
      "manifest",
      "verdict",
      "verdictRules",
      "counts",
      "criteria",
      "production",
    ]);
  });

  it("refuses a value that is not a report", () => {
    expect(() => renderJson({} as never)).toThrow(
      expect.objectContaining({ code: "DKS_POC_REPORT_INVALID" }),
    );
  });
});

describe("reportJsonSchema", () => {
  const schema = reportJsonSchema();

  it("is a draft 2020-12 schema with an id, generated from the zod schema", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe(REPORT_SCHEMA_ID);
    expect(Object.keys(schema).slice(0, 2)).toEqual(["$schema", "$id"]);
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual([
      "schemaVersion",
      "manifest",
      "verdict",
      "verdictRules",
      "counts",
      "criteria",
      "production",
    ]);
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(reportJsonSchema())).toBe(JSON.stringify(schema));
  });

  it("accepts real reports, signed and unsigned, passed and failed", () => {
    const { privateKeyPem } = testKeyPair();
    for (const report of [passedReport(), failedReport()]) {
      expect(checkJsonSchema(schema, JSON.parse(renderJson(report)))).toEqual([]);
      const signed = signReport(report, privateKeyPem);
      expect(checkJsonSchema(schema, JSON.parse(renderJson(signed)))).toEqual([]);
    }
  });

  it("rejects what the zod schema rejects (so the check above can fail)", () => {
    const report = JSON.parse(renderJson(passedReport()));
    expect(checkJsonSchema(schema, { ...report, verdict: "maybe" })).toEqual([
      '/verdict: expected one of ["passed","failed"]',
    ]);
    expect(checkJsonSchema(schema, { ...report, extra: 1 })).toHaveLength(1);
    const badHash = structuredClone(report);
    badHash.manifest.plan.sha256 = "not-a-hash";
    expect(checkJsonSchema(schema, badHash)).toEqual([
      "/manifest/plan/sha256: does not match ^[0-9a-f]{64}$",
    ]);
    const badId = structuredClone(report);
    badId.criteria[2].id = "POC-data-02";
    expect(checkJsonSchema(schema, badId)).toHaveLength(1);
    const { production: _omitted, ...noProduction } = report;
    expect(checkJsonSchema(schema, noProduction)).toEqual([
      '/: missing required member "production"',
    ]);
  });

  it("is what zod accepts: the parse error and the schema errors agree on a broken report", () => {
    const report = JSON.parse(renderJson(failedReport()));
    report.criteria[0].checks[0].ok = "yes";
    expect(checkJsonSchema(schema, report)).toEqual([
      "/criteria/0/checks/0/ok: expected boolean, got string",
    ]);
    expect(() => renderJson(report)).toThrow(
      expect.objectContaining({ code: "DKS_POC_REPORT_INVALID" }),
    );
  });
});

it("renderJson errors are ReportErrors", () => {
  try {
    renderJson(null as never);
  } catch (error) {
    expect(isReportError(error)).toBe(true);
  }
});
