/**
 * The JUnit XML renderer of a PoC report, for CI systems: one test suite for the run, one test
 * case per criterion.
 */

import { maskDigits } from "../runner/evidence.js";
import { escapeAttribute, escapeMarkup, requestOutcomeLabel, seconds } from "./format.js";
import type { CriterionResult, PocReport } from "./schema.js";
import { parseReport } from "./validate.js";

function property(indent: string, name: string, value: string): string {
  return `${indent}<property name="${escapeAttribute(name)}" value="${escapeAttribute(value)}"/>`;
}

/** The readable body of a failure, error or system-out element (not yet escaped). */
function caseBody(criterion: CriterionResult): string {
  const lines = [criterion.summary, ""];
  if (criterion.checks.length > 0) {
    lines.push("Checks:");
    for (const check of criterion.checks) {
      lines.push(`  [${check.ok ? "ok" : "FAIL"}] ${check.name}: ${check.detail}`);
    }
  }
  const { actions, requests, notes } = criterion.evidence;
  lines.push(`Evidence: ${actions.length} app action(s), ${requests.length} upstream request(s).`);
  const outcomes = new Map<string, number>();
  for (const request of requests) {
    const label = requestOutcomeLabel(request);
    outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
  }
  if (outcomes.size > 0) {
    lines.push(
      `Upstream answers: ${[...outcomes].map(([label, count]) => `${label} x${count}`).join(", ")}.`,
    );
  }
  for (const action of actions) {
    if (action.error !== null) lines.push(`Driver error (${action.action}): ${action.error}`);
  }
  for (const note of notes) lines.push(`Note: ${note}`);
  lines.push(`Clause: ${criterion.clause}`);
  return maskDigits(lines.join("\n"));
}

function testCase(report: PocReport, criterion: CriterionResult): string[] {
  const advisory = !criterion.mandatory;
  const lines = [
    `    <testcase name="${escapeAttribute(`${criterion.id} ${criterion.title}`)}" classname="${escapeAttribute(`poc.${report.manifest.plan.id}`)}" time="${seconds(criterion.durationMs)}">`,
    "      <properties>",
    property("        ", "id", criterion.id),
    property("        ", "clause", criterion.clause),
    property("        ", "mandatory", String(criterion.mandatory)),
    property("        ", "advisory", String(advisory)),
    property("        ", "status", criterion.status),
    "      </properties>",
  ];
  const prefix = advisory ? "[advisory, does not change the verdict] " : "";
  const message = escapeAttribute(maskDigits(`${prefix}${criterion.summary}`));
  const type = advisory ? "advisory" : "mandatory";
  const body = escapeMarkup(caseBody(criterion));
  switch (criterion.status) {
    case "failed":
      lines.push(`      <failure message="${message}" type="${type}">${body}</failure>`);
      break;
    case "error":
      lines.push(`      <error message="${message}" type="${type}">${body}</error>`);
      break;
    case "skipped":
      lines.push(`      <skipped message="${message}"/>`);
      lines.push(`      <system-out>${body}</system-out>`);
      break;
    case "passed":
      lines.push(`      <system-out>${body}</system-out>`);
      break;
  }
  lines.push("    </testcase>");
  return lines;
}

/**
 * The report as JUnit XML for CI: `<testsuites>` with one `<testsuite>` for the run (its
 * properties carry the verdict and the manifest) and one `<testcase>` per criterion, in plan
 * order. A failed criterion has a `<failure>`, an error an `<error>`, a skipped one a
 * `<skipped>`; their message is the criterion's summary and their body lists its checks.
 * Advisory criteria have the property `advisory=true` and a message that says they do not
 * change the verdict. Throws a `ReportError` (`DKS_POC_REPORT_INVALID`) when `report` does not
 * match the schema.
 *
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { type PocReport, renderJunit } from "@dukcapil-sandbox/conformance";
 * declare const report: PocReport;
 * writeFileSync("junit.xml", renderJunit(report));
 * ```
 */
export function renderJunit(report: PocReport): string {
  const parsed = parseReport(report);
  const { manifest, counts } = parsed;
  const total = parsed.criteria.length;
  const suiteAttributes = `tests="${total}" failures="${counts.failed}" errors="${counts.error}" skipped="${counts.skipped}" time="${seconds(manifest.durationMs)}"`;
  const suiteName = `PoC ${manifest.plan.id}: ${manifest.app.name}`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeAttribute("dukcapil-sandbox PoC")}" ${suiteAttributes}>`,
    `  <testsuite name="${escapeAttribute(suiteName)}" id="${escapeAttribute(manifest.runId)}" ${suiteAttributes} timestamp="${escapeAttribute(manifest.startedAt)}">`,
    "    <properties>",
    property("      ", "verdict", parsed.verdict),
    ...parsed.verdictRules.map((rule, index) =>
      property("      ", `verdict.rule.${index + 1}`, rule),
    ),
    property("      ", "run.id", manifest.runId),
    property("      ", "run.startedAt", manifest.startedAt),
    property("      ", "run.finishedAt", manifest.finishedAt),
    property("      ", "suite.version", manifest.suite.version),
    property("      ", "plan.id", manifest.plan.id),
    property("      ", "plan.title", manifest.plan.title),
    property("      ", "plan.sha256", manifest.plan.sha256),
    property("      ", "simulator.version", manifest.simulator.version),
    property("      ", "simulator.seed", manifest.simulator.seed),
    property("      ", "simulator.population", String(manifest.simulator.population)),
    property("      ", "simulator.datasetSha256", manifest.simulator.datasetSha256),
    property("      ", "app.driver", manifest.app.driver),
    property("      ", "app.target", manifest.app.target),
    property("      ", "app.name", manifest.app.name),
    property("      ", "institution.id", manifest.institution.id),
    property("      ", "institution.name", manifest.institution.name),
    property("      ", "node", manifest.node),
    ...(manifest.run === undefined
      ? []
      : [
          property("      ", "run.appTimeoutMs", String(manifest.run.appTimeoutMs)),
          property("      ", "run.maxRetries", String(manifest.run.maxRetries)),
          property("      ", "run.graceMs", String(manifest.run.graceMs)),
          property("      ", "run.attribution", manifest.run.attribution),
          property("      ", "run.selectionSeed", manifest.run.selectionSeed),
        ]),
    property(
      "      ",
      "signature.keyFingerprint",
      parsed.signature === undefined ? "unsigned" : parsed.signature.keyFingerprint,
    ),
    "    </properties>",
    ...parsed.criteria.flatMap((criterion) => testCase(parsed, criterion)),
    "  </testsuite>",
    "</testsuites>",
  ];
  return `${lines.join("\n")}\n`;
}
