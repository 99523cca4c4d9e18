/**
 * The Indonesian PoC result letter ("Surat Hasil PoC", Juknis II.D.2c) as printable,
 * self-contained HTML. It states the verdict and, when passed, the production access
 * specification; when failed, the criteria to fix. It is marked everywhere as a sandbox
 * simulation document: it grants nothing.
 */
import { createHash } from "node:crypto";
import { JAKARTA_OFFSET_MS } from "@dukcapil-sandbox/core";
import { escapeAttribute, escapeMarkup, freeText, groupDigits } from "./format.js";
import type { CriterionResult, PocReport, RunManifest } from "./schema.js";
import { parseReport } from "./validate.js";

const MONTHS = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
] as const;

const ROMAN_MONTHS = [
  "I",
  "II",
  "III",
  "IV",
  "V",
  "VI",
  "VII",
  "VIII",
  "IX",
  "X",
  "XI",
  "XII",
] as const;

/** Indonesian status words of a criterion in the letter. */
const STATUS_ID: Readonly<Record<CriterionResult["status"], string>> = {
  passed: "Memenuhi",
  failed: "Tidak Memenuhi",
  skipped: "Tidak Dijalankan",
  error: "Galat Evaluasi",
};

/** Indonesian names of the Web Portal grant elements (Juknis II.C.2a); others stay as keys. */
const ELEMENT_NAMES: Readonly<Record<string, string>> = {
  NO_KK: "Nomor KK",
  NIK: "NIK",
  NAMA_LGKP: "Nama Lengkap",
  JENIS_KLMIN: "Jenis Kelamin",
  TMPT_LHR: "Tempat Lahir",
  TGL_LHR: "Tanggal/Bulan/Tahun Lahir",
  STATUS_KAWIN: "Status Perkawinan",
  JENIS_PKRJN: "Jenis Pekerjaan",
  ALAMAT: "Alamat",
  PROP_NAME: "Nama Provinsi",
  KAB_NAME: "Nama Kabupaten/Kota",
  NO_KEC: "Kode Kecamatan",
  KEC_NAME: "Nama Kecamatan",
  KEL_NAME: "Nama Desa/Kelurahan",
  NO_RT: "RT",
  NO_RW: "RW",
};

/** The WIB (UTC+7) calendar fields of an ISO instant, or null when it is not a date. */
function wibParts(
  iso: string,
): { year: number; month: number; day: number; hour: number; minute: number } | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const wib = new Date(ms + JAKARTA_OFFSET_MS);
  return {
    year: wib.getUTCFullYear(),
    month: wib.getUTCMonth(),
    day: wib.getUTCDate(),
    hour: wib.getUTCHours(),
    minute: wib.getUTCMinutes(),
  };
}

/**
 * An instant as an Indonesian long date in Western Indonesian Time (WIB, UTC+7), e.g.
 * `24 November 2026`; with `{ time: true }` also the clock time, `24 November 2026 pukul 09.05
 * WIB`. A text that is not a date comes back unchanged.
 *
 * @example
 * ```ts
 * import { formatIndonesianDate } from "@dukcapil-sandbox/conformance";
 * formatIndonesianDate("2026-11-23T17:30:00Z"); // "24 November 2026" (00.30 WIB)
 * formatIndonesianDate("2026-11-24T02:05:00Z", { time: true }); // "24 November 2026 pukul 09.05 WIB"
 * ```
 */
export function formatIndonesianDate(iso: string, options: { time?: boolean } = {}): string {
  const parts = wibParts(iso);
  if (parts === null) return iso;
  const date = `${parts.day} ${MONTHS[parts.month]} ${parts.year}`;
  return options.time === true ? `${date} pukul ${clock(parts)} WIB` : date;
}

const clock = (parts: { hour: number; minute: number }): string =>
  `${String(parts.hour).padStart(2, "0")}.${String(parts.minute).padStart(2, "0")}`;

/**
 * The letter number of a run, derived from its run ID and finishing date (WIB):
 * `SIM-470/POC.<first 6 hex of SHA-256(runId), upper case>/DUKCAPIL/<month in Roman>/<year>`.
 * `470` is the filing code for population affairs; `SIM-` marks a sandbox simulation. The same
 * run always gets the same number.
 *
 * @example
 * ```ts
 * import { letterNumber, type PocReport } from "@dukcapil-sandbox/conformance";
 * declare const report: PocReport;
 * letterNumber(report.manifest); // e.g. "SIM-470/POC.3F2A9C/DUKCAPIL/XI/2026"
 * ```
 */
