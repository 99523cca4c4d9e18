import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { renderErrorsDoc, renderReadme, renderStandardPlanDoc } from "./render-docs.js";

const docs = new URL("../docs/", import.meta.url);
const readme = new URL("../README.md", import.meta.url);
mkdirSync(docs, { recursive: true });
writeFileSync(new URL("errors.md", docs), renderErrorsDoc());
writeFileSync(new URL("standard-plan.md", docs), renderStandardPlanDoc());
writeFileSync(readme, renderReadme(readFileSync(readme, "utf8")));
console.log(
  "wrote packages/conformance/docs/errors.md, docs/standard-plan.md and the generated parts of README.md",
);
