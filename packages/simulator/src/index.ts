// The public API of @dukcapil-sandbox/simulator. Named exports grouped by area; no
// `export *`. MSW handlers are the `/msw` subpath.

// --- Serving ---
export {
  createSimulator,
  type RunningSimulator,
  type SimulatorApp,
  startSimulator,
} from "./server.js";
export { createSimulatorRuntime, type SimulatorRuntime } from "./runtime.js";

// --- Configuration ---
export {
  parseSimulatorConfig,
  type SimulatorConfig,
  type SimulatorConfigInput,
  simulatorConfigSchema,
} from "./config.js";

// --- Errors ---
export {
  SimulatorError,
  type SimulatorErrorCode,
  simulatorErrorRegistry,
} from "./errors.js";

// --- Population ---
export {
  createPopulation,
  MAX_POPULATION_SIZE,
  POPULATION_REFERENCE_DATE,
  type PopulationOptions,
  populationOptionsSchema,
} from "./population/population.js";
export type { MagicNik, Population, Resident, ResidentStatus } from "./population/types.js";

// --- Engine ---
export {
  DEFAULT_VERIFY_THRESHOLD,
  PATTERN_BLOCK_CODE,
  PATTERN_BLOCK_TEXT,
} from "./engine/imitated.js";

// --- Controls ---
export { type ControlledClock, createControlledClock } from "./controls/clock.js";
export { type FaultPlan, faultPlanSchema } from "./controls/faults.js";
export { createSandboxRouter } from "./http/sandbox.js";

// --- State ---
export { createStore, type StoreOptions } from "./state/store.js";
export {
  type SeededDefaults,
  type SeedDefaultsOptions,
  seedDefaults,
  seedPassword,
} from "./state/seed.js";
export { effectiveDailyQuota } from "./state/users.js";
export { DEFAULT_DIALECT } from "./state/institutions.js";
export {
  allowedOnboardingTransitions,
  onboardingStates,
  onboardingTransitions,
} from "./state/onboarding.js";
export { hashPassword, SCRYPT_PARAMETERS, verifyPasswordHash } from "./state/passwords.js";
export type {
  Dialect,
  Institution,
  JournalEntry,
  PatternPolicy,
  SimulatorStore,
  Stage,
  UserAccount,
} from "./state/types.js";
export { type AdminRouterOptions, createAdminRouter } from "./http/admin.js";
