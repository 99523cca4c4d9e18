/**
 * Choosing the NIKs the operator types: magic NIKs, canary residents, random residents
 * (deterministic from a selection seed, never reused within a run, and never forming a usage
 * pattern among themselves) and literals.
 */
import { createHash } from "node:crypto";
import { detectUsagePatterns } from "@dukcapil-sandbox/core";
import type { Population, Resident } from "@dukcapil-sandbox/simulator";
import { PocError } from "../errors.js";
import type { NikSelector } from "../plan/schema.js";

/** A canary resident: values unique enough to find in the app's storage. */
export interface Canary {
  readonly nik: string;
  readonly noKk: string;
  readonly name: string;
}

/** A small, fast, seeded PRNG (mulberry32). */
function prng(seed: string): () => number {
  let state = createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : null;

/** Picks NIKs for one run. */
export class NikSelection {
  readonly #population: Population;
  readonly #random: () => number;
  readonly #used = new Set<string>();
  readonly canaries: readonly Canary[];

  constructor(population: Population, seed: string, canaryCount: number) {
    this.#population = population;
    this.#random = prng(seed);
    const canaries: Canary[] = [];
    const names = new Set<string>();
    for (let attempt = 0; canaries.length < canaryCount && attempt < 10_000; attempt++) {
      const resident = this.#candidate();
      const name = text(resident.record.NAMA_LGKP);
      const noKk = text(resident.record.NO_KK);
      if (name === null || noKk === null || name.length < 8 || !name.includes(" ")) continue;
      if (names.has(name)) continue;
      names.add(name);
      this.#used.add(resident.nik);
      canaries.push({ nik: resident.nik, noKk, name });
    }
    if (canaries.length < canaryCount) {
      throw new PocError(
        "DKS_POC_CONFIG_INVALID",
        `Failed to pick ${canaryCount} canary residents from a population of ${population.size}. Use a larger population.`,
      );
    }
    this.canaries = canaries;
  }

  /** An active resident not used yet in the run. */
  #candidate(): Resident {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const index = Math.floor(this.#random() * this.#population.size);
      const resident = this.#population.residentAt(index);
      if (resident.status === "active" && !this.#used.has(resident.nik)) return resident;
    }
    throw new PocError(
      "DKS_POC_CONFIG_INVALID",
      `Failed to pick an unused active resident from a population of ${this.#population.size}. Use a larger population.`,
    );
  }

  /**
   * A random active resident not used before in the run, that forms no usage pattern with the
   * NIKs `before` it in the criterion (checked with core's detector at an operator's pace).
   */
  randomResident(before: readonly string[]): Resident {
    for (let attempt = 0; attempt < 200; attempt++) {
      const resident = this.#candidate();
      const niks = [...before.filter((nik) => /^\d{16}$/.test(nik)), resident.nik];
      const findings = detectUsagePatterns(niks.map((nik, index) => ({ at: index * 60_000, nik })));
      if (findings.length === 0) {
        this.#used.add(resident.nik);
        return resident;
      }
    }
    throw new PocError(
      "DKS_POC_CONFIG_INVALID",
      "Failed to pick a random resident that forms no usage pattern with the criterion's other lookups. Use a larger population or fewer lookups.",
    );
  }

  /** The NIK a selector stands for; `earlier` are the NIKs of the criterion's lookups so far. */
  resolve(selector: NikSelector, earlier: readonly string[]): string {
    if ("literal" in selector) return selector.literal;
    if ("canary" in selector) {
      const canary = this.canaries[selector.canary];
      if (canary === undefined) {
        throw new PocError(
          "DKS_POC_PLAN_INVALID",
          `Failed to select canary ${selector.canary}: the run has ${this.canaries.length}. Raise the plan's canaries.`,
        );
      }
      return canary.nik;
    }
    if ("sameAs" in selector) {
      const nik = earlier[selector.sameAs];
      if (nik === undefined) {
        throw new PocError(
          "DKS_POC_PLAN_INVALID",
          `Failed to select sameAs ${selector.sameAs}: the criterion has made ${earlier.length} lookups so far.`,
        );
      }
      return nik;
    }
    if ("magic" in selector) {
      const row = this.#population.magic.find((magic) => magic.kind === selector.magic);
      if (row === undefined) {
        throw new PocError(
          "DKS_POC_SIMULATOR_UNAVAILABLE",
          `Failed to find the magic NIK "${selector.magic}" in the simulator's magic table. Use a simulator of the same major version.`,
        );
      }
      return row.nik;
    }
    return this.randomResident(earlier).nik;
  }

  /** The resident with this NIK (magic residents included), or `undefined`. */
  resident(nik: string): Resident | undefined {
    return /^\d{16}$/.test(nik) ? this.#population.findByNik(nik) : undefined;
  }
}
