/**
 * `answer-matches`: every lookup answer matches an HTTP status, a regular expression and/or a
 * JSONPath check (jsonpath-plus): for plans that know the app's answer format.
 */
import { JSONPath } from "jsonpath-plus";
import type { PlanExpectation } from "../plan/schema.js";
import { answeredCheck, type Check, type EvaluatorEntry, lookups } from "./types.js";

type Expect = Extract<PlanExpectation, { kind: "answer-matches" }>;

/** The values a JSONPath selects in a JSON text; `undefined` when the text is not JSON. */
export function selectJsonPath(body: string, path: string): unknown[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (json === null || typeof json !== "object") json = { value: json };
  return JSONPath({ path, json: json as object, wrap: true }) as unknown[];
}

/** Evaluator of `answer-matches`. */
export const answerMatches: EvaluatorEntry<Expect> = {
  wait: "settle",
  evaluate({ expect, actions }) {
    const answers = lookups(actions).filter((action) => action.answer !== null);
    const checks: Check[] = [answeredCheck(actions)];
    if (expect.status !== undefined) {
      const wrong = answers.filter((action) => action.answer!.status !== expect.status);
      checks.push({
        name: `HTTP status ${expect.status}`,
        ok: answers.length > 0 && wrong.length === 0,
        detail:
          wrong.length === 0
            ? `Every answer has status ${expect.status}.`
            : `${wrong.length} of ${answers.length} answers have another status (e.g. ${wrong[0]!.answer!.status}).`,
      });
    }
    if (expect.regex !== undefined) {
      const pattern = new RegExp(expect.regex);
      const wrong = answers.filter((action) => !pattern.test(action.answer!.body));
      checks.push({
        name: `body matches /${expect.regex}/`,
        ok: answers.length > 0 && wrong.length === 0,
        detail:
          wrong.length === 0
            ? "Every answer matches."
            : `${wrong.length} of ${answers.length} answers do not match.`,
      });
    }
    if (expect.jsonPath !== undefined) {
      const { path, equals, matches } = expect.jsonPath;
      const pattern = matches === undefined ? undefined : new RegExp(matches);
      const wrong = answers.filter((action) => {
        const values = selectJsonPath(action.answer!.body, path);
        if (values === undefined || values.length === 0) return true;
        if (equals !== undefined && !values.some((value) => value === equals)) return true;
        if (
          pattern !== undefined &&
          !values.some((v) => typeof v === "string" && pattern.test(v))
        ) {
          return true;
        }
        return false;
      });
      checks.push({
        name: `JSONPath ${path}${equals !== undefined ? ` = ${JSON.stringify(equals)}` : ""}${matches !== undefined ? ` ~ /${matches}/` : ""}`,
        ok: answers.length > 0 && wrong.length === 0,
        detail:
          wrong.length === 0
            ? "Every answer satisfies the JSONPath check."
            : `${wrong.length} of ${answers.length} answers fail it (not JSON, nothing selected, or another value).`,
      });
    }
    return { checks };
  },
};
