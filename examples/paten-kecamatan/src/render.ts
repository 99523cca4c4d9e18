// The desk's pages (Indonesian) and JSON answers. Every page carries the attribution
// notice; confirmations and advice are the catalogue's texts, verbatim.
import type { RecordElement, ResponseCodeRow } from "@dukcapil-sandbox/core";
import type { DeskAnswer, EndOfDayReport } from "./desk.js";

/** Indonesian labels of every element a grant may hold. */
export const ELEMENT_LABELS: Readonly<Record<RecordElement, string>> = {
  NIK: "NIK",
  NO_KK: "Nomor KK",
  NAMA_LGKP: "Nama lengkap",
  JENIS_KLMIN: "Jenis kelamin",
  TMPT_LHR: "Tempat lahir",
  TGL_LHR: "Tanggal lahir",
  NO_AKTA_LHR: "Nomor akta lahir",
  GOL_DARAH: "Golongan darah",
  AGAMA: "Agama",
  STATUS_KAWIN: "Status perkawinan",
  NO_AKTA_KWN: "Nomor akta kawin",
  TGL_KWN: "Tanggal kawin",
  NO_AKTA_CRAI: "Nomor akta cerai",
  TGL_CRAI: "Tanggal cerai",
  STAT_HBKEL: "Status hubungan dalam keluarga",
  PNYDNG_CCT: "Penyandang disabilitas",
  PDDK_AKH: "Pendidikan terakhir",
  JENIS_PKRJN: "Pekerjaan",
  NAMA_LGKP_IBU: "Nama ibu",
  NAMA_LGKP_AYAH: "Nama ayah",
  ALAMAT: "Alamat",
  NO_RT: "RT",
  NO_RW: "RW",
  DUSUN: "Dusun",
  KODE_POS: "Kode pos",
  NO_PROP: "Kode provinsi",
  PROP_NAME: "Provinsi",
  NO_KAB: "Kode kabupaten/kota",
  KAB_NAME: "Kabupaten/kota",
  NO_KEC: "Kode kecamatan",
  KEC_NAME: "Kecamatan",
  NO_KEL: "Kode kelurahan/desa",
  KEL_NAME: "Kelurahan/desa",
  EKTP_STATUS: "Status KTP-el",
};

/** The text for the operator when the upstream did not answer in time. */
export const UNAVAILABLE_TEXT = "Layanan sedang tidak tersedia";

