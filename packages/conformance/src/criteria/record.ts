/**
 * `record-shown`: every lookup of a found resident shows the resident's granted elements.
 */
import type { PlanExpectation } from "../plan/schema.js";
import { shows } from "./text.js";
import { answeredCheck, type Check, type EvaluatorEntry, lookups } from "./types.js";

type Expect = Extract<PlanExpectation, { kind: "record-shown" }>;

/** Evaluator of `record-shown`. */
export const recordShown: EvaluatorEntry<Expect> = {
  wait: "settle",
  evaluate({ expect, actions, journal, resident }) {
    const found = lookups(actions).filter(
      (action) => action.nik !== null && resident(action.nik)?.status === "active",
    );
    const checks: Check[] = [answeredCheck(actions)];
    const foundUpstream = found.filter((action) =>
      journal.some((row) => row.nik === action.nik && row.code === "01"),
    );
    checks.push({
      name: "the upstream found the residents",
      ok: found.length > 0 && foundUpstream.length === found.length,
      detail:
        found.length === 0
          ? "The criterion looked up no found resident."
          : `${foundUpstream.length} of ${found.length} looked-up residents were answered 01 by the upstream.`,
    });
    for (const element of expect.elements) {
      const missing = found.filter((action) => {
        const value = resident(action.nik!)?.record[element];
        return (
          action.answer === null ||
          typeof value !== "string" ||
          value.trim() === "" ||
          !shows(action.answer, value)
        );
      });
      checks.push({
        name: `the answer shows ${element}`,
        ok: found.length > 0 && missing.length === 0,
        detail:
          missing.length === 0
            ? `Every found resident's ${element} is shown.`
            : `${missing.length} of ${found.length} answers do not show the resident's ${element}. Show the granted elements of the record.`,
      });
    }
    return { checks };
  },
};
