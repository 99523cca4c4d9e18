/**
 * The response-code catalogue: one row per upstream outcome.
 *
 * Source: shared/spec/wire-format.md, Decisions §4 (texts), §3 (check order) and
 * §5 (quota); the Web Portal confirmations are verbatim from the Juknis
 * (shared/seeds/002_*.txt, II.C.2.b). The simulator, the typed client, the web
 * portal, the docs and the tests all read these rows; nothing else hard-codes a
 * response text or switches over codes. The code and outcome-name types are derived
 * from the table.
 */

import { DukcapilCoreError } from "../errors.js";

/**
 * Where an outcome comes from: the person's data, the request's parameters
 * (credentials, addresses, account status), or the agency's usage (quota, hours).
 *
 * @example
 * ```ts
 * import { type ResponseCategory, responseCodes } from "@dukcapil-sandbox/core";
 * const category: ResponseCategory = "usage";
 * responseCodes.filter((row) => row.category === category).map((row) => row.code); // ["05", "06"]
 * ```
 */
export type ResponseCategory = "data" | "parameter" | "usage";

/**
 * Whether sending the same request again can help:
 * `never` — the answer will be the same; `after-fix` — only after an operator fixes
 * an account, address or password; `next-day` — after 00:00 WIB, when the daily
 * quota resets; `later` — inside the permitted access hours.
 *
 * @example
 * ```ts
 * import { outcomeRow, type RetryAdvice } from "@dukcapil-sandbox/core";
 * const advice: RetryAdvice = outcomeRow("quota-exhausted").retry; // "next-day"
 * ```
 */
export type RetryAdvice = "never" | "after-fix" | "next-day" | "later";

/**
 * The shape every catalogue row satisfies; {@link ResponseCodeRow} narrows `code` and
 * `outcome` to the values the table holds.
 */
interface ResponseCodeRowShape {
  readonly code: string;
  readonly outcome: string;
  readonly category: ResponseCategory;
  /** The Web Portal confirmation, verbatim from the Juknis; `null` where the Juknis names none. */
  readonly portalText: string | null;
  /** `content[0].RESPON` of the lookup endpoint; `null` for `found` (the record is sent). */
  readonly lookupText: string | null;
  /** `content[0].RESPONSE` of verify-by-element; `null` for `found` (per-field results are sent). */
  readonly verifyText: string | null;
  /** Spellings of the same outcome seen from other deployments or mocks (matched case-insensitively). */
  readonly textVariants: readonly string[];
  /** English meaning. */
  readonly meaningEn: string;
  /** Whether the request counts as one hit against the daily quota. */
  readonly consumesQuota: boolean;
  readonly retry: RetryAdvice;
  /** What an agency application should do, in English. */
  readonly actionEn: string;
  /** What an agency application should do, in Indonesian (shown to operators). */
  readonly actionId: string;
  /** Whether the text is observed from the real service or inferred (see wire-format.md). */
  readonly evidence: "real" | "client" | "inferred";
}

