/**
 * The Web Portal's own words, in Indonesian (the default) and English. The upstream's
 * confirmations are NOT here: they come verbatim from core's response-code catalogue.
 */
import { JAKARTA_OFFSET_MS, type RecordElement } from "@dukcapil-sandbox/core";

/** The languages of the portal: Indonesian first. */
export const PORTAL_LANGUAGES = ["id", "en"] as const;
export type PortalLanguage = (typeof PORTAL_LANGUAGES)[number];

export function isPortalLanguage(value: unknown): value is PortalLanguage {
  return value === "id" || value === "en";
}

/** Every text of the interface, per language. */
export interface PortalTexts {
  readonly serviceName: string;
  readonly sandboxBadge: string;
  readonly skipLink: string;
  readonly navLabel: string;
  /** The name of the other language, in that language (the toggle link). */
  readonly otherLanguageName: string;
  readonly otherLanguage: PortalLanguage;
  readonly loginTitle: string;
  readonly loginIntro: string;
  readonly userIdLabel: string;
  readonly passwordLabel: string;
  readonly loginButton: string;
  readonly logoutButton: string;
  readonly loggedOut: string;
  readonly sessionEnded: string;
  readonly loginRefused: string;
  readonly attemptsLeft: (n: number) => string;
  readonly locked: (until: string) => string;
  readonly searchTitle: string;
  readonly loggedInAs: string;
  readonly nikLabel: string;
  readonly nikHint: string;
  readonly searchButton: string;
  readonly quotaLeft: (left: number, limit: number) => string;
  readonly quotaUnlimited: string;
  readonly quotaResets: string;
  readonly resultTitle: string;
  readonly resultCaption: string;
  readonly confirmationTitle: string;
  readonly nikSearched: string;
  readonly meaningLabel: string;
  readonly adviceLabel: string;
  readonly noStoreNotice: string;
  readonly emptyValue: string;
  readonly patternWarning: string;
  readonly patternBlockAdvice: string;
  readonly csrfRefused: string;
  readonly errorTitle: string;
  readonly errorCodeLabel: string;
  readonly formInvalid: string;
  readonly notFound: string;
  readonly unavailable: (status: number) => string;
  readonly internalError: string;
  readonly backToPortal: string;
  readonly sandboxFooter: string;
  /** "09.15 WIB" / "09:15 WIB" of an instant. */
  readonly wibTime: (epochMs: number) => string;
  readonly elementLabels: Readonly<Record<RecordElement, string>>;
}

function wib(epochMs: number, separator: string): string {
  const date = new Date(epochMs + JAKARTA_OFFSET_MS);
  const hh = String(date.getUTCHours()).padStart(2, "0");
  const mm = String(date.getUTCMinutes()).padStart(2, "0");
  return `${hh}${separator}${mm} WIB`;
}

/** Element labels: the Juknis (II.C.2.a) wording for the nine Web Portal elements. */
const ELEMENT_LABELS_ID: Readonly<Record<RecordElement, string>> = {
  NIK: "NIK",
  NO_KK: "Nomor KK",
  NAMA_LGKP: "Nama Lengkap",
  JENIS_KLMIN: "Jenis Kelamin",
  TMPT_LHR: "Tempat Lahir",
  TGL_LHR: "Tanggal/Bulan/Tahun Lahir",
  NO_AKTA_LHR: "Nomor Akta Lahir",
  GOL_DARAH: "Golongan Darah",
  AGAMA: "Agama",
  STATUS_KAWIN: "Status Perkawinan",
  NO_AKTA_KWN: "Nomor Akta Perkawinan",
  TGL_KWN: "Tanggal Perkawinan",
  NO_AKTA_CRAI: "Nomor Akta Perceraian",
  TGL_CRAI: "Tanggal Perceraian",
  STAT_HBKEL: "Status Hubungan dalam Keluarga",
  PNYDNG_CCT: "Penyandang Cacat",
  PDDK_AKH: "Pendidikan Terakhir",
  JENIS_PKRJN: "Jenis Pekerjaan",
  NAMA_LGKP_IBU: "Nama Lengkap Ibu",
  NAMA_LGKP_AYAH: "Nama Lengkap Ayah",
  ALAMAT: "Alamat",
  NO_RT: "RT",
  NO_RW: "RW",
  DUSUN: "Dusun",
  KODE_POS: "Kode Pos",
  NO_PROP: "Kode Provinsi",
  PROP_NAME: "Nama Provinsi",
  NO_KAB: "Kode Kabupaten/Kota",
  KAB_NAME: "Nama Kabupaten/Kota",
  NO_KEC: "Kode Kecamatan",
  KEC_NAME: "Nama Kecamatan",
  NO_KEL: "Kode Desa/Kelurahan",
  KEL_NAME: "Nama Desa/Kelurahan",
  EKTP_STATUS: "Status KTP-el",
};

