/**
 * Option parsing of the quota and token modules (internal: not exported from the package).
 */
import { z } from "zod";
import { DukcapilCoreError } from "../errors.js";
import type { Clock } from "../time.js";

/**
 * A zod schema accepting any object with a `now()` method (internal).
 *
 * @internal
 */
export const clockSchema = z.custom<Clock>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    typeof (value as { now?: unknown }).now === "function",
  { message: "Expected a Clock: an object with a now() method returning epoch milliseconds" },
);

/**
 * Parses `input` with `schema`, or throws `DKS_CORE_INVALID_OPTIONS` with a message
 * "Failed to <action>: <reason>. <fix>." and the zod issues in `details.issues`.
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
  const reason = result.error.issues
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)";
      return `${path}: ${issue.message}`;
    })
    .join("; ");
  throw new DukcapilCoreError(
    "DKS_CORE_INVALID_OPTIONS",
    `Failed to ${action}: ${reason}. ${fix}`,
    { issues: result.error.issues },
    { cause: result.error },
  );
}
