/**
 * Families (Kartu Keluarga) as pure functions of (seed, block): how a block of 32 residents
 * splits into whole families, and each family's members — relation to the head, sex,
 * birth year, marital status, parents — plus its religion, home and address district,
 * and marriage/divorce dates.
 *
 * Rules the plan guarantees (tests check them):
 * - members are ordered head, spouse, children (eldest first), then ORANG TUA / FAMILI LAIN;
 * - a child's parents are 19–44 birth years older (so 18–45 years by exact date) and
 *   siblings are at least 2 birth years apart;
 * - spouses are at most 8 birth years apart; married couples are KAWIN, children BELUM KAWIN;
 * - birth years lie in 1935–2025, so every NIK reads back unambiguously with any reference
 *   date from 2026-01-01 up to 2034-12-31 (a `YY` of 35 or more is never this century yet).
 */
import type {
  AGAMA_VALUES,
  NikSex,
  STAT_HBKEL_VALUES,
  STATUS_KAWIN_VALUES,
} from "@dukcapil-sandbox/core";
import { districts } from "./geography.js";
import { BLOCK_SIZE, type BlockHome, MOVE_CHOICES, type Numbering } from "./numbering.js";
import { Rng, STREAM, type Weighted, type WeightedTable, weightedTable } from "./random.js";

/** A value of `AGAMA`. */
export type Religion = (typeof AGAMA_VALUES)[number];
/** A value of `STAT_HBKEL`. */
export type Relation = (typeof STAT_HBKEL_VALUES)[number];
/** A value of `STATUS_KAWIN`. */
export type MaritalStatus = (typeof STATUS_KAWIN_VALUES)[number];

/**
 * The reference date of the generated population: ages, the century of NIK dates and every
 * "not after today" rule are computed for this day, so a seed gives the same residents on
 * any day. Generated NIKs parse back unchanged with any `referenceDate` from this day up to
 * 2034-12-31 (birth years are 1935–2025).
 *
 * @example
 * ```ts
 * import { createPopulation, POPULATION_REFERENCE_DATE } from "@dukcapil-sandbox/simulator";
 * import { parseNik } from "@dukcapil-sandbox/core";
 * const { nik } = createPopulation({ seed: "demo", size: 1000 }).residentAt(0);
 * parseNik(nik, { regions: "strict", referenceDate: POPULATION_REFERENCE_DATE }).ok; // true
 * ```
 */
export const POPULATION_REFERENCE_DATE = "2026-01-01";
/** The latest birth year (the year before the reference date). */
export const LATEST_BIRTH_YEAR = 2025;
/** The earliest birth year (age 90 at the reference date). */
export const EARLIEST_BIRTH_YEAR = 1935;

/** Who a parent is: another member of the family, or a person outside it (a name only). */
export type ParentRef =
  | { readonly kind: "member"; readonly slot: number }
  | { readonly kind: "virtual"; readonly key: number };

/** One member of a family plan. */
export interface MemberPlan {
  readonly relation: Relation;
  readonly sex: NikSex;
  readonly birthYear: number;
  readonly maritalStatus: MaritalStatus;
  readonly father: ParentRef;
  readonly mother: ParentRef;
}

/** One family (one NO_KK) of a block. */
export interface FamilyPlan {
  readonly block: number;
  /** Offset of the head within the block. */
  readonly start: number;
  readonly size: number;
  /** Population index of the head (members follow at +1, +2, …). */
  readonly headIndex: number;
  readonly home: BlockHome;
  readonly members: readonly MemberPlan[];
  readonly religion: Religion;
  /** Set when the family has moved away from its home district (about 8% of families). */
  readonly moveChoice: number | undefined;
  /** District index of the address. */
  readonly addressDistrict: number;
  /** `YYYY-MM-DD` of the couple's marriage, when the family has a married couple. */
  readonly marriageDate: string | null;
  /** `YYYY-MM-DD` of the divorce of a CERAI HIDUP head. */
  readonly divorceDate: string | null;
}

/** How a block of 32 splits into families: family k covers offsets [starts[k], starts[k+1]). */
export interface BlockLayout {
  readonly block: number;
  readonly starts: Uint8Array;
  readonly count: number;
}

/** Members per family card (mean ≈ 3.5). */
const FAMILY_SIZES = weightedTable<number>([
  [1, 12],
  [2, 17],
  [3, 23],
  [4, 23],
  [5, 14],
  [6, 7],
  [7, 4],
]);

/**
 * How block `block` splits into families.
 *
 * @example
 * ```ts
 * const layout = blockLayout(seedWords("demo")[0], 0);
 * layout.starts[0]; // 0
 * ```
 * @internal
 */
