import type { OutcomeName, ResponseCode, WireRecordInput } from "@dukcapil-sandbox/core";

/**
 * What the registry says about a resident beyond the record: drives the data outcomes 01, 11, 12, 14.
 *
 * @example
 * ```ts
 * import { createPopulation, type ResidentStatus } from "@dukcapil-sandbox/simulator";
 * const population = createPopulation({ seed: "demo", size: 10_000 });
 * const status: ResidentStatus = population.residentAt(42).status;
 * const answersWithRecord = status === "active"; // the others answer 11, 12 or 14
 * ```
 */
export type ResidentStatus = "active" | "deceased" | "duplicate" | "inactive";

/**
 * One fake resident: a pure function of (seed, index). `record` holds every element of
 * core's `RECORD_ELEMENTS` (33 + EKTP_STATUS) as strings (digits for numeric elements,
 * `YYYY-MM-DD` dates, upper-case text) or `null`; the simulator filters it by grant and
 * writes it with core's wire writers.
 *
 * @example
 * ```ts
 * import { createPopulation, type Resident } from "@dukcapil-sandbox/simulator";
 * const population = createPopulation({ seed: "demo", size: 10_000 });
 * const resident: Resident = population.residentAt(42);
 * resident.record.NAMA_LGKP; // upper-case full name
 * population.findByNik(resident.nik)?.index; // 42
 * ```
 */
export interface Resident {
  readonly index: number;
  readonly nik: string;
  readonly status: ResidentStatus;
  readonly record: WireRecordInput;
}

/**
 * A NIK that triggers a documented outcome in every population, whatever the seed.
 *
 * @example
 * ```ts
 * import { createPopulation, type MagicNik } from "@dukcapil-sandbox/simulator";
 * const population = createPopulation({ seed: "demo", size: 10_000 });
 * const deceased: MagicNik | undefined = population.magic.find((row) => row.kind === "deceased");
 * deceased?.code; // "11"
 * ```
 */
export interface MagicNik {
  readonly nik: string;
  /** The outcome it triggers; `big-nik` and `family` are found residents with a special property. */
  readonly kind: OutcomeName | "big-nik" | "family";
  /** The catalogue code a lookup of this NIK answers with (for a valid institution with quota). */
  readonly code: ResponseCode;
  readonly description: string;
}

/**
 * The residents of a simulator: constant memory whatever `size` is.
 *
 * @example
 * ```ts
 * import { createPopulation, type Population } from "@dukcapil-sandbox/simulator";
 * const population: Population = createPopulation({ seed: "demo", size: 1_000_000 });
 * const resident = population.residentAt(0);
 * population.familyOf(resident.nik)?.length; // members of the family card
 * population.findByNik("0000000000000000"); // undefined (outcome 13)
 * ```
 */
export interface Population {
  readonly seed: string;
  readonly size: number;
  /** The resident with this NIK (magic NIKs first), or `undefined` (outcome 13). */
  findByNik(nik: string): Resident | undefined;
  /** The resident at `index` (0 ≤ index < size). */
  residentAt(index: number): Resident;
  /** Every member of the family card of the resident with this NIK, head first; `undefined` when not found. */
  familyOf(nik: string): readonly Resident[] | undefined;
  /** The magic-NIK table (stable across seeds). */
  readonly magic: readonly MagicNik[];
}
