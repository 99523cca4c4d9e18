/**
 * The outputs of a load run: JSON (autocannon's result fields kept, plus the summary,
 * thresholds, per-second series and histogram), JUnit XML (one test case per threshold) and a
 * self-contained HTML page (inline CSS and SVG charts, no script, no network).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { escapeAttribute, escapeMarkup, groupDigits } from "../report/format.js";
import type { LoadResult, LoadThresholdResult } from "./run.js";

/**
 * The files {@link writeLoadReports} writes, in order.
 *
 * @example
 * ```ts
 * import { LOAD_REPORT_FILES } from "@dukcapil-sandbox/conformance/load";
 * LOAD_REPORT_FILES[0]; // "load.json"
 * ```
 */
export const LOAD_REPORT_FILES = Object.freeze([
  "load.json",
  "load-junit.xml",
  "load.html",
] as const);

/**
 * The JSON output: autocannon's result fields as it gave them, then the run's `target`,
 * `settings`, `summary`, `thresholds`, `passed`, `breached`, `series` and `histogram`.
 *
 * @example
 * ```ts
 * import { renderLoadJson, type LoadResult } from "@dukcapil-sandbox/conformance/load";
 * const save = (result: LoadResult) => JSON.parse(renderLoadJson(result)).thresholds;
 * ```
 */
export function renderLoadJson(result: LoadResult): string {
  const { autocannon, ...rest } = result;
  return `${JSON.stringify({ ...(autocannon ?? {}), ...rest }, null, 2)}\n`;
}

function fmt(value: number | null, digits = 2): string {
  return value === null ? "—" : value.toFixed(digits);
}

function thresholdText(threshold: LoadThresholdResult): string {
  const actual =
    threshold.metric === "errors"
      ? threshold.actual === null
        ? "—"
        : `${(threshold.actual * 100).toFixed(3)}%`
      : threshold.metric === "rps"
        ? `${fmt(threshold.actual, 1)} req/s`
        : `${fmt(threshold.actual, 3)} ms`;
  return `${threshold.name}: ${threshold.passed ? "met" : "BREACHED"} (actual ${actual})`;
}

/**
 * The JUnit XML output: one test suite, one test case per threshold (a breached one has a
 * `failure`), and a `load` test case when there are no thresholds.
 *
 * @example
 * ```ts
 * import { renderLoadJunit, type LoadResult } from "@dukcapil-sandbox/conformance/load";
 * const xml = (result: LoadResult) => renderLoadJunit(result);
 * ```
 */
export function renderLoadJunit(result: LoadResult): string {
  const time = result.summary.durationS.toFixed(3);
  const cases =
    result.thresholds.length === 0
      ? [`    <testcase classname="load" name="load run" time="${time}"/>`]
      : result.thresholds.map((threshold) => {
          const open = `    <testcase classname="load.thresholds" name="${escapeAttribute(threshold.name)}" time="${time}"`;
          if (threshold.passed) return `${open}/>`;
          const text = thresholdText(threshold);
          return `${open}>\n      <failure message="${escapeAttribute(text)}" type="threshold">${escapeMarkup(text)}</failure>\n    </testcase>`;
        });
  const failures = result.thresholds.filter((threshold) => !threshold.passed).length;
  const s = result.summary;
  const props = [
    ["target", `${result.target.kind} ${result.target.url}`],
    ["requests", String(s.requests)],
    ["ok", String(s.ok)],
    ["errors", String(s.errors)],
    ["rps", String(s.rps)],
    ["p95Ms", fmt(s.latencyMs.p95, 3)],
  ]
    .map(
      ([name, value]) =>
        `      <property name="${escapeAttribute(name!)}" value="${escapeAttribute(value!)}"/>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="dukcapil-sandbox load" tests="${cases.length}" failures="${failures}" errors="0" time="${time}">
  <testsuite name="load ${escapeAttribute(result.target.url)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${time}" timestamp="${escapeAttribute(result.startedAt)}">
    <properties>
${props}
    </properties>
${cases.join("\n")}
  </testsuite>
</testsuites>
`;
}

const W = 640;
const H = 220;
const PAD = { left: 56, right: 16, top: 16, bottom: 40 };

function axisTicks(max: number): number[] {
  if (max <= 0) return [0];
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) ticks.push(Number(v.toPrecision(6)));
  return ticks;
}