export function letterNumber(manifest: Pick<RunManifest, "runId" | "finishedAt">): string {
  const digest = createHash("sha256").update(manifest.runId, "utf8").digest("hex");
  const parts = wibParts(manifest.finishedAt);
  const when = parts === null ? "-" : `${ROMAN_MONTHS[parts.month]}/${parts.year}`;
  return `SIM-470/POC.${digest.slice(0, 6).toUpperCase()}/DUKCAPIL/${when}`;
}

/** "pada tanggal … pukul 09.12–09.14 WIB", spanning days when the run did. */
function whenClause(manifest: RunManifest): string {
  const start = wibParts(manifest.startedAt);
  const end = wibParts(manifest.finishedAt);
  if (start === null || end === null) {
    return `pada ${manifest.startedAt} sampai ${manifest.finishedAt}`;
  }
  const sameDay = start.year === end.year && start.month === end.month && start.day === end.day;
  return sameDay
    ? `pada tanggal ${formatIndonesianDate(manifest.startedAt)} pukul ${clock(start)}–${clock(end)} WIB`
    : `pada tanggal ${formatIndonesianDate(manifest.startedAt, { time: true })} sampai ${formatIndonesianDate(manifest.finishedAt, { time: true })}`;
}

const CSS = `
@page { size: A4; margin: 18mm 20mm; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 190mm; padding: 12px 20px; font: 12pt/1.5 "Times New Roman", "Liberation Serif", "Noto Serif", serif; color: #000000; background: #ffffff; }
.kop { display: flex; align-items: center; gap: 16px; border-bottom: 4px double #000000; padding-bottom: 8px; }
.kop svg { flex: none; }
.kop .names { flex: 1; text-align: center; }
.kop p { margin: 0; text-align: center; }
.kop .ministry { font-size: 13pt; font-weight: 700; }
.kop .directorate { font-size: 13pt; font-weight: 700; }
.kop .address { font-size: 10pt; }
.simulasi { border: 2px solid #000000; background: #fff8c5; color: #000000; padding: 6px 10px; margin: 12px 0; font-family: system-ui, sans-serif; font-size: 10pt; }
.place-date { text-align: right; margin: 12px 0; }
table.meta { border-collapse: collapse; margin: 6px 0 12px; }
table.meta th { text-align: left; font-weight: normal; padding: 0 8px 0 0; vertical-align: top; white-space: nowrap; }
table.meta td { padding: 0; vertical-align: top; }
p { margin: 8px 0; text-align: justify; }
.verdict { text-align: center; margin: 14px 0; }
.verdict strong { display: inline-block; border: 3px solid #000000; padding: 4px 28px; font-size: 18pt; letter-spacing: 0.08em; }
table.grid { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 10.5pt; }
table.grid caption { text-align: left; font-weight: 700; padding: 4px 0; }
table.grid th, table.grid td { border: 1px solid #000000; padding: 3px 6px; text-align: left; vertical-align: top; }
table.grid thead th { background: #e8e8e8; }
table.grid tbody th { font-weight: 700; width: 34%; }
code { font-family: "Courier New", "Liberation Mono", monospace; font-size: 10pt; overflow-wrap: anywhere; }
code.id { white-space: nowrap; overflow-wrap: normal; }
ol.fix li { margin-bottom: 6px; }
.signature { margin: 20px 0 16px auto; width: 78mm; text-align: left; }
.signature .space { height: 18mm; border: 1px dashed #5a5a5a; display: flex; align-items: center; justify-content: center; font-size: 9pt; color: #3d3d3d; font-family: system-ui, sans-serif; }
.manifest { border-top: 1px solid #000000; margin-top: 20px; padding-top: 6px; font-size: 9pt; }
.manifest table.grid { font-size: 9pt; }
.manifest code { font-size: 8.5pt; }
ul.grant { columns: 2; margin: 0; padding-left: 18px; }
.statement { font-size: 10pt; font-style: italic; }
@media print { .simulasi { background: #ffffff; } }
`;

/** A small, plainly fake emblem (a shield with "SIM"), so the letterhead has its usual shape. */
const EMBLEM = `<svg width="64" height="72" viewBox="0 0 64 72" role="img" aria-label="Lambang simulasi (bukan lambang resmi)"><path d="M32 2 L60 12 L56 46 Q50 62 32 70 Q14 62 8 46 L4 12 Z" fill="#ffffff" stroke="#000000" stroke-width="3"/><text x="32" y="44" text-anchor="middle" font-family="system-ui, sans-serif" font-size="16" font-weight="bold" fill="#000000">SIM</text></svg>`;

