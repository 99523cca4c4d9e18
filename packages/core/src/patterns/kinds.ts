/**
 * The catalogue of usage-pattern findings: one row per kind.
 *
 * Source: the Juknis of Disdukcapil Kabupaten Bandung (shared/seeds/002_*.txt,
 * II.E.1): NIK input in an agency application "tidak boleh dilakukan dengan cara
 * berurutan, berpola, dan dalam waktu yang berdekatan". Each of the three
 * prohibitions has one row. The detector, the simulator's diagnostics, the
 * conformance report and the docs all read these rows.
 */

/**
 * The stable code of a usage-pattern finding.
 *
 * @example
 * ```ts
 * import type { UsagePatternCode } from "@dukcapil-sandbox/core";
 * const code: UsagePatternCode = "PATTERN_SEQUENTIAL";
 * ```
 */
export type UsagePatternCode = "PATTERN_SEQUENTIAL" | "PATTERN_PREFIX_SWEEP" | "PATTERN_BURST";

/**
 * How serious a finding is: `critical` fails a PoC on its own, `warning` needs an explanation, `info` is for the record.
 *
 * @example
 * ```ts
 * import type { UsagePatternSeverity } from "@dukcapil-sandbox/core";
 * const severity: UsagePatternSeverity = "warning";
 * ```
 */
export type UsagePatternSeverity = "info" | "warning" | "critical";

/**
 * One kind of usage-pattern finding and everything an agency needs to know about it.
 *
 * @example
 * ```ts
 * import { type UsagePatternKindRow, usagePatternKinds } from "@dukcapil-sandbox/core";
 * const rows: readonly UsagePatternKindRow[] = usagePatternKinds;
 * rows.map((row) => `${row.titleId} — ${row.remedyId}`);
 * ```
 */
export interface UsagePatternKindRow {
  readonly code: UsagePatternCode;
  readonly severity: UsagePatternSeverity;
  /** Short title in Indonesian (shown to operators and in the result letter). */
  readonly titleId: string;
  /** Short title in English. */
  readonly titleEn: string;
  /** The clause this kind enforces. */
  readonly clause: string;
  /** The words of the clause this kind enforces, verbatim from the Juknis. */
  readonly clauseQuote: string;
  /** What the detector looks for, in English (thresholds are options; see `UsagePatternOptions`). */
  readonly detectsEn: string;
  /** What the detector looks for, in Indonesian. */
  readonly detectsId: string;
  /** What the agency should change in its application, in English. */
  readonly remedyEn: string;
  /** What the agency should change in its application, in Indonesian. */
  readonly remedyId: string;
}

const JUKNIS_II_E_1 =
  "Juknis Web Portal, Disdukcapil Kabupaten Bandung, II.E.1 (shared/seeds/002_f37622d7202cca36.txt)";

/**
 * Every kind of usage-pattern finding. Read it; never copy its texts.
 *
 * @example
 * ```ts
 * import { usagePatternKinds } from "@dukcapil-sandbox/core";
 * const critical = usagePatternKinds.filter((row) => row.severity === "critical");
 * critical.map((row) => row.code); // ["PATTERN_SEQUENTIAL"]
 * ```
 */
