/**
 * Token states, computed from a record and a clock: never stored.
 */
import { z } from "zod";
import { clockSchema, readClock } from "../internal/clock.js";
import { parseOptions } from "../internal/options.js";
import { type Clock, DAY_MS, systemClock } from "../time.js";
import { checkTokenRecord, type TokenRecord } from "./record.js";

/**
 * The state of a token at an instant.
 *
 * - `revoked`: `record.revocation` is set (takes precedence over everything else);
 * - `expired`: `now >= expiresAt` — a token is valid while `now < expiresAt`, so at
 *   exactly `approvedAt + validityDays` it is expired;
 * - `expiring-soon`: `expiresAt - warningDays ≤ now < expiresAt` (the warning window
 *   includes its first instant);
 * - `active`: otherwise.
 *
 * @example
 * ```ts
 * import type { TokenState } from "@dukcapil-sandbox/core";
 * const usable: TokenState[] = ["active", "expiring-soon"];
 * ```
 */
export type TokenState = "active" | "expiring-soon" | "expired" | "revoked";

/**
 * Options of {@link tokenState}.
 *
 * @example
 * ```ts
 * import { createManualClock, type TokenStateOptions } from "@dukcapil-sandbox/core";
 * const options: TokenStateOptions = { clock: createManualClock(Date.now()), warningDays: 14 };
 * ```
 */
export interface TokenStateOptions {
  /** The source of "now". Default: the system clock. */
  clock?: Clock;
  /** Length of the `expiring-soon` window before `expiresAt`, in days. Default 30. */
  warningDays?: number;
}

/**
 * Shared by `tokenState` and `verifyToken` (internal).
 *
 * @internal
 */
export const tokenStateOptionsShape = {
  clock: clockSchema.default(systemClock),
  warningDays: z.int().nonnegative().default(30),
};

const tokenStateOptionsSchema = z.strictObject(tokenStateOptionsShape);

/**
 * The state of a token now: `active`, `expiring-soon`, `expired` or `revoked`
 * (see {@link TokenState} for the exact boundaries).
 *
 * Throws `DKS_CORE_TOKEN_RECORD_INVALID` for a malformed record and
 * `DKS_CORE_INVALID_OPTIONS` for invalid options.
 *
 * @example
 * ```ts
 * import { createManualClock, issueToken, tokenState } from "@dukcapil-sandbox/core";
 * const approvedAt = Date.parse("2026-01-05T09:00:00+07:00");
 * const { record } = await issueToken({ applicationId: "app-1", institution: "Dinsos", approvedAt, registeredAddresses: ["10.1.2.3"] });
 * tokenState(record, { clock: createManualClock(approvedAt + 364 * 86_400_000) }); // "expiring-soon"
 * ```
 */
export function tokenState(record: TokenRecord, options: TokenStateOptions = {}): TokenState {
  const checked = checkTokenRecord(record, "compute token state");
  const { clock, warningDays } = parseOptions(
    tokenStateOptionsSchema,
    options,
    "compute token state",
    "Pass { clock?, warningDays? } with warningDays a non-negative whole number of days.",
  );
  return stateAt(checked, readClock(clock, "compute token state"), warningDays);
}

/**
 * The state of an already checked record at `now` (epoch ms) (internal).
 *
 * @internal
 */
export function stateAt(record: TokenRecord, now: number, warningDays: number): TokenState {
  if (record.revocation !== null) return "revoked";
  if (now >= record.expiresAt) return "expired";
  if (now >= record.expiresAt - warningDays * DAY_MS) return "expiring-soon";
  return "active";
}