export function blockLayout(seedWord: number, block: number): BlockLayout {
  const rng = new Rng(seedWord, STREAM.blockLayout, block);
  const starts = new Uint8Array(BLOCK_SIZE + 1);
  let count = 0;
  let filled = 0;
  while (filled < BLOCK_SIZE) {
    starts[count] = filled;
    count += 1;
    filled += Math.min(rng.weighted(FAMILY_SIZES), BLOCK_SIZE - filled);
  }
  starts[count] = BLOCK_SIZE;
  return { block, starts, count };
}

/**
 * The family number (0-based) within the layout that holds block offset `offset`.
 *
 * @example
 * ```ts
 * familyNumberAt(layout, 0); // 0
 * ```
 * @internal
 */
export function familyNumberAt(layout: BlockLayout, offset: number): number {
  let k = 0;
  while ((layout.starts[k + 1] as number) <= offset) k += 1;
  return k;
}

type R = Religion;
const religionTable = (entries: readonly Weighted<R>[]): WeightedTable<R> => weightedTable(entries);

/** Religion by province of the home district (BPS shares, rounded); others use the default. */
const RELIGION_BY_PROVINCE: ReadonlyMap<string, WeightedTable<R>> = new Map([
  [
    "12",
    religionTable([
      ["ISLAM", 64],
      ["KRISTEN", 27],
      ["KATHOLIK", 6],
      ["BUDHA", 2],
      ["HINDU", 0.2],
    ]),
  ],
  [
    "19",
    religionTable([
      ["ISLAM", 90],
      ["BUDHA", 6],
      ["KHONGHUCU", 2],
      ["KRISTEN", 1.5],
      ["KATHOLIK", 0.5],
    ]),
  ],
  [
    "21",
    religionTable([
      ["ISLAM", 78],
      ["KRISTEN", 9],
      ["BUDHA", 9],
      ["KATHOLIK", 3],
      ["KHONGHUCU", 1],
    ]),
  ],
  [
    "31",
    religionTable([
      ["ISLAM", 84],
      ["KRISTEN", 8.5],
      ["KATHOLIK", 4],
      ["BUDHA", 3.2],
      ["HINDU", 0.2],
      ["KHONGHUCU", 0.1],
    ]),
  ],
  [
    "51",
    religionTable([
      ["HINDU", 86],
      ["ISLAM", 10],
      ["KRISTEN", 2],
      ["KATHOLIK", 1],
      ["BUDHA", 1],
    ]),
  ],
  [
    "53",
    religionTable([
      ["KATHOLIK", 53],
      ["KRISTEN", 36],
      ["ISLAM", 10],
      ["HINDU", 0.5],
      ["KEPERCAYAAN TERHADAP TUHAN YME", 0.5],
    ]),
  ],
  [
    "61",
    religionTable([
      ["ISLAM", 60],
      ["KATHOLIK", 22],
      ["KRISTEN", 11],
      ["BUDHA", 6],
      ["KHONGHUCU", 1],
    ]),
  ],
  [
    "62",
    religionTable([
      ["ISLAM", 74],
      ["KRISTEN", 17],
      ["HINDU", 5],
      ["KATHOLIK", 3],
      ["KEPERCAYAAN TERHADAP TUHAN YME", 1],
    ]),
  ],
  [
    "71",
    religionTable([
      ["KRISTEN", 64],
      ["ISLAM", 31],
      ["KATHOLIK", 4],
      ["HINDU", 0.5],
      ["BUDHA", 0.5],
    ]),
  ],
  [
    "81",
    religionTable([
      ["ISLAM", 50],
      ["KRISTEN", 44],
      ["KATHOLIK", 6],
    ]),
  ],
]);

const PAPUA_RELIGION = religionTable([
  ["KRISTEN", 65],
  ["KATHOLIK", 18],
  ["ISLAM", 16],
  ["HINDU", 0.5],
  ["BUDHA", 0.5],
]);

const DEFAULT_RELIGION = religionTable([
  ["ISLAM", 96],
  ["KRISTEN", 2.2],
  ["KATHOLIK", 1],
  ["BUDHA", 0.4],
  ["HINDU", 0.3],
  ["KHONGHUCU", 0.05],
  ["KEPERCAYAAN TERHADAP TUHAN YME", 0.05],
]);

function religionTableFor(province: string): WeightedTable<R> {
  if (province >= "91" && province <= "96") return PAPUA_RELIGION;
  return RELIGION_BY_PROVINCE.get(province) ?? DEFAULT_RELIGION;
}

