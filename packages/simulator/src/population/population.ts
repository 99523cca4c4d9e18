/**
 * `createPopulation`: the fake residents of a simulator, deterministic from a seed, in
 * constant memory whatever the size (each resident is a pure function of seed and index;
 * the NIK ↔ index mapping is a bijection, see numbering.ts).
 */
import * as z from "zod";
import { SimulatorError } from "../errors.js";
import { ResidentGenerator } from "./generator.js";
import { magicTable } from "./magic.js";
import { MAX_POPULATION_SIZE } from "./numbering.js";
import type { MagicNik, Population, Resident } from "./types.js";

export { POPULATION_REFERENCE_DATE } from "./family.js";
export { MAX_POPULATION_SIZE } from "./numbering.js";

/**
 * The options of {@link createPopulation}: one strict zod schema.
 *
 * @example
 * ```ts
 * import { populationOptionsSchema } from "@dukcapil-sandbox/simulator";
 * populationOptionsSchema.parse({ seed: "demo", size: 10_000 });
 * ```
 */
export const populationOptionsSchema = z
  .object({
    /** Any non-empty text or safe integer; `42` and `"42"` give the same population. */
    seed: z.union([
      z.string().min(1, "must not be empty").max(256, "must be at most 256 characters"),
      z.number().int("must be an integer").refine(Number.isSafeInteger, "must be a safe integer"),
    ]),
    /** The number of residents, 1 to 300,000,000. */
    size: z
      .number()
      .int("must be an integer")
      .min(1, "must be at least 1")
      .max(MAX_POPULATION_SIZE, `must be at most ${MAX_POPULATION_SIZE}`),
  })
  .strict();

/**
 * The options of {@link createPopulation}.
 *
 * @example
 * ```ts
 * import type { PopulationOptions } from "@dukcapil-sandbox/simulator";
 * const options: PopulationOptions = { seed: 42, size: 1_000_000 };
 * ```
 */
export type PopulationOptions = z.input<typeof populationOptionsSchema>;

const EXPECTED: Readonly<Record<string, string>> = {
  seed: "a non-empty string of at most 256 characters or a safe integer",
  size: `an integer from 1 to ${MAX_POPULATION_SIZE}`,
};

function readOptions(options: unknown): z.output<typeof populationOptionsSchema> {
  const result = populationOptionsSchema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  let reason: string;
  if (issue?.code === "unrecognized_keys") {
    reason = `unknown option ${issue.keys.map((k) => `\`${k}\``).join(", ")}`;
  } else if (issue === undefined || issue.path.length === 0) {
    reason = `the options are ${show(options)}, not an object`;
  } else {
    const field = String(issue.path[0]);
    const value =
      typeof options === "object" && options !== null
        ? (options as Record<string, unknown>)[field]
        : undefined;
    reason = `\`${field}\` is ${show(value)}, not ${EXPECTED[field] ?? "valid"}`;
  }
  throw new SimulatorError(
    "DKS_SIM_CONFIG_INVALID",
    `Failed to create population: ${reason}. Pass { seed: ${EXPECTED.seed}, size: ${EXPECTED.size} }.`,
    { issues: result.error.issues.map((i) => ({ path: i.path, message: i.message })) },
  );
}

function show(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (typeof value === "string") {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === "number") return String(value);
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

class GeneratedPopulation implements Population {
  readonly seed: string;
  readonly size: number;
  readonly #generator: ResidentGenerator;

  constructor(seed: string, size: number) {
    this.seed = seed;
    this.size = size;
    this.#generator = new ResidentGenerator(seed);
  }

  get magic(): readonly MagicNik[] {
    return magicTable().rows;
  }

  residentAt(index: number): Resident {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new SimulatorError(
        "DKS_SIM_VALIDATION",
        `Failed to read resident ${String(index)}: the index is not an integer from 0 to ${this.size - 1}. Pass an index below the population size.`,
        { index, size: this.size },
      );
    }
    return this.#generator.residentAt(index);
  }

  findByNik(nik: string): Resident | undefined {
    if (typeof nik !== "string") return undefined;
    const magic = magicTable().residents.get(nik);
    if (magic !== undefined) return magic;
    const index = this.#indexOf(nik);
    return index === undefined ? undefined : this.#generator.residentAt(index);
  }

  familyOf(nik: string): readonly Resident[] | undefined {
    if (typeof nik !== "string") return undefined;
    const magic = magicTable().families.get(nik);
    if (magic !== undefined) return magic;
    const index = this.#indexOf(nik);
    return index === undefined ? undefined : this.#generator.familyAt(index, this.size);
  }

  /** The index of the resident with this NIK, or `undefined`: decode, then check by regenerating the NIK. */
  #indexOf(nik: string): number | undefined {
    const decoded = this.#generator.numbering.decodeNik(nik);
    if (decoded === undefined || decoded.index >= this.size) return undefined;
    return this.#generator.nikAt(decoded.index) === nik ? decoded.index : undefined;
  }
}

/**
 * Creates the fake residents of a simulator: deterministic from `seed`, any `size` up to
 * 300 million in constant memory and constant start-up time.
 *
 * Each resident is a pure function of (seed, index): nothing is stored per resident, and a
 * smaller population is a prefix of a larger one with the same seed. `findByNik` computes
 * the index from the NIK (a keyed bijection), so lookups are O(1). Residents are grouped in
 * family cards (`familyOf`), live in real villages of idn-area-data 4.0.1 (loaded lazily,
 * once per process, on the first record built), and carry NIKs made by core's `makeNik`
 * that `parseNik` accepts in strict mode with a `referenceDate` from
 * `POPULATION_REFERENCE_DATE` (2026-01-01: all ages are computed for that day) up to
 * 2034-12-31. About 1% of residents are deceased, 0.2% duplicates and 0.5% inactive; about
 * 1% have a recorded birth date that differs from their NIK's (a corrected date).
 * The magic NIKs (`magic`) answer their documented outcome in every population.
 *
 * Throws `SimulatorError` `DKS_SIM_CONFIG_INVALID` when an option is missing or invalid.
 *
 * @example
 * ```ts
 * import { createPopulation } from "@dukcapil-sandbox/simulator";
 * const population = createPopulation({ seed: "demo", size: 280_000_000 });
 * const resident = population.residentAt(123_456_789);
 * population.findByNik(resident.nik)?.index; // 123456789
 * population.familyOf(resident.nik)?.[0]?.record.STAT_HBKEL; // "KEPALA KELUARGA"
 * population.magic.find((row) => row.kind === "deceased")?.code; // "11"
 * ```
 */
export function createPopulation(options: PopulationOptions): Population {
  const { seed, size } = readOptions(options);
  return new GeneratedPopulation(String(seed), size);
}
