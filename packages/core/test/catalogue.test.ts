import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import { renderErrorsDoc, renderResponseCodesDoc } from "../scripts/render-docs.js";
import {
  matchResponseText,
  type OutcomeName,
  type OutcomeNameOf,
  outcomeRow,
  type ResponseCode,
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
const wireFormat = readFileSync(
  new URL("../../../../shared/spec/wire-format.md", import.meta.url),
  "utf8",
);

interface SpecTextRow {
  readonly code: string;
  readonly portal: string | null;
  readonly lookup: string | null;
  readonly verify: string | null;
}

/**
 * The texts table of wire-format.md, Decisions §4, parsed from the markdown: "same" is the
 * column to the left, "—" and the found row's descriptions are no text, and the annotations
 * "(two spaces)" and "*(inferred)*" are not part of the text.
 */
function specTextRows(markdown: string): SpecTextRow[] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => /^4\. \*\*Texts\.\*\*/.test(line));
  if (start === -1) throw new Error("Decisions §4 not found in wire-format.md");
  const table: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith("|")) table.push(line);
    else if (table.length > 0) break;
  }
  const [header, separator, ...rows] = table;
  expect(header?.split("|").map((cell) => cell.trim())).toEqual([
    "",
    "code",
    "outcome",
    "Web Portal (Juknis)",
    "lookup `RESPON`",
    "verify `RESPONSE`",
    "",
  ]);
  expect(separator).toMatch(/^\|(---\|)+$/);
  const clean = (cell: string) =>
    cell
      .replace(/\s*\*\(inferred\)\*\s*$/, "")
      .replace(/\s*\(two spaces\)\s*$/, "")
      .replace(/^\s+|\s+$/g, "");
  return rows.map((line) => {
    const cells = line.split("|").slice(1, -1).map(clean);
    const [code, , portalCell, lookupCell, verifyCell] = cells as [
      string,
      string,
      string,
      string,
      string,
    ];
    const text = (cell: string, left: string | null) =>
      cell === "same" ? left : cell === "—" ? null : cell;
    const portal = text(portalCell, null);
    const lookup = text(lookupCell, portal);
    const verify = text(verifyCell, lookup);
    return code === "01"
      ? { code, portal: null, lookup: null, verify: null }
      : { code, portal, lookup, verify };
  });
}

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

  it("refuses an outcome name the catalogue lacks with a coded error (review finding 12)", () => {
    expect(() => outcomeRow("not-an-outcome" as never)).toThrow(
      expect.objectContaining({
        name: "DukcapilCoreError",
        code: "DKS_CORE_INVALID_OPTIONS",
        details: { outcome: "not-an-outcome" },
      }),
    );
  });

  it("derives the code and outcome-name types from the table (review finding 15)", () => {
    expectTypeOf<ResponseCode>().toEqualTypeOf<(typeof responseCodes)[number]["code"]>();
    expectTypeOf<OutcomeNameOf<"05">>().toEqualTypeOf<"quota-exhausted">();
    expectTypeOf<OutcomeNameOf<"11">>().toEqualTypeOf<"deceased">();
    expectTypeOf<"99">().not.toMatchTypeOf<ResponseCode>();
    expectTypeOf<"deceased">().toMatchTypeOf<OutcomeName>();
    expect(new Set<string>(responseCodes.map((row) => row.code)).size).toBe(15);
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

describe("catalogue texts against the spec's markdown (review finding 8b)", () => {
  const rows = specTextRows(wireFormat);

  it("has one spec row per catalogue row, in the same order", () => {
    expect(rows.map((row) => row.code)).toEqual(responseCodes.map((row) => row.code));
  });

  it.each(rows.map((row) => [row.code, row] as const))(
    "row %s carries the lookup RESPON, verify RESPONSE and portal texts of the spec table",
    (code, spec) => {
      const row = responseCodeRow(code);
      expect(row?.lookupText, "lookup RESPON").toBe(spec.lookup);
      expect(row?.verifyText, "verify RESPONSE").toBe(spec.verify);
      expect(row?.portalText, "Web Portal").toBe(spec.portal);
    },
  );

  it("reads 'same', '—' and the annotations as the spec means them", () => {
    const byCode = new Map(rows.map((row) => [row.code, row]));
    expect(byCode.get("10")?.lookup).toBe("IP Client  Tidak terdaftar");
    expect(byCode.get("06")).toMatchObject({
      portal: null,
      lookup: "Akses di luar waktu yang diizinkan",
      verify: "Akses di luar waktu yang diizinkan",
    });
    expect(byCode.get("11")?.verify).toBe("Data Ditemukan, Meninggal Dunia");
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
