import { describe, expect, it } from "vitest";
import { formatIndonesianDate, letterNumber, renderLetter } from "../src/report/letter.js";
import { signReport } from "../src/report/sign.js";
import { failedReport, passedReport } from "./fixtures/report-fixtures.js";
import { testKeyPair } from "./fixtures/report-keys.js";
import { findAll, parseXml, textOf, visibleText } from "./fixtures/report-xml.js";

/** The letter's visible text with whitespace collapsed. */
function letterText(html: string): string {
  return visibleText(parseXml(html, { allowDoctype: true }));
}

describe("formatIndonesianDate", () => {
  it("writes the Indonesian long date in WIB", () => {
    expect(formatIndonesianDate("2026-11-24T02:12:00.000Z")).toBe("24 November 2026");
    expect(formatIndonesianDate("2026-11-23T17:30:00Z")).toBe("24 November 2026");
    expect(formatIndonesianDate("2026-12-31T17:00:00Z")).toBe("1 Januari 2027");
    expect(formatIndonesianDate("2026-08-17T02:05:00Z", { time: true })).toBe(
      "17 Agustus 2026 pukul 09.05 WIB",
    );
  });

  it("returns a text that is not a date unchanged", () => {
    expect(formatIndonesianDate("kemarin")).toBe("kemarin");
  });
});

describe("letterNumber", () => {
  it("derives a stable number from the run ID and the month and year in WIB", () => {
    const manifest = passedReport().manifest;
    const number = letterNumber(manifest);
    expect(number).toMatch(/^SIM-470\/POC\.[0-9A-F]{6}\/DUKCAPIL\/XI\/2026$/);
    expect(letterNumber(manifest)).toBe(number);
    expect(letterNumber({ ...manifest, runId: "another-run" })).not.toBe(number);
    expect(letterNumber({ runId: "x", finishedAt: "2026-12-31T17:00:00Z" })).toMatch(/\/I\/2027$/);
  });
});

