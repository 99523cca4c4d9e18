import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderErrorsDoc, renderResponseCodesDoc } from "../scripts/render-docs.js";
import {
  matchResponseText,
  outcomeRow,
  requestCheckOrder,
  responseCodeRow,
  responseCodes,
} from "../src/catalogue/response-codes.js";
import { coreErrorRegistry } from "../src/errors.js";

const juknis = readFileSync(
  new URL("../../../../shared/seeds/002_f37622d7202cca36.txt", import.meta.url),
  "utf8",
);
const docsDir = new URL("../docs/", import.meta.url);

describe("response-code catalogue", () => {
  it("has one row per code and per outcome name", () => {
    expect(new Set(responseCodes.map((r) => r.code)).size).toBe(responseCodes.length);
    expect(new Set(responseCodes.map((r) => r.outcome)).size).toBe(responseCodes.length);
  });

  it.each(responseCodes.map((row) => [row.code, row] as const))(
    "row %s has Indonesian and English texts for every surface it answers on",
    (_code, row) => {
      expect(row.meaningEn.length).toBeGreaterThan(10);
      expect(row.actionEn.length).toBeGreaterThan(10);
      expect(row.actionId.length).toBeGreaterThan(10);
      if (row.outcome === "found") {
        expect(row.lookupText).toBeNull();
        expect(row.verifyText).toBeNull();
      } else {
        expect(row.lookupText).toMatch(/\S/);
        expect(row.verifyText).toMatch(/\S/);
      }
      expect(row.code).toMatch(/^\d{2}$/);
    },
  );

  it("quotes every Web Portal confirmation verbatim from the Juknis", () => {
    const portalRows = responseCodes.filter((row) => row.portalText !== null);
    // The Juknis lists 5 data confirmations and 4 parameter confirmations.
    expect(portalRows).toHaveLength(9);
    for (const row of portalRows) {
      expect(juknis, `${row.code} ${row.portalText}`).toContain(row.portalText);
    }
  });

  it("answers the lookup quota text with its odd capitalisation and the two-space IP text", () => {
    expect(outcomeRow("quota-exhausted").lookupText).toBe("Kuota Akses Hari ini telah Habis");
    expect(outcomeRow("quota-exhausted").verifyText).toBe("Kuota Akses Hari Ini Telah Habis");
    expect(outcomeRow("address-not-registered").lookupText).toBe("IP Client  Tidak terdaftar");
  });

  it("consumes quota for data outcomes only, never for refused credentials or exhausted quota", () => {
    for (const row of responseCodes) {
      expect(row.consumesQuota, row.code).toBe(row.category === "data");
    }
  });

  it("recognises every text and variant of a row, and no text belongs to two rows", () => {
    const seen = new Map<string, string>();
    for (const row of responseCodes) {
      for (const text of [row.lookupText, row.verifyText, row.portalText, ...row.textVariants]) {
        if (text === null) continue;
        expect(matchResponseText(text)?.code, text).toBe(row.code);
        expect(matchResponseText(` ${text.toUpperCase()}! `)?.code, text).toBe(row.code);
        const key = text.toLowerCase().replace(/\s+/g, " ");
        const owner = seen.get(key);
        if (owner !== undefined) expect(owner, text).toBe(row.code);
        seen.set(key, row.code);
      }
    }
    expect(matchResponseText("Data Tidak Ditemukan")?.code).toBe("13");
    expect(matchResponseText("Data Tidak Ditemukan, NIK tidak sesuai format Dukcapil")?.code).toBe(
      "15",
    );
    expect(matchResponseText("Server sedang sibuk")).toBeUndefined();
  });

  it("looks rows up by code and outcome", () => {
    expect(responseCodeRow("11")?.outcome).toBe("deceased");
    expect(responseCodeRow("99")).toBeUndefined();
    expect(outcomeRow("user-inactive").code).toBe("17");
  });

  it("places every non-found code in exactly one check of the upstream order", () => {
    const ordered = requestCheckOrder.flatMap((check) => check.failsWith);
    expect(new Set(ordered).size).toBe(ordered.length);
    expect([...ordered].sort()).toEqual(
      responseCodes
        .map((r) => r.code)
        .filter((c) => c !== "01")
        .sort(),
    );
    // Quota is checked after the account checks and before the NIK format (Decisions §3, §5).
    const index = (code: string) =>
      requestCheckOrder.findIndex((c) => c.failsWith.includes(code as "05"));
    expect(index("05")).toBeGreaterThan(index("17"));
    expect(index("15")).toBeGreaterThan(index("05"));
  });
});

describe("generated documentation", () => {
  it("docs/response-codes.md is up to date with the catalogue (run npm run docs:generate)", () => {
    expect(readFileSync(new URL("response-codes.md", docsDir), "utf8")).toBe(
      renderResponseCodesDoc(),
    );
  });

  it("docs/errors.md documents every registry code and no code the registry lacks", () => {
    const doc = readFileSync(new URL("errors.md", docsDir), "utf8");
    expect(doc).toBe(renderErrorsDoc());
    const documented = new Set(doc.match(/^## (DKS_[A-Z_]+)$/gm)?.map((h) => h.slice(3)));
    expect(documented).toEqual(new Set(Object.keys(coreErrorRegistry)));
  });
});
