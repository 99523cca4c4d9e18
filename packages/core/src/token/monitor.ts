/**
 * A misuse signal for the rule "a token is unique and must not be lent"
 * (Dimas Satria §4.b, BPS §2.b): one token used from more distinct addresses than
 * were registered for its application.
 */
import { z } from "zod";
import { parseOptions } from "../quota/options.js";
import { DAY_MS } from "../time.js";

/**
 * One use of a token, as recorded by the monitor.
 *
 * @example
 * ```ts
 * import type { TokenUse } from "@dukcapil-sandbox/core";
 * const use: TokenUse = { tokenId: "0123456789abcdef", address: "10.1.2.3", at: Date.now(), registeredAddresses: ["10.1.2.3"] };
 * ```
 */
export interface TokenUse {
  /** The token's non-secret id (`record.id`). */
  tokenId: string;
  /** The address the token was presented from. */
  address: string;
  /** Epoch ms of the use. */
  at: number;
  /** The addresses registered for the token (`record.registeredAddresses`). */
  registeredAddresses: readonly string[];
}

/**
 * A token was used from more distinct addresses (within the monitor's window) than
 * are registered for it: it is probably shared or leaked. Report it (terms of use
 * §4.e) and consider `revokeToken(record, { reason: "misuse" })`.
 *
 * @example
 * ```ts
 * import type { TokenSharedFinding } from "@dukcapil-sandbox/core";
 * const finding: TokenSharedFinding = {
 *   code: "TOKEN_SHARED", tokenId: "0123456789abcdef",
 *   addresses: ["10.1.2.3", "10.9.9.9"], registered: ["10.1.2.3"], unregistered: ["10.9.9.9"],
 *   detectedAt: Date.now(),
 * };
 * ```
 */
export interface TokenSharedFinding {
  readonly code: "TOKEN_SHARED";
  readonly tokenId: string;
  /** Distinct addresses seen within the window, sorted. */
  readonly addresses: readonly string[];
  /** Addresses registered for the token, sorted. */
  readonly registered: readonly string[];
  /** Seen addresses that are not registered, sorted. */
  readonly unregistered: readonly string[];
  /** Epoch ms of the use that showed the finding. */
  readonly detectedAt: number;
}

/**
 * Where and when a token was seen.
 *
 * @example
 * ```ts
 * import type { TokenAddressSighting } from "@dukcapil-sandbox/core";
 * const seen: TokenAddressSighting = { address: "10.1.2.3", firstSeenAt: 0, lastSeenAt: 0, uses: 1 };
 * ```
 */
export interface TokenAddressSighting {
  readonly address: string;
  readonly firstSeenAt: number;
  readonly lastSeenAt: number;
  readonly uses: number;
}

/**
 * Options of {@link createTokenUsageMonitor}.
 *
 * @example
 * ```ts
 * import type { TokenUsageMonitorOptions } from "@dukcapil-sandbox/core";
 * const options: TokenUsageMonitorOptions = { windowDays: 7 };
 * ```
 */
export interface TokenUsageMonitorOptions {
  /**
   * An address counts while it was last seen less than this many days before the latest use
   * of the token; older addresses are forgotten (an application that moved is not flagged
   * forever). Default 30.
   */
  windowDays?: number;
}

/**
 * Records token uses and reports {@link TokenSharedFinding}s; see {@link createTokenUsageMonitor}.
 *
 * @example
 * ```ts
 * import { createTokenUsageMonitor, type TokenUsageMonitor } from "@dukcapil-sandbox/core";
 * const monitor: TokenUsageMonitor = createTokenUsageMonitor();
 * ```
 */
export interface TokenUsageMonitor {
  /** Records one use; returns the finding when the token is now seen from too many addresses, else `null`. */
  record(use: TokenUse): TokenSharedFinding | null;
  /** The current findings, one per token still over its registered count, by token id. */
  findings(): readonly TokenSharedFinding[];
  /** Addresses a token was seen from within the window, sorted by address. */
  sightings(tokenId: string): readonly TokenAddressSighting[];
  /** Forgets one token, or every token. */
  reset(tokenId?: string): void;
}