const ELEMENT_LABELS_EN: Readonly<Record<RecordElement, string>> = {
  NIK: "NIK (population identity number)",
  NO_KK: "Family card number (KK)",
  NAMA_LGKP: "Full name",
  JENIS_KLMIN: "Sex",
  TMPT_LHR: "Place of birth",
  TGL_LHR: "Date of birth",
  NO_AKTA_LHR: "Birth certificate number",
  GOL_DARAH: "Blood type",
  AGAMA: "Religion",
  STATUS_KAWIN: "Marital status",
  NO_AKTA_KWN: "Marriage certificate number",
  TGL_KWN: "Date of marriage",
  NO_AKTA_CRAI: "Divorce certificate number",
  TGL_CRAI: "Date of divorce",
  STAT_HBKEL: "Relationship in the family",
  PNYDNG_CCT: "Disability",
  PDDK_AKH: "Highest education",
  JENIS_PKRJN: "Occupation",
  NAMA_LGKP_IBU: "Mother's full name",
  NAMA_LGKP_AYAH: "Father's full name",
  ALAMAT: "Address",
  NO_RT: "RT (neighbourhood)",
  NO_RW: "RW (community)",
  DUSUN: "Hamlet (dusun)",
  KODE_POS: "Postal code",
  NO_PROP: "Province code",
  PROP_NAME: "Province",
  NO_KAB: "Regency/city code",
  KAB_NAME: "Regency/city",
  NO_KEC: "District (kecamatan) code",
  KEC_NAME: "District (kecamatan)",
  NO_KEL: "Village code",
  KEL_NAME: "Village (desa/kelurahan)",
  EKTP_STATUS: "e-KTP status",
};

