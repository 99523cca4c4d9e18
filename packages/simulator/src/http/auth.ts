import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { normaliseAddress } from "../engine/access.js";
import { SimulatorError } from "../errors.js";

const digest = (text: string) => createHash("sha256").update(text).digest();

/** The bearer token of an `Authorization` header, or `undefined` (none, or another scheme). */
function bearerOf(headers: IncomingHttpHeaders): string | undefined {
  return headers.authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
}

/**
 * Checks `Authorization: Bearer <admin token>` in constant time; throws
 * DKS_SIM_ADMIN_UNAUTHORIZED otherwise. Used by the admin API and the sandbox controls
 * (through {@link adminTokenGuard}, which adds the lockout).
 */
export function requireAdminToken(headers: IncomingHttpHeaders, adminToken: string): void {
  const presented = bearerOf(headers);
  if (presented === undefined || !timingSafeEqual(digest(presented), digest(adminToken))) {
    throw new SimulatorError(
      "DKS_SIM_ADMIN_UNAUTHORIZED",
      presented === undefined
        ? "Failed to authorise the request: no admin token. Send Authorization: Bearer <admin token> (npm start prints it)."
        : "Failed to authorise the request: the admin token is wrong. Use the token npm start printed.",
    );
  }
}

/**
 * The admin API's lockout: `maxFailures` wrong bearer tokens from one connecting address
 * within `windowMs` of **real** time (the simulator clock can be frozen, and moving it needs
 * the admin token) refuse every admin request from that address until the oldest of them is
 * `windowMs` old. Kept in memory: a restart clears it. Requests without a bearer token
 * (no header, another scheme) are refused with 401 but not counted: they guess nothing.
 *
 * @internal
 */
export const ADMIN_TOKEN_LOCKOUT = Object.freeze({ maxFailures: 20, windowMs: 15 * 60 * 1000 });

/** Addresses remembered at most (a bound on memory when many addresses send wrong tokens). */
const MAX_TRACKED_ADDRESSES = 10_000;

/**
 * Checks the admin token of a request, with the lockout of {@link ADMIN_TOKEN_LOCKOUT}.
 *
 * @internal
 */
export interface AdminTokenGuard {
  /**
   * Throws DKS_SIM_ADMIN_LOCKED (429; sets `Retry-After` on `res`) while the request's address
   * is locked, DKS_SIM_ADMIN_UNAUTHORIZED (401) for a missing or wrong token (a wrong bearer
   * token is counted), and returns for the right token.
   */
  check(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * A new admin-token guard with its own failure count. `now` is for tests (default `Date.now`).
 *
 * @internal
 */
export function createAdminTokenGuard(
  adminToken: string,
  options: { readonly now?: () => number } = {},
): AdminTokenGuard {
  const now = options.now ?? Date.now;
  const { maxFailures, windowMs } = ADMIN_TOKEN_LOCKOUT;
  /** Address → times of its recent wrong tokens, oldest first (at most `maxFailures`). */
  const failures = new Map<string, number[]>();

  const recent = (address: string, at: number): number[] => {
    const times = failures.get(address);
    if (times === undefined) return [];
    const kept = times.filter((time) => time > at - windowMs);
    if (kept.length === 0) failures.delete(address);
    else failures.set(address, kept);
    return kept;
  };

  const locked = (address: string, at: number, times: readonly number[]): never => {
    const until = (times[0] as number) + windowMs;
    const seconds = Math.max(1, Math.ceil((until - at) / 1000));
    const shown = address === "" ? "this address" : address;
    throw new SimulatorError(
      "DKS_SIM_ADMIN_LOCKED",
      `Failed to authorise the request: ${maxFailures} wrong admin tokens from ${shown} within ${windowMs / 60_000} minutes, so admin requests from it are refused until ${new Date(until).toISOString()} (Retry-After: ${seconds} s). Check the admin token npm start printed, then retry after that time, or restart the simulator (the count is kept in memory).`,
      { lockedUntil: new Date(until).toISOString(), retryAfterSeconds: seconds },
    );
  };

  return {
    check(req, res) {
      const address = normaliseAddress(req.socket?.remoteAddress);
      const at = now();
      const before = recent(address, at);
      try {
        if (before.length >= maxFailures) locked(address, at, before);
        requireAdminToken(req.headers, adminToken);
      } catch (error) {
        if (
          error instanceof SimulatorError &&
          error.code === "DKS_SIM_ADMIN_UNAUTHORIZED" &&
          bearerOf(req.headers) !== undefined
        ) {
          if (!failures.has(address) && failures.size >= MAX_TRACKED_ADDRESSES) {
            const oldest = failures.keys().next().value;
            if (oldest !== undefined) failures.delete(oldest);
          }
          const times = [...before, at].slice(-maxFailures);
          failures.delete(address); // re-insert: the map stays in order of the last failure
          failures.set(address, times);
        }
        if (error instanceof SimulatorError && error.code === "DKS_SIM_ADMIN_LOCKED") {
          res.setHeader("retry-after", String(error.details.retryAfterSeconds));
        }
        throw error;
      }
    },
  };
}

const guards = new WeakMap<object, Map<string, AdminTokenGuard>>();

/**
 * The admin-token guard shared by every router over one store: the admin API
 * (`/sandbox/admin`) and the sandbox controls (`/sandbox`) of a simulator count wrong tokens
 * together.
 *
 * @internal
 */
export function adminTokenGuard(store: object, adminToken: string): AdminTokenGuard {
  let byToken = guards.get(store);
  if (byToken === undefined) {
    byToken = new Map();
    guards.set(store, byToken);
  }
  let guard = byToken.get(adminToken);
  if (guard === undefined) {
    guard = createAdminTokenGuard(adminToken);
    byToken.set(adminToken, guard);
  }
  return guard;
}