const optionsSchema = z.strictObject({
  windowDays: z.number().positive().default(30),
});

const useSchema = z.strictObject({
  tokenId: z.string().min(1),
  address: z.string().trim().min(1),
  at: z.number().int().nonnegative(),
  registeredAddresses: z.array(z.string().trim().min(1)),
});

interface TokenTrack {
  readonly sightings: Map<string, { firstSeenAt: number; lastSeenAt: number; uses: number }>;
  registered: readonly string[];
  latestAt: number;
}

/**
 * Creates an in-memory monitor of token uses that flags a token used from more
 * distinct addresses than are registered for it (`TOKEN_SHARED`).
 *
 * Only the count is compared: a token used from one unregistered address while one
 * is registered is not "shared" (it may have moved); `verifyToken` reports that use
 * as `addressRegistered: false`.
 *
 * @example
 * ```ts
 * import { createTokenUsageMonitor } from "@dukcapil-sandbox/core";
 * const monitor = createTokenUsageMonitor({ windowDays: 30 });
 * const registeredAddresses = ["10.1.2.3"];
 * monitor.record({ tokenId: "0123456789abcdef", address: "10.1.2.3", at: Date.now(), registeredAddresses }); // null
 * monitor.record({ tokenId: "0123456789abcdef", address: "10.9.9.9", at: Date.now(), registeredAddresses }); // { code: "TOKEN_SHARED", … }
 * ```
 */
export function createTokenUsageMonitor(options: TokenUsageMonitorOptions = {}): TokenUsageMonitor {
  const { windowDays } = parseOptions(
    optionsSchema,
    options,
    "create token usage monitor",
    "Pass { windowDays? } with windowDays a positive number of days.",
  );
  const windowMs = windowDays * DAY_MS;
  const tracks = new Map<string, TokenTrack>();

  function prune(track: TokenTrack): void {
    for (const [address, seen] of track.sightings) {
      if (seen.lastSeenAt <= track.latestAt - windowMs) track.sightings.delete(address);
    }
  }

  function findingOf(tokenId: string, track: TokenTrack): TokenSharedFinding | null {
    const addresses = [...track.sightings.keys()].sort();
    if (addresses.length <= track.registered.length) return null;
    const registeredSet = new Set(track.registered);
    return Object.freeze({
      code: "TOKEN_SHARED",
      tokenId,
      addresses: Object.freeze(addresses),
      registered: Object.freeze([...track.registered]),
      unregistered: Object.freeze(addresses.filter((address) => !registeredSet.has(address))),
      detectedAt: track.latestAt,
    });
  }

  return {
    record(use) {
      const { tokenId, address, at, registeredAddresses } = parseOptions(
        useSchema,
        use,
        "record token use",
        "Pass { tokenId, address, at: <epoch ms>, registeredAddresses }.",
      );
      let track = tracks.get(tokenId);
      if (track === undefined) {
        track = { sightings: new Map(), registered: [], latestAt: at };
        tracks.set(tokenId, track);
      }
      track.registered = [...new Set(registeredAddresses)].sort();
      track.latestAt = Math.max(track.latestAt, at);
      const seen = track.sightings.get(address);
      if (seen === undefined) {
        track.sightings.set(address, { firstSeenAt: at, lastSeenAt: at, uses: 1 });
      } else {
        seen.firstSeenAt = Math.min(seen.firstSeenAt, at);
        seen.lastSeenAt = Math.max(seen.lastSeenAt, at);
        seen.uses += 1;
      }
      prune(track);
      return findingOf(tokenId, track);
    },

    findings() {
      const found: TokenSharedFinding[] = [];
      for (const tokenId of [...tracks.keys()].sort()) {
        const finding = findingOf(tokenId, tracks.get(tokenId)!);
        if (finding !== null) found.push(finding);
      }
      return found;
    },

    sightings(tokenId) {
      const track = tracks.get(tokenId);
      if (track === undefined) return [];
      return [...track.sightings]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([address, seen]) => Object.freeze({ address, ...seen }));
    },

    reset(tokenId) {
      if (tokenId === undefined) tracks.clear();
      else tracks.delete(tokenId);
    },
  };
}
