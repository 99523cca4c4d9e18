// Data balikan from the operator Web Portal (issue 5; Juknis 004_*.txt 3.d): the online
// form and the CSV / Excel upload over HTTP, through the API's rules and store, with the
// row-by-row validation report.
import { readFileSync } from "node:fs";
import { DATA_BALIKAN_MESSAGES, DEFAULT_ATTRIBUTION, maskNik } from "@dukcapil-sandbox/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DATA_BALIKAN_CSV_TEMPLATE,
  DATA_BALIKAN_MAX_ROWS,
  DATA_BALIKAN_PATHS,
} from "../src/portal/data-balikan.js";
import { DATA_BALIKAN_TEXTS } from "../src/portal/data-balikan-texts.js";
import type { RunningSimulator } from "../src/server.js";
import {
  type Account,
  ADMIN_AUTH,
  adminOk,
  createAccount,
  defaultAccount,
  FOREIGN_ALLOWLIST,
  readJournal,
  send,
  startTestSimulator,
} from "./imitated-fixtures.js";
import {
  csrfOf,
  loggedIn,
  type PortalAgent,
  type PortalAnswer,
  portalAgent,
  unescapeHtml,
} from "./portal-fixtures.js";

const XLSX_FIXTURE = new URL("./fixtures/data-balikan.xlsx", import.meta.url);
const id = DATA_BALIKAN_TEXTS.id;

let sim: RunningSimulator;
let account: Account;
let agent: PortalAgent;
beforeAll(async () => {
  sim = await startTestSimulator();
  account = defaultAccount(sim);
  agent = await loggedIn(sim, account);
});
afterAll(() => sim.close());

let serial = 0;
/** A fresh valid NIK (district 320405, born 15-03-1990), never used before in this file. */
function freshNik(): string {
  serial++;
  return `3204051503900${String(serial).padStart(3, "0")}`;
}

/** The rows of a report: line, masked NIK, status and failing field, in page order. */
function reportRows(html: string): { line: number; status: string; field?: string }[] {
  return [
    ...html.matchAll(/<tr data-line="(\d+)" data-status="([a-z-]+)"(?: data-field="([A-Z_]+)")?>/g),
  ].map((match) => ({
    line: Number(match[1]),
    status: match[2] ?? "",
    ...(match[3] === undefined ? {} : { field: match[3] }),
  }));
}

/** The totals of a report by key. */
function totalsOf(html: string): Record<string, number> {
  return Object.fromEntries(
    [
      ...html.matchAll(/<tr data-total="([a-z-]+)"><th scope="row">[^<]*<\/th><td>(\d+)<\/td>/g),
    ].map((match) => [match[1] ?? "", Number(match[2])]),
  );
}

function stored(nik: string) {
  return sim.runtime.store.dataBalikan
    .list({ institutionId: account.institutionId, limit: 10_000 })
    .filter((item) => item.nik === nik);
}

function storedCount(): number {
  return sim.runtime.store.dataBalikan.count({ institutionId: account.institutionId });
}

async function formPage(a: PortalAgent = agent): Promise<PortalAnswer> {
  return a.get(DATA_BALIKAN_PATHS.form);
}

async function sendForm(fields: Record<string, string>, a: PortalAgent = agent) {
  const page = await formPage(a);
  return a
    .post(DATA_BALIKAN_PATHS.form)
    .type("form")
    .send({ _csrf: csrfOf(page.text), ...fields });
}

async function upload(
  name: string,
  content: string | Buffer,
  options: { contentType?: string; csrf?: string | null } = {},
): Promise<PortalAnswer> {
  const page = await agent.get(DATA_BALIKAN_PATHS.upload);
  const csrf = options.csrf === undefined ? csrfOf(page.text) : options.csrf;
  let post = agent.post(DATA_BALIKAN_PATHS.upload);
  if (csrf !== null) post = post.field("_csrf", csrf);
  return post.attach("berkas", typeof content === "string" ? Buffer.from(content) : content, {
    filename: name,
    contentType: options.contentType ?? "text/csv",
  });
}

const HEADER = "NIK,NOMOR_REGISTER,NAMA_USAHA,JENIS_USAHA";
const csvOf = (...rows: string[]) => `${[HEADER, ...rows].join("\r\n")}\r\n`;

