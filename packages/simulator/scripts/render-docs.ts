// Renders the simulator's documentation pages derived from data; a test fails when stale.
import { simulatorErrorRegistry } from "../src/errors.js";
import { createPopulation } from "../src/population/population.js";

const header = (title: string, source: string): string[] => [
  `# ${title}`,
  "",
  `<!-- Generated from ${source} by \`npm run docs:generate -w @dukcapil-sandbox/simulator\`. Do not edit by hand. -->`,
  "",
];

/** docs/magic-niks.md: the magic-NIK table (the same for every seed). */
export function renderMagicNiksDoc(): string {
  const { magic } = createPopulation({ seed: "docs", size: 1 });
  const lines = header("Magic NIKs", "src/population/magic.ts");
  lines.push(
    "These NIKs answer the same in every simulator, whatever its seed and size; `GET /sandbox/magic` serves the same table. They are fake: no real person has them. To force any other code for one request, send `Prefer: code=NN`.",
    "",
    "| code | kind | NIK | what it is |",
    "|---|---|---|---|",
    ...magic.map(
      (row) =>
        `| ${row.code} | \`${row.kind}\` | \`${row.nik}\` | ${row.description.replaceAll("|", "\\|")} |`,
    ),
  );
  return `${lines.join("\n")}\n`;
}

/** docs/errors.md: one section per error code of the simulator's own voice. */
export function renderErrorsDoc(): string {
  const lines = header("Errors of @dukcapil-sandbox/simulator", "src/errors.ts");
  lines.push(
    "The simulator's own API (admin, sandbox controls, configuration) answers errors as `application/problem+json` with `type` `urn:dukcapil-sandbox:error:<code>` and one of these stable codes. The operator Web Portal (`/portal`) shows the code on its HTML page and in the `X-Sandbox-Error` header. Imitated endpoints never do: they answer in the upstream wire format.",
    "",
  );
  for (const [code, entry] of Object.entries(simulatorErrorRegistry)) {
    lines.push(
      `## ${code}`,
      "",
      `HTTP ${entry.status} — ${entry.title}.`,
      "",
      `What to do: ${entry.fix}`,
      "",
    );
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