/** The texts of each language. */
export const PORTAL_TEXTS: Readonly<Record<PortalLanguage, PortalTexts>> = {
  id: {
    serviceName: "Web Portal Data Kependudukan",
    sandboxBadge: "Sandbox: semua data penduduk fiktif",
    skipLink: "Langsung ke konten utama",
    navLabel: "Navigasi akun dan bahasa",
    otherLanguageName: "English",
    otherLanguage: "en",
    loginTitle: "Masuk",
    loginIntro:
      "Masuk dengan User ID dan password yang diberikan Dinas Dukcapil. Akses hanya dari alamat IP yang terdaftar untuk instansi Anda.",
    userIdLabel: "User ID",
    passwordLabel: "Password",
    loginButton: "Masuk",
    logoutButton: "Keluar",
    loggedOut:
      "Anda telah keluar. Hasil pencarian tidak disimpan di peramban ini dan tidak dapat dibuka kembali.",
    sessionEnded: "Sesi Anda telah berakhir. Silakan masuk kembali.",
    loginRefused: "Login ditolak",
    attemptsLeft: (n) => `Sisa percobaan sebelum User ID ini dikunci: ${n}.`,
    locked: (until) =>
      `User ID ini dikunci sementara karena 5 kali gagal masuk dalam 15 menit. Coba lagi pukul ${until}.`,
    searchTitle: "Pencarian NIK",
    loggedInAs: "Masuk sebagai",
    nikLabel: "NIK (16 digit)",
    nikHint:
      "Masukkan NIK sesuai tujuan pemanfaatan data. Jangan memasukkan NIK secara berurutan, berpola, atau dalam waktu yang berdekatan (Juknis II.E.1).",
    searchButton: "Cari",
    quotaLeft: (left, limit) => `Sisa kuota hari ini: ${left} dari ${limit} hit NIK.`,
    quotaUnlimited: "Kuota hari ini: tanpa batas (tahap produksi).",
    quotaResets: "Kuota diatur ulang setiap pukul 00.00 WIB.",
    resultTitle: "Hasil pencarian",
    resultCaption: "Elemen data yang diberikan kepada instansi Anda",
    confirmationTitle: "Konfirmasi",
    nikSearched: "NIK yang dicari",
    meaningLabel: "Arti",
    adviceLabel: "Saran",
    noStoreNotice:
      "Jangan menyimpan, mencetak, menyalin atau membagikan data ini kepada pihak lain (Juknis II.E.2).",
    emptyValue: "(kosong)",
    patternWarning:
      "Peringatan sandbox: input NIK Anda terdeteksi berurutan, berpola atau berdekatan waktunya (Juknis II.E.1). Temuan:",
    patternBlockAdvice:
      "Hentikan pencarian untuk hari ini dan periksa cara NIK diinput. Blokir ini hanya ada di sandbox.",
    csrfRefused:
      "Formulir ini sudah tidak berlaku (token keamanan tidak cocok) dan tidak diproses. Silakan isi dan kirim ulang formulir di bawah.",
    errorTitle: "Permintaan tidak dapat diproses",
    errorCodeLabel: "Kode kesalahan sandbox",
    formInvalid: "Formulir tidak dapat dibaca. Kirim ulang dari halaman portal.",
    notFound: "Halaman tidak ditemukan.",
    unavailable: (status) =>
      `Layanan sedang tidak tersedia (HTTP ${status}). Pencarian tidak diproses; coba lagi nanti.`,
    internalError: "Terjadi kesalahan pada simulator. Laporkan beserta entri jurnal permintaan.",
    backToPortal: "Kembali ke Web Portal",
    sandboxFooter:
      "dukcapil-sandbox: simulator untuk pengujian. Jangan memasukkan User ID atau password Dukcapil yang asli.",
    wibTime: (epochMs) => wib(epochMs, "."),
    elementLabels: ELEMENT_LABELS_ID,
  },
  en: {
    serviceName: "Population Data Web Portal",
    sandboxBadge: "Sandbox: every resident is fictitious",
    skipLink: "Skip to main content",
    navLabel: "Account and language",
    otherLanguageName: "Bahasa Indonesia",
    otherLanguage: "id",
    loginTitle: "Log in",
    loginIntro:
      "Log in with the user ID and password issued by the Dinas Dukcapil. Access is allowed only from the IP addresses registered for your institution.",
    userIdLabel: "User ID",
    passwordLabel: "Password",
    loginButton: "Log in",
    logoutButton: "Log out",
    loggedOut:
      "You have logged out. Search results are not kept in this browser and cannot be reopened.",
    sessionEnded: "Your session has ended. Please log in again.",
    loginRefused: "Login refused",
    attemptsLeft: (n) => `Attempts left before this user ID is locked: ${n}.`,
    locked: (until) =>
      `This user ID is locked for now after 5 failed logins within 15 minutes. Try again at ${until}.`,
    searchTitle: "NIK search",
    loggedInAs: "Logged in as",
    nikLabel: "NIK (16 digits)",
    nikHint:
      "Enter a NIK only for the purpose agreed in the cooperation agreement. Do not enter NIKs in sequence, in patterns or in quick succession (Juknis II.E.1).",
    searchButton: "Search",
    quotaLeft: (left, limit) => `Quota left today: ${left} of ${limit} NIK hits.`,
    quotaUnlimited: "Quota today: unlimited (production stage).",
    quotaResets: "The quota resets every day at 00:00 WIB.",
    resultTitle: "Search result",
    resultCaption: "Data elements granted to your institution",
    confirmationTitle: "Confirmation",
    nikSearched: "NIK searched",
    meaningLabel: "Meaning",
    adviceLabel: "Advice",
    noStoreNotice: "Do not store, print, copy or share this data with anyone else (Juknis II.E.2).",
    emptyValue: "(empty)",
    patternWarning:
      "Sandbox warning: your NIK input looks sequential, patterned or too close in time (Juknis II.E.1). Findings:",
    patternBlockAdvice:
      "Stop searching for today and check how NIKs are entered. This block exists in the sandbox only.",
    csrfRefused:
      "This form is no longer valid (its security token does not match) and was not processed. Please fill in and send the form below again.",
    errorTitle: "The request cannot be processed",
    errorCodeLabel: "Sandbox error code",
    formInvalid: "The form could not be read. Send it again from a portal page.",
    notFound: "Page not found.",
    unavailable: (status) =>
      `The service is unavailable (HTTP ${status}). The search was not processed; try again later.`,
    internalError: "The simulator failed. Report it with the request journal entry.",
    backToPortal: "Back to the Web Portal",
    sandboxFooter:
      "dukcapil-sandbox: a simulator for testing. Never enter a real Dukcapil user ID or password.",
    wibTime: (epochMs) => wib(epochMs, ":"),
    elementLabels: ELEMENT_LABELS_EN,
  },
};
