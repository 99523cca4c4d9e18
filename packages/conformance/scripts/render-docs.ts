// Renders the conformance package's documentation derived from its data: the error registries,
// the standard plan, the verdict rules and the run configuration reference. `npm run
// docs:generate` writes them (docs/*.md and the generated regions of README.md); a test fails
// when they are out of date.
import * as z from "zod";
import { httpRequestTemplateSchema, runConfigSchema } from "../src/config.js";
import { browserFormSchema } from "../src/drivers/browser.js";
import { pocErrorRegistry } from "../src/errors.js";
import { planSha256 } from "../src/plan/load.js";
import {
  type ExpectationKind,
  type NikSelector,
  type PlanStep,
  planExpectationSchema,
} from "../src/plan/schema.js";
import { standardPlan } from "../src/plan/standard.js";
import { reportErrorRegistry } from "../src/report/errors.js";
import { VERDICT_RULES } from "../src/report/schema.js";

const GENERATOR = "`npm run docs:generate -w @dukcapil-sandbox/conformance`";

const cell = (value: string): string => value.replaceAll("|", "\\|").replaceAll("\n", " ");
const code = (value: string): string => `\`${value.replaceAll("|", "\\|")}\``;

const header = (title: string, source: string): string[] => [
  `# ${title}`,
  "",
  `<!-- Generated from ${source} by ${GENERATOR}. Do not edit by hand. -->`,
  "",
];

const finish = (lines: readonly string[]): string => `${lines.join("\n").trimEnd()}\n`;

// --- docs/errors.md ------------------------------------------------------------------------

/** docs/errors.md: every code of both registries (runner and report side). */
export function renderErrorsDoc(): string {
  const lines = header(
    "Errors of @dukcapil-sandbox/conformance",
    "src/errors.ts and src/report/errors.ts",
  );
  lines.push(
    "Setup and usage errors are thrown with one of these stable codes; the CLI prints `CODE: message` and exits with code 2. A criterion that fails is never an error of this list: it is a result in the report. Retired codes are never reused.",
    "",
    "## Runner: `PocError`",
    "",
    "Plans, the run configuration, the app under test and its driver, the simulator connection and the command line (`src/errors.ts`, `pocErrorRegistry`, `isPocError`). A failure inside one criterion never stops the run: a setup that cannot be applied makes that criterion `error`, and an action the app or driver could not complete (`DKS_POC_DRIVER_FAILED`) is recorded in its evidence and fails its checks.",
    "",
  );
  for (const [name, entry] of Object.entries(pocErrorRegistry)) {
    lines.push(`### ${name}`, "", entry.summary, "", `What to do: ${entry.fix}`, "");
  }
  lines.push(
    "## Reports: `ReportError` and `verifyReport`",
    "",
    "Renderers, signing and writing throw `ReportError` (`src/report/errors.ts`, `reportErrorRegistry`, `isReportError`). `verifyReport` returns the same codes as values (`{ ok: false, code, message }`): a tampered report is an outcome, not a bug. `dukcapil-sandbox verify` prints them and exits with code 1 (not valid) or 2 (the file or key cannot be read).",
    "",
  );
  for (const [name, entry] of Object.entries(reportErrorRegistry)) {
    lines.push(`### ${name}`, "", entry.summary, "", `What to do: ${entry.fix}`, "");
  }
  return finish(lines);
}

// --- docs/standard-plan.md -----------------------------------------------------------------

/** The heading of each criterion area (the middle part of `POC-AREA-NN`), in plan order. */
const AREAS: Readonly<Record<string, string>> = {
  ACCESS: "Credentials and access",
  DATA: "Data outcomes",
  PATTERN: "Input pattern",
  RESIL: "Resilience",
  STORAGE: "Zero storage",
  ATTRIB: "Attribution",
  BALIKAN: "Data balikan",
  QUOTA: "Quota",
  LOAD: "Load",
};