/** A rendered answer. */
export interface Rendered {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

const HTML = "text/html; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";

/**
 * Escapes text for an HTML text node. Quotes stay as they are, so a name such as
 * `NUR'AINI` reads the same in the page source as in the record.
 */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** Escapes text for a double-quoted attribute value. */
function escapeAttribute(text: string): string {
  return escapeHtml(text).replaceAll('"', "&quot;");
}

/** The confirmation of a row: the Web Portal text of the Juknis, else the lookup text. */
export const confirmationOf = (row: ResponseCodeRow): string =>
  row.portalText ?? row.lookupText ?? row.meaningEn;

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}
header{background:#0b4f8a;color:#fff;padding:1rem 1.5rem}
header h1{margin:0;font-size:1.3rem}header p{margin:.25rem 0 0}
main{max-width:46rem;margin:1.5rem auto;padding:0 1rem}
form{background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:1rem;margin-bottom:1rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
input[type=text]{font-size:1.1rem;padding:.4rem;width:16em;letter-spacing:.05em}
button{font-size:1rem;padding:.45rem 1rem;margin-top:.5rem}
.hint{color:#555;font-size:.9rem;margin:.25rem 0 0}
section{background:#fff;border:1px solid #d5d9e0;border-left:6px solid #0b4f8a;border-radius:6px;padding:1rem;margin-bottom:1rem}
section.peringatan{border-left-color:#b26a00}section.galat{border-left-color:#b3261e}
.konfirmasi{font-size:1.15rem;font-weight:600}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem;border-bottom:1px solid #e4e7ec;vertical-align:top}
th{width:40%;font-weight:600}
footer{max-width:46rem;margin:2rem auto;padding:0 1rem;color:#333;font-size:.9rem}
`;

/** The whole page: header, content, the NIK form, and the attribution notice. */
export function page(options: {
  attribution: string;
  title: string;
  content: string;
  /** Pre-fills the form (a malformed NIK the operator should correct). */
  prefill?: string;
}): string {
  const value = options.prefill === undefined ? "" : ` value="${escapeAttribute(options.prefill)}"`;
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} — Layanan PATEN Kecamatan</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>Layanan PATEN Kecamatan</h1><p>Verifikasi data kependudukan berdasarkan NIK</p></header>
<main>
${options.content}
<form method="post" action="/cek" autocomplete="off">
<label for="nik">NIK (Nomor Induk Kependudukan, 16 digit)</label>
<input type="text" id="nik" name="nik" inputmode="numeric" maxlength="40" required aria-describedby="nik-hint"${value}>
<p class="hint" id="nik-hint">NIK diperiksa formatnya di aplikasi ini sebelum dikirim ke Dukcapil. Data hanya ditampilkan, tidak disimpan.</p>
<button type="submit">Cek NIK</button>
</form>
<form method="post" action="/akhir-hari">
<label for="tutup">Tutup layanan hari ini</label>
<p class="hint">Mengirim data balikan penduduk yang dilayani hari ini ke Disdukcapil.</p>
<button type="submit" id="tutup">Kirim data balikan (akhir hari)</button>
</form>
</main>
<footer><p class="atribusi">${escapeHtml(options.attribution)}</p></footer>
</body>
</html>
`;
}

function section(kind: "" | "peringatan" | "galat", inner: string): string {
  return `<section${kind === "" ? "" : ` class="${kind}"`}>\n${inner}\n</section>`;
}

const adviceHtml = (row: ResponseCodeRow) =>
  `<p><strong>Tindak lanjut:</strong> ${escapeHtml(row.actionId)}</p>`;

function wibTime(epochMs: number): string {
  return new Intl.DateTimeFormat("id-ID", {
    timeZone: "Asia/Jakarta",
    dateStyle: "full",
    timeStyle: "short",
  }).format(epochMs);
}

/** The HTTP status of an answer. */
export function statusOf(answer: DeskAnswer): number {
  switch (answer.kind) {
    case "invalid":
      return 422;
    case "quota":
      return 429;
    case "unavailable":
      return 503;
    default:
      return 200;
  }
}

function answerHtml(answer: DeskAnswer): { title: string; content: string; prefill?: string } {
  switch (answer.kind) {
    case "invalid":
      return {
        title: "NIK tidak valid",
        prefill: answer.typed,
        content: section(
          "galat",
          [
            `<h2>NIK tidak valid — tidak dikirim ke Dukcapil</h2>`,
            `<p class="konfirmasi">${escapeHtml(confirmationOf(answer.row))}</p>`,
            `<p><strong>Alasan:</strong> ${escapeHtml(answer.message)}</p>`,
            adviceHtml(answer.row),
          ].join("\n"),
        ),
      };
    case "found": {
      const rows = answer.elements
        .map(
          ({ element, value }) =>
            `<tr><th scope="row">${escapeHtml(ELEMENT_LABELS[element])}</th><td>${escapeHtml(value ?? "-")}</td></tr>`,
        )
        .join("\n");
      return {
        title: "Data ditemukan",
        content: section(
          "",
          [`<h2>Data ditemukan</h2>`, `<table>\n${rows}\n</table>`, adviceHtml(answer.row)].join(
            "\n",
          ),
        ),
      };
    }
    case "outcome":
      return {
        title: confirmationOf(answer.row),
        content: section(
          answer.row.category === "data" ? "peringatan" : "galat",
          [
            `<h2>Hasil pengecekan NIK ${escapeHtml(answer.nik)}</h2>`,
            `<p class="konfirmasi">${escapeHtml(confirmationOf(answer.row))}</p>`,
            answer.upstreamText === confirmationOf(answer.row)
              ? ""
              : `<p>Jawaban Dukcapil: ${escapeHtml(answer.upstreamText)}</p>`,
            adviceHtml(answer.row),
          ]
            .filter((line) => line !== "")
            .join("\n"),
        ),
      };
    case "quota":
      return {
        title: confirmationOf(answer.row),
        content: section(
          "galat",
          [
            `<h2>${escapeHtml(confirmationOf(answer.row))}</h2>`,
            answer.upstreamText === null
              ? `<p>NIK ${escapeHtml(answer.nik)} tidak dikirim: aplikasi tidak menghubungi Dukcapil lagi sampai ${escapeHtml(wibTime(answer.resumesAt))}.</p>`
              : `<p>Jawaban Dukcapil: ${escapeHtml(answer.upstreamText)}. Aplikasi tidak menghubungi Dukcapil lagi sampai ${escapeHtml(wibTime(answer.resumesAt))}.</p>`,
            adviceHtml(answer.row),
          ].join("\n"),
        ),
      };
    case "unknown":
      return {
        title: "Jawaban tidak dikenal",
        content: section(
          "peringatan",
          [
            `<h2>Jawaban Dukcapil tidak dikenal</h2>`,
            `<p class="konfirmasi">${escapeHtml(answer.upstreamText)}</p>`,
            `<p><strong>Tindak lanjut:</strong> Jangan mengulang permintaan; laporkan jawaban ini ke Disdukcapil.</p>`,
          ].join("\n"),
        ),
      };
    case "unavailable":
      return {
        title: UNAVAILABLE_TEXT,
        content: section(
          "galat",
          [
            `<h2>${UNAVAILABLE_TEXT}</h2>`,
            `<p>Dukcapil tidak dapat dihubungi (${escapeHtml(answer.reason)}, ${answer.attempts} kali percobaan). Silakan coba lagi beberapa saat lagi.</p>`,
          ].join("\n"),
        ),
      };
  }
}

function answerJson(answer: DeskAnswer, attribution: string): unknown {
  const base = { outcome: answer.kind, attribution };
  switch (answer.kind) {
    case "invalid":
      return {
        ...base,
        code: answer.row.code,
        sentUpstream: false,
        confirmation: confirmationOf(answer.row),
        reason: answer.reason,
        message: answer.message,
        advice: answer.row.actionId,
      };
    case "found":
      return {
        ...base,
        code: answer.row.code,
        nik: answer.nik,
        record: Object.fromEntries(answer.elements.map(({ element, value }) => [element, value])),
        labels: Object.fromEntries(
          answer.elements.map(({ element }) => [element, ELEMENT_LABELS[element]]),
        ),
        advice: answer.row.actionId,
      };
    case "outcome":
      return {
        ...base,
        outcome: answer.row.outcome,
        code: answer.row.code,
        nik: answer.nik,
        confirmation: confirmationOf(answer.row),
        upstreamText: answer.upstreamText,
        advice: answer.row.actionId,
      };
    case "quota":
      return {
        ...base,
        code: answer.row.code,
        nik: answer.nik,
        sentUpstream: answer.upstreamText !== null,
        confirmation: confirmationOf(answer.row),
        upstreamText: answer.upstreamText,
        resumesAt: new Date(answer.resumesAt).toISOString(),
        advice: answer.row.actionId,
      };
    case "unknown":
      return { ...base, nik: answer.nik, upstreamText: answer.upstreamText };
    case "unavailable":
      return {
        ...base,
        nik: answer.nik,
        message: UNAVAILABLE_TEXT,
        reason: answer.reason,
        attempts: answer.attempts,
      };
  }
}

/** Renders a desk answer as HTML (default) or JSON. */
export function renderAnswer(answer: DeskAnswer, attribution: string, json: boolean): Rendered {
  const status = statusOf(answer);
  if (json) {
    return {
      status,
      contentType: JSON_TYPE,
      body: JSON.stringify(answerJson(answer, attribution)),
    };
  }
  return { status, contentType: HTML, body: page({ attribution, ...answerHtml(answer) }) };
}

/** Renders the home page. */
export function renderHome(attribution: string): Rendered {
  return {
    status: 200,
    contentType: HTML,
    body: page({
      attribution,
      title: "Cek NIK",
      content: section(
        "",
        `<h2>Cek NIK pemohon</h2>\n<p>Ketik NIK dari KTP-el pemohon. Hasil hanya menampilkan elemen data yang diizinkan untuk instansi ini.</p>`,
      ),
    }),
  };
}

/** Renders the end-of-day report. */
export function renderEndOfDay(
  report: EndOfDayReport,
  attribution: string,
  json: boolean,
): Rendered {
  const status = report.problem === null ? 200 : report.problem.kind === "unavailable" ? 503 : 502;
  if (json) {
    return {
      status,
      contentType: JSON_TYPE,
      body: JSON.stringify({ outcome: "end-of-day", attribution, ...report }),
    };
  }
  const lines = [
    `<h2>Data balikan akhir hari</h2>`,
    `<p>Terkirim: ${report.sent}. Sudah pernah dikirim: ${report.alreadySent}. Menunggu: ${report.pending}.</p>`,
  ];
  if (report.problem?.kind === "unavailable") {
    lines.push(
      `<p class="konfirmasi">${UNAVAILABLE_TEXT} (${escapeHtml(report.problem.detail)}). Data balikan dikirim lagi saat layanan ditutup berikutnya.</p>`,
    );
  } else if (report.problem?.kind === "refused") {
    lines.push(
      `<p class="konfirmasi">Data balikan ditolak (${escapeHtml(report.problem.detail)}). Periksa token data balikan bersama Disdukcapil.</p>`,
    );
  }
  return {
    status,
    contentType: HTML,
    body: page({
      attribution,
      title: "Data balikan",
      content: section(report.problem === null ? "" : "galat", lines.join("\n")),
    }),
  };
}

/** Renders an error of the app itself (bad request, unknown page). */
export function renderProblem(
  status: number,
  message: string,
  attribution: string,
  json: boolean,
): Rendered {
  if (json) {
    return {
      status,
      contentType: JSON_TYPE,
      body: JSON.stringify({ outcome: "error", attribution, message }),
    };
  }
  return {
    status,
    contentType: HTML,
    body: page({
      attribution,
      title: "Kesalahan",
      content: section(
        "galat",
        `<h2>Permintaan tidak dapat diproses</h2>\n<p>${escapeHtml(message)}</p>`,
      ),
    }),
  };
}
