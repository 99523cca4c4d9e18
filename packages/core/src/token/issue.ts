/**
 * The token lifecycle from the terms of use (Dimas Satria §4, BPS §2): a token per
 * application, valid one year from approval, reapplied for after expiry, revoked by
 * the provider (suspension, termination, misuse) or replaced by rotation.
 */
import { z } from "zod";
import { DukcapilCoreError } from "../errors.js";
import { clockSchema, readClock } from "../internal/clock.js";
import { parseOptions } from "../internal/options.js";
import { type Clock, DAY_MS, systemClock } from "../time.js";
import { randomBytes, sha256, toBase64Url, toHex } from "./bytes.js";
import {
  checkTokenRecord,
  freezeRecord,
  TOKEN_ID_BYTES,
  TOKEN_PREFIX,
  TOKEN_SECRET_BYTES,
  type TokenRecord,
} from "./record.js";
import { stateAt, type TokenState } from "./state.js";

/**
 * Options of {@link issueToken}.
 *
 * @example
 * ```ts
 * import type { IssueTokenOptions } from "@dukcapil-sandbox/core";
 * const options: IssueTokenOptions = {
 *   applicationId: "sipeda-dinsos",
 *   institution: "Dinas Sosial Kabupaten Bandung",
 *   registeredAddresses: ["10.32.4.15"],
 * };
 * ```
 */
export interface IssueTokenOptions {
  /** The application the token identifies. */
  applicationId: string;
  /** The institution that registered the application. */
  institution: string;
  /** Addresses registered for the application: at least one. */
  registeredAddresses: readonly string[];
  /** Epoch ms of approval. Default: `clock.now()`. */
  approvedAt?: number;
  /** Validity from approval, in days. Default 365 (terms of use: "berlaku 1 tahun"). */
  validityDays?: number;
  /** The source of "now". Default: the system clock. */
  clock?: Clock;
}

/**
 * A newly issued token: `token` is the secret text, shown to the applicant ONCE and
 * never stored; `record` is what to store.
 *
 * @example
 * ```ts
 * import { issueToken, type IssuedToken } from "@dukcapil-sandbox/core";
 * const issued: IssuedToken = await issueToken({ applicationId: "app-1", institution: "Dinsos", registeredAddresses: ["10.1.2.3"] });
 * ```
 */
export interface IssuedToken {
  /** `dks_<id>_<secret>`: hand it over once, then forget it. */
  readonly token: string;
  readonly record: TokenRecord;
}

/**
 * The result of {@link rotateToken}: the new token and the old record, now revoked.
 *
 * @example
 * ```ts
 * import type { RotatedToken } from "@dukcapil-sandbox/core";
 * function store(rotated: RotatedToken) {
 *   return [rotated.record, rotated.previous]; // persist both
 * }
 * ```
 */
export interface RotatedToken extends IssuedToken {
  /** The rotated-out record, revoked with reason `"rotated"`. */
  readonly previous: TokenRecord;
}

const addressesSchema = z
  .array(z.string().trim().min(1, "Expected a non-empty address"))
  .min(1, "Register at least one address for the application");

const validityDaysSchema = z.int().positive().default(365);

const issueOptionsSchema = z.strictObject({
  applicationId: z.string().trim().min(1),
  institution: z.string().trim().min(1),
  registeredAddresses: addressesSchema,
  approvedAt: z.number().int().nonnegative().optional(),
  validityDays: validityDaysSchema,
  clock: clockSchema.default(systemClock),
});

/**
 * Issues a token: 256 random bits from `crypto.getRandomValues`, returned once, and a
 * record that keeps only the token's SHA-256 (see decisions/003-token-hashing.md).
 *
 * Throws `DKS_CORE_INVALID_OPTIONS` for invalid options.
 *
 * @example
 * ```ts
 * import { issueToken } from "@dukcapil-sandbox/core";
 * const { token, record } = await issueToken({
 *   applicationId: "sipeda-dinsos",
 *   institution: "Dinas Sosial Kabupaten Bandung",
 *   registeredAddresses: ["10.32.4.15"],
 * });
 * // show `token` once; store `record`
 * ```
 */
export async function issueToken(options: IssueTokenOptions): Promise<IssuedToken> {
  const parsed = parseOptions(
    issueOptionsSchema,
    options,
    "issue token",
    "Pass { applicationId, institution, registeredAddresses: [at least one], approvedAt?, validityDays?, clock? }.",
  );
  return mint({
    applicationId: parsed.applicationId,
    institution: parsed.institution,
    registeredAddresses: parsed.registeredAddresses,
    approvedAt: parsed.approvedAt ?? readClock(parsed.clock, "issue token"),
    validityDays: parsed.validityDays,
    replaces: null,
  });
}