/** What each expectation kind checks (the evaluators in src/criteria/). */
const EXPECTATIONS: Readonly<Record<ExpectationKind, string>> = {
  "outcome-shown":
    "The upstream answered `code` at least once; every lookup answer shows the catalogue's text for that code (Web Portal, lookup or verify text, or a known variant, in any letter case) or its Indonesian advice (`actionId`); at most `maxUpstreamCallsPerAction` upstream calls per lookup.",
  "record-shown":
    "Every lookup of a found resident shows the resident's `elements`, as the record has them.",
  "no-upstream-call":
    "No request reached the upstream (the app validated locally), and every action was answered.",
  "nik-digit-exact":
    "Each answer contains the looked-up NIK digit for digit, and not its float-rounded form.",
  "quota-exhaustion-handled":
    "The quota ran out (code 05); every answer from that lookup on shows the catalogue's 05 text or its advice; at most `maxUpstreamCallsPerAction` upstream calls per lookup. Fails when the quota never runs out (verdict rule 3).",
  "quota-stop-until-next-day":
    "The quota ran out; no upstream call after the first 05 for the rest of that simulated day (WIB); after `nextDay` the app calls again. Fails when the quota never runs out (verdict rule 3).",
  "no-usage-patterns":
    "No usage-pattern finding (sequential, prefix sweep, burst) on the user's traffic: neither from the simulator live nor from core's detector run over the journal's NIK sequence.",
  "bounded-resilience":
    "Every lookup is answered within `appTimeoutMs` + `graceMs` of the run configuration; at most `maxRetries` + 1 upstream attempts per lookup, with growing gaps between them; with `requireRecord`, the record is shown.",
  "no-stored-person-data":
    "After the app is closed, no file under its declared storage (a module app's `storageDir`, and `storage.paths`) holds a canary resident's full NIK, NO_KK or name (UTF-8 and UTF-16LE, names in any letter case; masked NIKs are allowed).",
  "attribution-shown": "Every answer shows the run's attribution notice (`attribution`).",
  "data-balikan-complete":
    "After the steps, the simulator received exactly one data balikan item per found resident looked up, each with at least `minParamKeys` parameter keys, and nothing sent twice.",
  "answer-matches": "Every lookup answer matches `status`, `regex` and/or a JSONPath check.",
  load: "The app sustains `ratePerSecond` lookups per second for `durationMs` with p95 latency under `maxP95Ms` and an error rate of at most `maxErrorRate`, measured with the load runner (`@dukcapil-sandbox/conformance/load`): autocannon at a fixed rate through an HTTP app's lookup template, an open-loop fixed-rate loop over a module app's `lookup`; skipped for a browser-driven app.",
};

function expectationKinds(): string[] {
  return planExpectationSchema.options.map((option) => option.shape.kind.value);
}

function areaOf(id: string): string {
  const area = id.split("-")[1] ?? "";
  const heading = AREAS[area];
  if (heading === undefined) {
    throw new Error(
      `render-docs: criterion ${id} has the area ${area}, which has no heading in AREAS`,
    );
  }
  return heading;
}

function selectorText(selector: NikSelector): string {
  if ("magic" in selector) return `the magic NIK \`${selector.magic}\``;
  if ("canary" in selector) return `canary resident ${selector.canary}`;
  if ("random" in selector) return "a random resident";
  if ("literal" in selector) return `the text ${code(selector.literal)}`;
  return `the NIK of lookup ${selector.sameAs} again`;
}

function stepText(step: PlanStep): string {
  const times = (repeat: number) => (repeat > 1 ? ` ×${repeat}` : "");
  switch (step.action) {
    case "lookup":
      return `lookup ${selectorText(step.nik)}${times(step.repeat)}${"random" in step.nik && step.repeat > 1 ? " (a new one each time)" : ""}`;
    case "endOfDay":
      return `end of day${times(step.repeat)}`;
    case "nextDay":
      return "next simulated day (08:00 WIB)";
    case "wait":
      return `wait ${step.ms} ms`;
  }
}

