/**
 * The resident generator: builds the resident at an index, and its family, from the
 * numbering (numbering.ts), the family plan (family.ts), names (names.ts) and values
 * (attributes.ts). Nothing is stored per resident; the small caches below only remember
 * the last block and family, so reading a family or consecutive indices is cheap.
 */
import { EKTP_STATUS_VALUES, makeNik, type WireRecordInput } from "@dukcapil-sandbox/core";
import {
  BIRTH_DATE_MISMATCH_SHARE,
  bloodGroupFor,
  educationFor,
  hasBirthCertificate,
  occupationFor,
  statusFor,
} from "./attributes.js";
import {
  type BlockLayout,
  blockLayout,
  type FamilyPlan,
  familyNumberAt,
  familyPlan,
  LATEST_BIRTH_YEAR,
  type MemberPlan,
  type ParentRef,
} from "./family.js";
import {
  allRegencyCodes,
  birthPlaceName,
  districts,
  regionNameUpper,
  type Village,
  village,
  villageIn,
} from "./geography.js";
import { lastWord, personName } from "./names.js";
import { BLOCK_SIZE, type BlockHome, Numbering } from "./numbering.js";
import { hash3, Rng, STREAM, seedWords } from "./random.js";
import type { Resident } from "./types.js";

/** A family's shared address. */
interface Address {
  readonly headIndex: number;
  readonly village: Village;
  readonly alamat: string;
  readonly rt: string;
  readonly rw: string;
  readonly dusun: string | null;
}

const STREETS = [
  "MELATI",
  "MAWAR",
  "ANGGREK",
  "KENANGA",
  "CEMPAKA",
  "FLAMBOYAN",
  "DAHLIA",
  "SUDIRMAN",
  "DIPONEGORO",
  "GATOT SUBROTO",
  "AHMAD YANI",
  "KARTINI",
  "MERDEKA",
  "PAHLAWAN",
  "PEMUDA",
  "IMAM BONJOL",
  "HASANUDDIN",
  "PATTIMURA",
  "TEUKU UMAR",
  "MANGGA",
  "RAMBUTAN",
  "DURIAN",
  "NANGKA",
  "KELAPA",
  "BERINGIN",
  "CENDANA",
  "RAJAWALI",
  "MERPATI",
  "KUTILANG",
  "CENDRAWASIH",
  "SILIWANGI",
  "GAJAH MADA",
  "HAYAM WURUK",
  "PELITA",
  "HARAPAN",
  "SEJAHTERA",
  "DAMAI",
  "RAYA",
] as const;

const DUSUNS = [
  "KRAJAN",
  "SUKAMAJU",
  "SUKAMAKMUR",
  "MEKARSARI",
  "SIDOMULYO",
  "SUMBERSARI",
  "KARANGANYAR",
  "TEGALSARI",
  "WONOREJO",
  "MARGOREJO",
  "SUKADAMAI",
  "CIBEUREUM",
  "PASIR",
  "KEBON",
  "TANJUNG",
  "LEMBAH",
  "SIMPANG",
  "TELUK",
  "MULYOREJO",
  "BANJARSARI",
] as const;

