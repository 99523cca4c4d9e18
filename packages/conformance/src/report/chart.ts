/**
 * The inline SVG timeline of a run for the HTML report: upstream requests over time (one row
 * per answer, colored by it) and the app's action durations, over bands for the criteria.
 * Plain SVG, no script, no external resource.
 */
import {
  criterionOffsetMs,
  escapeAttribute,
  escapeMarkup,
  formatDuration,
  requestOutcomeLabel,
} from "./format.js";
import type { PocReport } from "./schema.js";

/**
 * Categorical colours: Okabe–Ito (colour-blind-safe, without its yellow) first, then six more
 * distinct ones. Colour is never the only cue: each answer also has its own row.
 */
const PALETTE = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#1F2328",
  "#8C564B",
  "#7F3C8D",
  "#8A8A00",
  "#B22222",
  "#2F4B7C",
  "#00868B",
  "#A0522D",
] as const;

/** Colours of the app's actions by how they ended. @internal */
export const ACTION_COLOURS = {
  answered: "#0072B2",
  "answered with an error status": "#E69F00",
  "driver error": "#D55E00",
} as const;

/** At most this many request points are drawn; more are sampled evenly (the tables say so). */
const MAX_POINTS = 5000;

const WIDTH = 960;
const LEFT = 132;
const RIGHT = 16;
const TOP = 26;
const ROW = 16;
const LANE_GAP = 30;
const AXIS = 44;

/** One entry of the chart's legend. */
export interface ChartLegendEntry {
  label: string;
  colour: string;
  count: number;
}

/** The chart's SVG and its legend (rendered as HTML next to it). */
export interface RunChart {
  svg: string;
  requestLegend: ChartLegendEntry[];
  actionLegend: ChartLegendEntry[];
}

/** Sort key for request outcome labels: codes by number, then HTTP statuses, then no answer. */
function labelOrder(label: string): [number, string] {
  if (label.startsWith("code ")) return [0, label];
  if (label.startsWith("HTTP ")) return [1, label];
  return [2, label];
}

/** Tick step in ms for a domain so that there are at most about ten ticks. */
function tickStep(domainMs: number): number {
  const raw = domainMs / 10;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const factor of [1, 2, 5, 10]) {
    if (factor * power >= raw) return factor * power;
  }
  return 10 * power;
}

function tickLabel(ms: number, step: number): string {
  if (step < 1000) return `${(ms / 1000).toFixed(step < 100 ? 2 : 1)} s`;
  return `${Math.round(ms / 1000)} s`;
}

function actionOutcome(action: {
  status: number | null;
  error: string | null;
}): keyof typeof ACTION_COLOURS {
  if (action.error !== null || action.status === null) return "driver error";
  return action.status >= 400 ? "answered with an error status" : "answered";
}

const num = (value: number): string => String(Math.round(value * 10) / 10);

/**
 * Builds the run timeline of a report.
 *
 * @internal
 */
