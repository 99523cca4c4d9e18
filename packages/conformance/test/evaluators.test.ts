import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { maskNik } from "@dukcapil-sandbox/core";
import { afterAll, describe, expect, it } from "vitest";
import { scanStorage } from "../src/criteria/storage.js";
import { catalogueTexts, shows, showsOutcome, visibleText } from "../src/criteria/text.js";
import { excerpt, maskDigits } from "../src/runner/evidence.js";

const dir = mkdtempSync(join(tmpdir(), "poc-evaluators-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const canary = { nik: "3204051502900001", noKk: "3204051102150003", name: "SITI NURHAYATI" };

describe("the zero-storage scan", () => {
  it("allows masked NIKs and finds full values in any case, UTF-8 or UTF-16, in nested files", async () => {
    writeFileSync(join(dir, "audit.log"), `lookup ${maskNik(canary.nik)} ok\n`);
    expect((await scanStorage([dir], [canary])).hits).toEqual([]);

    mkdirSync(join(dir, "db"));
    writeFileSync(join(dir, "db", "names.txt"), "nama: siti nurhayati\n");
    writeFileSync(join(dir, "db", "kk.bin"), Buffer.from(`KK=${canary.noKk}`, "utf16le"));
    const { hits, scanned } = await scanStorage([dir, join(dir, "missing")], [canary]);
    expect(scanned).toBe(3);
    expect(hits.map((hit) => `${hit.what}@${hit.path.slice(dir.length)}`).sort()).toEqual([
      "NAMA_LGKP@/db/names.txt",
      "NO_KK@/db/kk.bin",
    ]);
  });
});

describe("reading what an app showed", () => {
  it("reads HTML text with entities, JSON strings and plain text, ignoring case and spacing", () => {
    const html = {
      status: 200,
      contentType: "text/html",
      body: "<p>Data Ditemukan,&nbsp;<b>Meninggal</b>\n Dunia</p><script>var x = 'no';</script>",
    };
    expect(visibleText(html)).toContain("data ditemukan, meninggal dunia");
    expect(showsOutcome(html, "11")).toBe(true);
    const json = {
      status: 200,
      contentType: null,
      body: '{"pesan":"Kuota akses hari ini telah habis"}',
    };
    expect(showsOutcome(json, "05")).toBe(true);
    expect(
      shows(
        { status: 200, contentType: null, body: "layanan ini  MENGGUNAKAN api dukcapil." },
        "Layanan ini menggunakan API Dukcapil",
      ),
    ).toBe(true);
  });

  it("counts the catalogue's texts, variants and Indonesian action of a code", () => {
    expect(catalogueTexts("13")).toEqual(
      expect.arrayContaining([
        "Data tidak ditemukan, NIK tidak terdapat di database kependudukan",
        "Data Tidak Ditemukan",
        "Tampilkan konfirmasi; minta operator memeriksa NIK yang diketik; jangan diulang.",
      ]),
    );
  });
});

describe("report evidence", () => {
  it("masks NIKs and cuts the looked-up resident's values out of excerpts", () => {
    const text = excerpt(`NIK ${canary.nik}\nNama: Siti Nurhayati\nKK ${canary.noKk}`, [
      canary.name,
    ]);
    expect(text).toBe("NIK 3204**********01\nNama: […]\nKK 3204**********03");
    expect(maskDigits("a 12345678901234567 b")).toBe("a 12345678901234567 b");
  });
});
