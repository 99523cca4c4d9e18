/**
 * The words of the portal's data balikan pages, in Indonesian (the default) and English.
 * The API's own answer texts (`DATA_BALIKAN_MESSAGES`) come from core, verbatim.
 */
import {
  DATA_BALIKAN_MESSAGES,
  type NikFailureReason,
  nikFailureMessages,
} from "@dukcapil-sandbox/core";
import type { DataBalikanColumn, DataBalikanRowReport } from "./data-balikan.js";
import type { PortalLanguage } from "./texts.js";

export interface DataBalikanTexts {
  readonly navSearch: string;
  readonly navDataBalikan: string;
  readonly navUpload: string;
  readonly formTitle: string;
  readonly formIntro: string;
  readonly formButton: string;
  readonly uploadTitle: string;
  readonly uploadIntro: string;
  readonly uploadRules: readonly string[];
  readonly fileLabel: string;
  readonly fileHint: string;
  readonly uploadButton: string;
  readonly templateCsv: string;
  readonly fieldLabels: Readonly<Record<DataBalikanColumn, string>>;
  readonly fieldHints: Readonly<Partial<Record<DataBalikanColumn, string>>>;
  readonly reportTitle: string;
  readonly reportIntro: string;
  readonly reportSource: (source: "form" | "csv" | "xlsx", fileName?: string) => string;
  readonly totalsCaption: string;
  readonly totalRows: string;
  readonly totalAccepted: string;
  readonly totalInvalid: string;
  readonly totalDuplicateInFile: string;
  readonly totalAlreadySent: string;
  readonly tableCaption: string;
  readonly colLine: string;
  readonly colNik: string;
  readonly colStatus: string;
  readonly colDetail: string;
  readonly statusAccepted: string;
  readonly statusInvalid: string;
  readonly statusDuplicateInFile: string;
  /** Verbatim `DATA_BALIKAN_MESSAGES.duplicate`. */
  readonly statusAlreadySent: string;
  readonly detailOf: (row: DataBalikanRowReport) => string;
  readonly noFile: string;
  readonly wrongType: string;
  readonly tooLarge: string;
  readonly unreadable: string;
  readonly technicalDetail: string;
  readonly noRows: string;
  readonly sendAnother: string;
}

const FIELD_LABELS_ID: Readonly<Record<DataBalikanColumn, string>> = {
  NIK: "NIK (16 digit)",
  NOMOR_REGISTER: "Nomor Register",
  NAMA_USAHA: "Nama Usaha",
  JENIS_USAHA: "Jenis Usaha",
};
const FIELD_LABELS_EN: Readonly<Record<DataBalikanColumn, string>> = {
  NIK: "NIK (16 digits)",
  NOMOR_REGISTER: "Register number",
  NAMA_USAHA: "Business name",
  JENIS_USAHA: "Business type",
};

function detail(
  row: DataBalikanRowReport,
  lang: PortalLanguage,
  labels: Readonly<Record<DataBalikanColumn, string>>,
): string {
  switch (row.status) {
    case "accepted":
      return lang === "id" ? "Diterima dan disimpan." : "Received and stored.";
    case "already-sent":
      return lang === "id"
        ? "NIK ini sudah pernah dikirim dengan data yang sama (lewat API, formulir atau unggahan); tidak disimpan lagi."
        : "This NIK was sent before with the same data (by the API, the form or an upload); not stored again.";
    case "duplicate-in-file":
      return lang === "id"
        ? `Sama dengan baris ${row.firstLine} pada berkas ini; hanya baris ${row.firstLine} yang diproses.`
        : `Same as line ${row.firstLine} of this file; only line ${row.firstLine} is processed.`;
    case "invalid": {
      const label = row.field === undefined ? undefined : labels[row.field];
      // "NIK (NIK (16 digit))" read oddly: the column name alone when its label already says it.
      const field =
        row.field === undefined || label === undefined
          ? ""
          : label.startsWith(row.field)
            ? `${label}: `
            : `${row.field} (${label}): `;
      const reason = row.reason;
      let why: string;
      if (reason === undefined) why = lang === "id" ? "tidak valid" : "invalid";
      else if (reason.kind === "required") why = lang === "id" ? "wajib diisi." : "required.";
      else if (reason.kind === "nik")
        why = nikFailureMessages[reason.nikReason as NikFailureReason][lang];
      else why = reason.message;
      const nothing =
        lang === "id"
          ? " Tidak ada data dari baris ini yang disimpan."
          : " Nothing of this row is stored.";
      return `${field}${why}${nothing}`;
    }
  }
}

