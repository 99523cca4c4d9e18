/**
 * The simulator's configuration: ONE zod schema for every surface (createSimulator
 * options, CLI flags, config file). Defaults live here, with units in the names.
 */
import { usagePatternOptionsSchema } from "@dukcapil-sandbox/core";
import { z } from "zod";
import { CLOCK_RANGE_MS, isClockInstant } from "./controls/clock.js";
import { SimulatorError } from "./errors.js";

/**
 * The zod schema of the simulator's configuration: strict, with every default applied.
 *
 * @example
 * ```ts
 * import { simulatorConfigSchema } from "@dukcapil-sandbox/simulator";
 * simulatorConfigSchema.parse({}).population; // 1000000
 * simulatorConfigSchema.safeParse({ clockFrozen: true }).success; // false: needs clockStartAt
 * ```
 */
export const simulatorConfigSchema = z
  .object({
    /** Address to listen on. */
    host: z.string().min(1).default("127.0.0.1"),
    /** Port to listen on; 0 picks a free one (tests). */
    port: z.number().int().min(0).max(65_535).default(0),
    /** Seed of the fake population: same seed, same residents. */
    seed: z.union([z.string().min(1), z.number().int()]).default("dukcapil-sandbox"),
    /** Number of fake residents (memory and start-up do not grow with it). */
    population: z.number().int().min(1).max(300_000_000).default(1_000_000),
    /** SQLite database file, or ":memory:". */
    db: z.string().min(1).default(":memory:"),
    /** Bearer token of the admin API and sandbox controls; generated at start when absent. */
    adminToken: z.string().min(16, "must have at least 16 characters").optional(),
    /** Create the default PoC institution, user and data-balikan token at start. */
    seedDefaults: z.boolean().default(true),
    /** Start the clock at this instant (ISO 8601 with offset) instead of real time. */
    clockStartAt: z.iso
      .datetime({ offset: true })
      .refine((text) => isClockInstant(Date.parse(text)), `must be ${CLOCK_RANGE_MS.text}`)
      .optional(),
    /** Freeze the clock at `clockStartAt`. */
    clockFrozen: z.boolean().default(false),
    /** Options of the live usage-pattern detector (core's schema). */
    patterns: usagePatternOptionsSchema.optional(),
    /** Largest request body accepted, in bytes. */
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    /** A request whose body has not arrived after this long is answered 408. */
    requestTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  })
  .strict()
  .refine((config) => !config.clockFrozen || config.clockStartAt !== undefined, {
    message: "clockFrozen needs clockStartAt (the instant to freeze at)",
    path: ["clockFrozen"],
  });

/**
 * The input of {@link parseSimulatorConfig}: every field optional.
 *
 * @example
 * ```ts
 * import { type SimulatorConfigInput, startSimulator } from "@dukcapil-sandbox/simulator";
 * const input: SimulatorConfigInput = {
 *   port: 8080,
 *   seed: "demo",
 *   clockStartAt: "2026-03-02T09:00:00+07:00",
 *   clockFrozen: true,
 * };
 * const simulator = await startSimulator(input);
 * ```
 */
export type SimulatorConfigInput = z.input<typeof simulatorConfigSchema>;
/**
 * A validated configuration with defaults applied.
 *
 * @example
 * ```ts
 * import { parseSimulatorConfig, type SimulatorConfig } from "@dukcapil-sandbox/simulator";
 * const config: SimulatorConfig = parseSimulatorConfig({ population: 10_000 });
 * config.host; // "127.0.0.1"
 * config.maxBodyBytes; // 1048576
 * ```
 */
export type SimulatorConfig = z.output<typeof simulatorConfigSchema>;

/**
 * Validates a configuration; a bad one throws DKS_SIM_CONFIG_INVALID naming the field.
 *
 * @example
 * ```ts
 * import { parseSimulatorConfig } from "@dukcapil-sandbox/simulator";
 * const config = parseSimulatorConfig({ port: 8080, population: 10_000 });
 * ```
 */
export function parseSimulatorConfig(input: unknown): SimulatorConfig {
  const result = simulatorConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields = result.error.issues.map(
    (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
  );
  throw new SimulatorError(
    "DKS_SIM_CONFIG_INVALID",
    `Failed to start the simulator: invalid configuration (${fields.join("; ")}). Fix the named field.`,
    { issues: result.error.issues.map((i) => ({ path: i.path, message: i.message })) },
  );
}
