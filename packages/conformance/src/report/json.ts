/**
 * The JSON renderer of a PoC report and the JSON Schema generated from the report schema.
 */
import * as z from "zod";
import { type PocReport, pocReportSchema } from "./schema.js";
import { parseReport } from "./validate.js";

/** The `$id` of the generated report JSON Schema; changes with `schemaVersion`. */
export const REPORT_SCHEMA_ID = "urn:dukcapil-sandbox:conformance:poc-report:1";

/**
 * The report as pretty JSON (two-space indent, members in schema order, a final newline): the
 * `report.json` file. Stable: the same report always gives the same text. Throws a
 * `ReportError` (`DKS_POC_REPORT_INVALID`) when `report` does not match the schema.
 *
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { type PocReport, renderJson } from "@dukcapil-sandbox/conformance";
 * declare const report: PocReport;
 * writeFileSync("report.json", renderJson(report));
 * ```
 */
export function renderJson(report: PocReport): string {
  return `${JSON.stringify(parseReport(report), null, 2)}\n`;
}

/**
 * The JSON Schema (draft 2020-12) of a report, generated from `pocReportSchema` with zod's
 * `z.toJSONSchema` (output shape: unknown members are not allowed, `signature` is optional).
 * Written next to every report as `report.schema.json`.
 *
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { reportJsonSchema } from "@dukcapil-sandbox/conformance";
 * const schema = reportJsonSchema();
 * schema.$id; // "urn:dukcapil-sandbox:conformance:poc-report:1"
 * writeFileSync("report.schema.json", `${JSON.stringify(schema, null, 2)}\n`);
 * ```
 */
export function reportJsonSchema(): Record<string, unknown> & { $schema: string; $id: string } {
  const { $schema, ...rest } = z.toJSONSchema(pocReportSchema, {
    target: "draft-2020-12",
    io: "output",
    unrepresentable: "throw",
  }) as Record<string, unknown>;
  return {
    $schema: typeof $schema === "string" ? $schema : "https://json-schema.org/draft/2020-12/schema",
    $id: REPORT_SCHEMA_ID,
    title: "Dukcapil sandbox PoC report",
    description:
      "The signed report of a scripted Proof of Concept run (@dukcapil-sandbox/conformance). NIKs are masked. The signature is Ed25519 over the RFC 8785 canonical JSON of the report without its `signature` member.",
    ...rest,
  };
}
