// Property tests of the Web Portal's data balikan upload (issue 7 "Bad input"): the CSV
// reader, the table reader behind both CSV and .xlsx, the .xlsx reader on damaged files, and
// the row-by-row check and store (`submitDataBalikan`). Arbitrary bytes give rows or a typed
// refusal of the whole file, never another exception; generated files read back cell for
// cell with their source lines; spreadsheet formulas are data, stored as sent.
import { readFileSync } from "node:fs";
import { listDistricts, makeNik, maskNik, parseNik } from "@dukcapil-sandbox/core";
import { parse as parseCsv } from "csv-parse/sync";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SimulatorError } from "../src/errors.js";
import {
  DATA_BALIKAN_COLUMNS,
  DATA_BALIKAN_PARAM_FIELDS,
  type DataBalikanColumn,
  type DataBalikanRowInput,
  type DataBalikanRowReport,
  kindOfUpload,
  rowsOfCsv,
  rowsOfTable,
  rowsOfXlsx,
  submitDataBalikan,
} from "../src/portal/data-balikan.js";
import { createSimulatorRuntime, type SimulatorRuntime } from "../src/runtime.js";
import { canonicalJson } from "../src/state/data-balikan.js";
import type { Institution, UsageReport } from "../src/state/types.js";
import { usageReportCsv } from "../src/state/usage.js";

const XLSX_FIXTURE = readFileSync(new URL("./fixtures/data-balikan.xlsx", import.meta.url));
const FILE_REFUSALS = new Set(["DKS_SIM_PORTAL_UPLOAD_INVALID", "DKS_SIM_PORTAL_UPLOAD_TOO_LARGE"]);

/** Spreadsheet formula and other injection texts: data to the upload, never executed or altered. */
const INJECTIONS = [
  "=CMD()",
  "=cmd|' /C calc'!A0",
  "+SUM(1+1)",
  "-2+3",
  "@SUM(A1:A2)",
  '=HYPERLINK("http://x.invalid","klik")',
  "\t=1+1",
  "<script>alert(1)</script>",
  "'; DROP TABLE data_balikan; --",
  "{{nik}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection, as text.
  "${process.exit()}",
] as const;