/** Virtual-person key kinds: the outside father/mother of a member, the absent co-parent. */
const VIRTUAL_FATHER = 0;
const VIRTUAL_MOTHER = 1;
const VIRTUAL_CO_PARENT = 2;

function virtual(index: number, kind: number): ParentRef {
  return { kind: "virtual", key: index * 4 + kind };
}

function member(slot: number): ParentRef {
  return { kind: "member", slot };
}

interface Draft {
  relation: Relation;
  sex: NikSex;
  age: number;
  maritalStatus: MaritalStatus;
  father: ParentRef;
  mother: ParentRef;
}

/** A single-member family: a young single adult, a widow(er) or a divorcee. */
function composeSingle(rng: Rng, headIndex: number): Draft[] {
  const kind = rng.int(0, 99);
  let age: number;
  let sex: NikSex;
  let maritalStatus: MaritalStatus;
  if (kind < 45) {
    age = rng.int(19, 34);
    sex = rng.chance(0.55) ? "M" : "F";
    maritalStatus = "BELUM KAWIN";
  } else if (kind < 80) {
    age = rng.int(58, 88);
    sex = rng.chance(0.7) ? "F" : "M";
    maritalStatus = "CERAI MATI";
  } else {
    age = rng.int(28, 60);
    sex = rng.chance(0.5) ? "F" : "M";
    maritalStatus = "CERAI HIDUP";
  }
  return [
    {
      relation: "KEPALA KELUARGA",
      sex,
      age,
      maritalStatus,
      father: virtual(headIndex, VIRTUAL_FATHER),
      mother: virtual(headIndex, VIRTUAL_MOTHER),
    },
  ];
}

/** Children's ages (eldest first) and the parents' ages that fit them. */
function childAges(
  rng: Rng,
  kids: number,
): { ages: number[]; motherAge: number; fatherAge: number } {
  const youngest = Math.floor(25 * rng.float() ** 1.6);
  const ages = [youngest];
  for (let k = 1; k < kids; k++) ages.unshift((ages[0] as number) + rng.int(2, 5));
  const eldest = ages[0] as number;
  const spread = eldest - youngest;
  const motherAge = eldest + rng.int(20, Math.min(32, 44 - spread));
  const fatherAge = Math.min(Math.max(motherAge + rng.int(-1, 7), eldest + 19), youngest + 44);
  return { ages, motherAge, fatherAge };
}

