/**
 * The API token format and the stored token record.
 *
 * A token reads `dks_<id>_<secret>`: `id` is 16 lower-case hex characters (8 random
 * bytes, not secret: it names the record, shows in dashboards and lets a server find
 * the record in one lookup) and `secret` is 43 base64url characters (32 random
 * bytes, 256 bits). The record keeps only the SHA-256 of the whole token text.
 */
import { z } from "zod";
import { zodError } from "../internal/zod-issues.js";

/**
 * The recognisable prefix of every token, so secret scanners and humans can spot one.
 *
 * @example
 * ```ts
 * import { TOKEN_PREFIX } from "@dukcapil-sandbox/core";
 * const looksLikeToken = (text: string) => text.startsWith(TOKEN_PREFIX);
 * ```
 */
export const TOKEN_PREFIX = "dks_";

/**
 * Random bytes in a token's secret part: 32 bytes = 256 bits.
 *
 * @example
 * ```ts
 * import { TOKEN_SECRET_BYTES } from "@dukcapil-sandbox/core";
 * const secretBits = TOKEN_SECRET_BYTES * 8; // 256
 * ```
 */
export const TOKEN_SECRET_BYTES = 32;

/**
 * Random bytes in a token's id part: 8 bytes, shown as 16 hex characters.
 *
 * @example
 * ```ts
 * import { TOKEN_ID_BYTES } from "@dukcapil-sandbox/core";
 * const idLength = TOKEN_ID_BYTES * 2; // 16 hex characters
 * ```
 */
export const TOKEN_ID_BYTES = 8;

const TOKEN_PATTERN = /^dks_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/**
 * The id of a token text, or `null` when the text is not a well-formed token.
 * Use it to find the stored record before calling `verifyToken`.
 *
 * @example
 * ```ts
 * import { tokenIdOf } from "@dukcapil-sandbox/core";
 * const bearer = "dks_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
 * tokenIdOf(bearer); // "0123456789abcdef"
 * tokenIdOf("not a token"); // null
 * ```
 */
export function tokenIdOf(presented: unknown): string | null {
  if (typeof presented !== "string") return null;
  return TOKEN_PATTERN.exec(presented)?.[1] ?? null;
}

/**
 * Why and when a token was revoked.
 *
 * @example
 * ```ts
 * import type { TokenRevocation } from "@dukcapil-sandbox/core";
 * const revocation: TokenRevocation = { at: Date.parse("2026-05-01T10:00:00+07:00"), reason: "misuse" };
 * ```
 */
export interface TokenRevocation {
  /** Epoch ms of the revocation. */
  readonly at: number;
  /** Why: `"rotated"` (set by `rotateToken`), `"misuse"`, `"terminated"`, or any text the provider records. */
  readonly reason: string;
}

/**
 * What a server stores about an issued token: never the token itself, only its SHA-256.
 * All instants are epoch milliseconds. Records are immutable values; state changes
 * (`revokeToken`) return a new record.
 *
 * @example
 * ```ts
 * import { issueToken, type TokenRecord } from "@dukcapil-sandbox/core";
 * const { record } = await issueToken({ applicationId: "app-1", institution: "Dinsos", registeredAddresses: ["10.1.2.3"] });
 * const stored: TokenRecord = record; // safe to persist as JSON
 * ```
 */
export interface TokenRecord {
  /** Non-secret id: 16 lower-case hex characters, also inside the token text. */
  readonly id: string;
  /** Non-secret display form, `dks_<id>`: the start of the token text. */
  readonly prefix: string;
  readonly hashAlgorithm: "SHA-256";
  /** SHA-256 of the UTF-8 token text, 64 lower-case hex characters. */
  readonly hash: string;
  /** The application the token identifies (one token per application). */
  readonly applicationId: string;
  /** The institution (agency) that registered the application. */
  readonly institution: string;
  /** Epoch ms of approval: the validity window starts here. */
  readonly approvedAt: number;
  /** Epoch ms at which the token stops being valid: valid while `now < expiresAt`. */
  readonly expiresAt: number;
  /** Addresses registered for the application; using the token from more distinct addresses is a misuse signal. */
  readonly registeredAddresses: readonly string[];
  /** Set when the token was revoked (rotation, misuse, termination), else `null`. */
  readonly revocation: TokenRevocation | null;
  /** The id of the token this one replaced (rotation or reapplication), else `null`. */
  readonly replaces: string | null;
}

const epochMs = z.number().int().nonnegative();

/**
 * The zod schema of a {@link TokenRecord}: parse records read back from storage with it.
 *
 * @example
 * ```ts
 * import { tokenRecordSchema } from "@dukcapil-sandbox/core";
 * const text = "{}"; // e.g. a row read back from a database
 * const parsed = tokenRecordSchema.safeParse(JSON.parse(text));
 * ```
 */
export const tokenRecordSchema = z
  .strictObject({
    id: z.string().regex(/^[0-9a-f]{16}$/),
    prefix: z.string(),
    hashAlgorithm: z.literal("SHA-256"),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    applicationId: z.string().min(1),
    institution: z.string().min(1),
    approvedAt: epochMs,
    expiresAt: epochMs,
    registeredAddresses: z.array(z.string().min(1)).min(1),
    revocation: z.strictObject({ at: epochMs, reason: z.string().min(1) }).nullable(),
    replaces: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .nullable(),
  })
  .refine((record) => record.prefix === `${TOKEN_PREFIX}${record.id}`, {
    message: "prefix must be `dks_` followed by id",
    path: ["prefix"],
  })
  .refine((record) => record.expiresAt > record.approvedAt, {
    message: "expiresAt must be later than approvedAt",
    path: ["expiresAt"],
  });

/**
 * Checks a record passed to a token function; throws `DKS_CORE_TOKEN_RECORD_INVALID` (internal).
 *
 * @internal
 */
export function checkTokenRecord(record: unknown, action: string): TokenRecord {
  const parsed = tokenRecordSchema.safeParse(record);
  if (parsed.success) return parsed.data;
  throw zodError(
    "DKS_CORE_TOKEN_RECORD_INVALID",
    action,
    parsed.error,
    "Pass a record returned by issueToken, rotateToken, reapplyToken or revokeToken",
    "the token record is invalid",
  );
}

/**
 * Makes a record immutable (the array of addresses included) (internal).
 *
 * @internal
 */
export function freezeRecord(record: TokenRecord): TokenRecord {
  return Object.freeze({
    ...record,
    registeredAddresses: Object.freeze([...record.registeredAddresses]),
    revocation: record.revocation === null ? null : Object.freeze({ ...record.revocation }),
  });
}
