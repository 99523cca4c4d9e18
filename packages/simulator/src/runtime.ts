/**
 * The simulator without a transport: configuration, clock, state, population, engine and
 * faults, wired once. The HTTP server, the Express app and the MSW handlers are thin
 * shells around one runtime.
 */
import { randomBytes } from "node:crypto";
import { parseSimulatorConfig, type SimulatorConfig } from "./config.js";
import { type ControlledClock, createControlledClock } from "./controls/clock.js";
import { createFaultRegistry, type FaultRegistry } from "./controls/faults.js";
import type { EngineDeps } from "./engine/deps.js";
import { createImitatedEngine, type ImitatedEngine } from "./engine/imitated.js";
import { createPopulation } from "./population/population.js";
import type { Population } from "./population/types.js";
import { type SeededDefaults, seedDefaults } from "./state/seed.js";
import { createStore } from "./state/store.js";
import type { SimulatorStore } from "./state/types.js";
import { effectiveDailyQuota } from "./state/users.js";

/**
 * One simulator's parts: configuration, clock, store, population, engine and faults.
 *
 * @example
 * ```ts
 * import { createSimulatorRuntime, type SimulatorRuntime } from "@dukcapil-sandbox/simulator";
 * const runtime: SimulatorRuntime = await createSimulatorRuntime({ population: 10_000 });
 * runtime.clock.advance(24 * 60 * 60 * 1000); // tomorrow: the daily quota starts again
 * runtime.store.journal.query({ limit: 10 });
 * await runtime.reset();
 * runtime.close();
 * ```
 */
export interface SimulatorRuntime {
  readonly config: SimulatorConfig;
  readonly clock: ControlledClock;
  readonly store: SimulatorStore;
  readonly population: Population;
  readonly engine: ImitatedEngine;
  readonly deps: EngineDeps;
  readonly faults: FaultRegistry;
  /** The admin token (configured, or generated at start). */
  readonly adminToken: string;
  /** What was seeded at start (`seedDefaults`), or `null`. */
  readonly defaults: SeededDefaults | null;
  /** Clears all state, faults, patterns and the clock, then seeds the defaults again. */
  reset(): Promise<SeededDefaults | null>;
  close(): void;
}

/**
 * Builds a simulator runtime from a configuration (validated; a bad one throws
 * DKS_SIM_CONFIG_INVALID naming the field).
 *
 * @example
 * ```ts
 * import { createSimulatorRuntime } from "@dukcapil-sandbox/simulator";
 * const runtime = await createSimulatorRuntime({ population: 10_000 });
 * runtime.defaults?.user.userId;
 * runtime.close();
 * ```
 */
export async function createSimulatorRuntime(input: unknown = {}): Promise<SimulatorRuntime> {
  const config = parseSimulatorConfig(input);
  const clock = createControlledClock();
  const startClock = () => {
    if (config.clockStartAt === undefined) clock.real();
    else clock.set(Date.parse(config.clockStartAt), config.clockFrozen);
  };
  startClock();
  const store = createStore({ file: config.db, clock });
  const population = createPopulation({ seed: config.seed, size: config.population });
  const faults = createFaultRegistry();
  const adminToken = config.adminToken ?? randomBytes(24).toString("base64url");

  const deps: EngineDeps = {
    clock,
    population,
    findInstitutionByPath: (path) => store.institutions.findByPath(path),
    findInstitution: (id) => store.institutions.get(id),
    findUser: (userId) => store.users.get(userId),
    verifyPassword: (userId, password) => store.users.verifyPasswordAsync(userId, password),
    dailyLimit: (user, institution) => effectiveDailyQuota(user, institution.stage),
    recordHit: (key, day, limit, entry) => store.recordHitGrouped(key, day, limit, entry),
    hitsUsed: (key, day) => store.quota.peek(key, day),
    appendJournal: (entry) => store.appendJournal(entry),
    findToken: (tokenId) => store.tokens.get(tokenId),
    receiveDataBalikan: (institutionId, items, tokenId) => {
      const receipt = store.dataBalikan.receive(institutionId, items, {
        at: clock.now(),
        tokenId,
      });
      return { duplicates: receipt.ok ? [] : receipt.duplicates };
    },
  };
  const engine = createImitatedEngine(
    deps,
    config.patterns === undefined ? {} : { patterns: config.patterns },
  );
  const seed = () =>
    config.seedDefaults ? seedDefaults(store, { seed: config.seed }) : Promise.resolve(null);

  let defaults: SeededDefaults | null;
  try {
    defaults = await seed();
  } catch (error) {
    store.close();
    throw error;
  }
  return {
    config,
    clock,
    store,
    population,
    engine,
    deps,
    faults,
    adminToken,
    get defaults() {
      return defaults;
    },
    async reset() {
      store.reset();
      faults.clear();
      engine.resetPatterns();
      startClock();
      defaults = await seed();
      return defaults;
    },
    close() {
      store.close();
    },
  };
}