function criteriaTable(criteria: readonly CriterionResult[]): string {
  return [
    '<table class="grid">',
    "<caption>Rincian hasil per kriteria</caption>",
    '<thead><tr><th scope="col">No.</th><th scope="col">Kode</th><th scope="col">Kriteria</th><th scope="col">Dasar</th><th scope="col">Sifat</th><th scope="col">Hasil</th></tr></thead>',
    "<tbody>",
    ...criteria.map(
      (criterion, index) =>
        `<tr><td>${index + 1}.</td><td><code class="id">${escapeMarkup(criterion.id)}</code></td><td>${escapeMarkup(criterion.title)}</td><td>${escapeMarkup(criterion.clause)}</td><td>${criterion.mandatory ? "Wajib" : "Anjuran"}</td><td><strong>${STATUS_ID[criterion.status]}</strong></td></tr>`,
    ),
    "</tbody>",
    "</table>",
  ].join("\n");
}

function passedSection(report: PocReport): string {
  const institution = escapeMarkup(report.manifest.institution.name);
  const spec = report.production;
  if (spec === null) {
    return "<p>Spesifikasi teknis akses <i>Production</i> tidak tercantum dalam laporan ini; mintalah laporan lengkap dari pelaksana PoC.</p>";
  }
  const elements = spec.grant
    .map((element) => {
      const name = ELEMENT_NAMES[element];
      return `<li>${name === undefined ? "" : `${escapeMarkup(name)} `}<code>${escapeMarkup(element)}</code></li>`;
    })
    .join("");
  return [
    `<p>Sehubungan dengan hasil tersebut, sesuai Petunjuk Teknis huruf II.B angka 2 dan huruf II.D angka 2 huruf c, kepada <strong>${institution}</strong> diberikan hak akses data kependudukan tanpa dibatasi kuota, dengan spesifikasi teknis akses <i>Production</i> sebagai berikut:</p>`,
    '<table class="grid">',
    "<caption>Spesifikasi teknis akses <i>Production</i></caption>",
    "<tbody>",
    `<tr><th scope="row"><i>Endpoint</i></th><td><code>${escapeMarkup(spec.endpoint)}</code></td></tr>`,
    `<tr><th scope="row">Metode</th><td>${spec.methods.map((method) => `<code>${escapeMarkup(method)}</code>`).join(", ")}</td></tr>`,
    `<tr><th scope="row">Elemen data yang diberikan (${spec.grant.length})</th><td><ul class="grant">${elements}</ul></td></tr>`,
    `<tr><th scope="row">Kuota akses</th><td><strong>tidak terbatas</strong></td></tr>`,
    "</tbody>",
    "</table>",
    "<p>Hak akses tersebut dipergunakan sesuai dengan tujuan pemanfaatan dan ketentuan peraturan perundang-undangan. Penginputan NIK tidak boleh dilakukan secara berurutan, berpola, dan dalam waktu yang berdekatan; data kependudukan yang telah diakses tidak boleh disimpan dan tidak boleh diberikan kepada pihak lain (<i>Zero Sharing Policy</i>) sebagaimana Petunjuk Teknis huruf II.E angka 1 dan 2.</p>",
  ].join("\n");
}

function failedSection(report: PocReport): string {
  const institution = escapeMarkup(report.manifest.institution.name);
  const toFix = report.criteria.filter(
    (criterion) => criterion.mandatory && criterion.status !== "passed",
  );
  const advisory = report.criteria.filter(
    (criterion) => !criterion.mandatory && criterion.status !== "passed",
  );
  const item = (criterion: CriterionResult): string =>
    `<li><strong><code class="id">${escapeMarkup(criterion.id)}</code> ${escapeMarkup(criterion.title)}</strong> (${escapeMarkup(criterion.clause)}; hasil: ${STATUS_ID[criterion.status]}).<br />${freeText(criterion.summary)}</li>`;
  return [
    `<p>Dengan hasil tersebut, aplikasi belum dapat diberikan spesifikasi teknis akses <i>Production</i>. Kriteria wajib berikut harus diperbaiki oleh <strong>${institution}</strong> sebelum PoC dilaksanakan kembali:</p>`,
    `<ol class="fix">${toFix.map(item).join("")}</ol>`,
    advisory.length > 0
      ? `<p>Sebagai catatan, kriteria anjuran berikut belum terpenuhi (tidak memengaruhi hasil PoC):</p>\n<ol class="fix">${advisory.map(item).join("")}</ol>`
      : "",
    `<p>Selama PoC belum dinyatakan lulus, akses tetap menggunakan kuota tahap PoC. Setelah perbaikan, <strong>${institution}</strong> dapat kembali mengajukan permohonan PoC sebagaimana Petunjuk Teknis huruf II.D angka 2 huruf a.</p>`,
  ].join("\n");
}