/** The table itself; the types below are derived from it. */
const rows = [
  {
    code: "01",
    outcome: "found",
    category: "data",
    portalText: null,
    lookupText: null,
    verifyText: null,
    textVariants: [],
    meaningEn: "Data found: the record (or per-field verify results) is returned.",
    consumesQuota: true,
    retry: "never",
    actionEn:
      "Use and show only the granted elements; do not store them after the transaction ends.",
    actionId: "Gunakan dan tampilkan hanya elemen data yang diberikan; jangan menyimpan data.",
    evidence: "real",
  },
  {
    code: "03",
    outcome: "login-failed",
    category: "parameter",
    portalText: "Gagal Login",
    lookupText: "Login Gagal",
    verifyText: "Login Gagal",
    textVariants: ["Login gagal"],
    meaningEn: "Wrong user ID or password.",
    consumesQuota: false,
    retry: "after-fix",
    actionEn:
      "Stop calling; tell the operator that the user ID or password is wrong and must be checked with Disdukcapil.",
    actionId:
      "Hentikan permintaan; beri tahu operator bahwa User ID atau password salah dan perlu dicek ke Disdukcapil.",
    evidence: "client",
  },
  {
    code: "04",
    outcome: "ip-mismatch",
    category: "parameter",
    portalText: null,
    lookupText: "IP Address Tidak Sesuai",
    verifyText: "IP Address Tidak Sesuai",
    textVariants: ["IP Tidak Sesuai"],
    meaningEn: "The ip_user in the request differs from the address registered for the user ID.",
    consumesQuota: false,
    retry: "after-fix",
    actionEn: "Stop calling; send the IP address registered for this user ID in ip_user.",
    actionId: "Hentikan permintaan; kirim alamat IP yang terdaftar untuk User ID ini pada ip_user.",
    evidence: "client",
  },
  {
    code: "05",
    outcome: "quota-exhausted",
    category: "usage",
    portalText: "Kuota akses hari ini telah habis",
    lookupText: "Kuota Akses Hari ini telah Habis",
    verifyText: "Kuota Akses Hari Ini Telah Habis",
    textVariants: [],
    meaningEn: "Today's access quota is used up; it resets at 00:00 WIB (Asia/Jakarta).",
    consumesQuota: false,
    retry: "next-day",
    actionEn:
      "Stop calling for the rest of the day (until 00:00 WIB); tell the operator; never retry in a loop.",
    actionId:
      "Hentikan permintaan sampai pukul 00.00 WIB; beri tahu operator; jangan mengulang terus-menerus.",
    evidence: "real",
  },
  {
    code: "06",
    outcome: "outside-hours",
    category: "usage",
    portalText: null,
    lookupText: "Akses di luar waktu yang diizinkan",
    verifyText: "Akses di luar waktu yang diizinkan",
    textVariants: [],
    meaningEn: "The request came outside the access hours permitted to the institution.",
    consumesQuota: false,
    retry: "later",
    actionEn: "Stop calling until the permitted access hours begin; tell the operator.",
    actionId: "Hentikan permintaan sampai jam akses yang diizinkan; beri tahu operator.",
    evidence: "inferred",
  },
  {
    code: "07",
    outcome: "invalid-request",
    category: "parameter",
    portalText: null,
    lookupText: "Parameter Tidak Lengkap / Tidak Valid",
    verifyText: "Parameter Tidak Lengkap / Tidak Valid",
    textVariants: [],
    meaningEn: "The body could not be parsed or the NIK is missing.",
    consumesQuota: false,
    retry: "never",
    actionEn: "Fix the request: send a JSON body with the NIK and the credentials.",
    actionId: "Perbaiki permintaan: kirim body JSON berisi NIK dan kredensial.",
    evidence: "inferred",
  },
  {
    code: "09",
    outcome: "empty-credentials",
    category: "parameter",
    portalText: null,
    lookupText: "User, password dan IP tidak boleh kosong",
    verifyText: "User, password dan IP tidak boleh kosong",
    textVariants: [],
    meaningEn: "The user ID, password or ip_user is empty.",
    consumesQuota: false,
    retry: "after-fix",
    actionEn: "Stop calling; configure the user ID, password and ip_user.",
    actionId: "Hentikan permintaan; isi User ID, password dan ip_user pada konfigurasi.",
    evidence: "inferred",
  },
  {
    code: "10",
    outcome: "address-not-registered",
    category: "parameter",
    portalText: null,
    lookupText: "IP Client  Tidak terdaftar",
    verifyText: "IP Client  Tidak terdaftar",
    textVariants: ["IP Client Tidak Terdaftar"],
    meaningEn: "The connecting address is not in the institution's allowlist.",
    consumesQuota: false,
    retry: "after-fix",
    actionEn:
      "Stop calling; connect from the registered LAN address or ask Disdukcapil to register this one.",
    actionId:
      "Hentikan permintaan; akses dari IP LAN yang terdaftar atau ajukan pendaftaran IP ke Disdukcapil.",
    evidence: "client",
  },
  {
    code: "11",
    outcome: "deceased",
    category: "data",
    portalText: "Data Ditemukan, Meninggal Dunia",
    lookupText: "Data Ditemukan, Meninggal Dunia",
    verifyText: "Data Ditemukan, Meninggal Dunia",
    textVariants: [],
    meaningEn: "Data found: the person is recorded as deceased; no record is returned.",
    consumesQuota: true,
    retry: "never",
    actionEn: "Show the confirmation; do not treat the person as living or as not found.",
    actionId: "Tampilkan konfirmasi; jangan perlakukan penduduk sebagai masih hidup.",
    evidence: "real",
  },
  {
    code: "12",
    outcome: "duplicate",
    category: "data",
    portalText: "Data Ditemukan, Data Ganda",
    lookupText: "Data Ditemukan, Data Ganda",
    verifyText: "Data Ditemukan, Data Ganda",
    textVariants: [],
    meaningEn: "Data found: the NIK has duplicate records; no record is returned.",
    consumesQuota: true,
    retry: "never",
    actionEn:
      "Show the confirmation and refer the resident to Disdukcapil to resolve the duplicate.",
    actionId:
      "Tampilkan konfirmasi dan arahkan penduduk ke Disdukcapil untuk perbaikan data ganda.",
    evidence: "real",
  },
  {
    code: "13",
    outcome: "not-found",
    category: "data",
    portalText: "Data tidak ditemukan, NIK tidak terdapat di database kependudukan",
    lookupText: "Data Tidak Ditemukan",
    verifyText: "Data Tidak Ditemukan, NIK tidak terdapat di database Kependudukan",
    textVariants: ["Data tidak ditemukan", "Data Tidak Ditemukan!"],
    meaningEn: "No person with this NIK in the population database.",
    consumesQuota: true,
    retry: "never",
    actionEn: "Show the confirmation; ask the operator to check the NIK typed; do not retry.",
    actionId: "Tampilkan konfirmasi; minta operator memeriksa NIK yang diketik; jangan diulang.",
    evidence: "real",
  },
  {
    code: "14",
    outcome: "inactive",
    category: "data",
    portalText: "Data Ditemukan, Status Non Aktif silahkan hubungi Dinas Dukcapil",
    lookupText: "Data Ditemukan, Status Non Aktif silahkan hubungi Dinas Dukcapil",
    verifyText: "Data Ditemukan, Status Non Aktif silahkan hubungi Dinas Dukcapil",
    textVariants: ["Data Ditemukan, Status Tidak Aktif silakan hubungi Dinas Dukcapil"],
    meaningEn: "Data found but the record is inactive; the resident must contact Disdukcapil.",
    consumesQuota: true,
    retry: "never",
    actionEn: "Show the confirmation and refer the resident to the Dinas Dukcapil.",
    actionId: "Tampilkan konfirmasi dan arahkan penduduk ke Dinas Dukcapil.",
    evidence: "client",
  },
  {
    code: "15",
    outcome: "malformed-nik",
    category: "data",
    portalText: "Data tidak ditemukan, NIK tidak sesuai format Dukcapil",
    lookupText: "Data Tidak Ditemukan, NIK tidak sesuai format Dukcapil",
    verifyText: "Data Tidak Ditemukan, NIK tidak sesuai format Dukcapil",
    textVariants: [],
    meaningEn: "The NIK does not have the Dukcapil format.",
    consumesQuota: true,
    retry: "never",
    actionEn:
      "Validate the NIK locally before calling (a malformed NIK still costs a hit upstream); ask the operator to retype it.",
    actionId: "Periksa format NIK sebelum memanggil API; minta operator mengetik ulang NIK.",
    evidence: "client",
  },
  {
    code: "16",
    outcome: "institution-inactive",
    category: "parameter",
    portalText: "Instansi tidak aktif",
    lookupText: "Instansi Tidak Aktif",
    verifyText: "Instansi Tidak Aktif",
    textVariants: [],
    meaningEn: "The institution's access is inactive.",
    consumesQuota: false,
    retry: "after-fix",
    actionEn: "Stop calling; the institution must contact Disdukcapil to reactivate its access.",
    actionId: "Hentikan permintaan; instansi perlu menghubungi Disdukcapil untuk aktivasi.",
    evidence: "inferred",
  },
  {
    code: "17",
    outcome: "user-inactive",
    category: "parameter",
    portalText: "User ID non aktif, silahkan menghubungi Admin",
    lookupText: "User ID Tidak Aktif",
    verifyText: "User ID Tidak Aktif",
    textVariants: [],
    meaningEn: "The user ID is inactive; the administrator must reactivate it.",
    consumesQuota: false,
    retry: "after-fix",
    actionEn: "Stop calling; tell the operator to contact the administrator.",
    actionId: "Hentikan permintaan; minta operator menghubungi Admin.",
    evidence: "inferred",
  },
] as const satisfies readonly ResponseCodeRowShape[];