/** docs/standard-plan.md: the standard plan's criteria as a table, then each in detail. */
export function renderStandardPlanDoc(): string {
  const plan = standardPlan;
  const known = new Set<string>(expectationKinds());
  for (const kind of Object.keys(EXPECTATIONS)) {
    if (!known.has(kind))
      throw new Error(`render-docs: EXPECTATIONS names an unknown kind ${kind}`);
  }
  for (const kind of known) {
    if (!(kind in EXPECTATIONS)) throw new Error(`render-docs: no text for expectation ${kind}`);
  }
  const mandatory = plan.criteria.filter((criterion) => criterion.mandatory).length;
  const lines = header(`The standard PoC plan (\`${plan.id}\`)`, "src/plan/standard.ts");
  lines.push(
    `${plan.title}, version ${plan.version ?? "—"}. ${plan.description ?? ""}`.trim(),
    "",
    `- ${plan.criteria.length} criteria: ${mandatory} mandatory, ${plan.criteria.length - mandatory} advisory. They run in this order, each on its own simulated day from 08:00 WIB.`,
    `- Plan SHA-256 (canonical JSON, RFC 8785): \`${planSha256(plan)}\`. A report made with this plan has it in \`manifest.plan.sha256\`; any other value means another (or a changed) plan.`,
    `- Canary residents per run: ${plan.canaries}. The runner closes the service day (\`endOfDay\`) after each criterion: ${plan.closeDayAfterEachCriterion ? "yes" : "no"}.`,
    "- Magic NIKs are the simulator's fixed table ([magic NIKs](../../simulator/docs/magic-niks.md)); random and canary residents are drawn from the simulator's population with the run's selection seed (`manifest.run.selectionSeed`).",
    "",
    "## Verdict rules",
    "",
    ...VERDICT_RULES.map((rule, index) => `${index + 1}. ${rule}`),
    "",
    "## Criteria",
    "",
    "| # | id | title | clause | mandatory or advisory | expectation |",
    "|---|---|---|---|---|---|",
  );
  for (const [index, criterion] of plan.criteria.entries()) {
    lines.push(
      `| ${index + 1} | [${criterion.id}](#${criterion.id.toLowerCase()}) | ${cell(criterion.title)} | ${cell(criterion.clause)} | ${criterion.mandatory ? "mandatory" : "**advisory**"} | \`${criterion.expect.kind}\` |`,
    );
  }
  lines.push("");
  let area: string | undefined;
  for (const criterion of plan.criteria) {
    const heading = areaOf(criterion.id);
    if (heading !== area) {
      lines.push(`## ${heading}`, "");
      area = heading;
    }
    const { kind, ...parameters } = criterion.expect;
    lines.push(`### ${criterion.id}`, "");
    lines.push(`**${criterion.title}** — ${criterion.mandatory ? "mandatory" : "advisory"}`, "");
    if (criterion.description !== undefined) lines.push(criterion.description, "");
    lines.push(`- Clause: ${criterion.clause}`);
    lines.push(
      `- Setup: ${Object.keys(criterion.setup).length === 0 ? "none (the PoC account as provisioned)" : code(JSON.stringify(criterion.setup))}`,
    );
    lines.push(
      `- Steps: ${criterion.steps.length === 0 ? "none" : criterion.steps.map(stepText).join("; ")}`,
    );
    lines.push(
      `- Expectation \`${kind}\`${Object.keys(parameters).length === 0 ? "" : ` ${code(JSON.stringify(parameters))}`}: ${EXPECTATIONS[kind]}`,
      "",
    );
  }
  return finish(lines);
}

// --- README.md generated regions -----------------------------------------------------------

/** One row of the run configuration reference. */
interface FieldDoc {
  readonly meaning: string;
  /** Shown instead of the schema's default (a default that depends on the environment). */
  readonly defaultText?: string;
}