/** Text a cell may hold: ASCII, Indonesian names, emoji, CSV specials and injections. */
const cellText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 16 }) },
  {
    weight: 3,
    arbitrary: fc.string({
      unit: fc.constantFrom(..."abcXYZ019 ,;\"'\r\n\t-.=+@|/", "é", "Ñ", "ş", "日本", "👍🏽"),
      maxLength: 16,
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom(...INJECTIONS) },
);

/** What a cell reads as: line breaks as `\n`, surrounding whitespace trimmed. */
const readAs = (text: string) => text.replace(/\r\n?/g, "\n").trim();

/** The file is refused as a whole with one of the upload's typed errors. */
function expectFileRefusal(error: unknown) {
  expect(error).toBeInstanceOf(SimulatorError);
  expect(FILE_REFUSALS.has((error as SimulatorError).code)).toBe(true);
  expect((error as SimulatorError).message).toMatch(/^Failed to read the data balikan file: /);
}

/** Rows have every template column as trimmed text and strictly increasing source lines. */
function expectWellFormedRows(rows: readonly DataBalikanRowInput[]) {
  let last = 0;
  for (const row of rows) {
    expect(Number.isInteger(row.line)).toBe(true);
    expect(row.line).toBeGreaterThan(last);
    last = row.line;
    expect(Object.keys(row.cells).sort()).toEqual([...DATA_BALIKAN_COLUMNS].sort());
    for (const value of Object.values(row.cells)) expect(value).toBe(value.trim());
    expect(Object.values(row.cells).some((value) => value !== "")).toBe(true);
  }
}

/** One CSV cell as a spreadsheet writes it: quoted when it must be. */
function csvCell(text: string, delimiter: string, quoteAll: boolean): string {
  const mustQuote =
    quoteAll || text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim();
  return mustQuote ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header cell naming a column as people type it: any case, spaces or dashes for `_`. */
const headerCell = (column: DataBalikanColumn) =>
  fc
    .tuple(
      fc.constantFrom("_", " ", "-", "  "),
      fc.boolean(),
      fc.constantFrom("", " "),
      fc.constantFrom("", " "),
    )
    .map(([gap, lower, before, after]) => {
      const name = column.replaceAll("_", gap);
      return `${before}${lower ? name.toLowerCase() : name}${after}`;
    });

/** A CSV file as spreadsheets and people write it, with the rows it must read as. */
const generatedCsv = fc
  .record({
    order: fc.shuffledSubarray([...DATA_BALIKAN_COLUMNS], {
      minLength: DATA_BALIKAN_COLUMNS.length,
      maxLength: DATA_BALIKAN_COLUMNS.length,
    }),
    delimiter: fc.constantFrom(",", ";"),
    bom: fc.boolean(),
    quoteAll: fc.boolean(),
    header: fc.tuple(...DATA_BALIKAN_COLUMNS.map(headerCell)),
    blankLinesBefore: fc.nat(2),
    rows: fc.array(
      fc.record({
        cells: fc.tuple(cellText, cellText, cellText, cellText),
        blankLinesBefore: fc.nat(2),
        ending: fc.constantFrom("\r\n", "\n"),
        trailingDelimiter: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
    lastEnding: fc.constantFrom("\r\n", "\n", ""),
  })
  .map((g) => {
    let text = g.bom ? "\uFEFF" : "";
    let line = 1;
    const emit = (content: string, ending: string) => {
      text += content + ending;
      line += (content.match(/\r\n|\r|\n/g) ?? []).length + (ending === "" ? 0 : 1);
    };
    for (let i = 0; i < g.blankLinesBefore; i++) emit("", "\n");
    const headerNames = g.order.map(
      (column) => g.header[DATA_BALIKAN_COLUMNS.indexOf(column)] as string,
    );
    emit(headerNames.join(g.delimiter), g.rows.length === 0 ? g.lastEnding : "\r\n");
    const expected: DataBalikanRowInput[] = [];
    g.rows.forEach((row, r) => {
      for (let i = 0; i < row.blankLinesBefore; i++) emit("", row.ending);
      const values = g.order.map(
        (column) => row.cells[DATA_BALIKAN_COLUMNS.indexOf(column)] as string,
      );
      const cells = Object.fromEntries(
        DATA_BALIKAN_COLUMNS.map((column, c) => [column, readAs(row.cells[c] as string)]),
      ) as Record<DataBalikanColumn, string>;
      const start = line;
      emit(
        values.map((value) => csvCell(value, g.delimiter, g.quoteAll)).join(g.delimiter) +
          (row.trailingDelimiter ? g.delimiter : ""),
        r === g.rows.length - 1 ? g.lastEnding : row.ending,
      );
      if (Object.values(cells).some((value) => value !== "")) expected.push({ line: start, cells });
    });
    return { text, expected };
  })
  // The header line picks the delimiter: a ';' file's header must not hold a ','.
  .filter(({ text }) => !text.includes("\uFFFD") && !text.includes("\u0000"));

describe("rowsOfCsv", () => {
  it("reads every generated file cell for cell, with the line each row starts on", () => {
    fc.assert(
      fc.property(generatedCsv, ({ text, expected }) => {
        expect(rowsOfCsv(Buffer.from(text, "utf8"))).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("gives well-formed rows or refuses the whole file with a typed error, for any bytes", () => {
    const header = `${DATA_BALIKAN_COLUMNS.join(",")}\r\n`;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.string({ unit: "binary", maxLength: 120 }).map((s) => Buffer.from(s, "utf8")),
          fc
            .string({ unit: fc.constantFrom(...'0123456789,;"\r\n \t=abc\u00e9'), maxLength: 160 })
            .map((body) => Buffer.from(header + body, "utf8")),
          fc
            .uint8Array({ maxLength: 80 })
            .map((bytes) => Buffer.concat([Buffer.from(header), bytes])),
        ),
        (bytes) => {
          let rows: DataBalikanRowInput[] | undefined;
          try {
            rows = rowsOfCsv(bytes);
          } catch (error) {
            expectFileRefusal(error);
            return;
          }
          expectWellFormedRows(rows);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("refuses a row with a value in a column the header does not name, instead of dropping it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(",", ";"),
        fc.array(fc.stringMatching(/^[A-Za-z0-9 ]{0,8}$/), { minLength: 5, maxLength: 7 }),
        fc.nat(3),
        (delimiter, cells, blankRows) => {
          fc.pre(cells.slice(4).some((cell) => cell.trim() !== ""));
          const text = `${DATA_BALIKAN_COLUMNS.join(delimiter)}\n${"\n".repeat(blankRows)}${cells.join(delimiter)}\n`;
          let error: unknown;
          try {
            rowsOfCsv(Buffer.from(text));
          } catch (caught) {
            error = caught;
          }
          expectFileRefusal(error);
          expect((error as SimulatorError).details).toMatchObject({
            reason: "columns",
            line: 2 + blankRows,
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses a header that names a template column twice, instead of reading only the first", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(",", ";"),
        fc.constantFrom(...DATA_BALIKAN_COLUMNS),
        fc.nat(DATA_BALIKAN_COLUMNS.length),
        (delimiter, twice, at) => {
          const header: string[] = [...DATA_BALIKAN_COLUMNS];
          header.splice(at, 0, twice.toLowerCase());
          const row = header.map((_, i) => `v${i}`);
          const text = `${header.join(delimiter)}\n${row.join(delimiter)}\n`;
          let error: unknown;
          try {
            rowsOfCsv(Buffer.from(text));
          } catch (caught) {
            error = caught;
          }
          expectFileRefusal(error);
          expect((error as SimulatorError).details).toMatchObject({
            reason: "header",
            duplicated: [twice],
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it("keeps formula text as data, verbatim, in any column but never as a header", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INJECTIONS),
        fc.constantFrom(...DATA_BALIKAN_COLUMNS),
        (injection, column) => {
          const cells = DATA_BALIKAN_COLUMNS.map((c) => (c === column ? injection : "x"));
          const text = `${DATA_BALIKAN_COLUMNS.join(",")}\n${cells.map((c) => csvCell(c, ",", false)).join(",")}\n`;
          const [row] = rowsOfCsv(Buffer.from(text));
          expect(row?.cells[column]).toBe(injection.trim());
          // As a header cell the same text is an unknown column: the file is refused.
          const bad = `${[...DATA_BALIKAN_COLUMNS, csvCell(injection, ",", false)].join(",")}\n`;
          let error: unknown;
          try {
            rowsOfCsv(Buffer.from(bad));
          } catch (caught) {
            error = caught;
          }
          expectFileRefusal(error);
          expect((error as SimulatorError).details.reason).toBe("header");
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("rowsOfTable (the reader behind CSV and .xlsx)", () => {
  const tableCell = fc.oneof(fc.constant(""), fc.constant("  "), cellText);

  it("reads a table with the template header in any order and names, and refuses any other header", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(tableCell, { maxLength: 6 }), { maxLength: 8 }),
        fc.option(
          fc.tuple(
            fc.shuffledSubarray([...DATA_BALIKAN_COLUMNS], { minLength: 4, maxLength: 4 }),
            fc.nat(2),
          ),
          { nil: undefined, freq: 4 },
        ),
        (body, template) => {
          const table: string[][] =
            template === undefined
              ? body
              : [
                  ...Array.from({ length: template[1] }, () => ["", " "]),
                  template[0],
                  ...body.map((row) => row.slice(0, 4)),
                ];
          const lines = table.map((_, i) => i + 1);
          let rows: DataBalikanRowInput[];
          try {
            rows = rowsOfTable(table, lines);
          } catch (error) {
            expectFileRefusal(error);
            expect(template).toBeUndefined();
            return;
          }
          expectWellFormedRows(rows);
          if (template !== undefined) {
            const [order, blanks] = template;
            const expected = body
              .map((row, i) => ({
                line: blanks + 2 + i,
                cells: Object.fromEntries(
                  DATA_BALIKAN_COLUMNS.map((column) => [
                    column,
                    (row[order.indexOf(column)] ?? "").trim(),
                  ]),
                ) as Record<DataBalikanColumn, string>,
              }))
              .filter((row) => Object.values(row.cells).some((value) => value !== ""));
            expect(rows).toEqual(expected);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("rowsOfXlsx and kindOfUpload", () => {
  it("refuse any damaged or foreign file as a whole, with a typed error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc
            .uint8Array({ maxLength: 300 })
            .map((bytes) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), bytes])),
          fc.nat(XLSX_FIXTURE.length - 1).map((end) => XLSX_FIXTURE.subarray(0, end)),
          fc
            .tuple(fc.nat(XLSX_FIXTURE.length - 1), fc.integer({ min: 1, max: 255 }))
            .map(([at, flip]) => {
              const copy = Buffer.from(XLSX_FIXTURE);
              copy[at] = (copy[at] as number) ^ flip;
              return copy;
            }),
        ),
        async (bytes) => {
          let rows: DataBalikanRowInput[] | undefined;
          try {
            rows = await rowsOfXlsx(bytes);
          } catch (error) {
            expectFileRefusal(error);
            return;
          }
          // A flipped byte the zip reader tolerates still gives rows of the right shape.
          expectWellFormedRows(rows);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("takes the kind from the name and the zip magic together", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.constantFrom(".csv", ".CSV", ".xlsx", ".XlSx", ".xls", ".txt", ""),
        fc.uint8Array({ maxLength: 8 }),
        fc.boolean(),
        (stem, extension, tail, zip) => {
          const bytes = zip ? Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), tail]) : tail;
          const isZip =
            bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
          const lower = `${stem}${extension}`.toLowerCase();
          const expected = lower.endsWith(".xlsx")
            ? isZip
              ? "xlsx"
              : null
            : lower.endsWith(".csv")
              ? isZip
                ? null
                : "csv"
              : null;
          expect(kindOfUpload(`${stem}${extension}`, bytes)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("submitDataBalikan", () => {
  let runtime: SimulatorRuntime;
  let institution: Institution;
  let run = 0;
  beforeAll(async () => {
    runtime = await createSimulatorRuntime({ population: 1000 });
    const defaults = runtime.defaults;
    if (defaults === null) throw new Error("no seeded institution");
    institution = defaults.institution;
  });
  afterAll(() => runtime.close());

  const districts = listDistricts().map((d) => d.code);
  const validNik = fc
    .record({
      district: fc.constantFrom(...districts),
      ms: fc.integer({ min: Date.UTC(1940, 0, 1), max: Date.UTC(2020, 11, 31) }),
      sex: fc.constantFrom("M" as const, "F" as const),
      serial: fc.integer({ min: 1, max: 9999 }),
    })
    .map(({ district, ms, sex, serial }) =>
      makeNik({ district, birthDate: new Date(ms).toISOString().slice(0, 10), sex, serial }),
    );
  const nikCell = fc.oneof(
    { weight: 5, arbitrary: validNik },
    { weight: 1, arbitrary: fc.constant("") },
    { weight: 1, arbitrary: fc.stringMatching(/^\d{1,20}$/) },
    { weight: 1, arbitrary: fc.constantFrom(...INJECTIONS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 18 }).map((s) => s.trim()) },
  );
  const paramCell = fc.oneof(
    { weight: 6, arbitrary: cellText.map((s) => s.trim()).filter((s) => s !== "") },
    { weight: 1, arbitrary: fc.constant("") },
  );
  /** Rows with repeats: a row is sometimes a copy of an earlier one. */
  const rowsArb = fc
    .array(
      fc.record({
        NIK: nikCell,
        NOMOR_REGISTER: paramCell,
        NAMA_USAHA: paramCell,
        JENIS_USAHA: paramCell,
        repeatOf: fc.option(fc.nat(), { nil: undefined, freq: 4 }),
      }),
      { minLength: 1, maxLength: 10 },
    )
    .map((generated) => {
      const rows: DataBalikanRowInput[] = [];
      generated.forEach(({ repeatOf, ...cells }, i) => {
        const copied = repeatOf === undefined || i === 0 ? undefined : rows[repeatOf % i];
        rows.push({ line: i + 2, cells: copied?.cells ?? cells });
      });
      return rows;
    });

  /** The report the API's rules give (the oracle), before anything of the file is stored. */
  function expectedReport(rows: readonly DataBalikanRowInput[], now: number) {
    const firstLine = new Map<string, number>();
    return rows.map((row): DataBalikanRowReport => {
      const maskedNik = maskNik(row.cells.NIK);
      const base = { line: row.line, maskedNik };
      if (row.cells.NIK === "")
        return { ...base, status: "invalid", field: "NIK", reason: { kind: "required" } };
      const nik = parseNik(row.cells.NIK, {
        regions: "legacy",
        referenceDate: now,
        normalize: false,
      });
      if (!nik.ok)
        return {
          ...base,
          status: "invalid",
          field: "NIK",
          reason: { kind: "nik", nikReason: nik.reason },
        };
      const missing = DATA_BALIKAN_PARAM_FIELDS.find((field) => row.cells[field] === "");
      if (missing !== undefined)
        return { ...base, status: "invalid", field: missing, reason: { kind: "required" } };
      const params = Object.fromEntries(DATA_BALIKAN_PARAM_FIELDS.map((f) => [f, row.cells[f]]));
      const key = `${nik.nik}\u0000${canonicalJson([params])}`;
      const first = firstLine.get(key);
      if (first !== undefined) return { ...base, status: "duplicate-in-file", firstLine: first };
      firstLine.set(key, row.line);
      return { ...base, status: "accepted" };
    });
  }

  it("reports every row as the API's rules say, stores exactly the accepted rows, and a resend is 'already sent'", () => {
    fc.assert(
      fc.property(rowsArb, (generated) => {
        // A tag per run keeps the runs apart in the one store (an empty cell stays empty).
        run++;
        const rows = generated.map((row) => ({
          ...row,
          cells: {
            ...row.cells,
            NOMOR_REGISTER:
              row.cells.NOMOR_REGISTER === "" ? "" : `${run}|${row.cells.NOMOR_REGISTER}`,
          },
        }));
        const stored = () => runtime.store.dataBalikan.count({ institutionId: institution.id });
        const before = stored();
        const expected = expectedReport(rows, runtime.clock.now());
        const report = submitDataBalikan(runtime, institution, rows, "csv", "rows.csv");
        expect(report.rows).toEqual(expected);
        const count = (status: string) => expected.filter((row) => row.status === status).length;
        expect(report.totals).toEqual({
          rows: rows.length,
          accepted: count("accepted"),
          invalid: count("invalid"),
          duplicateInFile: count("duplicate-in-file"),
          alreadySent: 0,
        });
        expect(stored() - before).toBe(count("accepted"));
        for (const row of report.rows) {
          // The report never shows more of a NIK than maskNik does.
          expect(row.maskedNik.replaceAll("*", "").length).toBeLessThanOrEqual(6);
        }

        const again = submitDataBalikan(runtime, institution, rows, "csv", "rows.csv");
        expect(again.rows).toEqual(
          expected.map((row) =>
            row.status === "accepted" ? { ...row, status: "already-sent" } : row,
          ),
        );
        expect(stored() - before).toBe(count("accepted"));
      }),
      { numRuns: 150 },
    );
  });

  it("stores formula text in a field verbatim and refuses it as a NIK, showing it masked", () => {
    fc.assert(
      fc.property(
        validNik,
        fc.constantFrom(...INJECTIONS),
        fc.constantFrom(...DATA_BALIKAN_PARAM_FIELDS),
        (nik, injection, field) => {
          run++;
          const cells = {
            NIK: nik,
            NOMOR_REGISTER: `REG-${run}`,
            NAMA_USAHA: "Warung",
            JENIS_USAHA: "Kuliner",
            [field]: `${injection} ${run}`,
          };
          const report = submitDataBalikan(runtime, institution, [{ line: 2, cells }], "form");
          expect(report.rows[0]?.status).toBe("accepted");
          // Newest first: the row just stored.
          const [item] = runtime.store.dataBalikan.list({
            institutionId: institution.id,
            limit: 1,
          });
          expect(item?.nik).toBe(nik);
          const params = JSON.parse(item?.params ?? "[]") as Record<string, string>[];
          expect(params[0]?.[field]).toBe(`${injection} ${run}`);

          const asNik = submitDataBalikan(
            runtime,
            institution,
            [{ line: 3, cells: { ...cells, NIK: injection.trim() } }],
            "form",
          );
          expect(asNik.rows[0]).toMatchObject({
            status: "invalid",
            field: "NIK",
            maskedNik: "*".repeat(Math.min(injection.trim().length, 32)),
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("usage report CSV (where formula text leaves the simulator)", () => {
  it("neutralises a leading formula character in any institution name and round-trips the rest", () => {
    fc.assert(
      fc.property(fc.oneof(cellText, fc.string()), (name) => {
        const report: UsageReport = {
          semester: "2026-1",
          fromDay: "2026-01-01",
          toDay: "2026-06-30",
          generatedAt: 0,
          institutions: [
            {
              institutionId: "dinsos",
              name,
              stage: "poc",
              totals: {
                hits: 0,
                outcomes: {},
                patternFindings: {},
                dataBalikanItems: 0,
                requests: 0,
              },
              days: [],
            },
          ],
        };
        const records = parseCsv(usageReportCsv(report), {
          relax_column_count: false,
        }) as string[][];
        expect(records).toHaveLength(2);
        const cell = records[1]?.[2];
        expect(cell).toBe(/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
        expect(cell ?? "").not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 500 },
    );
  });
});
