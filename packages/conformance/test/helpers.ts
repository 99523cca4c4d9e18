/**
 * Shared helpers of the runner tests: fixture paths, one-criterion plans, and a fast run config.
 */
import { fileURLToPath } from "node:url";
import type { RunConfigInput } from "../src/config.js";
import { type PocPlan, pocPlanSchema } from "../src/plan/schema.js";
import { standardPlanInput } from "../src/plan/standard.js";
import type { CriterionResult } from "../src/report/schema.js";
import { runPoc } from "../src/runner/run.js";

/** The path of a fixture app module (test/fixtures/<name>.ts). */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));
}

/** The standard plan cut down to the given criteria (same setup, steps and expectations). */
export function planOf(...ids: string[]): PocPlan {
  const criteria = standardPlanInput.criteria.filter((criterion) => ids.includes(criterion.id));
  if (criteria.length !== ids.length) throw new Error(`unknown criterion in ${ids.join(", ")}`);
  return pocPlanSchema.parse({
    ...standardPlanInput,
    id: `only-${ids.join("-").toLowerCase()}`.slice(0, 64),
    criteria,
  });
}

/**
 * A fast run configuration: the app's timeout is 2 s (the fixtures give up after 1.5 s), the
 * grace and settle waits short.
 */
export const TEST_CONFIG: RunConfigInput = { appTimeoutMs: 2_000, graceMs: 500, settleMs: 100 };

/** Runs one criterion of the standard plan against a fixture app and returns its result. */
export async function runCriterion(id: string, app: string): Promise<CriterionResult> {
  const report = await runPoc({ app: fixture(app), plan: planOf(id), config: TEST_CONFIG });
  const result = report.criteria[0];
  if (result === undefined) throw new Error("no criterion in the report");
  return result;
}

/** The names of the checks that failed. */
export function failedChecks(result: CriterionResult): string[] {
  return result.checks.filter((check) => !check.ok).map((check) => check.name);
}