/**
 * The two-digit code of an outcome, as the verify endpoint sends it in `RESPONSE_CODE`:
 * derived from the catalogue table, so a row added there is a code here.
 *
 * @example
 * ```ts
 * import { type ResponseCode, responseCodeRow } from "@dukcapil-sandbox/core";
 * const code: ResponseCode = "05";
 * responseCodeRow(code)?.outcome; // "quota-exhausted"
 * ```
 */
export type ResponseCode = (typeof rows)[number]["code"];

/**
 * A stable, readable name of an outcome, derived from the catalogue table.
 *
 * @example
 * ```ts
 * import { type OutcomeName, outcomeRow } from "@dukcapil-sandbox/core";
 * const name: OutcomeName = "deceased";
 * outcomeRow(name).code; // "11"
 * ```
 */
export type OutcomeName = (typeof rows)[number]["outcome"];

/**
 * The outcome name of one code, as the table pairs them: `OutcomeNameOf<"05">` is
 * `"quota-exhausted"`.
 *
 * @example
 * ```ts
 * import type { OutcomeNameOf } from "@dukcapil-sandbox/core";
 * const name: OutcomeNameOf<"11"> = "deceased";
 * ```
 */
export type OutcomeNameOf<C extends ResponseCode> = Extract<
  (typeof rows)[number],
  { readonly code: C }
>["outcome"];

