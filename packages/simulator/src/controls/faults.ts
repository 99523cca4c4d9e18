/**
 * Fault injection for the imitated endpoints: latency with jitter, a bandwidth cap (the
 * Juknis link is 512 Kbps), HTTP 500/503, connection reset, no answer, a maintenance
 * window and throttling above a number of concurrent requests (the terms of use allow
 * throttling under load). Global or per institution; per request with
 * `Prefer: fault=…`. Precedence: header > institution > global.
 */
import { z } from "zod";
import { insideAccessHours } from "../engine/access.js";
import { SimulatorError } from "../errors.js";

/** A WIB time of day, 00:00–23:59. */
const WIB_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * One fault plan; every field is optional and they combine.
 *
 * @example
 * ```ts
 * import { faultPlanSchema } from "@dukcapil-sandbox/simulator";
 * const plan = faultPlanSchema.parse({ error: 503, probability: 0.1 });
 * faultPlanSchema.safeParse({ error: 418 }).success; // false: 500, 502, 503 or 504
 * ```
 */
export const faultPlanSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    jitterMs: z.number().int().min(0).max(60_000).optional(),
    bandwidthKbps: z.number().positive().max(10_000_000).optional(),
    /** Answer with this HTTP status and a plain body instead of processing. */
    error: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
    /** Destroy the connection without an answer. */
    reset: z.boolean().optional(),
    /** Never answer (the client must time out). */
    noAnswer: z.boolean().optional(),
    /** Answer 503 "maintenance" between these WIB times (HH:MM), or always when `true`. */
    maintenance: z
      .union([
        z.literal(true),
        z
          .object({
            from: z
              .string()
              .regex(WIB_TIME, "Expected a WIB time of day HH:MM from 00:00 to 23:59"),
            to: z.string().regex(WIB_TIME, "Expected a WIB time of day HH:MM from 00:00 to 23:59"),
          })
          .strict(),
      ])
      .optional(),
    /** Answer 503 when more than this many requests are in flight. */
    maxConcurrent: z.number().int().min(1).optional(),
    /** Apply error/reset/noAnswer to this share of requests only (0–1; default 1). */
    probability: z.number().min(0).max(1).optional(),
  })
  .strict();

/**
 * A fault plan (see {@link faultPlanSchema}): global, per institution, or per request.
 *
 * @example
 * ```ts
 * import { type FaultPlan, startSimulator } from "@dukcapil-sandbox/simulator";
 * const simulator = await startSimulator({ population: 10_000 });
 * // The Juknis link: 512 Kbps, with 2–2.5 s of latency.
 * const plan: FaultPlan = { latencyMs: 2_000, jitterMs: 500, bandwidthKbps: 512 };
 * await fetch(`${simulator.url}/sandbox/faults`, {
 *   method: "PUT",
 *   headers: {
 *     authorization: `Bearer ${simulator.runtime.adminToken}`,
 *     "content-type": "application/json",
 *   },
 *   body: JSON.stringify(plan),
 * });
 * ```
 */
export type FaultPlan = z.infer<typeof faultPlanSchema>;

/** What the transport does with one request. */
export type FaultAction =
  | { readonly kind: "none"; readonly delayMs: number; readonly bandwidthKbps: number | undefined }
  | {
      readonly kind: "error";
      readonly status: number;
      readonly body: string;
      readonly delayMs: number;
    }
  | { readonly kind: "reset"; readonly delayMs: number }
  | { readonly kind: "no-answer" };

/** The faults in force: global and per institution. */
export interface FaultRegistry {
  global(): FaultPlan;
  setGlobal(plan: FaultPlan): void;
  forInstitution(id: string): FaultPlan | undefined;
  setInstitution(id: string, plan: FaultPlan | undefined): void;
  list(): { global: FaultPlan; institutions: Record<string, FaultPlan> };
  clear(): void;
}

