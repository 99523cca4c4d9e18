/**
 * The evaluators, one per expectation kind. Adding a kind to the plan schema without an
 * evaluator here is a type error.
 */
import type { ExpectationKind, PlanExpectation } from "../plan/schema.js";
import { answerMatches } from "./answer.js";
import { attributionShown } from "./attribution.js";
import { dataBalikanComplete } from "./data-balikan.js";
import { nikDigitExact } from "./digits.js";
import { loadEvaluator } from "./load.js";
import { noUpstreamCall } from "./local.js";
import { outcomeShown } from "./outcome.js";
import { noUsagePatterns } from "./patterns.js";
import { quotaExhaustionHandled, quotaStopUntilNextDay } from "./quota.js";
import { recordShown } from "./record.js";
import { boundedResilience } from "./resilience.js";
import { noStoredPersonData } from "./storage.js";
import type { EvaluatorEntry } from "./types.js";

type Registry = {
  readonly [K in ExpectationKind]: EvaluatorEntry<Extract<PlanExpectation, { kind: K }>>;
};

/** The evaluator of each expectation kind. */
export const evaluators: Registry = {
  "outcome-shown": outcomeShown,
  "record-shown": recordShown,
  "no-upstream-call": noUpstreamCall,
  "nik-digit-exact": nikDigitExact,
  "quota-exhaustion-handled": quotaExhaustionHandled,
  "quota-stop-until-next-day": quotaStopUntilNextDay,
  "no-usage-patterns": noUsagePatterns,
  "bounded-resilience": boundedResilience,
  "no-stored-person-data": noStoredPersonData,
  "attribution-shown": attributionShown,
  "data-balikan-complete": dataBalikanComplete,
  "answer-matches": answerMatches,
  load: loadEvaluator,
};

/** The evaluator entry of an expectation (typed loosely for the generic runner). */
export function evaluatorFor(expect: PlanExpectation): EvaluatorEntry {
  return evaluators[expect.kind] as EvaluatorEntry;
}