function manifestBlock(report: PocReport): string {
  const { manifest, signature } = report;
  const rows: [string, string][] = [
    ["ID pelaksanaan", `<code>${escapeMarkup(manifest.runId)}</code>`],
    [
      "Waktu pelaksanaan",
      `${escapeMarkup(formatIndonesianDate(manifest.startedAt, { time: true }))} sampai ${escapeMarkup(formatIndonesianDate(manifest.finishedAt, { time: true }))}`,
    ],
    [
      "Aplikasi",
      `${escapeMarkup(manifest.app.name)} (driver ${escapeMarkup(manifest.app.driver)}: <code>${escapeMarkup(manifest.app.target)}</code>)`,
    ],
    [
      "Lembaga",
      `${escapeMarkup(manifest.institution.name)} (ID <code>${escapeMarkup(manifest.institution.id)}</code>)`,
    ],
    [
      "Perangkat uji",
      `${escapeMarkup(manifest.suite.name)} ${escapeMarkup(manifest.suite.version)}, Node.js ${escapeMarkup(manifest.node)}`,
    ],
    [
      "Rencana uji",
      `${escapeMarkup(manifest.plan.title)} (<code>${escapeMarkup(manifest.plan.id)}</code>), SHA-256 <code>${escapeMarkup(manifest.plan.sha256)}</code>`,
    ],
    [
      "Simulator",
      `versi ${escapeMarkup(manifest.simulator.version)}, <i>seed</i> <code>${escapeMarkup(manifest.simulator.seed)}</code>, populasi fiktif ${escapeMarkup(groupDigits(manifest.simulator.population, "."))} penduduk`,
    ],
    ["SHA-256 dataset", `<code>${escapeMarkup(manifest.simulator.datasetSha256)}</code>`],
    ...(manifest.run === undefined
      ? []
      : ([
          [
            "Parameter uji",
            `batas waktu jawaban aplikasi ${groupDigits(manifest.run.appTimeoutMs, ".")} ms, paling banyak ${manifest.run.maxRetries} kali percobaan ulang per tindakan, <i>seed</i> pemilihan NIK <code>${escapeMarkup(manifest.run.selectionSeed)}</code>`,
          ],
          ["Teks atribusi yang diperiksa", escapeMarkup(manifest.run.attribution)],
        ] as [string, string][])),
    [
      "Tanda tangan elektronik",
      signature === undefined
        ? "<strong>Laporan belum ditandatangani</strong>: hasil ini tidak dapat diperiksa keasliannya."
        : `${escapeMarkup(signature.algorithm)}; sidik jari kunci (SHA-256) <code>${escapeMarkup(signature.keyFingerprint)}</code>`,
    ],
  ];
  return [
    '<section class="manifest" aria-labelledby="manifest-h">',
    '<h2 id="manifest-h" style="font-size: 10pt; margin: 0;">Manifes pelaksanaan PoC</h2>',
    '<table class="grid">',
    "<tbody>",
    ...rows.map(([name, value]) => `<tr><th scope="row">${name}</th><td>${value}</td></tr>`),
    "</tbody>",
    "</table>",
    '<p class="statement">Dokumen ini adalah dokumen simulasi yang dihasilkan oleh dukcapil-sandbox (lingkungan uji) terhadap populasi fiktif. Dokumen ini <strong>bukan</strong> surat resmi Direktorat Jenderal Kependudukan dan Pencatatan Sipil dan tidak memberikan hak akses apa pun ke sistem produksi. Keaslian laporan dapat diperiksa secara luring dengan perintah <code>dukcapil-sandbox verify report.json</code>.</p>',
    "</section>",
  ].join("\n");
}