/**
 * Options of {@link revokeToken}.
 *
 * @example
 * ```ts
 * import type { RevokeTokenOptions } from "@dukcapil-sandbox/core";
 * const options: RevokeTokenOptions = { reason: "misuse" };
 * ```
 */
export interface RevokeTokenOptions {
  /** Why the token is revoked: `"misuse"`, `"terminated"`, `"suspended"`, … (`"rotated"` is set by rotation). */
  reason: string;
  /** The source of the revocation time. Default: the system clock. */
  clock?: Clock;
}

const revokeOptionsSchema = z.strictObject({
  reason: z.string().trim().min(1),
  clock: clockSchema.default(systemClock),
});

/**
 * Revokes a token (suspension, termination, reported misuse) and returns the new record;
 * the old record value is unchanged. An expired token may be revoked too.
 *
 * Throws `DKS_CORE_TOKEN_INVALID` when the token is already revoked.
 *
 * @example
 * ```ts
 * import { issueToken, revokeToken } from "@dukcapil-sandbox/core";
 * const { record } = await issueToken({ applicationId: "app-1", institution: "Dinsos", registeredAddresses: ["10.1.2.3"] });
 * const revoked = revokeToken(record, { reason: "misuse" });
 * ```
 */
export function revokeToken(record: TokenRecord, options: RevokeTokenOptions): TokenRecord {
  const checked = checkTokenRecord(record, "revoke token");
  const { reason, clock } = parseOptions(
    revokeOptionsSchema,
    options,
    "revoke token",
    "Pass { reason: <non-empty text>, clock? }.",
  );
  if (checked.revocation !== null) {
    throw wrongState(
      "revoke",
      checked,
      "revoked",
      "A revoked token stays revoked; issue a new one with issueToken",
    );
  }
  return freezeRecord({ ...checked, revocation: { at: readClock(clock, "revoke token"), reason } });
}

/**
 * Options of {@link rotateToken}.
 *
 * @example
 * ```ts
 * import type { RotateTokenOptions } from "@dukcapil-sandbox/core";
 * const options: RotateTokenOptions = { validityDays: 365 };
 * ```
 */
export interface RotateTokenOptions {
  /** The source of "now": the new token is approved now and the old one revoked now. Default: the system clock. */
  clock?: Clock;
  /** Validity of the new token, in days. Default 365. */
  validityDays?: number;
}

const rotateOptionsSchema = z.strictObject({
  clock: clockSchema.default(systemClock),
  validityDays: validityDaysSchema,
});

/**
 * Replaces a valid (`active` or `expiring-soon`) token: a new token with a new secret,
 * id and validity window, for the same application and addresses; the old record is
 * revoked with reason `"rotated"`.
 *
 * Throws `DKS_CORE_TOKEN_INVALID` (with `details.state`) for a revoked or expired token:
 * an expired token is replaced by {@link reapplyToken}.
 *
 * @example
 * ```ts
 * import { issueToken, rotateToken } from "@dukcapil-sandbox/core";
 * const first = await issueToken({ applicationId: "app-1", institution: "Dinsos", registeredAddresses: ["10.1.2.3"] });
 * const { token, record, previous } = await rotateToken(first.record);
 * ```
 */
export async function rotateToken(
  record: TokenRecord,
  options: RotateTokenOptions = {},
): Promise<RotatedToken> {
  const checked = checkTokenRecord(record, "rotate token");
  const { clock, validityDays } = parseOptions(
    rotateOptionsSchema,
    options,
    "rotate token",
    "Pass { clock?, validityDays? } with validityDays a positive whole number of days.",
  );
  const now = readClock(clock, "rotate token");
  const state = stateAt(checked, now, 0);
  if (state === "revoked") {
    throw wrongState("rotate", checked, state, "Issue a new token with issueToken");
  }
  if (state === "expired") {
    throw wrongState("rotate", checked, state, "Reapply with reapplyToken");
  }
  const issued = await mint({
    applicationId: checked.applicationId,
    institution: checked.institution,
    registeredAddresses: checked.registeredAddresses,
    approvedAt: now,
    validityDays,
    replaces: checked.id,
  });
  const previous = freezeRecord({ ...checked, revocation: { at: now, reason: "rotated" } });
  return Object.freeze({ ...issued, previous });
}