function frame(title: string, xLabel: string, yLabel: string, maxY: number, body: string): string {
  const innerH = H - PAD.top - PAD.bottom;
  const top = Math.max(maxY, 1e-9);
  const grid = axisTicks(top)
    .map((tick) => {
      const y = PAD.top + innerH - (tick / top) * innerH;
      return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" class="grid"/><text x="${PAD.left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${escapeMarkup(String(tick))}</text>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeAttribute(title)}"><title>${escapeMarkup(title)}</title>${grid}${body}<text x="${(PAD.left + W - PAD.right) / 2}" y="${H - 6}" text-anchor="middle">${escapeMarkup(xLabel)}</text><text x="12" y="${PAD.top + innerH / 2}" text-anchor="middle" transform="rotate(-90 12 ${PAD.top + innerH / 2})">${escapeMarkup(yLabel)}</text></svg>`;
}

/** The latency histogram (bars). @internal */
export function histogramSvg(result: LoadResult): string {
  const bars = result.histogram;
  const max = Math.max(0, ...bars.map((bar) => bar.count));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const width = bars.length === 0 ? 0 : innerW / bars.length;
  const top = Math.max(...axisTicks(max), 1);
  const body = bars
    .map((bar, index) => {
      const h = (bar.count / top) * innerH;
      const x = PAD.left + index * width;
      const label = `${bar.fromMs}–${bar.toMs} ms: ${bar.count} answers`;
      const tick =
        index % Math.max(1, Math.ceil(bars.length / 8)) === 0
          ? `<text x="${x.toFixed(1)}" y="${H - PAD.bottom + 14}" text-anchor="middle">${escapeMarkup(String(bar.fromMs))}</text>`
          : "";
      return `<rect x="${(x + 1).toFixed(1)}" y="${(PAD.top + innerH - h).toFixed(1)}" width="${Math.max(width - 2, 1).toFixed(1)}" height="${h.toFixed(1)}" class="bar"><title>${escapeMarkup(label)}</title></rect>${tick}`;
    })
    .join("");
  return frame("Latency histogram", "latency (ms)", "answers", top, body);
}

/** Requests per second over time (good answers and errors). @internal */
export function rpsSvg(result: LoadResult): string {
  const series = result.series;
  const max = Math.max(0, ...series.map((s) => s.requests + s.errors));
  const top = Math.max(...axisTicks(max), 1);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) =>
    PAD.left + (series.length <= 1 ? innerW / 2 : (i / (series.length - 1)) * innerW);
  const y = (v: number) => PAD.top + innerH - (v / top) * innerH;
  const line = (pick: (s: (typeof series)[number]) => number, cls: string) =>
    series.length === 0
      ? ""
      : `<polyline class="${cls}" fill="none" points="${series.map((s, i) => `${x(i).toFixed(1)},${y(pick(s)).toFixed(1)}`).join(" ")}"/>` +
        series
          .map(
            (s, i) =>
              `<circle class="${cls}" cx="${x(i).toFixed(1)}" cy="${y(pick(s)).toFixed(1)}" r="2.5"><title>${escapeMarkup(`second ${s.second}: ${s.ok} ok, ${s.errors} errors`)}</title></circle>`,
          )
          .join("");
  const ticks = series
    .filter((_, i) => i % Math.max(1, Math.ceil(series.length / 10)) === 0)
    .map(
      (s) =>
        `<text x="${x(s.second - 1).toFixed(1)}" y="${H - PAD.bottom + 14}" text-anchor="middle">${s.second}</text>`,
    )
    .join("");
  return frame(
    "Requests per second over time",
    "second of the run",
    "per second",
    top,
    `${line((s) => s.ok, "ok")}${line((s) => s.errors, "err")}${ticks}`,
  );
}

/**
 * The HTML output: a self-contained page (inline CSS and SVG, no script, no network) with the
 * verdict, the thresholds, the summary, a latency histogram and requests per second over time.
 *
 * @example
 * ```ts
 * import { renderLoadHtml, type LoadResult } from "@dukcapil-sandbox/conformance/load";
 * const page = (result: LoadResult) => renderLoadHtml(result);
 * ```
 */
export function renderLoadHtml(result: LoadResult): string {
  const s = result.summary;
  const verdict = result.passed ? "All thresholds met" : `Breached: ${result.breached.join(", ")}`;
  const rows = result.thresholds
    .map(
      (t) =>
        `<tr class="${t.passed ? "pass" : "fail"}"><td>${escapeMarkup(t.name)}</td><td>${t.passed ? "met" : "BREACHED"}</td><td>${escapeMarkup(thresholdText(t).replace(/^.*\(actual (.*)\)$/, "$1"))}</td></tr>`,
    )
    .join("");
  const figures: [string, string][] = [
    ["target", `${result.target.kind} ${result.target.url}`],
    [
      "load",
      `${result.settings.rate === null ? "" : `${result.settings.rate} req/s fixed rate, `}${result.settings.connections} connections, ${result.settings.durationS} s (warm-up ${result.settings.warmupS} s)`,
    ],
    ["answers", `${groupDigits(s.requests, ",")} (${groupDigits(s.ok, ",")} right)`],
    [
      "errors",
      `${groupDigits(s.errors, ",")} (${(s.errorRate * 100).toFixed(3)}%): ${s.mismatches} wrong answers, ${s.transportErrors} transport errors or timeouts`,
    ],
    ["good answers per second", fmt(s.rps, 1)],
    [
      "latency (ms)",
      `p50 ${fmt(s.latencyMs.p50, 3)} · p90 ${fmt(s.latencyMs.p90, 3)} · p95 ${fmt(s.latencyMs.p95, 3)} · p99 ${fmt(s.latencyMs.p99, 3)} · max ${fmt(s.latencyMs.max, 3)}`,
    ],
    ["body verification", result.settings.verifyBody ? "on: a wrong answer is an error" : "off"],
  ];
  const requests = result.settings.requests
    .map((line) => `<li>${escapeMarkup(line)}</li>`)
    .join("");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Load run — ${escapeMarkup(result.passed ? "passed" : "breached")}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;color:#1f2328;max-width:960px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.4rem}.verdict{padding:.5rem .8rem;border-radius:4px;font-weight:600}
.verdict.pass{background:#e6f4ea;color:#0b5d1e}.verdict.fail{background:#fde7e9;color:#8a1020}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left}
tr.fail td{background:#fde7e9}svg{width:100%;height:auto;max-width:${W}px;font-size:11px}
svg .grid{stroke:#e5e7eb}svg .bar{fill:#0072B2}svg polyline.ok{stroke:#009E73;stroke-width:2}
svg polyline.err{stroke:#D55E00;stroke-width:2}svg circle.ok{fill:#009E73}svg circle.err{fill:#D55E00}
.legend span{margin-right:1rem}.sw{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
</style>
</head>
<body>
<h1>Load run</h1>
<p class="verdict ${result.passed ? "pass" : "fail"}">${escapeMarkup(verdict)}</p>
<p>${escapeMarkup(result.startedAt)} – ${escapeMarkup(result.finishedAt)}</p>
<h2>Thresholds</h2>
${result.thresholds.length === 0 ? "<p>No thresholds were set.</p>" : `<table><thead><tr><th>threshold</th><th>result</th><th>actual</th></tr></thead><tbody>${rows}</tbody></table>`}
<h2>Summary</h2>
<table><tbody>${figures.map(([k, v]) => `<tr><th>${escapeMarkup(k)}</th><td>${escapeMarkup(v)}</td></tr>`).join("")}</tbody></table>
<h2>Latency histogram</h2>
${histogramSvg(result)}
<h2>Requests per second over time</h2>
<p class="legend"><span><i class="sw" style="background:#009E73"></i>right answers</span><span><i class="sw" style="background:#D55E00"></i>errors</span></p>
${rpsSvg(result)}
<h2>Requests</h2>
<ul>${requests}</ul>
</body>
</html>
`;
}

/**
 * Writes `load.json`, `load-junit.xml` and `load.html` into `dir` (created) and resolves to
 * their paths.
 *
 * @example
 * ```ts
 * import { runLoad, writeLoadReports } from "@dukcapil-sandbox/conformance/load";
 * const result = await runLoad({ target: { kind: "simulator" }, durationS: 2 });
 * const paths = await writeLoadReports(result, "load-report");
 * ```
 */
export async function writeLoadReports(result: LoadResult, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const contents = [renderLoadJson(result), renderLoadJunit(result), renderLoadHtml(result)];
  const paths = LOAD_REPORT_FILES.map((name) => join(dir, name));
  await Promise.all(paths.map((path, i) => writeFile(path, contents[i]!, "utf8")));
  return paths;
}
