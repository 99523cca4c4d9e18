/**
 * Why a NIK failed to parse: one row per reason, in the order `parseNik` checks them,
 * with the message in English and Indonesian. Data, not a switch.
 */

/**
 * The failure reasons of {@link parseNik}, in checking order.
 *
 * @example
 * ```ts
 * import { NIK_FAILURE_REASONS } from "@dukcapil-sandbox/core";
 * NIK_FAILURE_REASONS.map((row) => row.reason);
 * // ["type", "non-digit", "length", "province", "regency", "district", "date", "serial"]
 * ```
 */
export const NIK_FAILURE_REASONS = [
  {
    reason: "type",
    en: "Failed to parse NIK: the value is not a string. Pass the NIK as a string of 16 digits; JSON numbers above 2^53 (all provinces 91–96) lose digits.",
    id: "Gagal membaca NIK: nilainya bukan string. Kirim NIK sebagai string 16 digit; angka JSON di atas 2^53 (semua provinsi 91–96) kehilangan digit.",
  },
  {
    reason: "non-digit",
    en: "Failed to parse NIK: it contains a character that is not an ASCII digit 0–9. Remove letters and symbols; only spaces, dots and dashes between digit groups are ignored.",
    id: "Gagal membaca NIK: ada karakter yang bukan angka ASCII 0–9. Hapus huruf dan simbol; hanya spasi, titik dan tanda hubung di antara kelompok angka yang diabaikan.",
  },
  {
    reason: "length",
    en: "Failed to parse NIK: it does not have exactly 16 digits. Check for a missing or extra digit.",
    id: "Gagal membaca NIK: jumlah digitnya bukan tepat 16. Periksa apakah ada digit yang kurang atau lebih.",
  },
  {
    reason: "province",
    en: "Failed to parse NIK: digits 1–2 are not a known province code. Check the NIK, or use regions: 'legacy' or 'none' for codes outside the current Kemendagri list.",
    id: "Gagal membaca NIK: digit 1–2 bukan kode provinsi yang dikenal. Periksa NIK, atau gunakan regions: 'legacy' atau 'none' untuk kode di luar daftar Kemendagri terbaru.",
  },
  {
    reason: "regency",
    en: "Failed to parse NIK: digits 1–4 are not a known regency or city code. Check the NIK, or use regions: 'legacy' for codes retired since (such as pre-2022 Papua codes).",
    id: "Gagal membaca NIK: digit 1–4 bukan kode kabupaten/kota yang dikenal. Periksa NIK, atau gunakan regions: 'legacy' untuk kode lama (seperti kode Papua sebelum 2022).",
  },
  {
    reason: "district",
    en: "Failed to parse NIK: digits 1–6 are not a known district code. Check the NIK, or use regions: 'legacy' for codes retired since.",
    id: "Gagal membaca NIK: digit 1–6 bukan kode kecamatan yang dikenal. Periksa NIK, atau gunakan regions: 'legacy' untuk kode lama.",
  },
  {
    reason: "date",
    en: "Failed to parse NIK: digits 7–12 are not a valid birth date (day 01–31 for men, 41–71 for women, a real calendar date not after the reference date). Check the date digits.",
    id: "Gagal membaca NIK: digit 7–12 bukan tanggal lahir yang sah (tanggal 01–31 untuk laki-laki, 41–71 untuk perempuan, tanggal kalender yang nyata dan tidak melewati tanggal acuan). Periksa digit tanggal.",
  },
  {
    reason: "serial",
    en: "Failed to parse NIK: the serial number (digits 13–16) is 0000, and serials start at 0001. Check the last four digits.",
    id: "Gagal membaca NIK: nomor urut (digit 13–16) adalah 0000, padahal nomor urut dimulai dari 0001. Periksa empat digit terakhir.",
  },
] as const satisfies readonly { reason: string; en: string; id: string }[];

/**
 * A reason why `parseNik` rejected its input.
 *
 * @example
 * ```ts
 * import { type NikFailureReason, parseNik } from "@dukcapil-sandbox/core";
 * const result = parseNik("3204051502900000");
 * const reason: NikFailureReason | undefined = result.ok ? undefined : result.reason; // "serial"
 * ```
 */
export type NikFailureReason = (typeof NIK_FAILURE_REASONS)[number]["reason"];

/**
 * The language of failure messages: English or Indonesian (Bahasa Indonesia).
 *
 * @example
 * ```ts
 * import { type NikMessageLanguage, parseNik } from "@dukcapil-sandbox/core";
 * const language: NikMessageLanguage = "id";
 * parseNik("123", { language });
 * ```
 */
export type NikMessageLanguage = "en" | "id";

/**
 * The message row of each reason, keyed by reason.
 *
 * @example
 * ```ts
 * import { nikFailureMessages } from "@dukcapil-sandbox/core";
 * nikFailureMessages.serial.id; // "Gagal membaca NIK: nomor urut …"
 * ```
 */
export const nikFailureMessages: Readonly<
  Record<NikFailureReason, { readonly en: string; readonly id: string }>
> = Object.freeze(
  Object.fromEntries(
    NIK_FAILURE_REASONS.map((row) => [row.reason, Object.freeze({ en: row.en, id: row.id })]),
  ) as Record<NikFailureReason, { readonly en: string; readonly id: string }>,
);
