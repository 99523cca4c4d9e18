/**
 * `bounded-resilience`: under an upstream fault the app answers its user within its own
 * timeout (plus grace), makes at most `maxRetries` + 1 attempts per lookup, and spaces its
 * retries with growing gaps (backoff). An attempt is an upstream call for the operator's NIK
 * (or a fault answered before the NIK was read).
 */
import type { PlanExpectation } from "../plan/schema.js";
import { shows } from "./text.js";
import {
  answeredCheck,
  type Check,
  type EvaluatorEntry,
  lookups,
  rowsByLookup,
  upstreamRows,
} from "./types.js";

type Expect = Extract<PlanExpectation, { kind: "bounded-resilience" }>;

/** The first retry must wait at least this long. */
export const MIN_FIRST_GAP_MS = 50;
/** Each later gap must be at least this much longer than the one before. */
export const MIN_GAP_GROWTH_MS = 20;

/** Evaluator of `bounded-resilience`. */
export const boundedResilience: EvaluatorEntry<Expect> = {
  wait: "grace",
  evaluate({ expect, config, actions, journal, resident }) {
    const calls = upstreamRows(journal);
    const asked = lookups(actions);
    const deadline = config.appTimeoutMs + config.graceMs;
    const slow = asked.filter((action) => action.answer === null || action.durationMs > deadline);
    const checks: Check[] = [
      {
        name: "the fault reached the app",
        ok: calls.length > 0,
        detail:
          calls.length > 0
            ? `${calls.length} upstream attempt(s) met the fault.`
            : "No upstream attempt was made, so the fault was never exercised (verdict rule 3).",
      },
      answeredCheck(actions),
      {
        name: `answered within appTimeoutMs + grace (${deadline} ms)`,
        ok: asked.length > 0 && slow.length === 0,
        detail:
          slow.length === 0
            ? `Slowest answer ${Math.round(Math.max(0, ...asked.map((a) => a.durationMs)))} ms.`
            : `${slow.length} lookup(s) answered late or not at all (slowest ${Math.round(Math.max(...slow.map((a) => a.durationMs)))} ms). Give every upstream call a timeout within the app's own (appTimeoutMs ${config.appTimeoutMs} ms) and answer the operator when it expires.`,
      },
    ];
    const maxAttempts = config.maxRetries + 1;
    const byLookup = rowsByLookup(actions, calls);
    let worst = 0;
    const badBackoff: string[] = [];
    for (const [action, all] of byLookup) {
      // A retry re-sends the operator's NIK; a row without a NIK is a fault answered before the
      // body was read. Calls for other NIKs (e.g. prefetched neighbours) are not retries: the
      // pattern and quota criteria judge those.
      const rows = all.filter((row) => row.nik === null || row.nik === action.nik);
      worst = Math.max(worst, rows.length);
      const gaps = rows.slice(1).map((row, index) => row.at - rows[index]!.at);
      if (gaps.length === 0) continue;
      if (gaps[0]! < MIN_FIRST_GAP_MS) {
        badBackoff.push(`first retry after ${gaps[0]} ms (at least ${MIN_FIRST_GAP_MS} ms)`);
        continue;
      }
      for (let index = 1; index < gaps.length; index++) {
        if (gaps[index]! < gaps[index - 1]! + MIN_GAP_GROWTH_MS) {
          badBackoff.push(`gaps ${gaps.map((gap) => `${gap} ms`).join(", ")} do not grow`);
          break;
        }
      }
    }
    checks.push({
      name: `at most maxRetries + 1 (${maxAttempts}) upstream attempts per lookup`,
      ok: worst <= maxAttempts,
      detail: `At most ${worst} attempt(s) for one lookup.${worst > maxAttempts ? " Bound the retries: a retry storm makes an overloaded upstream worse." : ""}`,
    });
    checks.push({
      name: "retries back off (growing gaps)",
      ok: badBackoff.length === 0,
      detail:
        badBackoff.length === 0
          ? "Every retry waited longer than the one before."
          : `${badBackoff[0]}. Wait before retrying, longer each time (e.g. 100 ms, 200 ms, 400 ms).`,
    });
    if (expect.requireRecord) {
      const missing = asked.filter((action) => {
        const name = action.nik === null ? undefined : resident(action.nik)?.record.NAMA_LGKP;
        return action.answer === null || typeof name !== "string" || !shows(action.answer, name);
      });
      checks.push({
        name: "the record is shown",
        ok: asked.length > 0 && missing.length === 0,
        detail:
          missing.length === 0
            ? "Every answer shows the resident's name: the slow link did not stop the app."
            : `${missing.length} of ${asked.length} answers do not show the resident's name. On a slow link the answer arrives; wait for it within the app's timeout.`,
      });
    }
    return { checks };
  },
};
