/**
 * `load` (advisory): the app sustains a rate with latency and error thresholds. It needs the
 * load engine (`@dukcapil-sandbox/conformance/load`, wrapping autocannon), which does not
 * exist yet: until it does, the criterion is reported as skipped, never as passed.
 */
import type { PlanExpectation } from "../plan/schema.js";
import type { EvaluatorEntry } from "./types.js";

type Expect = Extract<PlanExpectation, { kind: "load" }>;

/** The reason a load criterion is skipped. */
export const LOAD_SKIPPED_REASON = "load engine not available yet";

/** Evaluator of `load`. */
export const loadEvaluator: EvaluatorEntry<Expect> = {
  wait: "settle",
  evaluate({ expect }) {
    return {
      status: "skipped",
      summary: `Skipped: ${LOAD_SKIPPED_REASON} (planned: ${expect.ratePerSecond}/s for ${expect.durationMs} ms, p95 under ${expect.maxP95Ms} ms, errors under ${expect.maxErrorRate * 100}%).`,
      checks: [],
    };
  },
};