/** Creates an empty fault registry. */
export function createFaultRegistry(): FaultRegistry {
  let globalPlan: FaultPlan = {};
  const perInstitution = new Map<string, FaultPlan>();
  return {
    global: () => globalPlan,
    setGlobal: (plan) => {
      globalPlan = plan;
    },
    forInstitution: (id) => perInstitution.get(id),
    setInstitution: (id, plan) => {
      if (plan === undefined) perInstitution.delete(id);
      else perInstitution.set(id, plan);
    },
    list: () => ({ global: globalPlan, institutions: Object.fromEntries(perInstitution) }),
    clear: () => {
      globalPlan = {};
      perInstitution.clear();
    },
  };
}

const PREFER_FAULTS: Readonly<Record<string, FaultPlan>> = {
  timeout: { noAnswer: true },
  "no-answer": { noAnswer: true },
  reset: { reset: true },
  "500": { error: 500 },
  "502": { error: 502 },
  "503": { error: 503 },
  "504": { error: 504 },
  maintenance: { maintenance: true },
};

/** Reads `Prefer: fault=<name>` and `Prefer: latency=<ms>`; invalid values are errors. */
export function readPreferredFault(header: string | string[] | undefined): FaultPlan | undefined {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(",") : header;
  let plan: FaultPlan | undefined;
  for (const part of text.split(/[,;]/)) {
    const [rawName, ...rawValue] = part.split("=");
    const name = rawName?.trim().toLowerCase();
    const value = rawValue.join("=").trim().replace(/^"|"$/g, "").toLowerCase();
    if (name === "fault") {
      const fault = PREFER_FAULTS[value];
      if (fault === undefined) {
        throw new SimulatorError(
          "DKS_SIM_PREFER_INVALID",
          `Failed to read the Prefer header: fault=${JSON.stringify(value)} is not a fault. Use one of ${Object.keys(PREFER_FAULTS).join(", ")}.`,
          { header: text },
        );
      }
      plan = { ...plan, ...fault };
    } else if (name === "latency") {
      const ms = Number(value);
      if (!/^\d+$/.test(value) || ms > 120_000) {
        throw new SimulatorError(
          "DKS_SIM_PREFER_INVALID",
          `Failed to read the Prefer header: latency=${JSON.stringify(value)} is not a whole number of milliseconds up to 120000. Send e.g. Prefer: latency=10000.`,
          { header: text },
        );
      }
      plan = { ...plan, latencyMs: ms };
    }
  }
  return plan;
}

/**
 * Decides the fault action for one request from the plans in force (later plans win per
 * field), the number of requests in flight and a random draw.
 */
export function decideFault(
  plans: readonly (FaultPlan | undefined)[],
  context: { readonly now: number; readonly inFlight: number; readonly random: () => number },
): FaultAction {
  const plan: FaultPlan = Object.assign({}, ...plans.filter((p) => p !== undefined));
  const delayMs =
    (plan.latencyMs ?? 0) + (plan.jitterMs ? Math.round(context.random() * plan.jitterMs) : 0);
  if (
    plan.maintenance === true ||
    (plan.maintenance !== undefined && insideAccessHours(plan.maintenance, context.now))
  ) {
    return { kind: "error", status: 503, body: "Service Unavailable: maintenance", delayMs };
  }
  if (plan.maxConcurrent !== undefined && context.inFlight > plan.maxConcurrent) {
    return { kind: "error", status: 503, body: "Service Unavailable: server busy", delayMs: 0 };
  }
  const applies = plan.probability === undefined || context.random() < plan.probability;
  if (applies && plan.noAnswer) return { kind: "no-answer" };
  if (applies && plan.reset) return { kind: "reset", delayMs };
  if (applies && plan.error !== undefined) {
    return { kind: "error", status: plan.error, body: "Error", delayMs };
  }
  return { kind: "none", delayMs, bandwidthKbps: plan.bandwidthKbps };
}
