// Renders the documentation pages that are derived from core's data tables.
// `npm run docs:generate` writes them; a test fails when they are out of date.
import { responseCodes } from "../src/catalogue/response-codes.js";
import { coreErrorRegistry } from "../src/errors.js";

const cell = (value: string | null | boolean): string =>
  value === null ? "—" : String(value).replaceAll("|", "\\|").replaceAll("  ", "&nbsp;&nbsp;");

const header = (title: string, source: string): string[] => [
  `# ${title}`,
  "",
  `<!-- Generated from ${source} by \`npm run docs:generate -w @dukcapil-sandbox/core\`. Do not edit by hand. -->`,
  "",
];

/** docs/response-codes.md: one section per catalogue row. */
export function renderResponseCodesDoc(): string {
  const lines = header("Response codes", "src/catalogue/response-codes.ts");
  lines.push(
    "Every outcome of the upstream Dukcapil service, with the exact texts per surface. All outcomes are HTTP 200 with the text in the body; two spaces in a text are shown as `&nbsp;&nbsp;` and are significant.",
    "",
    "| code | outcome | category | Web Portal (Juknis) | lookup `RESPON` | verify `RESPONSE` | uses quota | retry |",
    "|---|---|---|---|---|---|---|---|",
  );
  for (const row of responseCodes) {
    lines.push(
      `| ${row.code} | \`${row.outcome}\` | ${row.category} | ${cell(row.portalText)} | ${cell(row.lookupText)} | ${cell(row.verifyText)} | ${row.consumesQuota ? "yes" : "no"} | ${row.retry} |`,
    );
  }
  lines.push("");
  for (const row of responseCodes) {
    lines.push(`## ${row.code} \`${row.outcome}\``, "");
    lines.push(`- Meaning: ${row.meaningEn}`);
    lines.push(`- What the agency app should do: ${row.actionEn}`);
    lines.push(`- Untuk operator: ${row.actionId}`);
    if (row.textVariants.length > 0) {
      lines.push(
        `- Other spellings recognised: ${row.textVariants.map((t) => `\`${t}\``).join(", ")}`,
      );
    }
    lines.push(`- Evidence: ${row.evidence}`, "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** docs/errors.md: one section per error code of the registry. */
export function renderErrorsDoc(): string {
  const lines = header("Errors of @dukcapil-sandbox/core", "src/errors.ts");
  lines.push(
    "Usage and configuration errors are thrown as `DukcapilCoreError` with one of these stable codes. Upstream outcomes are never errors (see response-codes.md). Retired codes are never reused.",
    "",
  );
  for (const [code, entry] of Object.entries(coreErrorRegistry)) {
    lines.push(`## ${code}`, "", entry.summary, "", `What to do: ${entry.fix}`, "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