/** A family of two or more: a couple or a single parent, children, sometimes a relative. */
function composeGroup(rng: Rng, size: number, headIndex: number): Draft[] {
  const singleParent = rng.chance(0.12);
  const extra = size >= 4 && !singleParent && rng.chance(0.18);
  const kids = size - (singleParent ? 1 : 2) - (extra ? 1 : 0);
  let motherAge: number;
  let fatherAge: number;
  let ages: number[] = [];
  if (kids > 0) {
    ({ ages, motherAge, fatherAge } = childAges(rng, kids));
  } else {
    // A young couple before children, or an older couple whose children have left.
    motherAge = rng.chance(0.45) ? rng.int(19, 35) : rng.int(45, 80);
    fatherAge = Math.min(Math.max(19, motherAge + rng.int(-1, 7)), 88);
  }

  const drafts: Draft[] = [];
  let fatherRef: ParentRef;
  let motherRef: ParentRef;
  if (singleParent) {
    const sex: NikSex = rng.chance(0.65) ? "F" : "M";
    drafts.push({
      relation: "KEPALA KELUARGA",
      sex,
      age: sex === "F" ? motherAge : fatherAge,
      maritalStatus: rng.chance(0.55) ? "CERAI MATI" : "CERAI HIDUP",
      father: virtual(headIndex, VIRTUAL_FATHER),
      mother: virtual(headIndex, VIRTUAL_MOTHER),
    });
    fatherRef = sex === "M" ? member(0) : virtual(headIndex, VIRTUAL_CO_PARENT);
    motherRef = sex === "F" ? member(0) : virtual(headIndex, VIRTUAL_CO_PARENT);
  } else {
    const wifeHeads = rng.chance(0.03);
    const husband: Draft = {
      relation: wifeHeads ? "SUAMI" : "KEPALA KELUARGA",
      sex: "M",
      age: fatherAge,
      maritalStatus: "KAWIN",
      father: virtual(headIndex + (wifeHeads ? 1 : 0), VIRTUAL_FATHER),
      mother: virtual(headIndex + (wifeHeads ? 1 : 0), VIRTUAL_MOTHER),
    };
    const wife: Draft = {
      relation: wifeHeads ? "KEPALA KELUARGA" : "ISTRI",
      sex: "F",
      age: motherAge,
      maritalStatus: "KAWIN",
      father: virtual(headIndex + (wifeHeads ? 0 : 1), VIRTUAL_FATHER),
      mother: virtual(headIndex + (wifeHeads ? 0 : 1), VIRTUAL_MOTHER),
    };
    drafts.push(...(wifeHeads ? [wife, husband] : [husband, wife]));
    fatherRef = member(wifeHeads ? 1 : 0);
    motherRef = member(wifeHeads ? 0 : 1);
  }
  for (const age of ages) {
    drafts.push({
      relation: "ANAK",
      sex: rng.chance(0.5) ? "M" : "F",
      age,
      maritalStatus: "BELUM KAWIN",
      father: fatherRef,
      mother: motherRef,
    });
  }
  if (extra) {
    const head = drafts[0] as Draft;
    const slot = drafts.length;
    const index = headIndex + slot;
    if (rng.chance(0.7) && head.age <= 70) {
      const sex: NikSex = rng.chance(0.7) ? "F" : "M";
      drafts.push({
        relation: "ORANG TUA",
        sex,
        age: head.age + rng.int(20, Math.min(40, 90 - head.age)),
        maritalStatus: "CERAI MATI",
        father: virtual(index, VIRTUAL_FATHER),
        mother: virtual(index, VIRTUAL_MOTHER),
      });
      if (sex === "F") head.mother = member(slot);
      else head.father = member(slot);
    } else {
      const age = rng.int(10, 60);
      drafts.push({
        relation: "FAMILI LAIN",
        sex: rng.chance(0.5) ? "M" : "F",
        age,
        maritalStatus: age < 25 || rng.chance(0.5) ? "BELUM KAWIN" : "CERAI MATI",
        father: virtual(index, VIRTUAL_FATHER),
        mother: virtual(index, VIRTUAL_MOTHER),
      });
    }
  }
  return drafts;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

/** A date in a year from `from` to `to` (`to` wins when they cross), day 1–28. */
function dateInYears(rng: Rng, from: number, to: number): string {
  const year = rng.int(Math.min(from, to), to);
  return isoDate(year, rng.int(1, 12), rng.int(1, 28));
}

/**
 * The plan of family number `k` of a block (layout and home already computed).
 *
 * @example
 * ```ts
 * const plan = familyPlan(seedWord, numbering, layout, numbering.blockHome(0), 0);
 * plan.members[0]?.relation; // "KEPALA KELUARGA"
 * ```
 * @internal
 */
export function familyPlan(
  seedWord: number,
  numbering: Numbering,
  layout: BlockLayout,
  home: BlockHome,
  k: number,
): FamilyPlan {
  const start = layout.starts[k] as number;
  const size = (layout.starts[k + 1] as number) - start;
  const headIndex = layout.block * BLOCK_SIZE + start;
  const rng = new Rng(seedWord, STREAM.family, headIndex);
  const drafts = size === 1 ? composeSingle(rng, headIndex) : composeGroup(rng, size, headIndex);

  const members: MemberPlan[] = drafts.map((draft) => ({
    relation: draft.relation,
    sex: draft.sex,
    birthYear: LATEST_BIRTH_YEAR - draft.age,
    maritalStatus: draft.maritalStatus,
    father: draft.father,
    mother: draft.mother,
  }));

  const province = (districts().list[home.district] as { code: string }).code.slice(0, 2);
  const religion = rng.weighted(religionTableFor(province));
  const moveChoice = rng.chance(0.08) ? rng.int(0, MOVE_CHOICES - 1) : undefined;
  const addressDistrict =
    moveChoice === undefined ? home.district : numbering.moveDestination(home, moveChoice);

  const head = members[0] as MemberPlan;
  const children = members.filter((m) => m.relation === "ANAK");
  const eldestYear = children[0]?.birthYear;
  const youngestYear = children[children.length - 1]?.birthYear;
  let marriageDate: string | null = null;
  let divorceDate: string | null = null;
  if (head.maritalStatus === "KAWIN") {
    const spouse = members[1] as MemberPlan;
    const from = Math.max(head.birthYear, spouse.birthYear) + 19;
    marriageDate = dateInYears(rng, from, eldestYear ?? LATEST_BIRTH_YEAR);
  } else if (head.maritalStatus === "CERAI HIDUP") {
    divorceDate = dateInYears(
      rng,
      Math.max(head.birthYear + 21, youngestYear ?? 0),
      LATEST_BIRTH_YEAR,
    );
  }

  return {
    block: layout.block,
    start,
    size,
    headIndex,
    home,
    members,
    religion,
    moveChoice,
    addressDistrict,
    marriageDate,
    divorceDate,
  };
}
