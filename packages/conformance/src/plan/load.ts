/**
 * Loading a plan: from an object, a `.json`/`.yaml`/`.yml` file or a `.ts`/`.js` module,
 * validated with {@link pocPlanSchema}; and the plan's SHA-256 over its canonical JSON
 * (RFC 8785), which every report's manifest carries.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import canonicalize from "canonicalize";
import { parse as parseYaml } from "yaml";
import { importModule } from "../drivers/import.js";
import { issueLines, PocError } from "../errors.js";
import { type PocPlan, pocPlanSchema } from "./schema.js";
import { standardPlan } from "./standard.js";

/**
 * Validates a plan object; throws `PocError` `DKS_POC_PLAN_INVALID` naming every field that
 * failed (`details.issues`).
 *
 * @example
 * ```ts
 * import { parsePlan } from "@dukcapil-sandbox/conformance";
 * const plan = parsePlan({ id: "tiny", title: "Tiny", criteria: [{ id: "POC-ATTRIB-01",
 *   title: "Notice", clause: "Terms of use", steps: [{ action: "lookup", nik: { magic: "found" } }],
 *   expect: { kind: "attribution-shown" } }] });
 * plan.criteria[0]?.mandatory; // true
 * ```
 */
export function parsePlan(value: unknown, source = "the plan"): PocPlan {
  const result = pocPlanSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = issueLines(result.error.issues);
  const shown = issues.slice(0, 5).join("; ");
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : "";
  throw new PocError(
    "DKS_POC_PLAN_INVALID",
    `Failed to read ${source}: ${shown}${more}. Fix the named fields (see details.issues).`,
    { issues, source },
  );
}

/**
 * The plan's SHA-256 (hex) over its canonical JSON (RFC 8785 key order): equal plans, equal hashes.
 *
 * @example
 * ```ts
 * import { planSha256, standardPlan } from "@dukcapil-sandbox/conformance";
 * planSha256(standardPlan).length; // 64
 * ```
 */
export function planSha256(plan: PocPlan): string {
  const text = canonicalize(plan);
  if (text === undefined) {
    throw new PocError(
      "DKS_POC_PLAN_INVALID",
      "Failed to hash the plan: it is not JSON-serialisable. Use plain data (no functions, no undefined at the top level).",
    );
  }
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function loadFailed(path: string, reason: string, cause?: unknown): PocError {
  return new PocError(
    "DKS_POC_PLAN_LOAD_FAILED",
    `Failed to load the plan ${path}: ${reason}.`,
    { path },
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Loads a plan: `"standard"` (the standard plan), a `.json`, `.yaml`/`.yml` file, or a
 * `.ts`/`.mts`/`.js`/`.mjs` module whose default export (or `plan` export) is the plan.
 * Throws `DKS_POC_PLAN_LOAD_FAILED` (unreadable or unparseable) or `DKS_POC_PLAN_INVALID`
 * (schema; the message names the field).
 *
 * @example
 * ```ts
 * import { loadPlan } from "@dukcapil-sandbox/conformance";
 * const standard = await loadPlan("standard");
 * const mine = await loadPlan("./poc-plan.yaml");
 * ```
 */
export async function loadPlan(pathOrName: string): Promise<PocPlan> {
  if (pathOrName === "standard") return standardPlan;
  const path = resolve(pathOrName);
  const extension = extname(path).toLowerCase();
  let value: unknown;
  if ([".json", ".yaml", ".yml"].includes(extension)) {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw loadFailed(path, `cannot read the file (${code}). Check the path`, error);
    }
    try {
      // logLevel "error": a YAML warning (odd tag, directive) is not printed to the process's
      // stderr; the schema then judges the value.
      value = extension === ".json" ? JSON.parse(text) : parseYaml(text, { logLevel: "error" });
    } catch (error) {
      throw loadFailed(
        path,
        `it is not valid ${extension === ".json" ? "JSON" : "YAML"} (${(error as Error).message}). Fix the syntax`,
        error,
      );
    }
  } else if ([".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"].includes(extension)) {
    let module: Record<string, unknown>;
    try {
      module = await importModule(path);
    } catch (error) {
      throw loadFailed(path, `the module failed to import (${(error as Error).message})`, error);
    }
    value = module.default ?? module.plan;
    if (value === undefined) {
      throw loadFailed(path, "the module has neither a default export nor a `plan` export");
    }
  } else {
    throw loadFailed(
      path,
      `unknown file type "${extension || "(none)"}". Use .json, .yaml, .yml, .ts or .js, or "standard"`,
    );
  }
  return parsePlan(value, `the plan ${path}`);
}
