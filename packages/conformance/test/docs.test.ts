import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderErrorsDoc, renderReadme, renderStandardPlanDoc } from "../scripts/render-docs.js";
import { pocErrorRegistry } from "../src/errors.js";
import { standardPlan } from "../src/plan/standard.js";
import { reportErrorRegistry } from "../src/report/errors.js";

const docs = new URL("../docs/", import.meta.url);
const readme = new URL("../README.md", import.meta.url);

describe("conformance documentation", () => {
  it("docs/errors.md documents every code of both registries and no other (run npm run docs:generate)", () => {
    const doc = readFileSync(new URL("errors.md", docs), "utf8");
    expect(doc).toBe(renderErrorsDoc());
    const documented = doc.match(/^### (DKS_[A-Z_]+)$/gm)?.map((h) => h.slice(4)) ?? [];
    expect(new Set(documented)).toEqual(
      new Set([...Object.keys(pocErrorRegistry), ...Object.keys(reportErrorRegistry)]),
    );
    expect(documented).toHaveLength(new Set(documented).size);
  });

  it("docs/standard-plan.md is up to date with the standard plan (run npm run docs:generate)", () => {
    const doc = readFileSync(new URL("standard-plan.md", docs), "utf8");
    expect(doc).toBe(renderStandardPlanDoc());
    const ids = [...doc.matchAll(/^\| \d+ \| \[(POC-[A-Z]+-\d{2})\]/gm)].map((match) => match[1]);
    expect(ids).toEqual(standardPlan.criteria.map((criterion) => criterion.id));
  });

  it("the generated parts of README.md are up to date (run npm run docs:generate)", () => {
    const text = readFileSync(readme, "utf8");
    expect(text).toBe(renderReadme(text));
  });
});
