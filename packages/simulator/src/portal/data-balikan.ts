/**
 * Data balikan (return data) from the Web Portal: the online form and the CSV / Excel
 * upload, two of the three methods of the Juknis (`004_*.txt` 3.d; the third is the web
 * service, `POST /dukcapil/data_balikan`). Every row becomes the body the API accepts
 * (`[{ id_lembaga, nama_lembaga, data: [{ NIK, param: [{ … }] }] }]`) and goes through the
 * API's own rules (`checkDataBalikanBody`: core's schema and `parseNik`) and the same
 * store (`dataBalikan.isDuplicate` / `receive`, canonical JSON), so a row accepted here
 * is a duplicate there and the other way round ("Data sudah pernah dikirim").
 *
 * Row by row, like the API's per-NIK duplicate rule: an invalid row or a duplicate is
 * reported and nothing of it is stored; every other row is stored.
 * See decisions/008-web-portal.md.
 */
import type { IncomingMessage } from "node:http";
import { maskNik, type NikFailureReason } from "@dukcapil-sandbox/core";
import { parse as parseCsv } from "csv-parse/sync";
import { readSheet } from "read-excel-file/node";
import { checkDataBalikanBody } from "../engine/data-balikan.js";
import { SimulatorError } from "../errors.js";
import type { SimulatorRuntime } from "../runtime.js";
import { canonicalJson } from "../state/data-balikan.js";
import type { Institution } from "../state/types.js";

/**
 * The fields of a data balikan row besides the NIK: the PKS's "Nomor Register, Nama
 * Usaha dan Jenis Usaha" (`004_*.txt`), sent as one `param` object with these keys.
 */
export const DATA_BALIKAN_PARAM_FIELDS = ["NOMOR_REGISTER", "NAMA_USAHA", "JENIS_USAHA"] as const;
export type DataBalikanParamField = (typeof DATA_BALIKAN_PARAM_FIELDS)[number];

/** The columns of the upload template, in order. */
export const DATA_BALIKAN_COLUMNS = ["NIK", ...DATA_BALIKAN_PARAM_FIELDS] as const;
export type DataBalikanColumn = (typeof DATA_BALIKAN_COLUMNS)[number];

/** The paths of the data balikan pages (under `/portal`). */
export const DATA_BALIKAN_PATHS = Object.freeze({
  form: "/portal/data-balikan",
  upload: "/portal/data-balikan/unggah",
  csvTemplate: "/portal/data-balikan/templat.csv",
});

/** The largest file the upload accepts (the whole multipart body may add a little). */
export const DATA_BALIKAN_MAX_FILE_BYTES = 1024 * 1024;
/** The most data rows (besides the header) one upload may hold. */
export const DATA_BALIKAN_MAX_ROWS = 5000;
/** Room for the multipart envelope around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The CSV template: the header row only (CRLF, as spreadsheets write it). */
export const DATA_BALIKAN_CSV_TEMPLATE = `${DATA_BALIKAN_COLUMNS.join(",")}\r\n`;

/** One row to return: its line in the source (1 for the form) and its cells by column. */
export interface DataBalikanRowInput {
  readonly line: number;
  readonly cells: Readonly<Record<DataBalikanColumn, string>>;
}

/** Why a row is not accepted. */
export type DataBalikanRowStatus = "accepted" | "invalid" | "duplicate-in-file" | "already-sent";

/** One row of the validation report. */
export interface DataBalikanRowReport {
  readonly line: number;
  /** The NIK masked by core's `maskNik` (the report never shows a whole NIK). */
  readonly maskedNik: string;
  readonly status: DataBalikanRowStatus;
  /** The failing column of an invalid row. */
  readonly field?: DataBalikanColumn | undefined;
  /** Why: `required`, a parseNik reason, or the schema's message. */
  readonly reason?:
    | { readonly kind: "required" }
    | { readonly kind: "nik"; readonly nikReason: NikFailureReason }
    | { readonly kind: "schema"; readonly message: string }
    | undefined;
  /** The earlier line of the same file holding the same data (`duplicate-in-file`). */
  readonly firstLine?: number | undefined;
}

/** The totals of a report. */
export interface DataBalikanTotals {
  readonly rows: number;
  readonly accepted: number;
  readonly invalid: number;
  readonly duplicateInFile: number;
  readonly alreadySent: number;
}

/** What one submission (form or file) did. */
export interface DataBalikanReport {
  readonly source: "form" | "csv" | "xlsx";
  readonly fileName?: string | undefined;
  readonly rows: readonly DataBalikanRowReport[];
  readonly totals: DataBalikanTotals;
}

/** A file's header or content the upload refuses as a whole (nothing is stored). */
export function uploadInvalid(message: string, details: Record<string, unknown> = {}) {
  return new SimulatorError(
    "DKS_SIM_PORTAL_UPLOAD_INVALID",
    `Failed to read the data balikan file: ${message}`,
    details,
  );
}

