/**
 * `no-upstream-call`: malformed NIKs are answered locally; nothing reaches the upstream.
 */
import type { PlanExpectation } from "../plan/schema.js";
import { answeredCheck, type EvaluatorEntry, lookups, upstreamRows } from "./types.js";

type Expect = Extract<PlanExpectation, { kind: "no-upstream-call" }>;

/** Evaluator of `no-upstream-call`. */
export const noUpstreamCall: EvaluatorEntry<Expect> = {
  wait: "settle",
  evaluate({ actions, journal }) {
    const calls = upstreamRows(journal);
    return {
      checks: [
        answeredCheck(actions),
        {
          name: "no request reached the upstream",
          ok: calls.length === 0,
          detail:
            calls.length === 0
              ? `${lookups(actions).length} lookups of malformed NIKs, 0 upstream calls.`
              : `${calls.length} upstream call(s) for ${lookups(actions).length} malformed NIKs (codes ${[...new Set(calls.map((row) => row.code ?? "none"))].join(", ")}). Check the NIK locally (core's parseNik) before calling: a malformed NIK still costs a hit.`,
        },
      ],
    };
  },
};