export function renderRunChart(report: PocReport): RunChart {
  const requests = report.criteria.flatMap((criterion) =>
    criterion.evidence.requests.map((request) => ({ request, criterion: criterion.id })),
  );
  const actions = report.criteria.flatMap((criterion) =>
    criterion.evidence.actions.map((action) => ({ action, criterion: criterion.id })),
  );

  // Request rows: one per distinct answer.
  const counts = new Map<string, number>();
  for (const { request } of requests) {
    const label = requestOutcomeLabel(request);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const labels = [...counts.keys()].sort((a, b) => {
    const [ka, ta] = labelOrder(a);
    const [kb, tb] = labelOrder(b);
    return ka - kb || ta.localeCompare(tb, "en", { numeric: true });
  });
  const colourOf = new Map(labels.map((label, index) => [label, PALETTE[index % PALETTE.length]!]));
  const rowOf = new Map(labels.map((label, index) => [label, index]));

  // Action rows: lookup, then end of day when there is one.
  const actionKinds = actions.some(({ action }) => action.action === "endOfDay")
    ? (["lookup", "endOfDay"] as const)
    : (["lookup"] as const);

  // Time domain.
  let domain = Math.max(1, report.manifest.durationMs);
  for (const { request } of requests) domain = Math.max(domain, request.tMs);
  for (const { action } of actions) domain = Math.max(domain, action.tMs + action.durationMs);
  for (const criterion of report.criteria) {
    domain = Math.max(domain, criterionOffsetMs(report, criterion) + criterion.durationMs);
  }
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (ms: number): number => LEFT + (Math.max(0, ms) / domain) * plotWidth;

  const requestRows = Math.max(1, labels.length);
  const requestTop = TOP + 14;
  const requestBottom = requestTop + requestRows * ROW;
  const actionTop = requestBottom + LANE_GAP;
  const actionBottom = actionTop + actionKinds.length * ROW;
  const height = actionBottom + AXIS;

  const parts: string[] = [];
  const requestSummary = labels.map((label) => `${label} ×${counts.get(label)}`).join(", ");
  parts.push(
    `<svg class="chart" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" font-family="system-ui, sans-serif" font-size="11">`,
    '<title id="chart-title">Run timeline: upstream requests and app actions</title>',
    `<desc id="chart-desc">${escapeMarkup(
      `${requests.length} upstream requests over ${formatDuration(domain)}${requestSummary === "" ? "" : ` (${requestSummary})`}; ${actions.length} app actions. Shaded bands are the criteria, in run order.`,
    )}</desc>`,
  );

  // Criterion bands.
  report.criteria.forEach((criterion, index) => {
    const start = x(criterionOffsetMs(report, criterion));
    const width = Math.max(
      1,
      x(criterionOffsetMs(report, criterion) + criterion.durationMs) - start,
    );
    const fill = index % 2 === 0 ? "#EEF1F4" : "#F8F9FA";
    parts.push(
      `<rect x="${num(start)}" y="${TOP}" width="${num(width)}" height="${actionBottom - TOP}" fill="${fill}"><title>${escapeMarkup(`${criterion.id}: ${criterion.title} (${formatDuration(criterion.durationMs)})`)}</title></rect>`,
    );
    if (width >= criterion.id.length * 6.2) {
      parts.push(
        `<text x="${num(start + 2)}" y="${TOP - 6}" fill="#3D444D" font-size="10">${escapeMarkup(criterion.id)}</text>`,
      );
    }
  });

  // Lane titles and row labels.
  parts.push(
    `<text x="4" y="${requestTop - 4}" font-weight="bold" fill="#1F2328">Upstream requests</text>`,
    `<text x="4" y="${actionTop - 4}" font-weight="bold" fill="#1F2328">App actions</text>`,
  );
  labels.forEach((label, index) => {
    parts.push(
      `<text x="${LEFT - 6}" y="${requestTop + index * ROW + ROW / 2 + 4}" text-anchor="end" fill="#1F2328">${escapeMarkup(label)}</text>`,
    );
  });
  if (labels.length === 0) {
    parts.push(
      `<text x="${LEFT + 4}" y="${requestTop + ROW / 2 + 4}" fill="#3D444D">no upstream requests</text>`,
    );
  }
  actionKinds.forEach((kind, index) => {
    parts.push(
      `<text x="${LEFT - 6}" y="${actionTop + index * ROW + ROW / 2 + 4}" text-anchor="end" fill="#1F2328">${kind === "lookup" ? "lookup" : "end of day"}</text>`,
    );
  });

  // Request points (sampled evenly when there are very many).
  const stride = requests.length > MAX_POINTS ? requests.length / MAX_POINTS : 1;
  for (let position = 0; position < requests.length; position += stride) {
    const { request, criterion } = requests[Math.floor(position)]!;
    const label = requestOutcomeLabel(request);
    const cy = requestTop + rowOf.get(label)! * ROW + ROW / 2;
    const tip = [
      `${(request.tMs / 1000).toFixed(3)} s`,
      label,
      request.endpoint,
      request.nikMasked ?? "no NIK",
      request.latencyMs === null ? "no latency" : `${Math.round(request.latencyMs)} ms`,
      criterion,
    ].join(" · ");
    parts.push(
      `<circle cx="${num(x(request.tMs))}" cy="${cy}" r="3.5" fill="${colourOf.get(label)}" fill-opacity="0.85"><title>${escapeMarkup(tip)}</title></circle>`,
    );
  }

  // Action bars.
  const actionCounts = new Map<keyof typeof ACTION_COLOURS, number>();
  for (const { action, criterion } of actions) {
    const outcome = actionOutcome(action);
    actionCounts.set(outcome, (actionCounts.get(outcome) ?? 0) + 1);
    const row = actionKinds.indexOf(action.action as "lookup");
    const y = actionTop + Math.max(0, row) * ROW + 3;
    const start = x(action.tMs);
    const width = Math.max(1.5, x(action.tMs + action.durationMs) - start);
    const tip = [
      `${(action.tMs / 1000).toFixed(3)} s`,
      action.action === "lookup" ? `lookup ${action.nikMasked ?? ""}`.trim() : "end of day",
      formatDuration(action.durationMs),
      action.error === null ? `status ${action.status ?? "none"}` : `error: ${action.error}`,
      criterion,
    ].join(" · ");
    parts.push(
      `<rect x="${num(start)}" y="${y}" width="${num(width)}" height="${ROW - 6}" fill="${ACTION_COLOURS[outcome]}" fill-opacity="0.8"><title>${escapeMarkup(tip)}</title></rect>`,
    );
  }

  // Axis.
  const axisY = actionBottom + 6;
  parts.push(
    `<line x1="${LEFT}" y1="${axisY}" x2="${WIDTH - RIGHT}" y2="${axisY}" stroke="#3D444D"/>`,
  );
  const step = tickStep(domain);
  for (let tick = 0; tick <= domain + 1e-9; tick += step) {
    const tx = num(x(tick));
    parts.push(
      `<line x1="${tx}" y1="${axisY}" x2="${tx}" y2="${axisY + 4}" stroke="#3D444D"/>`,
      `<text x="${tx}" y="${axisY + 16}" text-anchor="middle" fill="#1F2328">${tickLabel(tick, step)}</text>`,
    );
  }
  parts.push(
    `<text x="${WIDTH - RIGHT}" y="${axisY + 30}" text-anchor="end" fill="#3D444D">time since the run started</text>`,
    "</svg>",
  );

  return {
    svg: parts.join("\n"),
    requestLegend: labels.map((label) => ({
      label,
      colour: colourOf.get(label)!,
      count: counts.get(label)!,
    })),
    actionLegend: (Object.keys(ACTION_COLOURS) as (keyof typeof ACTION_COLOURS)[])
      .filter((outcome) => actionCounts.has(outcome))
      .map((outcome) => ({
        label: outcome,
        colour: ACTION_COLOURS[outcome],
        count: actionCounts.get(outcome)!,
      })),
  };
}

/**
 * A legend entry as HTML: a swatch and its label.
 *
 * @internal
 */
export function legendItem(entry: ChartLegendEntry): string {
  return `<li><svg class="swatch" width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${escapeAttribute(entry.colour)}"/></svg> ${escapeMarkup(entry.label)} <span class="muted">(${entry.count})</span></li>`;
}