/**
 * One outcome of the upstream service and everything an integration needs to know about it.
 *
 * @example
 * ```ts
 * import { type ResponseCodeRow, responseCodes } from "@dukcapil-sandbox/core";
 * const retryable = (row: ResponseCodeRow) => row.retry !== "never";
 * responseCodes.filter(retryable).map((row) => row.code); // ["03", "04", "05", …]
 * ```
 */
export interface ResponseCodeRow extends ResponseCodeRowShape {
  readonly code: ResponseCode;
  readonly outcome: OutcomeName;
}

/**
 * Every outcome, in code order. Read it; never copy its texts.
 *
 * @example
 * ```ts
 * import { responseCodes } from "@dukcapil-sandbox/core";
 * const deceased = responseCodes.find((row) => row.outcome === "deceased");
 * deceased?.portalText; // "Data Ditemukan, Meninggal Dunia"
 * ```
 */
export const responseCodes: readonly ResponseCodeRow[] = Object.freeze(rows);

/**
 * The checks of an imitated request, in the order the upstream applies them; the
 * first failing check answers (wire-format.md, Decisions §3).
 *
 * @example
 * ```ts
 * import { requestCheckOrder } from "@dukcapil-sandbox/core";
 * requestCheckOrder.map((check) => check.check); // ["request", "connecting-address", …]
 * ```
 */
export const requestCheckOrder: readonly {
  readonly check:
    | "request"
    | "connecting-address"
    | "credentials"
    | "ip-user"
    | "user-status"
    | "institution-status"
    | "access-hours"
    | "quota"
    | "nik-format"
    | "lookup";
  readonly failsWith: readonly ResponseCode[];
}[] = Object.freeze([
  { check: "request", failsWith: ["07"] },
  { check: "connecting-address", failsWith: ["10"] },
  { check: "credentials", failsWith: ["09", "03"] },
  { check: "ip-user", failsWith: ["04"] },
  { check: "user-status", failsWith: ["17"] },
  { check: "institution-status", failsWith: ["16"] },
  { check: "access-hours", failsWith: ["06"] },
  { check: "quota", failsWith: ["05"] },
  { check: "nik-format", failsWith: ["15"] },
  { check: "lookup", failsWith: ["11", "12", "13", "14"] },
] as const);

const byCode = new Map<string, ResponseCodeRow>(responseCodes.map((row) => [row.code, row]));
const outcomeNames = responseCodes.map((row) => row.outcome);
const byOutcome = new Map<string, ResponseCodeRow>(responseCodes.map((row) => [row.outcome, row]));

/**
 * The row of a code, or `undefined` for a code the catalogue does not know.
 *
 * @example
 * ```ts
 * import { responseCodeRow } from "@dukcapil-sandbox/core";
 * responseCodeRow("05")?.lookupText; // "Kuota Akses Hari ini telah Habis"
 * ```
 */
export function responseCodeRow(code: string): ResponseCodeRow | undefined {
  return byCode.get(code);
}

/**
 * The row of an outcome name.
 *
 * @throws {DukcapilCoreError} `DKS_CORE_INVALID_OPTIONS` for a name the catalogue lacks
 * (possible from JavaScript or an unchecked cast; TypeScript accepts only {@link OutcomeName}s).
 *
 * @example
 * ```ts
 * import { outcomeRow } from "@dukcapil-sandbox/core";
 * outcomeRow("quota-exhausted").code; // "05"
 * ```
 */
export function outcomeRow(outcome: OutcomeName): ResponseCodeRow {
  const row = byOutcome.get(outcome);
  if (row === undefined) {
    throw new DukcapilCoreError(
      "DKS_CORE_INVALID_OPTIONS",
      `Failed to read the response-code catalogue: ${JSON.stringify(outcome) ?? String(outcome)} is not an outcome name. Pass one of ${outcomeNames.join(", ")}.`,
      { outcome: typeof outcome === "string" ? outcome : String(outcome) },
    );
  }
  return row;
}

/** Case, spacing and trailing punctuation do not tell outcomes apart; words do. */
function normaliseText(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, " ")
    .replace(/[.!]+$/, "")
    .toLowerCase();
}

const byText = new Map<string, ResponseCodeRow>();
for (const row of responseCodes) {
  for (const text of [row.lookupText, row.verifyText, row.portalText, ...row.textVariants]) {
    if (text !== null) byText.set(normaliseText(text), row);
  }
}

/**
 * The row whose lookup, verify or portal text (or a known variant) matches `text`,
 * ignoring case, repeated spaces and trailing `!`/`.`.
 *
 * @example
 * ```ts
 * import { matchResponseText } from "@dukcapil-sandbox/core";
 * matchResponseText("Kuota akses hari ini telah habis")?.code; // "05"
 * matchResponseText("Something else"); // undefined
 * ```
 */
export function matchResponseText(text: string): ResponseCodeRow | undefined {
  return byText.get(normaliseText(text));
}
