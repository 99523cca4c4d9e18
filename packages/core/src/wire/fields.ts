/**
 * The elements (fields) of a Dukcapil person record and their value lists, as data.
 *
 * Source: shared/spec/wire-format.md §3.1 (element list and order), §3.2 (value
 * formats and enumerations), §5 (verify elements) and Decisions §6–§8. The
 * simulator, the client and the tests read these lists; nobody re-types them.
 */

/**
 * The 33 demographic elements of a person record, in the order of wire-format.md §3.1.
 *
 * @example
 * ```ts
 * import { PERSON_ELEMENTS } from "@dukcapil-sandbox/core";
 * PERSON_ELEMENTS.length; // 33
 * PERSON_ELEMENTS[0]; // "NIK"
 * ```
 */
export const PERSON_ELEMENTS = Object.freeze([
  "NIK",
  "NO_KK",
  "NAMA_LGKP",
  "JENIS_KLMIN",
  "TMPT_LHR",
  "TGL_LHR",
  "NO_AKTA_LHR",
  "GOL_DARAH",
  "AGAMA",
  "STATUS_KAWIN",
  "NO_AKTA_KWN",
  "TGL_KWN",
  "NO_AKTA_CRAI",
  "TGL_CRAI",
  "STAT_HBKEL",
  "PNYDNG_CCT",
  "PDDK_AKH",
  "JENIS_PKRJN",
  "NAMA_LGKP_IBU",
  "NAMA_LGKP_AYAH",
  "ALAMAT",
  "NO_RT",
  "NO_RW",
  "DUSUN",
  "KODE_POS",
  "NO_PROP",
  "PROP_NAME",
  "NO_KAB",
  "KAB_NAME",
  "NO_KEC",
  "KEC_NAME",
  "NO_KEL",
  "KEL_NAME",
] as const);

/**
 * One of the 33 demographic elements.
 *
 * @example
 * ```ts
 * import type { PersonElement } from "@dukcapil-sandbox/core";
 * const element: PersonElement = "NAMA_LGKP";
 * ```
 */
export type PersonElement = (typeof PERSON_ELEMENTS)[number];

/**
 * Every element a record may carry: the 33 of §3.1 plus `EKTP_STATUS`, in that order.
 *
 * @example
 * ```ts
 * import { RECORD_ELEMENTS } from "@dukcapil-sandbox/core";
 * RECORD_ELEMENTS.at(-1); // "EKTP_STATUS"
 * ```
 */
export const RECORD_ELEMENTS = Object.freeze([...PERSON_ELEMENTS, "EKTP_STATUS"] as const);

/**
 * An element a record may carry.
 *
 * @example
 * ```ts
 * import type { RecordElement } from "@dukcapil-sandbox/core";
 * const element: RecordElement = "EKTP_STATUS";
 * ```
 */
export type RecordElement = (typeof RECORD_ELEMENTS)[number];

/**
 * The Web Portal grant of the Juknis (Decisions §7): "9 elements" that expand to these
 * 16 record keys — NO_KK, NIK, NAMA_LGKP, JENIS_KLMIN, TMPT_LHR, TGL_LHR,
 * STATUS_KAWIN, JENIS_PKRJN and the current address.
 *
 * @example
 * ```ts
 * import { WEB_PORTAL_GRANT } from "@dukcapil-sandbox/core";
 * (WEB_PORTAL_GRANT as readonly string[]).includes("AGAMA"); // false
 * ```
 */
export const WEB_PORTAL_GRANT = Object.freeze([
  "NO_KK",
  "NIK",
  "NAMA_LGKP",
  "JENIS_KLMIN",
  "TMPT_LHR",
  "TGL_LHR",
  "STATUS_KAWIN",
  "JENIS_PKRJN",
  "ALAMAT",
  "PROP_NAME",
  "KAB_NAME",
  "NO_KEC",
  "KEC_NAME",
  "KEL_NAME",
  "NO_RT",
  "NO_RW",
] as const satisfies readonly RecordElement[]);

/**
 * Elements the upstream sends as bare JSON numbers without leading zeros (Decisions §6).
 *
 * @example
 * ```ts
 * import { NUMERIC_ELEMENTS } from "@dukcapil-sandbox/core";
 * NUMERIC_ELEMENTS.includes("NO_RT"); // true
 * ```
 */
