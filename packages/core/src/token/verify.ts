/**
 * Checking a presented token against its stored record: the outcome is a value.
 */
import { z } from "zod";
import { normaliseAddress } from "../internal/address.js";
import { readClock } from "../internal/clock.js";
import { parseOptions } from "../internal/options.js";
import { constantTimeEqual, fromHex, sha256 } from "./bytes.js";
import type { TokenMisuseFinding, TokenUsageMonitor } from "./monitor.js";
import { checkTokenRecord, type TokenRecord, tokenIdOf } from "./record.js";
import { stateAt, type TokenStateOptions, tokenStateOptionsShape } from "./state.js";

/**
 * Options of {@link verifyToken}.
 *
 * @example
 * ```ts
 * import { createTokenUsageMonitor, type VerifyTokenOptions } from "@dukcapil-sandbox/core";
 * const options: VerifyTokenOptions = { address: "10.1.2.3", monitor: createTokenUsageMonitor() };
 * ```
 */
export interface VerifyTokenOptions extends TokenStateOptions {
  /**
   * The address the token was presented from; enables `addressRegistered` and the monitor.
   * Compared in canonical form: `::ffff:10.1.2.3` (Node's report of an IPv4 client) is `10.1.2.3`.
   */
  address?: string;
  /** Records the use of a matching, valid token from `address` and reports sharing. */
  monitor?: TokenUsageMonitor;
}

/**
 * Why a presented token was refused. `malformed`: not a `dks_<id>_<secret>` text;
 * `mismatch`: not the token of this record; `expired` / `revoked`: the right token,
 * no longer valid. Mismatch is decided before state, so a wrong token learns nothing
 * about the record.
 *
 * @example
 * ```ts
 * import type { TokenRefusalReason } from "@dukcapil-sandbox/core";
 * const reason: TokenRefusalReason = "expired";
 * ```
 */
export type TokenRefusalReason = "malformed" | "mismatch" | "expired" | "revoked";

/**
 * The outcome of {@link verifyToken}.
 *
 * @example
 * ```ts
 * import type { TokenVerification } from "@dukcapil-sandbox/core";
 * function status(result: TokenVerification): number {
 *   return result.ok ? 200 : 401; // data balikan: 401 {"message":"Unauthorized"}
 * }
 * ```
 */
export type TokenVerification =
  | {
      readonly ok: true;
      readonly state: "active" | "expiring-soon";
      readonly tokenId: string;
      readonly expiresAt: number;
      /** Whether `address` is registered for the token; `null` when no address was given. Not a refusal. */
      readonly addressRegistered: boolean | null;
      /** The monitor's finding for this use, or `null` (also when no monitor or address was given). */
      readonly misuse: TokenMisuseFinding | null;
    }
  | { readonly ok: false; readonly reason: TokenRefusalReason };

const verifyOptionsSchema = z.strictObject({
  ...tokenStateOptionsShape,
  address: z.string().trim().min(1).optional(),
  monitor: z
    .custom<TokenUsageMonitor>(
      (value) =>
        typeof value === "object" &&
        value !== null &&
        typeof (value as { record?: unknown }).record === "function",
      { message: "Expected a TokenUsageMonitor from createTokenUsageMonitor()" },
    )
    .optional(),
});

/**
 * Checks a presented token against its stored record: SHA-256 of the presented text,
 * compared in constant time with the stored hash, then the state at `clock.now()`.
 *
 * Never throws for a bad token (that is an outcome); throws `DKS_CORE_TOKEN_RECORD_INVALID`
 * for a malformed record and `DKS_CORE_INVALID_OPTIONS` for invalid options.
 *
 * @example
 * ```ts
 * import { issueToken, verifyToken } from "@dukcapil-sandbox/core";
 * const { token, record } = await issueToken({ applicationId: "app-1", institution: "Dinsos", registeredAddresses: ["10.1.2.3"] });
 * const result = await verifyToken(token, record, { address: "10.1.2.3" });
 * if (!result.ok) console.log(result.reason); // "malformed" | "mismatch" | "expired" | "revoked"
 * ```
 */
export async function verifyToken(
  presented: string | null | undefined,
  record: TokenRecord,
  options: VerifyTokenOptions = {},
): Promise<TokenVerification> {
  const checked = checkTokenRecord(record, "verify token");
  const { clock, warningDays, address, monitor } = parseOptions(
    verifyOptionsSchema,
    options,
    "verify token",
    "Pass { clock?, warningDays?, address?, monitor? }.",
  );
  if (tokenIdOf(presented) === null) return { ok: false, reason: "malformed" };
  // The whole text is hashed (the id included) and compared without early exit.
  const presentedHash = await sha256(presented as string);
  if (!constantTimeEqual(presentedHash, fromHex(checked.hash))) {
    return { ok: false, reason: "mismatch" };
  }
  const now = readClock(clock, "verify token");
  const state = stateAt(checked, now, warningDays);
  if (state === "revoked" || state === "expired") return { ok: false, reason: state };
  const misuse =
    address !== undefined && monitor !== undefined
      ? monitor.record({
          tokenId: checked.id,
          address,
          at: now,
          registeredAddresses: checked.registeredAddresses,
        })
      : null;
  return {
    ok: true,
    state,
    tokenId: checked.id,
    expiresAt: checked.expiresAt,
    addressRegistered:
      address === undefined
        ? null
        : checked.registeredAddresses.some(
            (registered) => normaliseAddress(registered) === normaliseAddress(address),
          ),
    misuse,
  };
}
