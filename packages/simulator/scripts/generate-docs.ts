import { writeFileSync } from "node:fs";
import { renderErrorsDoc, renderMagicNiksDoc } from "./render-docs.js";

const docs = new URL("../docs/", import.meta.url);
writeFileSync(new URL("magic-niks.md", docs), renderMagicNiksDoc());
writeFileSync(new URL("errors.md", docs), renderErrorsDoc());
console.log("wrote packages/simulator/docs/magic-niks.md and errors.md");