/** A header cell as a column name: trimmed, upper-case, spaces and dashes as `_`. */
function columnName(cell: string): string {
  return cell
    .replace(/^\uFEFF/, "")
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
}

/**
 * Reads the rows of a table whose first non-empty row is the header. Every template
 * column must be present (any order), no other column may be; empty rows are skipped.
 * `lines[i]` is the source line (CSV) or sheet row (Excel) of `table[i]`.
 */
export function rowsOfTable(
  table: readonly (readonly string[])[],
  lines: readonly number[],
): DataBalikanRowInput[] {
  const isEmpty = (row: readonly string[]) => row.every((cell) => cell.trim() === "");
  const headerIndex = table.findIndex((row) => !isEmpty(row));
  if (headerIndex < 0) {
    throw uploadInvalid(
      "the file is empty. Put the template's header in the first row and one row per NIK below it.",
      { reason: "empty" },
    );
  }
  const header = (table[headerIndex] ?? []).map(columnName);
  const known: ReadonlySet<string> = new Set(DATA_BALIKAN_COLUMNS);
  const unknown = header.filter((name) => name !== "" && !known.has(name));
  const missing = DATA_BALIKAN_COLUMNS.filter((name) => !header.includes(name));
  // A template column named twice: only the first would be read, the other's values lost.
  const duplicated = DATA_BALIKAN_COLUMNS.filter(
    (name) => header.indexOf(name) !== header.lastIndexOf(name),
  );
  if (unknown.length > 0 || missing.length > 0 || duplicated.length > 0) {
    throw uploadInvalid(
      `the header row does not match the template (${[
        missing.length > 0 ? `missing ${missing.join(", ")}` : "",
        unknown.length > 0 ? `unknown ${unknown.join(", ")}` : "",
        duplicated.length > 0 ? `more than once ${duplicated.join(", ")}` : "",
      ]
        .filter(Boolean)
        .join("; ")}). Use the columns ${DATA_BALIKAN_COLUMNS.join(", ")}, each once.`,
      { reason: "header", missing, unknown, duplicated },
    );
  }
  const indexOf = Object.fromEntries(
    DATA_BALIKAN_COLUMNS.map((name) => [name, header.indexOf(name)]),
  ) as Record<DataBalikanColumn, number>;
  const rows: DataBalikanRowInput[] = [];
  for (let i = headerIndex + 1; i < table.length; i++) {
    const row = table[i] ?? [];
    if (isEmpty(row)) continue;
    if (rows.length >= DATA_BALIKAN_MAX_ROWS) {
      throw new SimulatorError(
        "DKS_SIM_PORTAL_UPLOAD_TOO_LARGE",
        `Failed to read the data balikan file: it has more than ${DATA_BALIKAN_MAX_ROWS} data rows. Split it into files of at most ${DATA_BALIKAN_MAX_ROWS} rows.`,
        { reason: "rows", maxRows: DATA_BALIKAN_MAX_ROWS },
      );
    }
    const line = lines[i] ?? i + 1;
    // A value under no template column (a cell holding an unquoted delimiter, most often)
    // would be lost and shift the cells after it: refuse the file rather than guess.
    const stray = row.findIndex(
      (cell, column) => cell.trim() !== "" && !known.has(header[column] ?? ""),
    );
    if (stray >= 0) {
      throw uploadInvalid(
        `line ${line} has a value in column ${stray + 1}, which has no template header. Put quotes around a cell that holds the delimiter, or remove the extra cell.`,
        { reason: "columns", line, column: stray + 1 },
      );
    }
    const cells = Object.fromEntries(
      DATA_BALIKAN_COLUMNS.map((name) => [name, (row[indexOf[name]] ?? "").trim()]),
    ) as Record<DataBalikanColumn, string>;
    rows.push({ line, cells });
  }
  return rows;
}

/**
 * Reads a CSV file (UTF-8, with or without BOM; comma or semicolon as the header uses).
 * Line breaks may be CRLF, LF or CR, mixed; in a quoted cell they read as LF.
 */