export const NUMERIC_ELEMENTS = Object.freeze([
  "NIK",
  "NO_KK",
  "NO_PROP",
  "NO_KAB",
  "NO_KEC",
  "NO_KEL",
  "NO_RT",
  "NO_RW",
  "KODE_POS",
] as const satisfies readonly RecordElement[]);

/**
 * A numeric element.
 *
 * @example
 * ```ts
 * import type { NumericElement } from "@dukcapil-sandbox/core";
 * const element: NumericElement = "NO_KEL";
 * ```
 */
export type NumericElement = (typeof NUMERIC_ELEMENTS)[number];

/**
 * The width the reader zero-pads numeric elements to, so that codes compare with
 * region codes and printed RT/RW (`NO_PROP` 3 → "03", `NO_KEL` 1005 → "1005",
 * `NO_RT` 6 → "006"). `NIK` and `NO_KK` are never padded (they are 16 digits with a
 * non-zero first digit; a shorter value is kept as sent).
 *
 * @example
 * ```ts
 * import { NUMERIC_ELEMENT_WIDTH } from "@dukcapil-sandbox/core";
 * NUMERIC_ELEMENT_WIDTH.NO_KEL; // 4
 * ```
 */
export const NUMERIC_ELEMENT_WIDTH: Readonly<Record<NumericElement, number | null>> = Object.freeze(
  {
    NIK: null,
    NO_KK: null,
    NO_PROP: 2,
    NO_KAB: 2,
    NO_KEC: 2,
    NO_KEL: 4,
    NO_RT: 3,
    NO_RW: 3,
    KODE_POS: 5,
  },
);

/**
 * Elements whose value is a date, written `YYYY-MM-DD` in records.
 *
 * @example
 * ```ts
 * import { DATE_ELEMENTS } from "@dukcapil-sandbox/core";
 * DATE_ELEMENTS; // ["TGL_LHR", "TGL_KWN", "TGL_CRAI"]
 * ```
 */
export const DATE_ELEMENTS = Object.freeze([
  "TGL_LHR",
  "TGL_KWN",
  "TGL_CRAI",
] as const satisfies readonly RecordElement[]);

/**
 * The elements a verify-by-element request may send besides `NIK` (wire-format.md §5),
 * in the order the response lists them.
 *
 * @example
 * ```ts
 * import { VERIFY_ELEMENTS } from "@dukcapil-sandbox/core";
 * VERIFY_ELEMENTS.includes("NAMA_LGKP_IBU"); // true
 * ```
 */
export const VERIFY_ELEMENTS = Object.freeze([
  "NO_KK",
  "NAMA_LGKP",
  "TMPT_LHR",
  "TGL_LHR",
  "JENIS_KLMIN",
  "STATUS_KAWIN",
  "JENIS_PKRJN",
  "ALAMAT",
  "NO_RT",
  "NO_RW",
  "NO_PROP",
  "PROP_NAME",
  "NO_KAB",
  "KAB_NAME",
  "NO_KEC",
  "KEC_NAME",
  "NO_KEL",
  "KEL_NAME",
  "NAMA_LGKP_IBU",
] as const satisfies readonly RecordElement[]);

/**
 * An element a verify request may send besides `NIK`.
 *
 * @example
 * ```ts
 * import type { VerifyElement } from "@dukcapil-sandbox/core";
 * const element: VerifyElement = "TGL_LHR";
 * ```
 */
export type VerifyElement = (typeof VERIFY_ELEMENTS)[number];

/**
 * The verify elements scored by similarity, answered `Sesuai (NN)` / `Tidak Sesuai (NN)`
 * (wire-format.md §5, Decisions §8); all others answer `Sesuai` / `Tidak Sesuai`.
 *
 * @example
 * ```ts
 * import { FUZZY_VERIFY_ELEMENTS } from "@dukcapil-sandbox/core";
 * FUZZY_VERIFY_ELEMENTS; // ["NAMA_LGKP", "TMPT_LHR", "ALAMAT", "NAMA_LGKP_IBU"]
 * ```
 */
export const FUZZY_VERIFY_ELEMENTS = Object.freeze([
  "NAMA_LGKP",
  "TMPT_LHR",
  "ALAMAT",
  "NAMA_LGKP_IBU",
] as const satisfies readonly VerifyElement[]);

/**
 * Values of `JENIS_KLMIN` as the upstream writes them [real].
 *
 * @example
 * ```ts
 * import { JENIS_KLMIN_VALUES } from "@dukcapil-sandbox/core";
 * JENIS_KLMIN_VALUES; // ["LAKI-LAKI", "PEREMPUAN"]
 * ```
 */