export const DATA_BALIKAN_TEXTS: Readonly<Record<PortalLanguage, DataBalikanTexts>> = {
  id: {
    navSearch: "Pencarian NIK",
    navDataBalikan: "Data balikan: formulir",
    navUpload: "Data balikan: unggah berkas",
    formTitle: "Data balikan: formulir online",
    formIntro:
      "Kirim data balikan untuk satu NIK yang telah diakses instansi Anda: Nomor Register, Nama Usaha dan Jenis Usaha (PKS, Juknis 3.d metode Form Online). Aturannya sama dengan API data balikan: NIK yang sama dengan data yang sama hanya diterima sekali.",
    formButton: "Kirim data balikan",
    uploadTitle: "Data balikan: unggah CSV atau Excel",
    uploadIntro:
      "Unggah berkas CSV atau Excel (.xlsx) berisi satu baris per NIK (Juknis 3.d metode Upload Data Excel atau CSV). Setiap baris diperiksa dengan aturan API data balikan dan diproses sendiri-sendiri: baris yang valid disimpan, baris yang tidak valid atau duplikat tidak disimpan dan dilaporkan.",
    uploadRules: [
      "Baris pertama adalah judul kolom: NIK, NOMOR_REGISTER, NAMA_USAHA, JENIS_USAHA (urutan bebas, tanpa kolom lain). Unduh templat di bawah.",
      "Paling besar 1 MiB dan 5.000 baris data per berkas.",
      "CSV: UTF-8, pemisah koma atau titik koma. Excel: .xlsx (bukan .xls), sheet pertama; format kolom NIK sebagai Teks agar digit terakhir tidak hilang.",
      "Pengunggahan diproses per baris, bukan semua-atau-tidak-sama-sekali.",
    ],
    fileLabel: "Berkas data balikan (.csv atau .xlsx)",
    fileHint: "Pilih berkas dengan tombol di bawah, lalu tekan Unggah.",
    uploadButton: "Unggah dan periksa",
    templateCsv: "Unduh templat CSV",
    fieldLabels: FIELD_LABELS_ID,
    fieldHints: {
      NIK: "NIK penduduk yang datanya telah diakses instansi Anda.",
    },
    reportTitle: "Laporan validasi data balikan",
    reportIntro:
      "Diproses per baris: baris berstatus Diterima sudah disimpan; baris lain tidak disimpan. NIK disamarkan.",
    reportSource: (source, fileName) =>
      source === "form"
        ? "Sumber: formulir online."
        : `Sumber: berkas ${source === "csv" ? "CSV" : "Excel"}${fileName ? ` "${fileName}"` : ""}.`,
    totalsCaption: "Ringkasan",
    totalRows: "Baris data",
    totalAccepted: "Diterima",
    totalInvalid: "Tidak valid",
    totalDuplicateInFile: "Duplikat dalam berkas",
    totalAlreadySent: "Sudah pernah dikirim",
    tableCaption: "Hasil per baris",
    colLine: "Baris",
    colNik: "NIK (disamarkan)",
    colStatus: "Status",
    colDetail: "Keterangan",
    statusAccepted: "Diterima",
    statusInvalid: "Tidak valid",
    statusDuplicateInFile: "Duplikat dalam berkas",
    statusAlreadySent: DATA_BALIKAN_MESSAGES.duplicate,
    detailOf: (row) => detail(row, "id", FIELD_LABELS_ID),
    noFile: "Pilih berkas CSV atau Excel (.xlsx) terlebih dahulu.",
    wrongType:
      "Jenis berkas tidak didukung. Unggah berkas .csv atau .xlsx (bukan .xls, .ods atau PDF). Tidak ada data yang disimpan.",
    tooLarge:
      "Berkas terlalu besar: paling besar 1 MiB dan 5.000 baris data. Bagi menjadi beberapa berkas. Tidak ada data yang disimpan.",
    unreadable:
      "Berkas tidak dapat dibaca atau judul kolomnya tidak sesuai templat. Tidak ada data yang disimpan.",
    technicalDetail: "Detail teknis",
    noRows: "Berkas tidak berisi baris data di bawah judul kolom. Tidak ada data yang disimpan.",
    sendAnother: "Kirim data balikan lain",
  },
  en: {
    navSearch: "NIK search",
    navDataBalikan: "Return data: form",
    navUpload: "Return data: upload",
    formTitle: "Return data (data balikan): online form",
    formIntro:
      "Send return data for one NIK your institution has accessed: register number, business name and business type (the cooperation agreement, Juknis 3.d online form method). The rules are the data balikan API's: the same NIK with the same data is accepted once.",
    formButton: "Send return data",
    uploadTitle: "Return data (data balikan): CSV or Excel upload",
    uploadIntro:
      "Upload a CSV or Excel (.xlsx) file with one row per NIK (Juknis 3.d Excel or CSV upload method). Each row is checked with the data balikan API's rules and handled on its own: valid rows are stored, invalid or duplicate rows are reported and not stored.",
    uploadRules: [
      "The first row is the header: NIK, NOMOR_REGISTER, NAMA_USAHA, JENIS_USAHA (any order, no other columns). Download the template below.",
      "At most 1 MiB and 5,000 data rows per file.",
      "CSV: UTF-8, comma or semicolon separated. Excel: .xlsx (not .xls), first sheet; format the NIK column as Text so that the last digit is not lost.",
      "The upload is handled row by row, not all or nothing.",
    ],
    fileLabel: "Return data file (.csv or .xlsx)",
    fileHint: "Choose the file with the button below, then press Upload.",
    uploadButton: "Upload and check",
    templateCsv: "Download the CSV template",
    fieldLabels: FIELD_LABELS_EN,
    fieldHints: {
      NIK: "The NIK of a resident whose data your institution has accessed.",
    },
    reportTitle: "Return data validation report",
    reportIntro:
      "Handled row by row: rows marked Accepted are stored; the other rows are not. NIKs are masked.",
    reportSource: (source, fileName) =>
      source === "form"
        ? "Source: the online form."
        : `Source: ${source === "csv" ? "CSV" : "Excel"} file${fileName ? ` "${fileName}"` : ""}.`,
    totalsCaption: "Summary",
    totalRows: "Data rows",
    totalAccepted: "Accepted",
    totalInvalid: "Invalid",
    totalDuplicateInFile: "Duplicate within the file",
    totalAlreadySent: "Already sent before",
    tableCaption: "Result per row",
    colLine: "Line",
    colNik: "NIK (masked)",
    colStatus: "Status",
    colDetail: "Details",
    statusAccepted: "Accepted",
    statusInvalid: "Invalid",
    statusDuplicateInFile: "Duplicate within the file",
    statusAlreadySent: DATA_BALIKAN_MESSAGES.duplicate,
    detailOf: (row) => detail(row, "en", FIELD_LABELS_EN),
    noFile: "Choose a CSV or Excel (.xlsx) file first.",
    wrongType:
      "This file type is not supported. Upload a .csv or .xlsx file (not .xls, .ods or PDF). Nothing was stored.",
    tooLarge:
      "The file is too large: at most 1 MiB and 5,000 data rows. Split it into several files. Nothing was stored.",
    unreadable:
      "The file cannot be read or its header does not match the template. Nothing was stored.",
    technicalDetail: "Technical detail",
    noRows: "The file has no data rows below the header. Nothing was stored.",
    sendAnother: "Send more return data",
  },
};