export function rowsOfCsv(bytes: Uint8Array): DataBalikanRowInput[] {
  // One line break for csv-parse, which otherwise takes the first line's break for the
  // whole file (a later LF row would be read into the cell before it) and counts a quoted
  // CRLF as two lines.
  const text = Buffer.from(bytes).toString("utf8").replace(/\r\n?/g, "\n");
  if (text.includes("\u0000") || text.includes("\uFFFD")) {
    throw uploadInvalid(
      "the file is not UTF-8 text. Save it as CSV UTF-8, or upload the Excel (.xlsx) file itself.",
      { reason: "encoding" },
    );
  }
  // The header (the first non-empty line) tells the delimiter.
  const headerLine =
    text
      .replace(/^\uFEFF/, "")
      .split("\n")
      .find((line) => line.trim() !== "") ?? "";
  const delimiter = headerLine.includes(";") && !headerLine.includes(",") ? ";" : ",";
  let records: { record: string[]; raw: string }[];
  try {
    records = parseCsv(text, {
      bom: true,
      delimiter,
      raw: true,
      record_delimiter: "\n",
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; raw: string }[];
  } catch (error) {
    throw uploadInvalid(
      `the CSV cannot be parsed (${error instanceof Error ? error.message : String(error)}). Check the quotes of the line it names.`,
      { reason: "csv" },
    );
  }
  // A record's raw text holds the empty lines skipped before it and its own line breaks:
  // the line a record starts on is one after every line break before its first character.
  let breaks = 0;
  const lines = records.map((entry) => {
    const start = breaks + 1 + (/^\n*/.exec(entry.raw)?.[0].length ?? 0);
    breaks += entry.raw.split("\n").length - 1;
    return start;
  });
  return rowsOfTable(
    records.map((entry) => entry.record),
    lines,
  );
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell);
}

/**
 * Reads the first sheet of an Excel .xlsx file. Numbers are kept as the digits the file
 * holds (no float rounding); a NIK typed as a number in Excel has already lost its last
 * digit (Excel keeps 15), which `parseNik` then reports: format the column as Text.
 */
export async function rowsOfXlsx(bytes: Uint8Array): Promise<DataBalikanRowInput[]> {
  let sheet: unknown[][];
  try {
    sheet = (await readSheet<string>(Buffer.from(bytes), {
      parseNumber: (digits: string) => digits,
    })) as unknown[][];
  } catch (error) {
    throw uploadInvalid(
      `the Excel file cannot be read (${error instanceof Error ? error.message : String(error)}). Upload an .xlsx workbook (not .xls) with the template's header in the first sheet.`,
      { reason: "xlsx" },
    );
  }
  const table = sheet.map((row) => row.map(cellText));
  return rowsOfTable(
    table,
    table.map((_, i) => i + 1),
  );
}

/**
 * Checks and stores rows of one operator's institution, row by row, with the API's
 * rules and store; returns the report. Each row is sent as its own API body
 * (`id_lembaga` = the institution), so what the API refuses is refused here.
 */
export function submitDataBalikan(
  runtime: SimulatorRuntime,
  institution: Institution,
  rows: readonly DataBalikanRowInput[],
  source: DataBalikanReport["source"],
  fileName?: string,
): DataBalikanReport {
  const now = runtime.clock.now();
  const reports: DataBalikanRowReport[] = [];
  const firstLineOf = new Map<string, number>();
  const pending: { index: number; nik: string; params: Record<string, string>[] }[] = [];

  for (const row of rows) {
    const params: Record<string, string> = {};
    for (const field of DATA_BALIKAN_PARAM_FIELDS) params[field] = row.cells[field];
    const body = [
      {
        id_lembaga: institution.id,
        nama_lembaga: institution.name,
        data: [{ NIK: row.cells.NIK, param: [params] }],
      },
    ];
    const maskedNik = maskNik(row.cells.NIK);
    const invalid = (field: DataBalikanColumn, reason: DataBalikanRowReport["reason"]) =>
      reports.push({ line: row.line, maskedNik, status: "invalid", field, reason });

    if (row.cells.NIK === "") {
      invalid("NIK", { kind: "required" });
      continue;
    }
    const checked = checkDataBalikanBody(body, institution, now);
    if (!checked.ok) {
      const named = [...checked.field]
        .reverse()
        .find(
          (segment): segment is DataBalikanColumn =>
            typeof segment === "string" &&
            (DATA_BALIKAN_COLUMNS as readonly string[]).includes(segment),
        );
      invalid(
        named ?? "NIK",
        checked.nikReason === undefined
          ? { kind: "schema", message: checked.reason }
          : { kind: "nik", nikReason: checked.nikReason },
      );
      continue;
    }
    const missing = DATA_BALIKAN_PARAM_FIELDS.find((field) => params[field] === "");
    if (missing !== undefined) {
      invalid(missing, { kind: "required" });
      continue;
    }
    const item = checked.items[0];
    if (item === undefined) continue; // the body holds exactly one item
    const key = `${item.nik}\u0000${canonicalJson(item.params)}`;
    const firstLine = firstLineOf.get(key);
    if (firstLine !== undefined) {
      reports.push({ line: row.line, maskedNik, status: "duplicate-in-file", firstLine });
      continue;
    }
    firstLineOf.set(key, row.line);
    if (runtime.store.dataBalikan.isDuplicate(institution.id, item.nik, item.params)) {
      reports.push({ line: row.line, maskedNik, status: "already-sent" });
      continue;
    }
    pending.push({ index: reports.length, nik: item.nik, params: [params] });
    reports.push({ line: row.line, maskedNik, status: "accepted" });
  }

  // One transaction for the accepted rows. The checks above ran synchronously just
  // before, so nothing can have arrived between them; should the store still refuse
  // some (it re-checks), those rows are marked as sent before and the rest is stored.
  let toStore = pending;
  while (toStore.length > 0) {
    const receipt = runtime.store.dataBalikan.receive(
      institution.id,
      toStore.map(({ nik, params }) => ({ nik, params })),
      { at: now },
    );
    if (receipt.ok) break;
    const refused = new Set(receipt.duplicates.map((duplicate) => duplicate.index));
    for (const index of refused) {
      const entry = toStore[index];
      const report = entry === undefined ? undefined : reports[entry.index];
      if (entry !== undefined && report !== undefined) {
        reports[entry.index] = { ...report, status: "already-sent" };
      }
    }
    toStore = toStore.filter((_, index) => !refused.has(index));
  }

  const count = (status: DataBalikanRowStatus) =>
    reports.filter((report) => report.status === status).length;
  return {
    source,
    fileName,
    rows: reports,
    totals: {
      rows: reports.length,
      accepted: count("accepted"),
      invalid: count("invalid"),
      duplicateInFile: count("duplicate-in-file"),
      alreadySent: count("already-sent"),
    },
  };
}

