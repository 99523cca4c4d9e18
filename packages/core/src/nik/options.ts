/**
 * Option checks shared by the NIK functions. Options are checked by hand, not with a
 * schema, because `parseNik` runs on hot paths; the thrown error has the same
 * `details.issues` shape as the zod-validated surfaces.
 */
import { DukcapilCoreError } from "../errors.js";

/**
 * How `parseNik` and `makeNik` treat region codes: `strict` (current Kemendagri codes),
 * `legacy` (current plus retired codes) or `none` (no region check; tables not loaded).
 *
 * @example
 * ```ts
 * import { type NikRegionMode, parseNik } from "@dukcapil-sandbox/core";
 * const regions: NikRegionMode = "legacy";
 * parseNik("9101011506900001", { regions }).ok; // true: pre-2022 Merauke
 * ```
 */
export type NikRegionMode = "strict" | "legacy" | "none";

/**
 * Throws `DKS_CORE_INVALID_OPTIONS` for one failed option.
 *
 * @example
 * ```ts
 * invalidOptions("parseNik", "regions", 'is "foo"', "Pass 'strict', 'legacy' or 'none'");
 * ```
 * @internal
 */
export function invalidOptions(
  fn: string,
  path: string,
  reason: string,
  fix: string,
  cause?: unknown,
): never {
  throw new DukcapilCoreError(
    "DKS_CORE_INVALID_OPTIONS",
    `Failed to read ${fn} options: \`${path}\` ${reason}. ${fix}.`,
    { issues: [{ path: path === "" ? [] : [path], message: `${path} ${reason}`.trim() }] },
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
      "",
      `is a ${options === null ? "null" : typeof options}, not an object`,
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
    invalidOptions(fn, "", "could not be read", "Pass a plain options object", error);
  }
  return out;
}

/**
 * Describes a value for an error message without calling its `toString`.
 *
 * @example
 * ```ts
 * describeValue("foo"); // '"foo"'
 * describeValue(42); // "a number"
 * ```
 * @internal
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string")
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return value === null ? "null" : `a ${typeof value}`;
}

/**
 * Checks a `regions` option value.
 *
 * @example
 * ```ts
 * readRegionMode("parseNik", undefined, "strict"); // "strict"
 * ```
 * @internal
 */
export function readRegionMode(fn: string, value: unknown, fallback: NikRegionMode): NikRegionMode {
  if (value === undefined) return fallback;
  if (value === "strict" || value === "legacy" || value === "none") return value;
  return invalidOptions(
    fn,
    "regions",
    `is ${describeValue(value)}`,
    "Pass 'strict', 'legacy' or 'none'",
  );
}
