/**
 * Describing a value for an error message (internal), without calling its `toString`
 * (which may throw, or print person data) and without printing numbers unless asked:
 * a number given where a NIK belongs may be one.
 */

/**
 * `"foo"` (quoted, cut at 40 characters) for a string; `null`; `an array`; `a number`
 * (or the number itself with `numbers: true`, for values that are never person data
 * such as a time or a serial); otherwise `a <typeof>`.
 *
 * @example
 * ```ts
 * describeValue("foo"); // '"foo"'
 * describeValue(42); // "a number"
 * describeValue(Number.NaN, { numbers: true }); // "NaN"
 * ```
 * @internal
 */
export function describeValue(
  value: unknown,
  options: { readonly numbers?: boolean } = {},
): string {
  if (typeof value === "string") {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === "number" && options.numbers === true) return String(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value === undefined) return "undefined";
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type}`;
}