/** Reads a request body into bytes, refusing more than `maxBytes` (413, nothing kept). */
function readBytes(req: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () =>
      new SimulatorError(
        "DKS_SIM_PORTAL_UPLOAD_TOO_LARGE",
        `Failed to read the data balikan upload: it is larger than ${DATA_BALIKAN_MAX_FILE_BYTES} bytes. Upload a file of at most 1 MiB.`,
        { reason: "bytes", maxBytes: DATA_BALIKAN_MAX_FILE_BYTES },
      );
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > maxBytes) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new SimulatorError(
          "DKS_SIM_REQUEST_TIMEOUT",
          `Failed to read the data balikan upload: it did not arrive within ${timeoutMs} ms. Upload it again.`,
        ),
      );
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        req.resume(); // drain the rest so the refusal page can be sent
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/** The fields of an upload form: the form token and the file (if any). */
export interface UploadForm {
  readonly csrf: string | null;
  readonly file: { readonly name: string; readonly bytes: Uint8Array } | null;
}

/**
 * Reads a `multipart/form-data` upload with the Web `Request.formData()` of Node (undici),
 * after reading at most 1 MiB + 64 KiB of body.
 */
export async function readUploadForm(req: IncomingMessage, timeoutMs: number): Promise<UploadForm> {
  const type = req.headers["content-type"] ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new SimulatorError(
      "DKS_SIM_PORTAL_FORM_INVALID",
      `Failed to read the upload form: its Content-Type is ${JSON.stringify(type)}. Send multipart/form-data, as a browser does for a file field.`,
      { contentType: type },
    );
  }
  const body = await readBytes(
    req,
    DATA_BALIKAN_MAX_FILE_BYTES + MULTIPART_OVERHEAD_BYTES,
    timeoutMs,
  );
  let form: FormData;
  try {
    form = await new Request("http://portal.invalid/upload", {
      method: "POST",
      headers: { "content-type": type },
      body: new Uint8Array(body),
    }).formData();
  } catch {
    throw new SimulatorError(
      "DKS_SIM_PORTAL_FORM_INVALID",
      "Failed to read the upload form: the multipart body is malformed. Send it again from the upload page.",
    );
  }
  const csrf = form.get("_csrf");
  const file = form.get("berkas");
  if (file === null || typeof file === "string" || file.size === 0) {
    return { csrf: typeof csrf === "string" ? csrf : null, file: null };
  }
  if (file.size > DATA_BALIKAN_MAX_FILE_BYTES) {
    throw new SimulatorError(
      "DKS_SIM_PORTAL_UPLOAD_TOO_LARGE",
      `Failed to read the data balikan upload: the file is ${file.size} bytes, more than ${DATA_BALIKAN_MAX_FILE_BYTES}. Upload a file of at most 1 MiB.`,
      { reason: "bytes", maxBytes: DATA_BALIKAN_MAX_FILE_BYTES },
    );
  }
  return {
    csrf: typeof csrf === "string" ? csrf : null,
    file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
  };
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;

/** The kind of an uploaded file, from its name and first bytes; `null` for neither. */
export function kindOfUpload(name: string, bytes: Uint8Array): "csv" | "xlsx" | null {
  const lower = name.toLowerCase();
  const zip = ZIP_MAGIC.every((byte, i) => bytes[i] === byte);
  if (lower.endsWith(".xlsx")) return zip ? "xlsx" : null;
  if (lower.endsWith(".csv")) return zip ? null : "csv";
  return null;
}
