/**
 * `outcome-shown`: the upstream answered a code (an access refusal or a data outcome); the app
 * shows the catalogue's confirmation or advice for it and does not loop.
 */
import { responseCodeRow } from "@dukcapil-sandbox/core";
import type { PlanExpectation } from "../plan/schema.js";
import { showsOutcome } from "./text.js";
import { answeredCheck, type Check, type EvaluatorEntry, lookups, upstreamRows } from "./types.js";

type Expect = Extract<PlanExpectation, { kind: "outcome-shown" }>;

/** Evaluator of `outcome-shown`. */
export const outcomeShown: EvaluatorEntry<Expect> = {
  wait: "settle",
  evaluate({ expect, actions, journal }) {
    const row = responseCodeRow(expect.code);
    const label = `code ${expect.code}${row?.lookupText ? ` (${row.lookupText})` : ""}`;
    const calls = upstreamRows(journal);
    const withCode = calls.filter((entry) => entry.code === expect.code);
    const asked = lookups(actions);
    const answers = asked.filter((action) => action.answer !== null);
    const missing = answers.filter((action) => !showsOutcome(action.answer!, expect.code));
    const limit = expect.maxUpstreamCallsPerAction * asked.length;
    const checks: Check[] = [
      {
        name: `the upstream answered ${label}`,
        ok: withCode.length > 0,
        detail:
          withCode.length > 0
            ? `${withCode.length} upstream answer(s) with code ${expect.code}.`
            : `No upstream answer had code ${expect.code} (${calls.length} calls, codes ${[...new Set(calls.map((entry) => entry.code ?? "none"))].join(", ") || "none"}): the situation never reached the app.`,
      },
      answeredCheck(actions),
      {
        name: "the answer shows the catalogue's confirmation",
        ok: answers.length > 0 && missing.length === 0,
        detail:
          missing.length === 0
            ? `Every answer shows the text of code ${expect.code} or its advice.`
            : `${missing.length} of ${answers.length} answers show neither the catalogue's text for code ${expect.code} ("${row?.portalText ?? row?.lookupText ?? ""}") nor its advice ("${row?.actionId ?? ""}"). Show the operator what happened.`,
      },
      {
        name: `at most ${expect.maxUpstreamCallsPerAction} upstream call(s) per lookup`,
        ok: calls.length <= limit,
        detail: `${calls.length} upstream calls for ${asked.length} lookups (limit ${limit}).${calls.length > limit ? " The app retries an answer that will not change: stop after the first." : ""}`,
      },
    ];
    return { checks };
  },
};
