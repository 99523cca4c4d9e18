/**
 * Option parsing (internal), shared by every module that takes an options object:
 * zod-validated surfaces (`parseOptions`) and the hand-checked ones on hot paths
 * (`readOptions`, `invalidOptions`), which throw the same error shape.
 */
import type { z } from "zod";
import { DukcapilCoreError } from "../errors.js";
import { describeValue } from "./describe-value.js";
import { type IssueDetail, zodError } from "./zod-issues.js";

/**
 * Parses `input` with `schema`, or throws `DKS_CORE_INVALID_OPTIONS` with a message
 * "Failed to <action>: <reason>. <fix>." and the issues in `details.issues`.
 *
 * @internal
 */
export function parseOptions<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  action: string,
  fix: string,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw zodError("DKS_CORE_INVALID_OPTIONS", action, result.error, fix);
}

/**
 * Throws `DKS_CORE_INVALID_OPTIONS` for one failed option of `fn`:
 * "Failed to read <fn> options: `<path>` <reason>. <fix>.".
 *
 * @example
 * ```ts
 * invalidOptions("parseNik", "regions", 'is "foo"', "Pass 'strict', 'legacy' or 'none'");
 * ```
 * @internal
 */
export function invalidOptions(
  fn: string,
  path: string | null,
  reason: string,
  fix: string,
  cause?: unknown,
): never {
  // `null` is the options object itself; any string (even "") names one option.
  const issue: IssueDetail = {
    path: path === null ? [] : [path],
    message: `${path ?? ""} ${reason}`.trim(),
  };
  const subject = path === null ? "the options" : `\`${path}\``;
  throw new DukcapilCoreError(
    "DKS_CORE_INVALID_OPTIONS",
    `Failed to read ${fn} options: ${subject} ${reason}. ${fix.replace(/[.\s]*$/, ".")}`,
    { issues: [issue] },
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Reads the listed keys of an options object, rejecting unknown keys, non-objects and
 * objects whose property reads throw (e.g. a hostile Proxy).
 *
 * @example
 * ```ts
 * const { regions } = readOptions("parseNik", { regions: "none" }, ["regions"]);
 * ```
 * @internal
 */
export function readOptions<K extends string>(
  fn: string,
  options: unknown,
  keys: readonly K[],
): Partial<Record<K, unknown>> {
  if (typeof options !== "object" || options === null) {
    invalidOptions(
      fn,
      null,
      `is ${describeValue(options)}, not an object`,
      "Pass an options object or nothing",
    );
  }
  const out: Partial<Record<K, unknown>> = {};
  try {
    for (const key in options) {
      if (!(keys as readonly string[]).includes(key)) {
        invalidOptions(fn, key, "is not a known option", `Use only ${keys.join(", ")}`);
      }
    }
    for (const key of keys) {
      const value = (options as Record<string, unknown>)[key];
      if (value !== undefined) out[key] = value;
    }
  } catch (error) {
    if (error instanceof DukcapilCoreError) throw error;
    invalidOptions(fn, null, "could not be read", "Pass a plain options object", error);
  }
  return out;
}

/**
 * Checks one option against a list of allowed strings; `undefined` gives `fallback`.
 * Throws `DKS_CORE_INVALID_OPTIONS` naming the option and the allowed values.
 *
 * @example
 * ```ts
 * readChoice("parseNik", "regions", undefined, ["strict", "legacy", "none"], "strict"); // "strict"
 * ```
 * @internal
 */
export function readChoice<const T extends string>(
  fn: string,
  option: string,
  value: unknown,
  allowed: readonly T[],
  fallback?: T,
): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) {
    return value as T;
  }
  const quoted = allowed.map((choice) => `'${choice}'`);
  const list =
    quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}` : quoted.join("");
  return invalidOptions(fn, option, `is ${describeValue(value)}`, `Pass ${list}`);
}
