import { writeFileSync } from "node:fs";
import { renderErrorsDoc, renderResponseCodesDoc } from "./render-docs.js";

const docs = new URL("../docs/", import.meta.url);
writeFileSync(new URL("response-codes.md", docs), renderResponseCodesDoc());
writeFileSync(new URL("errors.md", docs), renderErrorsDoc());
console.log("wrote packages/core/docs/response-codes.md and errors.md");
