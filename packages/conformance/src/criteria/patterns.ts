/**
 * `no-usage-patterns` (Juknis II.E.1): no sequential, patterned or bursty input in the user's
 * journal rows, live (the simulator's findings) or by core's detector over the NIK sequence.
 */
import { detectUsagePatterns } from "@dukcapil-sandbox/core";
import type { PlanExpectation } from "../plan/schema.js";
import { answeredCheck, type EvaluatorEntry, lookups, upstreamRows } from "./types.js";

type Expect = Extract<PlanExpectation, { kind: "no-usage-patterns" }>;

/** Evaluator of `no-usage-patterns`. */
export const noUsagePatterns: EvaluatorEntry<Expect> = {
  wait: "settle",
  evaluate({ actions, journal, userId }) {
    const rows = upstreamRows(journal).filter((row) => row.userId === userId);
    const live = rows.flatMap((row) => row.findings);
    const batch = detectUsagePatterns(
      rows.filter((row) => row.nik !== null).map((row) => ({ at: row.at, nik: row.nik! })),
    );
    const asked = lookups(actions).filter((action) => action.nik !== null);
    const reached = asked.filter((action) => rows.some((row) => row.nik === action.nik));
    const codes = (list: readonly string[]) => [...new Set(list)].join(", ");
    return {
      checks: [
        answeredCheck(actions),
        {
          name: "the lookups reached the upstream",
          ok: asked.length > 0 && reached.length === asked.length,
          detail: `${reached.length} of ${asked.length} looked-up NIKs appear in the journal (${rows.length} calls of the user).`,
        },
        {
          name: "no live usage-pattern finding",
          ok: live.length === 0,
          detail:
            live.length === 0
              ? `No finding on ${rows.length} journal rows of the user.`
              : `The simulator raised ${codes(live)} on the app's traffic. Juknis II.E.1: NIK input must not be sequential, patterned or close together in time; do not enumerate, prefetch or replay lookups.`,
        },
        {
          name: "no finding by core's detector over the journal",
          ok: batch.length === 0,
          detail:
            batch.length === 0
              ? "core's detectUsagePatterns found nothing in the NIK sequence."
              : `detectUsagePatterns found ${codes(batch.map((finding) => finding.code))}: ${batch[0]?.message ?? ""}`,
        },
      ],
    };
  },
};
