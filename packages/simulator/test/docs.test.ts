import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderErrorsDoc, renderMagicNiksDoc } from "../scripts/render-docs.js";
import { simulatorErrorRegistry } from "../src/errors.js";

const docs = new URL("../docs/", import.meta.url);

describe("simulator documentation", () => {
  it("docs/magic-niks.md is up to date with the magic table (run npm run docs:generate)", () => {
    expect(readFileSync(new URL("magic-niks.md", docs), "utf8")).toBe(renderMagicNiksDoc());
  });

  it("docs/errors.md documents every registry code and no code the registry lacks", () => {
    const doc = readFileSync(new URL("errors.md", docs), "utf8");
    expect(doc).toBe(renderErrorsDoc());
    const documented = new Set(doc.match(/^## (DKS_[A-Z_]+)$/gm)?.map((h) => h.slice(3)));
    expect(documented).toEqual(new Set(Object.keys(simulatorErrorRegistry)));
  });
});