describe("renderLetter", () => {
  it("is well-formed, Indonesian and marked as a simulation at the top and the bottom", () => {
    const html = renderLetter(passedReport());
    const root = parseXml(html, { allowDoctype: true });
    expect(root.attributes.lang).toBe("id");
    const text = letterText(html);
    expect(text).toContain("KEMENTERIAN DALAM NEGERI REPUBLIK INDONESIA");
    expect(text).toContain("DIREKTORAT JENDERAL KEPENDUDUKAN DAN PENCATATAN SIPIL");
    expect(text).toContain("DOKUMEN SIMULASI SANDBOX.");
    expect(text).toContain(
      "Dokumen ini adalah dokumen simulasi yang dihasilkan oleh dukcapil-sandbox",
    );
    expect(text).toContain(
      "bukan surat resmi Direktorat Jenderal Kependudukan dan Pencatatan Sipil",
    );
    expect(html).not.toMatch(/<script|\b(?:src|href)\s*=\s*["']?https?:/i);
  });

  it("states number, date, institution, application and LULUS when passed", () => {
    const report = passedReport();
    const text = letterText(renderLetter(report));
    expect(text).toContain(`Nomor : ${letterNumber(report.manifest)}`);
    expect(text).toContain("Jakarta, 24 November 2026");
    expect(text).toContain("Yth. Kepala Kecamatan Jumantono");
    expect(text).toContain("Hal : Hasil Proof of Concept (PoC) Aplikasi paten-kecamatan");
    expect(text).toContain("pada tanggal 24 November 2026 pukul 09.12–09.12 WIB");
    const verdict = findAll(parseXml(renderLetter(report), { allowDoctype: true }), "p").find(
      (p) => p.attributes.class === "verdict",
    )!;
    expect(textOf(verdict)).toBe("LULUS");
    expect(text).not.toContain("TIDAK LULUS");
  });

  it("lists every criterion with Indonesian status words", () => {
    const report = failedReport();
    const root = parseXml(renderLetter(report), { allowDoctype: true });
    const table = findAll(root, "table").find((t) => t.attributes.class === "grid")!;
    const rows = findAll(table, "tbody")[0]!.children.filter((c) => typeof c !== "string");
    expect(rows).toHaveLength(report.criteria.length);
    const words = Object.fromEntries(
      report.criteria.map((criterion, index) => {
        const cells = findAll(rows[index] as never, "td").map(textOf);
        return [criterion.id, `${cells[4]}/${cells[5]}`];
      }),
    );
    expect(words).toMatchObject({
      "POC-AUTH-01": "Wajib/Memenuhi",
      "POC-QUOTA-02": "Wajib/Tidak Memenuhi",
      "POC-DATA-04": "Wajib/Galat Evaluasi",
      "POC-BALIKAN-01": "Wajib/Tidak Dijalankan",
      "POC-LOAD-01": "Anjuran/Tidak Dijalankan",
      "POC-RESIL-02": "Anjuran/Tidak Memenuhi",
    });
  });

  it("gives the production access specification with an unlimited quota when passed", () => {
    const text = letterText(renderLetter(passedReport()));
    expect(text).toContain("Spesifikasi teknis akses Production");
    expect(text).toContain("http://127.0.0.1:41873/dukcapil/get_json/kec_jumantono");
    expect(text).toContain("Metode CALL_NIK , CALL_NIK_GET_KK , CALL_VERIFY_BY_ELEMEN");
    expect(text).toContain("Elemen data yang diberikan (16)");
    expect(text).toContain("Nama Lengkap NAMA_LGKP");
    expect(text).toContain("Nama Desa/Kelurahan KEL_NAME");
    expect(text).toContain("Kuota akses tidak terbatas");
    expect(text).toContain("Zero Sharing Policy");
    expect(text).not.toContain("harus diperbaiki");
  });

  it("says TIDAK LULUS and lists the mandatory criteria to fix when failed", () => {
    const report = failedReport();
    const html = renderLetter(report);
    const text = letterText(html);
    const verdict = findAll(parseXml(html, { allowDoctype: true }), "p").find(
      (p) => p.attributes.class === "verdict",
    )!;
    expect(textOf(verdict)).toBe("TIDAK LULUS");
    expect(text).toContain("Kriteria wajib berikut harus diperbaiki");
    const lists = findAll(parseXml(html, { allowDoctype: true }), "ol").filter(
      (ol) => ol.attributes.class === "fix",
    );
    const ids = (index: number) => findAll(lists[index]!, "code").map(textOf);
    expect(ids(0)).toEqual([
      "POC-DATA-04",
      "POC-QUOTA-02",
      "POC-PATTERN-01",
      "POC-STORE-01",
      "POC-ATTR-01",
      "POC-BALIKAN-01",
    ]);
    expect(ids(1)).toEqual(["POC-LOAD-01", "POC-RESIL-02"]);
    expect(text).toContain("store nothing you read");
    expect(text).toContain("akses tetap menggunakan kuota tahap PoC");
    expect(text).not.toContain("tidak terbatas");
    expect(text).not.toContain("Spesifikasi teknis akses Production sebagai berikut");
  });

  it("ends with the manifest and the signing key's fingerprint", () => {
    const signed = signReport(passedReport(), testKeyPair().privateKeyPem);
    const text = letterText(renderLetter(signed));
    const manifest = text.slice(text.indexOf("Manifes pelaksanaan PoC"));
    for (const value of [
      signed.manifest.runId,
      signed.manifest.plan.sha256,
      signed.manifest.simulator.datasetSha256,
      "seed dukcapil-sandbox",
      "populasi fiktif 1.000.000 penduduk",
      `sidik jari kunci (SHA-256) ${signed.signature.keyFingerprint}`,
    ]) {
      expect(manifest).toContain(value);
    }
    expect(manifest).toContain(
      "Parameter uji batas waktu jawaban aplikasi 12.000 ms, paling banyak 2 kali percobaan ulang per tindakan",
    );
    expect(letterText(renderLetter(passedReport()))).toContain("Laporan belum ditandatangani");
    expect(letterText(renderLetter(failedReport()))).not.toContain("Parameter uji");
  });

  it("escapes the texts it prints", () => {
    const report = failedReport();
    report.manifest.institution.name = `Dinas <script>alert(1)</script>`;
    report.criteria[5]!.summary = "<img src=x onerror=alert(1)>";
    const html = renderLetter(report);
    expect(html).not.toMatch(/<script|<img/i);
    expect(letterText(html)).toContain("Yth. Kepala Dinas <script>alert(1)</script>");
  });
});
