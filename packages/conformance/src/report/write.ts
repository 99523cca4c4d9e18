/**
 * Writes every rendering of a report into one directory.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ReportError } from "./errors.js";
import { renderHtml } from "./html.js";
import { renderJson, reportJsonSchema } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderLetter } from "./letter.js";
import type { PocReport } from "./schema.js";
import { parseReport } from "./validate.js";

/**
 * The files {@link writeReports} writes, in order.
 *
 * @example
 * ```ts
 * import { REPORT_FILES } from "@dukcapil-sandbox/conformance";
 * REPORT_FILES[0]; // "report.json"
 * ```
 */
export const REPORT_FILES = Object.freeze([
  "report.json",
  "report.schema.json",
  "junit.xml",
  "report.html",
  "surat-hasil-poc.html",
] as const);

/**
 * Writes the renderings of a report into `dir` (created with its parents when missing):
 * `report.json` ({@link renderJson}), `report.schema.json` (its JSON Schema), `junit.xml`,
 * `report.html` and `surat-hasil-poc.html` (the Indonesian result letter). Every file is
 * rendered first and then written through a temporary file and a rename, so a reader never sees
 * half a report. Resolves to the paths written (`dir` joined with each name, in
 * {@link REPORT_FILES} order). Throws a `ReportError`: `DKS_POC_REPORT_INVALID` (the report does
 * not match the schema; nothing is written) or `DKS_POC_REPORT_WRITE_FAILED`.
 *
 * @example
 * ```ts
 * import { type PocReport, writeReports } from "@dukcapil-sandbox/conformance";
 * declare const report: PocReport;
 * const paths = await writeReports(report, "poc-report");
 * // ["poc-report/report.json", "poc-report/report.schema.json", "poc-report/junit.xml", …]
 * ```
 */
export async function writeReports(report: PocReport, dir: string): Promise<string[]> {
  const parsed = parseReport(report);
  const contents: Record<(typeof REPORT_FILES)[number], string> = {
    "report.json": renderJson(parsed),
    "report.schema.json": `${JSON.stringify(reportJsonSchema(), null, 2)}\n`,
    "junit.xml": renderJunit(parsed),
    "report.html": renderHtml(parsed),
    "surat-hasil-poc.html": renderLetter(parsed),
  };
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new ReportError(
      "DKS_POC_REPORT_WRITE_FAILED",
      `Failed to create the report directory ${dir}: ${(error as Error).message}. Check that the path is not a file and that its parent is writable, or pass another --report-dir.`,
      { path: dir },
      { cause: error },
    );
  }
  const paths: string[] = [];
  for (const name of REPORT_FILES) {
    const path = join(dir, name);
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      await writeFile(temporary, contents[name], "utf8");
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      throw new ReportError(
        "DKS_POC_REPORT_WRITE_FAILED",
        `Failed to write the report file ${path}: ${(error as Error).message}. Check the directory's permissions and free space, or pass another --report-dir.`,
        { path },
        { cause: error },
      );
    }
    paths.push(path);
  }
  return paths;
}