/**
 * The Indonesian PoC result letter ("Surat Hasil PoC", Juknis II.D.2c) as one printable,
 * self-contained HTML page (`surat-hasil-poc.html`, A4): letterhead of the Direktorat Jenderal
 * Kependudukan dan Pencatatan Sipil, a number derived from the run ID ({@link letterNumber}),
 * the date in WIB, the institution and application, the verdict (`LULUS` / `TIDAK LULUS`), the
 * criteria with Indonesian status words, then the production access specification (endpoint,
 * methods, granted elements, quota "tidak terbatas") when passed or the criteria to fix when
 * failed, and at the bottom the run manifest and the signing key's fingerprint. It says, at the
 * top and the bottom, that it is a sandbox simulation document. Throws a `ReportError`
 * (`DKS_POC_REPORT_INVALID`) when `report` does not match the schema.
 *
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { type PocReport, renderLetter } from "@dukcapil-sandbox/conformance";
 * declare const report: PocReport;
 * writeFileSync("surat-hasil-poc.html", renderLetter(report));
 * ```
 */
export function renderLetter(report: PocReport): string {
  const parsed = parseReport(report);
  const { manifest } = parsed;
  const passed = parsed.verdict === "passed";
  const verdictWord = passed ? "LULUS" : "TIDAK LULUS";
  const institution = escapeMarkup(manifest.institution.name);
  const app = escapeMarkup(manifest.app.name);
  const number = letterNumber(manifest);
  return `<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="generator" content="${escapeAttribute(`${manifest.suite.name} ${manifest.suite.version}`)}" />
<title>${escapeMarkup(`Surat Hasil PoC ${manifest.app.name}: ${verdictWord} (simulasi)`)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="kop">
${EMBLEM}
<div class="names">
<p class="ministry">KEMENTERIAN DALAM NEGERI REPUBLIK INDONESIA</p>
<p class="directorate">DIREKTORAT JENDERAL KEPENDUDUKAN DAN PENCATATAN SIPIL</p>
<p class="address">Jalan Raya Pasar Minggu Km. 19 Jakarta</p>
</div>
</header>
<p class="simulasi" role="note"><strong>DOKUMEN SIMULASI SANDBOX.</strong> Surat ini dibuat otomatis oleh dukcapil-sandbox dari hasil PoC terhadap simulator dengan populasi fiktif. Bukan surat resmi dan tidak memberikan hak akses apa pun.</p>
<main>
<p class="place-date">Jakarta, ${escapeMarkup(formatIndonesianDate(manifest.finishedAt))}</p>
<table class="meta">
<tbody>
<tr><th scope="row">Nomor</th><td>: ${escapeMarkup(number)}</td></tr>
<tr><th scope="row">Sifat</th><td>: Biasa</td></tr>
<tr><th scope="row">Lampiran</th><td>: 1 (satu) berkas laporan PoC bertanda tangan elektronik (report.json)</td></tr>
<tr><th scope="row">Hal</th><td>: Hasil <i>Proof of Concept</i> (PoC) Aplikasi ${app}</td></tr>
</tbody>
</table>
<p>Yth. Kepala ${institution}<br />di<br />Tempat</p>
<h1 style="font-size: 12pt; margin: 12px 0 0;">Hasil <i>Proof of Concept</i> (PoC)</h1>
<p>Menindaklanjuti permohonan pelaksanaan <i>Proof of Concept</i> (PoC) sesuai Petunjuk Teknis huruf II.D, bersama ini disampaikan hasil PoC terhadap aplikasi <strong>${app}</strong> milik <strong>${institution}</strong> (ID lembaga <code>${escapeMarkup(manifest.institution.id)}</code>) yang mengakses <i>Application Programming Interface</i> (API) database kependudukan, yang dilaksanakan ${escapeMarkup(whenClause(manifest))} menggunakan rencana uji <em>${escapeMarkup(manifest.plan.title)}</em>, dengan hasil:</p>
<p class="verdict"><strong>${verdictWord}</strong></p>
<p>Hasil ditetapkan menurut aturan berikut: PoC dinyatakan lulus hanya apabila seluruh kriteria wajib terpenuhi; kriteria yang tidak dijalankan atau mengalami galat evaluasi dianggap tidak terpenuhi; kriteria anjuran dilaporkan tetapi tidak memengaruhi hasil.</p>
${criteriaTable(parsed.criteria)}
${passed ? passedSection(parsed) : failedSection(parsed)}
<p>Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.</p>
<div class="signature">
<p>Pelaksana PoC,</p>
<div class="space">Ditandatangani secara elektronik (${parsed.signature === undefined ? "belum ditandatangani" : "Ed25519"})</div>
<p>dukcapil-sandbox ${escapeMarkup(manifest.suite.version)} (simulasi)</p>
</div>
</main>
<footer>
${manifestBlock(parsed)}
</footer>
</body>
</html>
`;
}
