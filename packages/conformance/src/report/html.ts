/**
 * The self-contained HTML report of a PoC run: inline CSS and SVG, no script, no external
 * resource, every text escaped. It is also well-formed XML (XHTML-compatible markup), so that a
 * strict parser can check it.
 */
import { legendItem, renderRunChart } from "./chart.js";
import {
  criterionOffsetMs,
  escapeAttribute,
  escapeMarkup,
  formatDuration,
  freeText,
  groupDigits,
  requestOutcomeLabel,
  STATUS_WORDS,
} from "./format.js";
import type { CriterionResult, PocReport } from "./schema.js";
import { parseReport } from "./validate.js";

/**
 * Options of {@link renderHtml}.
 *
 * @example
 * ```ts
 * import type { HtmlReportOptions } from "@dukcapil-sandbox/conformance";
 * const options: HtmlReportOptions = { maxRowsPerTable: 50 };
 * ```
 */
export interface HtmlReportOptions {
  /**
   * At most this many rows in each evidence table (app actions, upstream requests) of a
   * criterion; the rest are counted under the table (all of them are in report.json).
   * Default 200.
   */
  maxRowsPerTable?: number;
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1f2328; background: #ffffff; }
main, .banner-inner, footer { max-width: 1120px; margin: 0 auto; padding: 0 20px; }
a { color: #0550ae; }
a:focus-visible { outline: 3px solid #0550ae; outline-offset: 2px; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 32px 0 8px; border-bottom: 1px solid #d1d9e0; padding-bottom: 4px; }
h3 { font-size: 1.1rem; margin: 0 0 6px; }
h4 { font-size: 0.95rem; margin: 14px 0 4px; }
.banner { padding: 20px 0; color: #ffffff; }
.banner-passed { background: #116329; }
.banner-failed { background: #a40e26; }
.banner p { margin: 2px 0; }
.verdict { font-size: 1.35rem; font-weight: 700; letter-spacing: 0.02em; }
.sandbox { background: #fff8c5; color: #3b2300; border: 1px solid #d4a72c; padding: 8px 12px; margin: 16px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid #d1d9e0; padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; }
tbody th { background: #f6f8fa; font-weight: 600; width: 16rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85rem; overflow-wrap: anywhere; }
code.id, code.nik { white-space: nowrap; overflow-wrap: normal; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-weight: 600; font-size: 0.85rem; border: 1px solid currentColor; white-space: nowrap; }
.st-passed { color: #116329; background: #dafbe1; }
.st-failed { color: #82071e; background: #ffebe9; }
.st-skipped { color: #5c3c00; background: #fff8c5; }
.st-error { color: #6e2b8a; background: #fbefff; }
.kind { color: #3d444d; font-size: 0.85rem; }
.ok { color: #116329; font-weight: 600; }
.fail { color: #82071e; font-weight: 600; }
.muted { color: #59636e; }
article.criterion { border: 1px solid #d1d9e0; border-left-width: 6px; border-radius: 6px; padding: 12px 16px; margin: 14px 0; }
article.criterion.st-passed { border-left-color: #1a7f37; background: #ffffff; color: #1f2328; }
article.criterion.st-failed { border-left-color: #cf222e; background: #ffffff; color: #1f2328; }
article.criterion.st-skipped { border-left-color: #9a6700; background: #ffffff; color: #1f2328; }
article.criterion.st-error { border-left-color: #8250df; background: #ffffff; color: #1f2328; }
.summary { font-weight: 500; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0; font-size: 0.9rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
figure { margin: 8px 0; }
.chart { border: 1px solid #d1d9e0; background: #ffffff; }
ul.legend { list-style: none; padding: 0; margin: 4px 0; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 0.9rem; }
nav ol { columns: 2; font-size: 0.9rem; }
footer { margin: 40px auto 24px; font-size: 0.85rem; color: #59636e; border-top: 1px solid #d1d9e0; padding-top: 10px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 8px; top: 8px; background: #ffffff; color: #0550ae; padding: 4px 8px; }
@media print {
  .banner-passed, .banner-failed { background: #ffffff; color: #1f2328; border: 3px solid #1f2328; }
  nav, .skip { display: none; }
  article.criterion { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

const badge = (status: CriterionResult["status"]): string =>
  `<span class="badge st-${status}">${STATUS_WORDS[status]}</span>`;

const kindWord = (criterion: CriterionResult): string =>
  criterion.mandatory ? "Mandatory" : "Advisory";

const anchor = (criterion: CriterionResult): string => `crit-${criterion.id}`;

/** Nearest-rank percentile of sorted values; null when there are none. */
function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1]!;
}

const duration = (ms: number | null): string => (ms === null ? "–" : formatDuration(ms));

function rowsNote(shown: number, total: number, what: string): string {
  return total > shown
    ? `<p class="muted">Showing the first ${shown} of ${total} ${what}; report.json has all of them.</p>`
    : "";
}

function manifestSection(report: PocReport): string {
  const { manifest } = report;
  const rows: [string, string][] = [
    ["Run ID", `<code>${escapeMarkup(manifest.runId)}</code>`],
    ["Started", escapeMarkup(manifest.startedAt)],
    ["Finished", escapeMarkup(manifest.finishedAt)],
    ["Duration", escapeMarkup(formatDuration(manifest.durationMs))],
    [
      "Application",
      `${escapeMarkup(manifest.app.name)} <span class="muted">(${escapeMarkup(manifest.app.driver)} driver: <code>${escapeMarkup(manifest.app.target)}</code>)</span>`,
    ],
    [
      "Institution",
      `${escapeMarkup(manifest.institution.name)} <span class="muted">(id <code>${escapeMarkup(manifest.institution.id)}</code>, path <code>${escapeMarkup(manifest.institution.path)}</code>)</span>`,
    ],
    [
      "Suite",
      `${escapeMarkup(manifest.suite.name)} ${escapeMarkup(manifest.suite.version)} on Node.js ${escapeMarkup(manifest.node)}`,
    ],
    [
      "Plan",
      `${escapeMarkup(manifest.plan.title)} <span class="muted">(<code>${escapeMarkup(manifest.plan.id)}</code>)</span>`,
    ],
    ["Plan SHA-256", `<code>${escapeMarkup(manifest.plan.sha256)}</code>`],
    [
      "Simulator",
      `${escapeMarkup(manifest.simulator.version)} at <code>${escapeMarkup(manifest.simulator.url)}</code>`,
    ],
    ["Simulator seed", `<code>${escapeMarkup(manifest.simulator.seed)}</code>`],
    ["Population", escapeMarkup(groupDigits(manifest.simulator.population, ","))],
    ["Dataset SHA-256", `<code>${escapeMarkup(manifest.simulator.datasetSha256)}</code>`],
  ];
  if (manifest.run !== undefined) {
    const run = manifest.run;
    rows.push(
      [
        "App limits",
        `answers within ${escapeMarkup(formatDuration(run.appTimeoutMs))}, at most ${run.maxRetries} retries per action, grace ${escapeMarkup(formatDuration(run.graceMs))}`,
      ],
      ["Attribution notice checked", escapeMarkup(run.attribution)],
      ["Selection seed", `<code>${escapeMarkup(run.selectionSeed)}</code>`],
    );
  }
  return [
    '<section id="manifest" aria-labelledby="manifest-h">',
    '<h2 id="manifest-h">Manifest</h2>',
    "<table>",
    "<caption>What was run, against what, with which inputs</caption>",
    "<tbody>",
    ...rows.map(([name, value]) => `<tr><th scope="row">${name}</th><td>${value}</td></tr>`),
    "</tbody>",
    "</table>",
    "</section>",
  ].join("\n");
}

function criteriaTable(report: PocReport): string {
  return [
    '<section id="criteria" aria-labelledby="criteria-h">',
    '<h2 id="criteria-h">Criteria</h2>',
    "<table>",
    `<caption>${report.criteria.length} criteria in plan order</caption>`,
    '<thead><tr><th scope="col">ID</th><th scope="col">Criterion</th><th scope="col">Clause</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col" class="num">Duration</th><th scope="col">Summary</th></tr></thead>',
    "<tbody>",
    ...report.criteria.map(
      (criterion) =>
        `<tr><td><a href="#${escapeAttribute(anchor(criterion))}"><code class="id">${escapeMarkup(criterion.id)}</code></a></td><td>${escapeMarkup(criterion.title)}</td><td>${escapeMarkup(criterion.clause)}</td><td>${kindWord(criterion)}</td><td>${badge(criterion.status)}</td><td class="num">${escapeMarkup(formatDuration(criterion.durationMs))}</td><td>${freeText(criterion.summary)}</td></tr>`,
    ),
    "</tbody>",
    "</table>",
    "</section>",
  ].join("\n");
}

function rulesSection(report: PocReport): string {
  return [
    '<section id="rules" aria-labelledby="rules-h">',
    '<h2 id="rules-h">Verdict rules</h2>',
    "<ol>",
    ...report.verdictRules.map((rule) => `<li>${escapeMarkup(rule)}</li>`),
    "</ol>",
    "</section>",
  ].join("\n");
}

function productionSection(report: PocReport): string {
  if (report.production === null) return "";
  const spec = report.production;
  return [
    '<section id="production" aria-labelledby="production-h">',
    '<h2 id="production-h">Production access specification</h2>',
    "<table>",
    "<caption>Granted after a passed PoC (Juknis II.B.2, II.D.2c)</caption>",
    "<tbody>",
    `<tr><th scope="row">Endpoint</th><td><code>${escapeMarkup(spec.endpoint)}</code></td></tr>`,
    `<tr><th scope="row">Methods</th><td>${spec.methods.map((method) => `<code>${escapeMarkup(method)}</code>`).join(", ")}</td></tr>`,
    `<tr><th scope="row">Granted elements</th><td>${spec.grant.map((element) => `<code>${escapeMarkup(element)}</code>`).join(", ")}</td></tr>`,
    `<tr><th scope="row">Quota</th><td>${escapeMarkup(spec.quota)}</td></tr>`,
    "</tbody>",
    "</table>",
    "</section>",
  ].join("\n");
}

function chartSection(report: PocReport): string {
  const chart = renderRunChart(report);
  return [
    '<section id="timeline" aria-labelledby="timeline-h">',
    '<h2 id="timeline-h">Run timeline</h2>',
    "<figure>",
    chart.svg,
    "<figcaption>",
    "<p>Each dot is an upstream request seen in the simulator's journal, in the row of its answer; each bar is an operator action on the app, as long as the app took to answer. Shaded bands are the criteria. Hover a mark for its details.</p>",
    chart.requestLegend.length > 0
      ? `<ul class="legend" aria-label="Upstream answers">${chart.requestLegend.map(legendItem).join("")}</ul>`
      : "",
    chart.actionLegend.length > 0
      ? `<ul class="legend" aria-label="App actions">${chart.actionLegend.map(legendItem).join("")}</ul>`
      : "",
    "</figcaption>",
    "</figure>",
    "</section>",
  ].join("\n");
}

function timingsSection(report: PocReport): string {
  const rows = report.criteria.map((criterion) => {
    const actions = criterion.evidence.actions.map((action) => action.durationMs);
    actions.sort((a, b) => a - b);
    const latencies = criterion.evidence.requests
      .map((request) => request.latencyMs)
      .filter((value): value is number => value !== null)
      .sort((a, b) => a - b);
    return `<tr><td><a href="#${escapeAttribute(anchor(criterion))}"><code class="id">${escapeMarkup(criterion.id)}</code></a></td><td class="num">${escapeMarkup(formatDuration(criterionOffsetMs(report, criterion)))}</td><td class="num">${escapeMarkup(formatDuration(criterion.durationMs))}</td><td class="num">${actions.length}</td><td class="num">${duration(percentile(actions, 0.5))}</td><td class="num">${duration(percentile(actions, 0.95))}</td><td class="num">${duration(actions.at(-1) ?? null)}</td><td class="num">${criterion.evidence.requests.length}</td><td class="num">${duration(percentile(latencies, 0.5))}</td><td class="num">${duration(latencies.at(-1) ?? null)}</td></tr>`;
  });
  return [
    '<section id="timings" aria-labelledby="timings-h">',
    '<h2 id="timings-h">Timings</h2>',
    "<table>",
    `<caption>Whole run: ${escapeMarkup(formatDuration(report.manifest.durationMs))}. App answer times are measured by the driver; upstream latency by the simulator.</caption>`,
    '<thead><tr><th scope="col">Criterion</th><th scope="col" class="num">Started at</th><th scope="col" class="num">Duration</th><th scope="col" class="num">App actions</th><th scope="col" class="num">Answer p50</th><th scope="col" class="num">Answer p95</th><th scope="col" class="num">Answer max</th><th scope="col" class="num">Upstream requests</th><th scope="col" class="num">Upstream p50</th><th scope="col" class="num">Upstream max</th></tr></thead>',
    "<tbody>",
    ...rows,
    "</tbody>",
    "</table>",
    "</section>",
  ].join("\n");
}

function checksTable(criterion: CriterionResult): string {
  if (criterion.checks.length === 0) return '<p class="muted">No individual checks.</p>';
  return [
    "<table>",
    `<caption>Checks of ${escapeMarkup(criterion.id)}</caption>`,
    '<thead><tr><th scope="col">Check</th><th scope="col">Result</th><th scope="col">Detail</th></tr></thead>',
    "<tbody>",
    ...criterion.checks.map(
      (check) =>
        `<tr><td>${freeText(check.name)}</td><td>${check.ok ? '<span class="ok">OK</span>' : '<span class="fail">Failed</span>'}</td><td>${freeText(check.detail)}</td></tr>`,
    ),
    "</tbody>",
    "</table>",
  ].join("\n");
}

function actionsTable(criterion: CriterionResult, maxRows: number): string {
  const all = criterion.evidence.actions;
  if (all.length === 0) return '<p class="muted">No app actions.</p>';
  const shown = all.slice(0, maxRows);
  return [
    "<table>",
    `<caption>App actions of ${escapeMarkup(criterion.id)} (${all.length})</caption>`,
    '<thead><tr><th scope="col" class="num">At</th><th scope="col">Action</th><th scope="col">NIK</th><th scope="col" class="num">Status</th><th scope="col" class="num">Duration</th><th scope="col">What the app showed</th></tr></thead>',
    "<tbody>",
    ...shown.map(
      (action) =>
        `<tr><td class="num">${escapeMarkup(formatDuration(action.tMs))}</td><td>${action.action === "lookup" ? "lookup" : "end of day"}</td><td><code class="nik">${escapeMarkup(action.nikMasked ?? "–")}</code></td><td class="num">${action.status ?? "–"}</td><td class="num">${escapeMarkup(formatDuration(action.durationMs))}</td><td>${
          action.error === null
            ? `<code>${freeText(action.excerpt ?? "")}</code>`
            : `<span class="fail">Driver error:</span> ${freeText(action.error)}`
        }</td></tr>`,
    ),
    "</tbody>",
    "</table>",
    rowsNote(shown.length, all.length, "app actions"),
  ].join("\n");
}

function requestsTable(criterion: CriterionResult, maxRows: number): string {
  const all = criterion.evidence.requests;
  if (all.length === 0) return '<p class="muted">No upstream requests.</p>';
  const shown = all.slice(0, maxRows);
  return [
    "<table>",
    `<caption>Upstream requests of ${escapeMarkup(criterion.id)} (${all.length})</caption>`,
    '<thead><tr><th scope="col" class="num">At</th><th scope="col">Time</th><th scope="col">Endpoint</th><th scope="col">NIK</th><th scope="col">Answer</th><th scope="col" class="num">Latency</th><th scope="col">Findings</th></tr></thead>',
    "<tbody>",
    ...shown.map(
      (request) =>
        `<tr><td class="num">${escapeMarkup(formatDuration(request.tMs))}</td><td><code>${escapeMarkup(request.at)}</code></td><td><code>${escapeMarkup(request.endpoint)}</code></td><td><code class="nik">${escapeMarkup(request.nikMasked ?? "–")}</code></td><td>${escapeMarkup(requestOutcomeLabel(request))}${request.code !== null && request.httpStatus !== null ? ` <span class="muted">(HTTP ${request.httpStatus})</span>` : ""}</td><td class="num">${duration(request.latencyMs)}</td><td>${request.findings.map((finding) => freeText(finding)).join("; ")}</td></tr>`,
    ),
    "</tbody>",
    "</table>",
    rowsNote(shown.length, all.length, "upstream requests"),
  ].join("\n");
}

function criterionArticle(report: PocReport, criterion: CriterionResult, maxRows: number): string {
  const id = anchor(criterion);
  return [
    `<article class="criterion st-${criterion.status}" id="${escapeAttribute(id)}" aria-labelledby="${escapeAttribute(`${id}-h`)}">`,
    `<h3 id="${escapeAttribute(`${id}-h`)}"><code class="id">${escapeMarkup(criterion.id)}</code> ${escapeMarkup(criterion.title)} ${badge(criterion.status)}</h3>`,
    `<p class="summary">${freeText(criterion.summary)}</p>`,
    '<dl class="facts">',
    `<dt>Clause</dt><dd>${escapeMarkup(criterion.clause)}</dd>`,
    `<dt>Kind</dt><dd>${kindWord(criterion)}${criterion.mandatory ? "" : " (reported, never changes the verdict)"}</dd>`,
    `<dt>Started at</dt><dd>${escapeMarkup(formatDuration(criterionOffsetMs(report, criterion)))} into the run</dd>`,
    `<dt>Duration</dt><dd>${escapeMarkup(formatDuration(criterion.durationMs))}</dd>`,
    "</dl>",
    "<h4>Checks</h4>",
    checksTable(criterion),
    "<h4>App actions</h4>",
    actionsTable(criterion, maxRows),
    "<h4>Upstream requests</h4>",
    requestsTable(criterion, maxRows),
    criterion.evidence.notes.length > 0
      ? `<h4>Notes</h4>\n<ul>${criterion.evidence.notes.map((note) => `<li>${freeText(note)}</li>`).join("")}</ul>`
      : "",
    "</article>",
  ].join("\n");
}

function signatureSection(report: PocReport): string {
  const body =
    report.signature === undefined
      ? '<p class="fail">This report is not signed: its verdict cannot be checked.</p>'
      : [
          "<table>",
          "<caption>Check it offline with <code>dukcapil-sandbox verify report.json --public-key signer.pem</code></caption>",
          "<tbody>",
          `<tr><th scope="row">Algorithm</th><td>${escapeMarkup(report.signature.algorithm)} over the RFC 8785 canonical JSON of the report without <code>signature</code></td></tr>`,
          `<tr><th scope="row">Key fingerprint (SHA-256 of the SPKI DER)</th><td><code>${escapeMarkup(report.signature.keyFingerprint)}</code></td></tr>`,
          "</tbody>",
          "</table>",
        ].join("\n");
  return [
    '<section id="signature" aria-labelledby="signature-h">',
    '<h2 id="signature-h">Signature</h2>',
    body,
    "</section>",
  ].join("\n");
}

/**
 * The report as one self-contained HTML page (`report.html`): a verdict banner, the criteria
 * table, the verdict rules, the manifest, the production access specification when passed, an
 * inline SVG timeline of the run (upstream requests colored by answer, app action durations),
 * timings, and for every criterion its checks, app actions and upstream requests (NIKs masked
 * as the report gives them; stray 16-digit runs in free text are masked too). No script, no
 * external request; every text is escaped. Throws a `ReportError` (`DKS_POC_REPORT_INVALID`)
 * when `report` does not match the schema.
 *
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { type PocReport, renderHtml } from "@dukcapil-sandbox/conformance";
 * declare const report: PocReport;
 * writeFileSync("report.html", renderHtml(report, { maxRowsPerTable: 50 }));
 * ```
 */
export function renderHtml(report: PocReport, options: HtmlReportOptions = {}): string {
  const parsed = parseReport(report);
  const maxRows = Math.max(1, Math.floor(options.maxRowsPerTable ?? 200));
  const { manifest, counts, verdict } = parsed;
  const passed = verdict === "passed";
  const mandatory = parsed.criteria.filter((criterion) => criterion.mandatory);
  const blocking = mandatory.filter((criterion) => criterion.status !== "passed");
  const title = `PoC report: ${manifest.app.name} (${passed ? "PASSED" : "FAILED"})`;

  const banner = [
    `<header class="banner ${passed ? "banner-passed" : "banner-failed"}">`,
    '<div class="banner-inner">',
    `<h1>PoC report: ${escapeMarkup(manifest.app.name)}</h1>`,
    `<p class="verdict">Verdict: ${passed ? "PASSED" : "FAILED"} <span lang="id">(${passed ? "LULUS" : "TIDAK LULUS"})</span></p>`,
    `<p>${escapeMarkup(manifest.institution.name)} · plan ${escapeMarkup(manifest.plan.id)} · ${escapeMarkup(manifest.finishedAt)}</p>`,
    `<p>${parsed.criteria.length} criteria (${mandatory.length} mandatory): ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.error} error.${
      blocking.length > 0
        ? ` Mandatory criteria not passed: ${blocking.map((criterion) => escapeMarkup(criterion.id)).join(", ")}.`
        : ""
    }</p>`,
    "</div>",
    "</header>",
  ].join("\n");

  const nav = [
    '<nav aria-label="Contents">',
    "<ol>",
    '<li><a href="#criteria">Criteria</a></li>',
    '<li><a href="#rules">Verdict rules</a></li>',
    '<li><a href="#manifest">Manifest</a></li>',
    parsed.production === null ? "" : '<li><a href="#production">Production access</a></li>',
    '<li><a href="#timeline">Run timeline</a></li>',
    '<li><a href="#timings">Timings</a></li>',
    '<li><a href="#details">Criteria in detail</a></li>',
    '<li><a href="#signature">Signature</a></li>',
    "</ol>",
    "</nav>",
  ].join("\n");

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="generator" content="${escapeAttribute(`${manifest.suite.name} ${manifest.suite.version}`)}" />
<title>${escapeMarkup(title)}</title>
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
${banner}
<main id="main">
<p class="sandbox"><strong>Sandbox simulation.</strong> This PoC ran against the dukcapil-sandbox simulator with a fake population; it is not a result of the Dukcapil production system.</p>
${nav}
${criteriaTable(parsed)}
${rulesSection(parsed)}
${manifestSection(parsed)}
${productionSection(parsed)}
${chartSection(parsed)}
${timingsSection(parsed)}
<section id="details" aria-labelledby="details-h">
<h2 id="details-h">Criteria in detail</h2>
${parsed.criteria.map((criterion) => criterionArticle(parsed, criterion, maxRows)).join("\n")}
</section>
${signatureSection(parsed)}
</main>
<footer>
<p>Generated by ${escapeMarkup(manifest.suite.name)} ${escapeMarkup(manifest.suite.version)} from report.json (run <code>${escapeMarkup(manifest.runId)}</code>). report.json is the signed record; this page is a view of it.</p>
</footer>
</body>
</html>
`;
}