export const JENIS_KLMIN_VALUES = Object.freeze(["LAKI-LAKI", "PEREMPUAN"] as const);

/**
 * Values of `AGAMA`: "ISLAM", "KATHOLIK" [real], "KRISTEN" [mock], the rest from SIAK
 * master lists in client code (inferred). "KHONGHUCU" is also spelled "KONGHUCHU".
 *
 * @example
 * ```ts
 * import { AGAMA_VALUES } from "@dukcapil-sandbox/core";
 * AGAMA_VALUES.includes("ISLAM"); // true
 * ```
 */
export const AGAMA_VALUES = Object.freeze([
  "ISLAM",
  "KRISTEN",
  "KATHOLIK",
  "HINDU",
  "BUDHA",
  "KHONGHUCU",
  "KEPERCAYAAN TERHADAP TUHAN YME",
] as const);

/**
 * Values of `STATUS_KAWIN`: "KAWIN", "BELUM KAWIN" [real], the rest from SIAK lists.
 *
 * @example
 * ```ts
 * import { STATUS_KAWIN_VALUES } from "@dukcapil-sandbox/core";
 * STATUS_KAWIN_VALUES.length; // 4
 * ```
 */
export const STATUS_KAWIN_VALUES = Object.freeze([
  "BELUM KAWIN",
  "KAWIN",
  "CERAI HIDUP",
  "CERAI MATI",
] as const);

/**
 * Values of `PDDK_AKH` (last education), in ascending order.
 *
 * @example
 * ```ts
 * import { PDDK_AKH_VALUES } from "@dukcapil-sandbox/core";
 * PDDK_AKH_VALUES[0]; // "TIDAK/BELUM SEKOLAH"
 * ```
 */
export const PDDK_AKH_VALUES = Object.freeze([
  "TIDAK/BELUM SEKOLAH",
  "BELUM TAMAT SD/SEDERAJAT",
  "TAMAT SD/SEDERAJAT",
  "SLTP/SEDERAJAT",
  "SLTA/SEDERAJAT",
  "DIPLOMA I/II",
  "AKADEMI/DIPLOMA III/S. MUDA",
  "DIPLOMA IV/STRATA I",
  "STRATA II",
  "STRATA III",
] as const);

/**
 * Values of `JENIS_PKRJN` (occupation): the 89-entry SIAK master list as it appears in
 * client code; "PETANI/PEKEBUN", "KARYAWAN SWASTA" are [real].
 *
 * @example
 * ```ts
 * import { JENIS_PKRJN_VALUES } from "@dukcapil-sandbox/core";
 * JENIS_PKRJN_VALUES.includes("KARYAWAN SWASTA"); // true
 * ```
 */