describe("Data balikan online form", () => {
  it("shows a labelled form with the token, no-store, the attribution and the English toggle", async () => {
    const page = await formPage();
    expect(page.status).toBe(200);
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.text).toContain(DEFAULT_ATTRIBUTION);
    for (const field of ["NIK", "NOMOR_REGISTER", "NAMA_USAHA", "JENIS_USAHA"]) {
      expect(page.text).toContain(`<label for="${field}">`);
      expect(page.text).toMatch(new RegExp(`<input id="${field}" name="${field}"[^>]* required`));
    }
    expect(unescapeHtml(page.text)).toContain(id.formTitle);
    const english = await agent.get(`${DATA_BALIKAN_PATHS.form}?lang=en`);
    expect(english.text).toContain('<html lang="en">');
    expect(unescapeHtml(english.text)).toContain(DATA_BALIKAN_TEXTS.en.formTitle);
    await agent.get(`${DATA_BALIKAN_PATHS.form}?lang=id`);
    // The search page links to both data balikan pages.
    const search = await agent.get("/portal/cari");
    expect(search.text).toContain(`href="${DATA_BALIKAN_PATHS.form}"`);
    expect(search.text).toContain(`href="${DATA_BALIKAN_PATHS.upload}"`);
  });

  it("stores one valid NIK through the API's store and journals it; the same data again is 'Data sudah pernah dikirim', also for the API", async () => {
    const nik = freshNik();
    const fields = {
      NIK: nik,
      NOMOR_REGISTER: "REG-001",
      NAMA_USAHA: "TOKO MAKMUR",
      JENIS_USAHA: "RITEL",
    };
    const answer = await sendForm(fields);
    expect(answer.status).toBe(200);
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(reportRows(answer.text)).toEqual([{ line: 1, status: "accepted" }]);
    expect(answer.text).toContain(maskNik(nik));
    expect(answer.text).not.toContain(nik);
    const items = stored(nik);
    expect(items).toHaveLength(1);
    expect(JSON.parse(items[0]?.params ?? "null")).toEqual([
      { JENIS_USAHA: "RITEL", NAMA_USAHA: "TOKO MAKMUR", NOMOR_REGISTER: "REG-001" },
    ]);

    const journal = await readJournal(sim, { limit: "20" });
    const row = journal.entries.find(
      (entry) => entry.id === Number(answer.headers["x-sandbox-journal-id"]),
    );
    expect(row).toMatchObject({
      endpoint: "data-balikan",
      path: DATA_BALIKAN_PATHS.form,
      userId: account.userId,
      httpStatus: 200,
    });

    const again = await sendForm(fields);
    expect(reportRows(again.text)).toEqual([{ line: 1, status: "already-sent" }]);
    expect(again.text).toContain(DATA_BALIKAN_MESSAGES.duplicate);
    expect(stored(nik)).toHaveLength(1);

    // The API sees the portal's row: the same NIK and params is a duplicate there too.
    const token = sim.runtime.defaults?.token;
    if (token === null || token === undefined) throw new Error("no seeded token");
    const api = await send(sim.url, {
      method: "POST",
      path: "/dukcapil/data_balikan",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify([
        {
          id_lembaga: account.institutionId,
          nama_lembaga: "x",
          data: [
            {
              NIK: nik,
              param: [
                { NAMA_USAHA: "TOKO MAKMUR", NOMOR_REGISTER: "REG-001", JENIS_USAHA: "RITEL" },
              ],
            },
          ],
        },
      ]),
    });
    expect(api.status).toBe(400);
    expect(JSON.parse(api.text)).toEqual({ message: DATA_BALIKAN_MESSAGES.duplicate });

    // Different params for the same NIK are new data (the API's rule: NIK + params).
    const other = await sendForm({ ...fields, NOMOR_REGISTER: "REG-002" });
    expect(reportRows(other.text)).toEqual([{ line: 1, status: "accepted" }]);
    expect(stored(nik)).toHaveLength(2);
  });

  it("reports an invalid NIK or an empty field with the field and stores nothing", async () => {
    const before = storedCount();
    const bad = await sendForm({
      NIK: "3204051503900000",
      NOMOR_REGISTER: "R",
      NAMA_USAHA: "N",
      JENIS_USAHA: "J",
    });
    expect(bad.status).toBe(200);
    expect(reportRows(bad.text)).toEqual([{ line: 1, status: "invalid", field: "NIK" }]);
    expect(unescapeHtml(bad.text)).toContain("nomor urut");
    const empty = await sendForm({
      NIK: freshNik(),
      NOMOR_REGISTER: "R",
      NAMA_USAHA: "  ",
      JENIS_USAHA: "J",
    });
    expect(reportRows(empty.text)).toEqual([{ line: 1, status: "invalid", field: "NAMA_USAHA" }]);
    expect(storedCount()).toBe(before);
  });

  it("refuses a post without the form token (403) and stores nothing", async () => {
    const before = storedCount();
    const answer = await agent
      .post(DATA_BALIKAN_PATHS.form)
      .type("form")
      .send({ NIK: freshNik(), NOMOR_REGISTER: "R", NAMA_USAHA: "N", JENIS_USAHA: "J" });
    expect(answer.status).toBe(403);
    expect(answer.headers["x-sandbox-error"]).toBe("DKS_SIM_PORTAL_CSRF_INVALID");
    expect(storedCount()).toBe(before);
  });

  it("refuses the form and the upload (403) with X-Sandbox-Code 17, 16 or 10 once the account lost its access, storing nothing", async () => {
    const other = await createAccount(sim);
    const operator = await loggedIn(sim, other);
    const patch = (what: "users" | "institutions", target: string, body: object) =>
      adminOk(sim, "PATCH", `/sandbox/admin/${what}/${target}`, body);
    const count = () => sim.runtime.store.dataBalikan.count({ institutionId: other.institutionId });
    // In core's check order: the user ID (17), then the institution (16); the address (10) first of all.
    const steps = [
      ["17", () => patch("users", other.userId, { status: "inactive" })],
      [
        "16",
        async () => {
          await patch("users", other.userId, { status: "active" });
          await patch("institutions", other.institutionId, { status: "inactive" });
        },
      ],
      [
        "10",
        async () => {
          await patch("institutions", other.institutionId, { status: "active" });
          await patch("institutions", other.institutionId, { allowlist: FOREIGN_ALLOWLIST });
        },
      ],
    ] as const;
    for (const [code, change] of steps) {
      await change();
      const form = await operator.get(DATA_BALIKAN_PATHS.form);
      const answer = await operator
        .post(DATA_BALIKAN_PATHS.form)
        .type("form")
        .send({
          _csrf: csrfOf(form.text),
          NIK: freshNik(),
          NOMOR_REGISTER: "R",
          NAMA_USAHA: "N",
          JENIS_USAHA: "J",
        });
      expect([code, answer.status, answer.headers["x-sandbox-code"]]).toEqual([code, 403, code]);
      expect(answer.headers["x-sandbox-journal-id"]).toMatch(/^\d+$/);
      const page = await operator.get(DATA_BALIKAN_PATHS.upload);
      const file = await operator
        .post(DATA_BALIKAN_PATHS.upload)
        .field("_csrf", csrfOf(page.text))
        .attach("berkas", Buffer.from(csvOf(`${freshNik()},R,U,J`)), {
          filename: "data.csv",
          contentType: "text/csv",
        });
      expect([code, file.status, file.headers["x-sandbox-code"]]).toEqual([code, 403, code]);
    }
    expect(count()).toBe(0);
  });

  it("sends an anonymous visitor to the login page", async () => {
    const anonymous = portalAgent(sim);
    for (const path of Object.values(DATA_BALIKAN_PATHS)) {
      const answer = await anonymous.get(path);
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe("/portal/masuk");
    }
  });
});