export const usagePatternKinds: readonly UsagePatternKindRow[] = Object.freeze([
  Object.freeze({
    code: "PATTERN_SEQUENTIAL",
    severity: "critical",
    titleId: "Input NIK berurutan",
    titleEn: "Sequential NIK input",
    clause: JUKNIS_II_E_1,
    clauseQuote: "tidak boleh dilakukan dengan cara berurutan",
    detectsEn:
      "Distinct NIKs whose 16-digit values form an arithmetic progression with a constant non-zero step (serial +1, serial −1, step 7, the day digits counting up, …), in any order, among the recent lookups or among the recent lookups of one 12-digit prefix even when other lookups come in between. NIKs of babies born within the last year (recentBirthDays) are not counted: serials count the NIKs of one district, birth date and sex from 0001, so the newborns a hospital or puskesmas checks are consecutive in the day digits and often in the serial by nature.",
    detectsId:
      "NIK berbeda yang nilai 16 digitnya membentuk barisan aritmetika dengan selisih tetap bukan nol (nomor urut +1, −1, selisih 7, digit tanggal naik, …), dalam urutan apa pun, di antara pencarian terakhir atau di antara pencarian terakhir dengan 12 digit awal yang sama meskipun diselingi pencarian lain. NIK bayi yang lahir dalam setahun terakhir (recentBirthDays) tidak dihitung: nomor urut menghitung NIK per kecamatan, tanggal lahir dan jenis kelamin mulai 0001, sehingga NIK bayi yang diperiksa rumah sakit atau puskesmas dengan sendirinya berurutan pada digit tanggal dan sering pada nomor urut.",
    remedyEn:
      "Look up only the NIK of the person being served, typed by the operator or read from their KTP-el. Never generate NIKs by counting up or down, and never loop over a range of NIKs.",
    remedyId:
      "Lakukan pencarian hanya untuk NIK penduduk yang sedang dilayani, diketik oleh petugas atau dibaca dari KTP-el. Jangan membuat NIK dengan menaikkan atau menurunkan angka, dan jangan melakukan perulangan atas rentang NIK.",
  }),
  Object.freeze({
    code: "PATTERN_PREFIX_SWEEP",
    severity: "warning",
    titleId: "Input NIK berpola (penyisiran wilayah/tanggal lahir)",
    titleEn: "Patterned NIK input (region or birth-date sweep)",
    clause: JUKNIS_II_E_1,
    clauseQuote: "berpola",
    detectsEn:
      "Many distinct NIKs with the same first 12 digits (region and birth date) within the sweep window, or NIKs of one 6-digit district whose birth dates cover consecutive calendar days. Birth dates within the last year (recentBirthDays) do not count towards consecutive days: a hospital, puskesmas or civil-registry counter serving the newborns of its district sees consecutive birth dates by nature (before this rule, nearly every simulated day of 40 newborns of one district was flagged), while the birth dates of other residents spread over some 80 years, so five consecutive days among them come from stepping the date.",
    detectsId:
      "Banyak NIK berbeda dengan 12 digit awal yang sama (wilayah dan tanggal lahir) dalam jendela waktu penyisiran, atau NIK dari satu kecamatan (6 digit) yang tanggal lahirnya mencakup hari-hari berturut-turut. Tanggal lahir dalam setahun terakhir (recentBirthDays) tidak dihitung sebagai hari berturut-turut: rumah sakit, puskesmas atau loket pencatatan sipil yang melayani bayi baru lahir di kecamatannya dengan sendirinya melihat tanggal lahir berturut-turut, sedangkan tanggal lahir penduduk lain tersebar sekitar 80 tahun, sehingga lima hari berturut-turut di antara mereka berasal dari penyisiran tanggal.",
    remedyEn:
      "Do not enumerate the residents of a region or of a birth date. Look up one person at a time, when that person asks for a service; data for a whole group must be requested from Disdukcapil under the cooperation agreement (PKS), not swept through the Web Portal.",
    remedyId:
      "Jangan menyisir penduduk suatu wilayah atau tanggal lahir. Lakukan pencarian satu per satu, saat penduduk yang bersangkutan meminta layanan; data untuk satu kelompok harus dimohonkan kepada Disdukcapil sesuai PKS, bukan disisir melalui Web Portal.",
  }),
  Object.freeze({
    code: "PATTERN_BURST",
    severity: "warning",
    titleId: "Input NIK dalam waktu berdekatan",
    titleEn: "NIK lookups close together in time",
    clause: JUKNIS_II_E_1,
    clauseQuote: "dalam waktu yang berdekatan",
    detectsEn:
      "More lookups within a sliding time window than an operator serving people at a counter can make (by default more than 20 within 60 seconds).",
    detectsId:
      "Jumlah pencarian dalam satu jendela waktu bergeser melebihi kemampuan petugas yang melayani penduduk di loket (bawaan: lebih dari 20 dalam 60 detik).",
    remedyEn:
      "Send one lookup per service transaction, at the pace of the counter. Remove batch jobs, loops over lists of NIKs and retries without back-off; space out any background re-checks.",
    remedyId:
      "Kirim satu pencarian untuk setiap transaksi layanan, sesuai kecepatan pelayanan di loket. Hapus proses massal (batch), perulangan atas daftar NIK dan pengulangan tanpa jeda; beri jarak pada pemeriksaan ulang di latar belakang.",
  }),
] as const satisfies readonly UsagePatternKindRow[]);

const byCode: ReadonlyMap<string, UsagePatternKindRow> = new Map(
  usagePatternKinds.map((row) => [row.code, row]),
);

/**
 * The row of one usage-pattern code, or `undefined` for a code the catalogue lacks.
 *
 * @example
 * ```ts
 * import { usagePatternKind } from "@dukcapil-sandbox/core";
 * usagePatternKind("PATTERN_BURST")?.titleId; // "Input NIK dalam waktu berdekatan"
 * ```
 */
export function usagePatternKind(code: string): UsagePatternKindRow | undefined {
  return byCode.get(code);
}
