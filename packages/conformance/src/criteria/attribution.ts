/**
 * `attribution-shown`: every answer the app gives shows the run's attribution notice.
 */
import type { PlanExpectation } from "../plan/schema.js";
import { shows } from "./text.js";
import { answeredCheck, type EvaluatorEntry } from "./types.js";

type Expect = Extract<PlanExpectation, { kind: "attribution-shown" }>;

/** Evaluator of `attribution-shown`. */
export const attributionShown: EvaluatorEntry<Expect> = {
  wait: "settle",
  evaluate({ config, actions }) {
    const answers = actions.filter((action) => !action.implicit && action.answer !== null);
    const missing = answers.filter((action) => !shows(action.answer!, config.attribution));
    return {
      checks: [
        answeredCheck(actions),
        {
          name: "every answer shows the attribution notice",
          ok: answers.length > 0 && missing.length === 0,
          detail:
            missing.length === 0
              ? `${answers.length} answers show "${config.attribution}".`
              : `${missing.length} of ${answers.length} answers do not show "${config.attribution}". The terms of use require the notice on every screen that uses the data.`,
        },
      ],
    };
  },
};