/** The meaning of every field of `runConfigSchema`; the renderer fails on a missing or stale one. */
const RUN_CONFIG_FIELDS: Readonly<Record<string, FieldDoc>> = {
  appTimeoutMs: {
    meaning:
      "The app's own timeout: it must answer its operator within this (plus `graceMs`), whatever the upstream does.",
  },
  maxRetries: {
    meaning:
      "The app's retry budget: at most `maxRetries` + 1 upstream attempts per operator action.",
  },
  graceMs: {
    meaning:
      "Allowance on top of `appTimeoutMs`, and the wait before the resilience, quota and data balikan criteria read the journal. `appTimeoutMs` + `graceMs` is at most 600000.",
  },
  settleMs: {
    meaning:
      "The wait after a criterion's last action before the journal is read (late calls show up).",
  },
  attribution: { meaning: "The notice the app must show on every answer (POC-ATTRIB-01)." },
  seed: { meaning: "Seed of the simulator the runner starts (module apps)." },
  population: { meaning: "Population size of the simulator the runner starts (module apps)." },
  selectionSeed: {
    meaning:
      "Seed of the random and canary residents. Default: from the simulator seed and the plan hash (and the run id for a remote simulator).",
  },
  storage: { meaning: "The storage the app declares, scanned by POC-STORAGE-01." },
  "storage.paths": {
    meaning:
      "Files and directories the app writes to, besides a module app's `storageDir`. In a `--config` file, relative to the file.",
  },
  simulator: {
    meaning:
      "The running simulator an HTTP or browser app was configured with. Required for those apps; not allowed for a module app (the runner starts its own).",
  },
  "simulator.url": { meaning: "The simulator's base URL, e.g. `http://127.0.0.1:8080`." },
  "simulator.adminToken": { meaning: "Its admin token (`npm start` prints it)." },
  "simulator.institutionId": { meaning: "The institution the app uses." },
  "simulator.userId": {
    meaning: "The user ID the app uses; may be left out when the institution has exactly one.",
  },
  "simulator.password": {
    meaning:
      "The user's current password, so the runner can restore it after POC-ACCESS-01 changes it (without it that criterion is an error).",
  },
  http: { meaning: "The HTTP driver: how to make the app do each operator action." },
  "http.lookup": { meaning: "Request template of a lookup; `{{nik}}` is the NIK as typed." },
  "http.endOfDay": {
    meaning: "Request template of closing the service day (the app sends pending data balikan).",
  },
  browser: {
    meaning:
      "The browser driver: when present, an `http(s)://` app is operated in headless Chromium instead of over HTTP.",
  },
  "browser.lookup": { meaning: "The lookup form; `nikField` is required." },
  "browser.endOfDay": { meaning: "The end-of-day form (a button; no NIK)." },
  "browser.executablePath": {
    meaning: "The Chromium binary.",
    defaultText: "`$CHROMIUM_PATH`, else `/usr/bin/chromium`",
  },
  production: {
    meaning:
      "The production access specification a passing report (and the Surat Hasil PoC) states. Default: the institution's registered path, `CALL_NIK` and its grant.",
  },
  "production.endpoint": { meaning: "The production endpoint to state." },
  "production.methods": { meaning: "The methods granted." },
  "production.grant": { meaning: "The data elements granted; default the institution's grant." },
};

/** The meaning of each field of a request template (`httpRequestTemplateSchema`). */
const TEMPLATE_FIELDS: Readonly<Record<string, FieldDoc>> = {
  method: { meaning: "HTTP method." },
  path: {
    meaning:
      "Path relative to the `--app` URL (or an absolute URL); `{{nik}}` is URL-encoded here.",
  },
  headers: { meaning: "Request headers; `{{nik}}` is inserted as is." },
  body: {
    meaning:
      "Request body: `{{nik}}` is JSON-escaped when the body is JSON (by `content-type`, or a body starting with `{` or `[`; `content-type: application/json` is then added when missing), form-encoded for `application/x-www-form-urlencoded`, else inserted as is.",
  },
};

/** The meaning of each field of a browser form (`browserFormSchema`). */
const FORM_FIELDS: Readonly<Record<string, FieldDoc>> = {
  path: { meaning: "The page with the form, relative to the `--app` URL." },
  nikField: { meaning: "CSS selector of the NIK input (filled with the NIK as typed)." },
  submit: { meaning: "CSS selector of the button that submits the form." },
};

/** Fields rendered as one row whose shape has its own table. */
const SHAPES: Readonly<Record<string, string>> = {
  "http.lookup": "request template",
  "http.endOfDay": "request template",
  "browser.lookup": "form",
  "browser.endOfDay": "form",
};

interface JsonSchemaNode {
  type?: string;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  items?: JsonSchemaNode;
  enum?: unknown[];
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  additionalProperties?: boolean | JsonSchemaNode;
}

const jsonSchemaOf = (schema: z.ZodType): JsonSchemaNode =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchemaNode;

function typeText(node: JsonSchemaNode): string {
  if (node.enum !== undefined)
    return node.enum.map((value) => code(JSON.stringify(value))).join(" \\| ");
  if (node.type === "array")
    return `array of ${node.items === undefined ? "values" : typeText(node.items)}`;
  if (node.type === "object" && node.properties === undefined) {
    return typeof node.additionalProperties === "object"
      ? `object of ${typeText(node.additionalProperties)}`
      : "object";
  }
  if (node.format === "uri") return "URL";
  return node.type ?? "value";
}

