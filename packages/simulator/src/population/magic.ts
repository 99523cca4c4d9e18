/**
 * Magic NIKs: NIKs that answer a documented outcome in every population, whatever the seed
 * or size. The table is generated from core's response-code catalogue: one row per
 * outcome of category `data` (found 01, deceased 11, duplicate 12, not found 13,
 * inactive 14, malformed 15), plus a found resident whose NIK is above 2^53 (a Papua
 * province) and a found family of four or more.
 *
 * The magic residents are ordinary generated residents of a fixed seed
 * (`MAGIC_SEED`), picked by rule (the first that fits, in index order), given a NIK
 * serial of 9001 or more and the status of their row. Generated residents only use serials
 * 1–113 (numbering.ts), so a magic NIK never collides with a resident of any seed.
 * Magic residents live outside the index space: their `index` is negative (−1, −2, …).
 */
import {
  type OutcomeName,
  outcomeRow,
  type ResponseCode,
  responseCodes,
} from "@dukcapil-sandbox/core";
import { SimulatorError } from "../errors.js";
import type { FamilyPlan } from "./family.js";
import { ResidentGenerator } from "./generator.js";
import { BLOCK_COUNT, BLOCK_SIZE, MAGIC_SERIAL_BASE } from "./numbering.js";
import type { MagicNik, Resident, ResidentStatus } from "./types.js";

/** The fixed seed the magic residents are generated from. */
export const MAGIC_SEED = "dukcapil-sandbox/magic-niks/v1";

/** The magic table with its residents, as the population looks them up. */
export interface MagicTable {
  readonly rows: readonly MagicNik[];
  /** Magic residents by NIK (found, deceased, duplicate, inactive, big NIK, family members). */
  readonly residents: ReadonlyMap<string, Resident>;
  /** The family card of each magic resident, head first. */
  readonly families: ReadonlyMap<string, readonly Resident[]>;
}

interface Builder {
  readonly kind: MagicNik["kind"];
  build(context: BuildContext): { readonly nik: string; readonly description: string };
}

interface BuildContext {
  readonly row: { readonly code: ResponseCode; readonly meaningEn: string };
  /** Makes a single-member magic resident with this status and returns it. */
  single(status: ResidentStatus, accept?: (plan: FamilyPlan) => boolean): Resident;
  /** A valid NIK that no population and no magic row holds. */
  unusedNik(): string;
  /** A 16-digit NIK whose date is 31 February (parseNik: reason `date`). */
  malformedNik(): string;
}

function single(status: ResidentStatus, text: string): Builder["build"] {
  return (context) => {
    const resident = context.single(status);
    return {
      nik: resident.nik,
      description: `${text} (code ${context.row.code}). ${context.row.meaningEn}`,
    };
  };
}

/**
 * One builder per data outcome of the catalogue. A data outcome added to the catalogue
 * without a builder here fails table generation (and its test), so no row goes missing.
 */
const DATA_BUILDERS: Partial<Record<OutcomeName, Builder>> = {
  found: {
    kind: "found",
    build: single("active", "An active adult living alone: lookup answers the full record"),
  },
  deceased: {
    kind: "deceased",
    build: single("deceased", "A resident recorded as deceased"),
  },
  duplicate: {
    kind: "duplicate",
    build: single("duplicate", "A resident with a duplicate record"),
  },
  inactive: {
    kind: "inactive",
    build: single("inactive", "A resident whose record is inactive"),
  },
  "not-found": {
    kind: "not-found",
    build: (context) => ({
      nik: context.unusedNik(),
      description: `A well-formed NIK (valid region, date and serial) that is in no population (code ${context.row.code}). ${context.row.meaningEn}`,
    }),
  },
  "malformed-nik": {
    kind: "malformed-nik",
    build: (context) => ({
      nik: context.malformedNik(),
      description: `Sixteen digits with the birth date 31 February, which parseNik rejects (code ${context.row.code}). ${context.row.meaningEn}`,
    }),
  },
};

const PAPUA_BIG_NIK_PROVINCES = ["94", "95", "96"];

