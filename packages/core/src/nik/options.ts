/**
 * The region option of the NIK functions. Options are checked by hand, not with a
 * schema, because `parseNik` runs on hot paths; the checks live in `internal/options.ts`
 * and throw the same `details.issues` shape as the zod-validated surfaces.
 */
import { readChoice } from "../internal/options.js";

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

const NIK_REGION_MODES: readonly NikRegionMode[] = ["strict", "legacy", "none"];

/**
 * Checks a `regions` option value of `fn`; `undefined` gives `fallback`.
 *
 * @example
 * ```ts
 * readRegionMode("parseNik", undefined, "strict"); // "strict"
 * ```
 * @internal
 */
export function readRegionMode(fn: string, value: unknown, fallback: NikRegionMode): NikRegionMode {
  return readChoice(fn, "regions", value, NIK_REGION_MODES, fallback);
}
