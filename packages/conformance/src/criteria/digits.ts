/**
 * `nik-digit-exact`: a NIK above 2^53 comes back digit for digit, not rounded to a double.
 */
import type { PlanExpectation } from "../plan/schema.js";
import { answeredCheck, type Check, type EvaluatorEntry, lookups } from "./types.js";

type Expect = Extract<PlanExpectation, { kind: "nik-digit-exact" }>;

/** The NIK as a client that parses it as a JSON number would print it. */
function rounded(nik: string): string {
  return BigInt(Number(nik)).toString();
}

/** Evaluator of `nik-digit-exact`. */
export const nikDigitExact: EvaluatorEntry<Expect> = {
  wait: "settle",
  evaluate({ actions, journal }) {
    const asked = lookups(actions).filter(
      (action) => action.nik !== null && /^\d{16}$/.test(action.nik),
    );
    const checks: Check[] = [answeredCheck(actions)];
    checks.push({
      name: "the upstream found the resident",
      ok:
        asked.length > 0 &&
        asked.every((a) => journal.some((r) => r.nik === a.nik && r.code === "01")),
      detail:
        "The NIK must travel through the upstream's answer (a bare JSON number) for the check to mean anything.",
    });
    for (const action of asked) {
      const nik = action.nik!;
      const body = action.answer?.body ?? "";
      const round = rounded(nik);
      const exact = body.includes(nik);
      const roundedShown = round !== nik && body.includes(round);
      checks.push({
        name: "the NIK is shown digit-exact",
        ok: exact && !roundedShown,
        detail: roundedShown
          ? `The answer shows the NIK rounded to ${round.slice(0, 4)}**********${round.slice(14)}: the app parsed it as a number. Read the upstream JSON losslessly (core's parseJsonLossless) and keep NIKs as strings.`
          : exact
            ? "The answer shows the NIK digit for digit."
            : "The answer does not show the NIK. Show the NIK of the record as received.",
      });
    }
    return { checks };
  },
};