const BLOCK_LETTERS = ["A", "B", "C", "D", "E", "F"] as const;
const NUMERALS = ["I", "II", "III", "IV"] as const;
/** Share of children whose name ends with their father's last name. */
const FATHER_NAME_SHARE = 40;
/** Share of residents whose place of birth is the regency of their NIK district. */
const HOME_BIRTHPLACE_SHARE = 0.8;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, "0");
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** `YYYY-MM-DD` → `DDMMYYYY` (the date part of civil-registry certificate numbers). */
function certificateDate(iso: string): string {
  return `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Age in whole years on the reference date 2026-01-01. */
function ageOnReferenceDate(year: number, month: number, day: number): number {
  return LATEST_BIRTH_YEAR + 1 - year - (month === 1 && day === 1 ? 0 : 1);
}

/**
 * Generates residents of one seed. Each resident is a pure function of (seed, index).
 *
 * @example
 * ```ts
 * const generator = new ResidentGenerator("demo");
 * generator.residentAt(0).nik; // the same 16 digits every time for seed "demo"
 * ```
 * @internal
 */
export class ResidentGenerator {
  readonly seed: string;
  readonly numbering: Numbering;
  readonly #seedWord: number;
  #layout: BlockLayout | undefined;
  #home: BlockHome | undefined;
  #plan: FamilyPlan | undefined;
  #address: Address | undefined;

  constructor(seed: string) {
    this.seed = seed;
    const [a] = seedWords(seed);
    this.#seedWord = a;
    this.numbering = new Numbering(a);
  }

  /** The family plan holding `index` and the member's slot in it. */
  locate(index: number): { readonly plan: FamilyPlan; readonly slot: number } {
    const block = Math.floor(index / BLOCK_SIZE);
    const offset = index - block * BLOCK_SIZE;
    let layout = this.#layout;
    let home = this.#home;
    if (layout === undefined || home === undefined || layout.block !== block) {
      layout = blockLayout(this.#seedWord, block);
      home = this.numbering.blockHome(block);
      this.#layout = layout;
      this.#home = home;
    }
    const k = familyNumberAt(layout, offset);
    let plan = this.#plan;
    if (plan === undefined || plan.block !== block || plan.start !== layout.starts[k]) {
      plan = familyPlan(this.#seedWord, this.numbering, layout, home, k);
      this.#plan = plan;
    }
    return { plan, slot: offset - plan.start };
  }

  /** The NIK of member `slot` of a family (year and sex from the plan, the rest from the numbering). */
  nikOf(plan: FamilyPlan, slot: number): string {
    return this.#nikParts(plan, slot).nik;
  }

  /** The NIK of the resident at `index`, without building the record. */
  nikAt(index: number): string {
    const { plan, slot } = this.locate(index);
    return this.nikOf(plan, slot);
  }

  /** The resident at `index` (0 ≤ index < 300,000,000; the caller checks the population size). */
  residentAt(index: number): Resident {
    const { plan, slot } = this.locate(index);
    return this.build(plan, slot);
  }

  #nikParts(plan: FamilyPlan, slot: number) {
    const m = plan.members[slot] as MemberPlan;
    const { month, day, serial } = this.numbering.nikSlot(plan.home, plan.start + slot);
    const district = (districts().list[plan.home.district] as { code: string }).code;
    const birthDate = isoDate(m.birthYear, month, day);
    return {
      nik: makeNik({ district, birthDate, sex: m.sex, serial }),
      district,
      month,
      day,
      birthDate,
    };
  }

  /** The full name of member `slot`; a child may carry its father's last name. */
  nameOf(plan: FamilyPlan, slot: number): string {
    const m = plan.members[slot] as MemberPlan;
    const index = plan.headIndex + slot;
    const own = personName(this.#seedWord, STREAM.name, index, m.sex);
    if (m.relation !== "ANAK" || m.father.kind !== "member") return own;
    if (hash3(this.#seedWord, STREAM.name, index) % 100 >= FATHER_NAME_SHARE) return own;
    const family = lastWord(this.nameOf(plan, m.father.slot));
    if (own.includes(family)) return own;
    const space = own.lastIndexOf(" ");
    return space === -1 ? `${own} ${family}` : `${own.slice(0, space)} ${family}`;
  }

  #parentName(plan: FamilyPlan, ref: ParentRef, sex: "M" | "F"): string {
    return ref.kind === "member"
      ? this.nameOf(plan, ref.slot)
      : personName(this.#seedWord, STREAM.virtualName, ref.key, sex);
  }

  #addressOf(plan: FamilyPlan): Address {
    const cached = this.#address;
    if (cached !== undefined && cached.headIndex === plan.headIndex) return cached;
    const rng = new Rng(this.#seedWord, STREAM.address, plan.headIndex);
    const v = village(villageIn(plan.addressDistrict, rng.float()));
    const street = rng.pick(STREETS);
    const number = rng.int(1, rng.chance(0.7) ? 60 : 250);
    let alamat: string;
    let dusun: string | null = null;
    if (v.village.startsWith("1")) {
      // kelurahan (urban)
      const form = rng.int(0, 9);
      alamat =
        form < 7
          ? `JL. ${street} NO. ${number}`
          : form < 9
            ? `GG. ${street} NO. ${number}`
            : `KOMP. ${street} BLOK ${rng.pick(BLOCK_LETTERS)} NO. ${number}`;
    } else {
      // desa (rural)
      const name = rng.chance(0.3) ? `${rng.pick(DUSUNS)} ${rng.pick(NUMERALS)}` : rng.pick(DUSUNS);
      const form = rng.int(0, 99);
      alamat =
        form < 45 ? `DUSUN ${name}` : form < 75 ? `KP. ${name}` : `JL. ${street} NO. ${number}`;
      if (rng.chance(0.6)) dusun = name;
    }
    const address: Address = {
      headIndex: plan.headIndex,
      village: v,
      alamat,
      rt: pad3(rng.int(1, 15)),
      rw: pad3(rng.int(1, 12)),
      dusun,
    };
    this.#address = address;
    return address;
  }

  /** Builds the resident of member `slot` of a family. */
  build(plan: FamilyPlan, slot: number): Resident {
    const m = plan.members[slot] as MemberPlan;
    const index = plan.headIndex + slot;
    const rng = new Rng(this.#seedWord, STREAM.resident, index);
    const { nik, district, month, day, birthDate } = this.#nikParts(plan, slot);
    const status = statusFor(rng.float());

    let recordBirthDate = birthDate;
    if (rng.chance(BIRTH_DATE_MISMATCH_SHARE)) {
      // A corrected birth date: the NIK keeps the old one (nik.md §1.1). Same month and year.
      const length = daysInMonth(m.birthYear, month);
      recordBirthDate = isoDate(
        m.birthYear,
        month,
        ((day - 1 + rng.int(1, length - 1)) % length) + 1,
      );
    }
    const age = ageOnReferenceDate(m.birthYear, month, day);
    const education = educationFor(rng, age);
    const occupation = occupationFor(rng, age, m.sex, education);
    const bloodGroup = bloodGroupFor(rng);
    const homeRegency = district.slice(0, 4);
    const birthPlace = birthPlaceName(
      rng.chance(HOME_BIRTHPLACE_SHARE) ? homeRegency : rng.pick(allRegencyCodes()),
    );

    let birthCertificate: string | null = null;
    if (hasBirthCertificate(rng, age)) {
      const registered = new Date(
        Math.min(
          Date.UTC(m.birthYear, month - 1, day) + rng.int(3, 400) * 86_400_000,
          Date.UTC(LATEST_BIRTH_YEAR, 11, 31),
        ),
      );
      birthCertificate = `${homeRegency}-LT-${pad2(registered.getUTCDate())}${pad2(
        registered.getUTCMonth() + 1,
      )}${registered.getUTCFullYear()}-${pad4(rng.int(1, 9999))}`;
    }

    const address = this.#addressOf(plan);
    const v = address.village;
    const addressRegency = `${v.province}${v.regency}`;
    const married = m.maritalStatus === "KAWIN" && plan.marriageDate !== null;
    const divorced = m.maritalStatus === "CERAI HIDUP" && plan.divorceDate !== null;
    const familySerial = pad4((hash3(this.#seedWord, STREAM.family, plan.headIndex) % 9999) + 1);

    const record: WireRecordInput = {
      NIK: nik,
      NO_KK: this.numbering.kkNumber(plan.home, plan.start, plan.moveChoice),
      NAMA_LGKP: this.nameOf(plan, slot),
      JENIS_KLMIN: m.sex === "M" ? "LAKI-LAKI" : "PEREMPUAN",
      TMPT_LHR: birthPlace,
      TGL_LHR: recordBirthDate,
      NO_AKTA_LHR: birthCertificate,
      GOL_DARAH: bloodGroup,
      AGAMA: plan.religion,
      STATUS_KAWIN: m.maritalStatus,
      NO_AKTA_KWN: married
        ? `${addressRegency}-KW-${certificateDate(plan.marriageDate ?? "")}-${familySerial}`
        : null,
      TGL_KWN: married ? plan.marriageDate : null,
      NO_AKTA_CRAI: divorced
        ? `${addressRegency}-CR-${certificateDate(plan.divorceDate ?? "")}-${familySerial}`
        : null,
      TGL_CRAI: divorced ? plan.divorceDate : null,
      STAT_HBKEL: m.relation,
      PNYDNG_CCT: null,
      PDDK_AKH: education,
      JENIS_PKRJN: occupation,
      NAMA_LGKP_IBU: this.#parentName(plan, m.mother, "F"),
      NAMA_LGKP_AYAH: this.#parentName(plan, m.father, "M"),
      ALAMAT: address.alamat,
      NO_RT: address.rt,
      NO_RW: address.rw,
      DUSUN: address.dusun,
      KODE_POS: null,
      NO_PROP: v.province,
      PROP_NAME: regionNameUpper(v.province),
      NO_KAB: v.regency,
      KAB_NAME: regionNameUpper(addressRegency),
      NO_KEC: v.district,
      KEC_NAME: regionNameUpper(`${addressRegency}${v.district}`),
      NO_KEL: v.village,
      KEL_NAME: v.name,
      EKTP_STATUS: age >= 17 && rng.chance(0.96) ? (EKTP_STATUS_VALUES[0] as string) : null,
    };
    return { index, nik, status, record };
  }

  /** Every member of the family holding `index` that is below `size`, head first. */
  familyAt(index: number, size: number): Resident[] {
    const { plan } = this.locate(index);
    const out: Resident[] = [];
    for (let slot = 0; slot < plan.size && plan.headIndex + slot < size; slot++) {
      out.push(this.build(plan, slot));
    }
    return out;
  }
}