/** Builds the magic table (deterministic: the same for every seed and size). */
function buildMagicTable(): MagicTable {
  const generator = new ResidentGenerator(MAGIC_SEED);
  const residents = new Map<string, Resident>();
  const families = new Map<string, readonly Resident[]>();
  const rows: MagicNik[] = [];
  const usedHeads = new Set<number>();
  let nextSerial = MAGIC_SERIAL_BASE + 1;
  let nextIndex = -1;

  const remake = (resident: Resident, status: ResidentStatus): Resident => {
    const nik = `${resident.nik.slice(0, 12)}${String(nextSerial).padStart(4, "0")}`;
    nextSerial += 1;
    const made: Resident = Object.freeze({
      index: nextIndex,
      nik,
      status,
      record: Object.freeze({ ...resident.record, NIK: nik }),
    });
    nextIndex -= 1;
    residents.set(nik, made);
    return made;
  };

  /** The first family plans, in index order, that satisfy `accept`. */
  const findPlan = (accept: (plan: FamilyPlan) => boolean): FamilyPlan => {
    for (let block = 0; block < BLOCK_COUNT; block++) {
      for (let offset = 0; offset < BLOCK_SIZE; ) {
        const { plan } = generator.locate(block * BLOCK_SIZE + offset);
        offset = plan.start + plan.size;
        if (!usedHeads.has(plan.headIndex) && accept(plan)) {
          usedHeads.add(plan.headIndex);
          return plan;
        }
      }
    }
    throw new SimulatorError(
      "DKS_SIM_INTERNAL",
      "Failed to build the magic-NIK table: no generated family fits a row. This is a simulator bug.",
    );
  };

  /** A resident whose record agrees with its NIK (no birth-date mismatch) and is an adult. */
  const plainAdult = (plan: FamilyPlan): Resident | undefined => {
    const resident = generator.build(plan, 0);
    const birthYear = plan.members[0]?.birthYear ?? 0;
    return resident.record.TGL_LHR === nikBirthDate(resident.nik, birthYear) && birthYear <= 2000
      ? resident
      : undefined;
  };

  const makeSingle = (
    status: ResidentStatus,
    accept: (plan: FamilyPlan) => boolean = () => true,
  ): Resident => {
    let source: Resident | undefined;
    findPlan((plan) => {
      if (plan.size !== 1 || plan.moveChoice !== undefined || !accept(plan)) return false;
      source = plainAdult(plan);
      return source !== undefined;
    });
    const made = remake(source as Resident, status);
    families.set(made.nik, Object.freeze([made]));
    return made;
  };

  let firstFound: Resident | undefined;
  const context = (row: BuildContext["row"]): BuildContext => ({
    row,
    single: (status, accept) => {
      const made = makeSingle(status, accept);
      firstFound ??= made;
      return made;
    },
    unusedNik: () => {
      const base = firstFound ?? makeSingle("active");
      return `${base.nik.slice(0, 12)}9999`;
    },
    malformedNik: () => {
      const base = firstFound ?? makeSingle("active");
      return `${base.nik.slice(0, 6)}3102${base.nik.slice(10, 12)}0001`;
    },
  });

  for (const row of responseCodes) {
    if (row.category !== "data") continue;
    const builder = DATA_BUILDERS[row.outcome];
    if (builder === undefined) {
      throw new SimulatorError(
        "DKS_SIM_INTERNAL",
        `Failed to build the magic-NIK table: data outcome ${row.outcome} (code ${row.code}) has no magic NIK builder. Add one to DATA_BUILDERS in population/magic.ts.`,
        { outcome: row.outcome, code: row.code },
      );
    }
    const { nik, description } = builder.build(context(row));
    rows.push(Object.freeze({ nik, kind: builder.kind, code: row.code, description }));
  }

  const found = outcomeRow("found");
  const big = makeSingle("active", (plan) =>
    PAPUA_BIG_NIK_PROVINCES.some((p) => generator.nikOf(plan, 0).startsWith(p)),
  );
  rows.push(
    Object.freeze({
      nik: big.nik,
      kind: "big-nik",
      code: found.code,
      description: `A found resident of ${big.record.KAB_NAME ?? "Papua"}, ${big.record.PROP_NAME ?? ""}: the NIK is above 2^53 (9007199254740992), so a client that parses NIK as a JSON number rounds it. ${found.meaningEn}`,
    }),
  );

  const familyPlan = findPlan(
    (plan) =>
      plan.size >= 4 &&
      plan.moveChoice === undefined &&
      plan.members[0]?.relation === "KEPALA KELUARGA" &&
      plan.members[1]?.relation === "ISTRI" &&
      plan.members.slice(2).every((m) => m.relation === "ANAK") &&
      plan.members.every((_, slot) => {
        const resident = generator.build(plan, slot);
        return (
          resident.record.TGL_LHR === nikBirthDate(resident.nik, plan.members[slot]?.birthYear ?? 0)
        );
      }),
  );
  const members = familyPlan.members.map((_, slot) =>
    remake(generator.build(familyPlan, slot), "active"),
  );
  const card = Object.freeze(members);
  for (const m of members) families.set(m.nik, card);
  const head = members[0] as Resident;
  rows.push(
    Object.freeze({
      nik: head.nik,
      kind: "family",
      code: found.code,
      description: `The head of a family card (NO_KK ${head.record.NO_KK}) with ${members.length} members, head first: ${members
        .map((m) => `${m.nik} (${m.record.STAT_HBKEL})`)
        .join(
          ", ",
        )}. CALL_NIK_GET_KK with any of them answers all ${members.length}. ${found.meaningEn}`,
    }),
  );

  return { rows: Object.freeze(rows), residents, families };
}

/** The `YYYY-MM-DD` birth date encoded in a NIK, given the birth year. */
function nikBirthDate(nik: string, year: number): string {
  const rawDay = Number(nik.slice(6, 8));
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  return `${year}-${nik.slice(8, 10)}-${day < 10 ? "0" : ""}${day}`;
}

let table: MagicTable | undefined;

/**
 * The magic-NIK table, built once per process on first use (about 10 ms).
 *
 * @example
 * ```ts
 * magicTable().rows.find((row) => row.kind === "deceased")?.code; // "11"
 * ```
 * @internal
 */
export function magicTable(): MagicTable {
  table ??= buildMagicTable();
  return table;
}
