/**
 * Passwords of user IDs: scrypt hashes with a random salt, compared in constant time,
 * and a short-lived in-memory cache of successful checks for the request hot path.
 * See decisions/006-embedded-database.md ("Passwords").
 */
import {
  hash,
  randomBytes,
  type ScryptOptions,
  scrypt,
  scryptSync,
  timingSafeEqual,
} from "node:crypto";

/**
 * The scrypt parameters of new hashes: N = 2^14, r = 8, p = 1 (16 MiB, about 35 ms here),
 * a 32-byte key and a 16-byte random salt. Each stored hash carries its own parameters,
 * so raising them later changes only new hashes.
 *
 * @example
 * ```ts
 * import { SCRYPT_PARAMETERS } from "@dukcapil-sandbox/simulator";
 * const memoryBytes = 128 * SCRYPT_PARAMETERS.N * SCRYPT_PARAMETERS.r; // 16 MiB
 * ```
 */
export const SCRYPT_PARAMETERS = Object.freeze({
  N: 16_384,
  r: 8,
  p: 1,
  keyLength: 32,
  saltLength: 16,
});

const MAX_MEMORY = 256 * 1024 * 1024;
const HASH_PATTERN =
  /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{16,})$/;

interface ParsedHash {
  readonly options: ScryptOptions;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const match = HASH_PATTERN.exec(stored);
  if (match === null) return null;
  const [, n, r, p, salt, key] = match;
  return {
    options: { N: Number(n), r: Number(r), p: Number(p), maxmem: MAX_MEMORY },
    salt: Buffer.from(salt ?? "", "base64url"),
    key: Buffer.from(key ?? "", "base64url"),
  };
}

function format(options: ScryptOptions, salt: Buffer, key: Buffer): string {
  return `scrypt$${options.N}$${options.r}$${options.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

const NEW_HASH_OPTIONS: ScryptOptions = {
  N: SCRYPT_PARAMETERS.N,
  r: SCRYPT_PARAMETERS.r,
  p: SCRYPT_PARAMETERS.p,
  maxmem: MAX_MEMORY,
};

/**
 * Hashes a password: `scrypt$N$r$p$<salt>$<key>` (base64url), with a fresh random salt,
 * so equal passwords hash differently.
 *
 * @example
 * ```ts
 * import { hashPassword } from "@dukcapil-sandbox/simulator";
 * const stored = hashPassword("rahasia-sandbox"); // "scrypt$16384$8$1$…$…"
 * ```
 */
export function hashPassword(password: string): string {
  const salt = randomBytes(SCRYPT_PARAMETERS.saltLength);
  const key = scryptSync(password, salt, SCRYPT_PARAMETERS.keyLength, NEW_HASH_OPTIONS);
  return format(NEW_HASH_OPTIONS, salt, key);
}

/**
 * Whether `password` matches a hash from {@link hashPassword} (constant-time comparison
 * of the derived keys; `false` for a malformed hash).
 *
 * @example
 * ```ts
 * import { hashPassword, verifyPasswordHash } from "@dukcapil-sandbox/simulator";
 * verifyPasswordHash("rahasia-sandbox", hashPassword("rahasia-sandbox")); // true
 * ```
 */
export function verifyPasswordHash(password: string, stored: string): boolean {
  const parsed = parseHash(stored);
  if (parsed === null) return false;
  const derived = scryptSync(password, parsed.salt, parsed.key.length, parsed.options);
  return timingSafeEqual(derived, parsed.key);
}

/**
 * {@link verifyPasswordHash} on libuv's thread pool: the event loop stays free while scrypt runs.
 *
 * @example
 * ```ts
 * import { hashPassword, verifyPasswordHashAsync } from "@dukcapil-sandbox/simulator";
 * const ok = await verifyPasswordHashAsync("rahasia-sandbox", hashPassword("rahasia-sandbox"));
 * ```
 * @internal
 */
export function verifyPasswordHashAsync(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === null) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    scrypt(password, parsed.salt, parsed.key.length, parsed.options, (error, derived) => {
      if (error !== null) reject(error);
      else resolve(timingSafeEqual(derived, parsed.key));
    });
  });
}

/**
 * A random password for a new user ID: 16 base64url characters (96 bits).
 *
 * @example
 * ```ts
 * import { generatePassword } from "@dukcapil-sandbox/simulator";
 * const password = generatePassword(); // e.g. "q3W9_xT0b2LmZ8aV"
 * ```
 * @internal
 */
export function generatePassword(): string {
  return randomBytes(12).toString("base64url");
}

/** Options of {@link createPasswordCheckCache}. */
export interface PasswordCheckCacheOptions {
  /** How long a successful check is remembered. Default 60,000 ms. */
  readonly ttlMs?: number;
  /** At most this many remembered checks; the oldest go first. Default 10,000. */
  readonly maxEntries?: number;
  /** A monotonic clock in ms. Default `performance.now` (not the simulator clock, which can jump). */
  readonly now?: () => number;
}

/** Remembers successful password checks for a short time. */
export interface PasswordCheckCache {
  /** Whether `(userId, password)` was verified against exactly `storedHash` within the TTL. */
  has(userId: string, password: string, storedHash: string): boolean;
  remember(userId: string, password: string, storedHash: string): void;
  forget(userId?: string): void;
}

/**
 * A cache of successful password checks, keyed by the user ID and a SHA-256 of a random
 * per-process secret followed by the password (the clear password is never kept; the key
 * is only ever compared, never shown, so a one-shot hash serves where an HMAC object cost
 * ~2 µs more per lookup). An entry
 * also records the stored hash it was checked against, so a changed password (even by
 * another process sharing the database file) misses the cache at once. Failed checks are
 * never cached.
 *
 * @example
 * ```ts
 * import { createPasswordCheckCache } from "@dukcapil-sandbox/simulator";
 * const cache = createPasswordCheckCache({ ttlMs: 30_000 });
 * cache.remember("dinsos.poc", "rahasia-sandbox", "scrypt$…");
 * ```
 * @internal
 */
export function createPasswordCheckCache(
  options: PasswordCheckCacheOptions = {},
): PasswordCheckCache {
  const ttlMs = options.ttlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? (() => performance.now());
  const secret = randomBytes(32).toString("base64url");
  const entries = new Map<string, { readonly storedHash: string; readonly expiresAt: number }>();
  const keyOf = (userId: string, password: string) =>
    `${userId}\u0000${hash("sha256", `${secret}\u0000${password}`, "base64url")}`;

  return {
    has(userId, password, storedHash) {
      const key = keyOf(userId, password);
      const entry = entries.get(key);
      if (entry === undefined) return false;
      if (entry.expiresAt <= now() || entry.storedHash !== storedHash) {
        entries.delete(key);
        return false;
      }
      return true;
    },
    remember(userId, password, storedHash) {
      const key = keyOf(userId, password);
      entries.delete(key);
      while (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
      }
      entries.set(key, { storedHash, expiresAt: now() + ttlMs });
    },
    forget(userId) {
      if (userId === undefined) {
        entries.clear();
        return;
      }
      const prefix = `${userId}\u0000`;
      for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
    },
  };
}