function limitsText(node: JsonSchemaNode): string {
  const parts: string[] = [];
  const number = (value: number) => value.toLocaleString("en-US");
  if (node.minimum !== undefined && node.maximum !== undefined) {
    parts.push(`${number(node.minimum)}–${number(node.maximum)}`);
  } else if (node.minimum !== undefined) parts.push(`≥ ${number(node.minimum)}`);
  else if (node.maximum !== undefined) parts.push(`≤ ${number(node.maximum)}`);
  if (node.minLength !== undefined && node.minLength > 1)
    parts.push(`≥ ${node.minLength} characters`);
  if (node.maxLength !== undefined) parts.push(`≤ ${node.maxLength} characters`);
  if (node.minItems !== undefined)
    parts.push(`≥ ${node.minItems} item${node.minItems === 1 ? "" : "s"}`);
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}

function defaultText(node: JsonSchemaNode, required: boolean, doc: FieldDoc): string {
  if (doc.defaultText !== undefined) return doc.defaultText;
  if (required) return "**required**";
  if (node.default === undefined) return "—";
  return code(JSON.stringify(node.default));
}

function fieldTable(
  root: JsonSchemaNode,
  docs: Readonly<Record<string, FieldDoc>>,
  what: string,
  shapes: Readonly<Record<string, string>> = {},
): string[] {
  const rows: string[] = ["| field | type | default | meaning |", "|---|---|---|---|"];
  const seen = new Set<string>();
  const walk = (node: JsonSchemaNode, prefix: string) => {
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const path = `${prefix}${name}`;
      const doc = docs[path];
      if (doc === undefined) throw new Error(`render-docs: ${what} field ${path} has no meaning`);
      seen.add(path);
      const required = node.required?.includes(name) ?? false;
      const shape = shapes[path];
      const type = shape ?? `${typeText(child)}${limitsText(child)}`;
      rows.push(
        `| \`${path}\` | ${type} | ${defaultText(child, required, doc)} | ${cell(doc.meaning)} |`,
      );
      if (shape === undefined && child.type === "object" && child.properties !== undefined) {
        walk(child, `${path}.`);
      }
    }
  };
  walk(root, "");
  for (const path of Object.keys(docs)) {
    if (!seen.has(path)) throw new Error(`render-docs: ${what} has no field ${path}; remove it`);
  }
  return rows;
}

/** The run configuration reference: the fields of `runConfigSchema`, then the two shapes. */
export function renderRunConfigReference(): string {
  return [
    ...fieldTable(jsonSchemaOf(runConfigSchema), RUN_CONFIG_FIELDS, "runConfigSchema", SHAPES),
    "",
    "A **request template** (`http.lookup`, `http.endOfDay`; `httpRequestTemplateSchema`):",
    "",
    ...fieldTable(
      jsonSchemaOf(httpRequestTemplateSchema),
      TEMPLATE_FIELDS,
      "httpRequestTemplateSchema",
    ),
    "",
    "A **form** (`browser.lookup`, `browser.endOfDay`; `browserFormSchema`):",
    "",
    ...fieldTable(jsonSchemaOf(browserFormSchema), FORM_FIELDS, "browserFormSchema"),
  ].join("\n");
}

/** The verdict rules as a numbered list. */
export function renderVerdictRules(): string {
  return VERDICT_RULES.map((rule, index) => `${index + 1}. ${rule}`).join("\n");
}

/** The generated regions of README.md, by name. */
export const README_REGIONS: Readonly<Record<string, () => string>> = {
  "verdict-rules": renderVerdictRules,
  "run-config": renderRunConfigReference,
};

/**
 * README.md with every generated region (between `<!-- generated:NAME -->` and
 * `<!-- /generated:NAME -->`) replaced by its current rendering. Throws when a marker is missing.
 */
export function renderReadme(readme: string): string {
  let text = readme;
  for (const [name, render] of Object.entries(README_REGIONS)) {
    const open = `<!-- generated:${name} (${GENERATOR}; do not edit by hand) -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = text.indexOf(open);
    const end = text.indexOf(close);
    if (start === -1 || end === -1 || end < start) {
      throw new Error(`render-docs: README.md lacks the markers "${open}" … "${close}"`);
    }
    text = `${text.slice(0, start + open.length)}\n\n${render()}\n\n${text.slice(end)}`;
  }
  return text;
}