describe("Data balikan upload", () => {
  it("offers the CSV template with the header row", async () => {
    const page = await agent.get(DATA_BALIKAN_PATHS.upload);
    expect(page.status).toBe(200);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toContain('<label for="berkas">');
    expect(page.text).toContain(DEFAULT_ATTRIBUTION);
    const template = await agent.get(DATA_BALIKAN_PATHS.csvTemplate).buffer(true);
    expect(template.status).toBe(200);
    expect(template.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(template.headers["content-disposition"]).toContain("attachment");
    expect(template.headers["cache-control"]).toBe("no-store");
    expect(template.text).toBe(DATA_BALIKAN_CSV_TEMPLATE);
    expect(template.text).toBe(`${HEADER}\r\n`);
  });

  it("stores every row of a valid CSV and counts them in the usage report", async () => {
    const niks = [freshNik(), freshNik(), freshNik()];
    const before = storedCount();
    const answer = await upload(
      "balikan.csv",
      csvOf(...niks.map((nik, i) => `${nik},REG-${i},"USAHA ${i}, CV",JASA`)),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers["x-sandbox-data-balikan"]).toBe(
      "rows=3; accepted=3; invalid=0; duplicate-in-file=0; already-sent=0",
    );
    expect(reportRows(answer.text)).toEqual([
      { line: 2, status: "accepted" },
      { line: 3, status: "accepted" },
      { line: 4, status: "accepted" },
    ]);
    expect(totalsOf(answer.text)).toEqual({
      rows: 3,
      accepted: 3,
      invalid: 0,
      "duplicate-in-file": 0,
      "already-sent": 0,
    });
    for (const nik of niks) {
      expect(answer.text).toContain(maskNik(nik));
      expect(answer.text).not.toContain(nik);
    }
    expect(storedCount()).toBe(before + 3);
    expect(JSON.parse(stored(niks[1] ?? "")[0]?.params ?? "null")).toEqual([
      { JENIS_USAHA: "JASA", NAMA_USAHA: "USAHA 1, CV", NOMOR_REGISTER: "REG-1" },
    ]);

    const usage = await send(sim.url, {
      method: "GET",
      path: `/sandbox/admin/reports/usage?semester=2026-1&institution=${account.institutionId}`,
      headers: { ...ADMIN_AUTH, accept: "application/json" },
    });
    expect(usage.status).toBe(200);
    expect(usage.text).toContain(`"dataBalikanItems":${storedCount()}`);
  });

  it("reports invalid rows with the field and reason, stores the valid rows (row by row)", async () => {
    const good = [freshNik(), freshNik()];
    const before = storedCount();
    const answer = await upload(
      "campuran.csv",
      csvOf(
        `${good[0]},R1,USAHA A,RITEL`,
        "12345,R2,USAHA B,RITEL",
        "",
        `${freshNik()},R3,,RITEL`,
        `3204051503901301,R4,USAHA D,RITEL`,
        `${good[1]},R5,USAHA E,RITEL`,
      ),
    );
    expect(answer.status).toBe(200);
    expect(reportRows(answer.text)).toEqual([
      { line: 2, status: "accepted" },
      { line: 3, status: "invalid", field: "NIK" },
      { line: 5, status: "invalid", field: "NAMA_USAHA" },
      { line: 6, status: "accepted" },
      { line: 7, status: "accepted" },
    ]);
    const text = unescapeHtml(answer.text);
    expect(text).toContain("jumlah digitnya bukan tepat 16");
    expect(text).toContain("wajib diisi");
    expect(storedCount()).toBe(before + 3);
    expect(stored("12345")).toHaveLength(0);
  });

  it("marks a repeated row of the same file as a duplicate of the first and one sent before as 'Data sudah pernah dikirim'", async () => {
    const sentBefore = freshNik();
    await upload("satu.csv", csvOf(`${sentBefore},R,U,J`));
    const nik = freshNik();
    const before = storedCount();
    const answer = await upload(
      "duplikat.csv",
      csvOf(`${nik},R,U,J`, `${sentBefore},R,U,J`, `${nik},R,U,J`, `${nik},R,U,LAIN`),
    );
    expect(reportRows(answer.text)).toEqual([
      { line: 2, status: "accepted" },
      { line: 3, status: "already-sent" },
      { line: 4, status: "duplicate-in-file" },
      { line: 5, status: "accepted" },
    ]);
    const text = unescapeHtml(answer.text);
    expect(text).toContain(DATA_BALIKAN_MESSAGES.duplicate);
    expect(text).toContain("Sama dengan baris 2");
    expect(totalsOf(answer.text)).toMatchObject({ "duplicate-in-file": 1, "already-sent": 1 });
    expect(storedCount()).toBe(before + 2);
  });

  it("reads a semicolon CSV with a UTF-8 BOM and the header in another order", async () => {
    const nik = freshNik();
    const answer = await upload(
      "excel-id.csv",
      `\uFEFFnama usaha;NIK;Jenis Usaha;nomor_register\r\nKEDAI KOPI;${nik};KULINER;REG-9\r\n`,
    );
    expect(reportRows(answer.text)).toEqual([{ line: 2, status: "accepted" }]);
    expect(JSON.parse(stored(nik)[0]?.params ?? "null")).toEqual([
      { JENIS_USAHA: "KULINER", NAMA_USAHA: "KEDAI KOPI", NOMOR_REGISTER: "REG-9" },
    ]);
  });

  it("reads a real .xlsx workbook row by row", async () => {
    const before = storedCount();
    const answer = await upload("data-balikan.xlsx", readFileSync(XLSX_FIXTURE), {
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    expect(answer.status).toBe(200);
    expect(reportRows(answer.text)).toEqual([
      { line: 2, status: "accepted" },
      { line: 3, status: "accepted" },
      { line: 4, status: "invalid", field: "NIK" },
      { line: 5, status: "duplicate-in-file" },
    ]);
    expect(unescapeHtml(answer.text)).toContain('berkas Excel "data-balikan.xlsx"');
    expect(storedCount()).toBe(before + 2);
    expect(stored("3204054101900006")).toHaveLength(1);
  });

  it("refuses a file over 1 MiB (413) and more than 5,000 rows (413), storing nothing", async () => {
    const before = storedCount();
    const big = await upload("besar.csv", `${HEADER}\r\n${"x".repeat(1024 * 1024 + 10)}\r\n`);
    expect(big.status).toBe(413);
    expect(big.headers["x-sandbox-error"]).toBe("DKS_SIM_PORTAL_UPLOAD_TOO_LARGE");
    expect(unescapeHtml(big.text)).toContain(id.tooLarge);
    const rows = Array.from(
      { length: DATA_BALIKAN_MAX_ROWS + 1 },
      (_, i) => `3204051503910${String((i % 999) + 1).padStart(3, "0")},R${i},U,J`,
    );
    const many = await upload("banyak.csv", csvOf(...rows));
    expect(many.status).toBe(413);
    expect(many.headers["x-sandbox-error"]).toBe("DKS_SIM_PORTAL_UPLOAD_TOO_LARGE");
    expect(storedCount()).toBe(before);
  });

  it("refuses another file type, a bad header, an empty file and a missing file (400)", async () => {
    const before = storedCount();
    const pdf = await upload("laporan.pdf", "%PDF-1.7 ...", { contentType: "application/pdf" });
    expect(pdf.status).toBe(400);
    expect(pdf.headers["x-sandbox-error"]).toBe("DKS_SIM_PORTAL_UPLOAD_INVALID");
    expect(unescapeHtml(pdf.text)).toContain(id.wrongType);
    const fakeXlsx = await upload("palsu.xlsx", "NIK,A\r\n", {
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    expect(fakeXlsx.status).toBe(400);
    const header = await upload("judul.csv", `NIK,NAMA\r\n${freshNik()},X\r\n`);
    expect(header.status).toBe(400);
    expect(header.headers["x-sandbox-error"]).toBe("DKS_SIM_PORTAL_UPLOAD_INVALID");
    expect(unescapeHtml(header.text)).toContain("missing NOMOR_REGISTER, NAMA_USAHA, JENIS_USAHA");
    const headerOnly = await upload("kosong.csv", `${HEADER}\r\n`);
    expect(headerOnly.status).toBe(400);
    expect(unescapeHtml(headerOnly.text)).toContain(id.noRows);
    const page = await agent.get(DATA_BALIKAN_PATHS.upload);
    const none = await agent.post(DATA_BALIKAN_PATHS.upload).field("_csrf", csrfOf(page.text));
    expect(none.status).toBe(400);
    expect(unescapeHtml(none.text)).toContain(id.noFile);
    expect(storedCount()).toBe(before);
  });

  it("refuses an upload without the form token (403) and stores nothing", async () => {
    const before = storedCount();
    const answer = await upload("tanpa-token.csv", csvOf(`${freshNik()},R,U,J`), { csrf: null });
    expect(answer.status).toBe(403);
    expect(answer.headers["x-sandbox-error"]).toBe("DKS_SIM_PORTAL_CSRF_INVALID");
    const wrong = await upload("token-salah.csv", csvOf(`${freshNik()},R,U,J`), { csrf: "salah" });
    expect(wrong.status).toBe(403);
    expect(storedCount()).toBe(before);
  });
});