/**
 * Options of {@link reapplyToken}.
 *
 * @example
 * ```ts
 * import type { ReapplyTokenOptions } from "@dukcapil-sandbox/core";
 * const options: ReapplyTokenOptions = { registeredAddresses: ["10.32.4.16"] };
 * ```
 */
export interface ReapplyTokenOptions {
  /** The source of "now". Default: the system clock. */
  clock?: Clock;
  /** Epoch ms at which the new application was approved. Default: `clock.now()`. */
  approvedAt?: number;
  /** Validity of the new token, in days. Default 365. */
  validityDays?: number;
  /** New registered addresses. Default: those of the expired token. */
  registeredAddresses?: readonly string[];
}

const reapplyOptionsSchema = z.strictObject({
  clock: clockSchema.default(systemClock),
  approvedAt: z.number().int().nonnegative().optional(),
  validityDays: validityDaysSchema,
  registeredAddresses: addressesSchema.optional(),
});

/**
 * Issues the token of a reapplication after expiry ("mengajukan kembali permohonan
 * token"): a new secret, id and validity window; the expired record is not changed,
 * so the old token stays refused as `expired`.
 *
 * Throws `DKS_CORE_TOKEN_INVALID` (with `details.state`) unless the token is `expired`:
 * a valid token is replaced by {@link rotateToken}, a revoked one needs a new {@link issueToken}.
 *
 * @example
 * ```ts
 * import { createManualClock, issueToken, reapplyToken } from "@dukcapil-sandbox/core";
 * const clock = createManualClock(Date.parse("2026-01-05T09:00:00+07:00"));
 * const old = await issueToken({ applicationId: "app-1", institution: "Dinsos", registeredAddresses: ["10.1.2.3"], clock });
 * clock.advance(365 * 86_400_000);
 * const { token, record } = await reapplyToken(old.record, { clock });
 * ```
 */
export async function reapplyToken(
  record: TokenRecord,
  options: ReapplyTokenOptions = {},
): Promise<IssuedToken> {
  const checked = checkTokenRecord(record, "reapply for token");
  const parsed = parseOptions(
    reapplyOptionsSchema,
    options,
    "reapply for token",
    "Pass { clock?, approvedAt?, validityDays?, registeredAddresses? }.",
  );
  const now = readClock(parsed.clock, "reapply for token");
  const state = stateAt(checked, now, 0);
  if (state !== "expired") {
    const fix =
      state === "revoked"
        ? "A revoked token cannot be reapplied for; issue a new one with issueToken"
        : "The token is still valid; replace it with rotateToken, or reapply once it has expired";
    throw wrongState("reapply for", checked, state, fix);
  }
  return mint({
    applicationId: checked.applicationId,
    institution: checked.institution,
    registeredAddresses: parsed.registeredAddresses ?? checked.registeredAddresses,
    approvedAt: parsed.approvedAt ?? now,
    validityDays: parsed.validityDays,
    replaces: checked.id,
  });
}

interface MintInput {
  applicationId: string;
  institution: string;
  registeredAddresses: readonly string[];
  approvedAt: number;
  validityDays: number;
  replaces: string | null;
}

async function mint(input: MintInput): Promise<IssuedToken> {
  const id = toHex(randomBytes(TOKEN_ID_BYTES));
  const secret = toBase64Url(randomBytes(TOKEN_SECRET_BYTES));
  const token = `${TOKEN_PREFIX}${id}_${secret}`;
  const hash = toHex(await sha256(token));
  const record = freezeRecord({
    id,
    prefix: `${TOKEN_PREFIX}${id}`,
    hashAlgorithm: "SHA-256",
    hash,
    applicationId: input.applicationId,
    institution: input.institution,
    approvedAt: input.approvedAt,
    expiresAt: input.approvedAt + input.validityDays * DAY_MS,
    registeredAddresses: [...new Set(input.registeredAddresses)],
    revocation: null,
    replaces: input.replaces,
  });
  return Object.freeze({ token, record });
}

function wrongState(
  verb: string,
  record: TokenRecord,
  state: TokenState,
  fix: string,
): DukcapilCoreError {
  return new DukcapilCoreError(
    "DKS_CORE_TOKEN_INVALID",
    `Failed to ${verb} token ${record.prefix}: it is ${state}. ${fix}.`,
    { tokenId: record.id, state },
  );
}