export const JENIS_PKRJN_VALUES = Object.freeze([
  "BELUM/TIDAK BEKERJA",
  "MENGURUS RUMAH TANGGA",
  "PELAJAR/MAHASISWA",
  "PENSIUNAN",
  "PEGAWAI NEGERI SIPIL",
  "TENTARA NASIONAL INDONESIA",
  "KEPOLISIAN RI",
  "PERDAGANGAN",
  "PETANI/PEKEBUN",
  "PETERNAK",
  "NELAYAN/PERIKANAN",
  "INDUSTRI",
  "KONSTRUKSI",
  "TRANSPORTASI",
  "KARYAWAN SWASTA",
  "KARYAWAN BUMN",
  "KARYAWAN BUMD",
  "KARYAWAN HONORER",
  "BURUH HARIAN LEPAS",
  "BURUH TANI/PERKEBUNAN",
  "BURUH NELAYAN/PERIKANAN",
  "BURUH PETERNAKAN",
  "PEMBANTU RUMAH TANGGA",
  "TUKANG CUKUR",
  "TUKANG LISTRIK",
  "TUKANG BATU",
  "TUKANG KAYU",
  "TUKANG SOL SEPATU",
  "TUKANG LAS/PANDAI BESI",
  "TUKANG JAHIT",
  "TUKANG GIGI",
  "PENATA RIAS",
  "PENATA BUSANA",
  "PENATA RAMBUT",
  "MEKANIK",
  "SENIMAN",
  "TABIB",
  "PARAJI",
  "PERANCANG BUSANA",
  "PENTERJEMAH",
  "IMAM MASJID",
  "PENDETA",
  "PASTOR",
  "WARTAWAN",
  "USTADZ/MUBALIGH",
  "JURU MASAK",
  "PROMOTOR ACARA",
  "ANGGOTA DPR-RI",
  "ANGGOTA DPD",
  "ANGGOTA BPK",
  "PRESIDEN",
  "WAKIL PRESIDEN",
  "ANGGOTA MAHKAMAH KONSTITUSI",
  "ANGGOTA KABINET/KEMENTERIAN",
  "DUTA BESAR",
  "GUBERNUR",
  "WAKIL GUBERNUR",
  "BUPATI",
  "WAKIL BUPATI",
  "WALIKOTA",
  "WAKIL WALIKOTA",
  "ANGGOTA DPRD PROVINSI",
  "ANGGOTA DPRD KABUPATEN/KOTA",
  "DOSEN",
  "GURU",
  "PILOT",
  "PENGACARA",
  "NOTARIS",
  "ARSITEK",
  "AKUNTAN",
  "KONSULTAN",
  "DOKTER",
  "BIDAN",
  "PERAWAT",
  "APOTEKER",
  "PSIKIATER/PSIKOLOG",
  "PENYIAR TELEVISI",
  "PENYIAR RADIO",
  "PELAUT",
  "PENELITI",
  "SOPIR",
  "PIALANG",
  "PARANORMAL",
  "PEDAGANG",
  "PERANGKAT DESA",
  "KEPALA DESA",
  "BIARAWATI",
  "WIRASWASTA",
  "LAINNYA",
] as const);

/**
 * Values of `STAT_HBKEL` (relation to the head of the family card).
 *
 * @example
 * ```ts
 * import { STAT_HBKEL_VALUES } from "@dukcapil-sandbox/core";
 * STAT_HBKEL_VALUES[0]; // "KEPALA KELUARGA"
 * ```
 */
export const STAT_HBKEL_VALUES = Object.freeze([
  "KEPALA KELUARGA",
  "SUAMI",
  "ISTRI",
  "ANAK",
  "MENANTU",
  "CUCU",
  "ORANG TUA",
  "MERTUA",
  "FAMILI LAIN",
  "PEMBANTU",
  "LAINNYA",
] as const);

/**
 * Values of `GOL_DARAH` (blood group); "TIDAK TAHU" is the [real] value seen most.
 *
 * @example
 * ```ts
 * import { GOL_DARAH_VALUES } from "@dukcapil-sandbox/core";
 * GOL_DARAH_VALUES.at(-1); // "TIDAK TAHU"
 * ```
 */
export const GOL_DARAH_VALUES = Object.freeze([
  "A",
  "B",
  "AB",
  "O",
  "A+",
  "A-",
  "B+",
  "B-",
  "AB+",
  "AB-",
  "O+",
  "O-",
  "TIDAK TAHU",
] as const);

/**
 * Values of `EKTP_STATUS`: only "TUNGGAL" is [real]; the field may also be `null`.
 * ("BELUM REKAM"/"SUDAH REKAM" appear only in one invented mock and are not listed.)
 *
 * @example
 * ```ts
 * import { EKTP_STATUS_VALUES } from "@dukcapil-sandbox/core";
 * EKTP_STATUS_VALUES; // ["TUNGGAL"]
 * ```
 */
export const EKTP_STATUS_VALUES = Object.freeze(["TUNGGAL"] as const);

/**
 * Every enumerated element and its value list, keyed by element.
 *
 * @example
 * ```ts
 * import { ELEMENT_VALUE_LISTS } from "@dukcapil-sandbox/core";
 * ELEMENT_VALUE_LISTS.AGAMA.includes("HINDU"); // true
 * ```
 */
export const ELEMENT_VALUE_LISTS = Object.freeze({
  JENIS_KLMIN: JENIS_KLMIN_VALUES,
  AGAMA: AGAMA_VALUES,
  STATUS_KAWIN: STATUS_KAWIN_VALUES,
  PDDK_AKH: PDDK_AKH_VALUES,
  JENIS_PKRJN: JENIS_PKRJN_VALUES,
  STAT_HBKEL: STAT_HBKEL_VALUES,
  GOL_DARAH: GOL_DARAH_VALUES,
  EKTP_STATUS: EKTP_STATUS_VALUES,
} as const satisfies Partial<Record<RecordElement, readonly string[]>>);
