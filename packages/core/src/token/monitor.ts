/**
 * Misuse signals for the rule "a token is unique and must not be lent"
 * (Dimas Satria §4.b, BPS §2.b): one token used from more distinct addresses than
 * were registered for its application (`TOKEN_SHARED`), or from any address outside
 * the registered set (`TOKEN_UNREGISTERED_ADDRESS`).
 *
 * Addresses are compared in canonical form: an IPv4 client that Node reports as
 * `::ffff:10.32.4.100` is the registered `10.32.4.100`.
 */
import { z } from "zod";
import { normaliseAddress } from "../internal/address.js";
import { parseOptions } from "../internal/options.js";
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
  /** The address the token was presented from (`::ffff:10.1.2.3` is read as `10.1.2.3`). */
  address: string;
  /** Epoch ms of the use. */
  at: number;
  /** The addresses registered for the token (`record.registeredAddresses`). */
  registeredAddresses: readonly string[];
}

/**
 * The misuse signals of the token usage monitor:
 *
 * - `TOKEN_SHARED` — the token was used from more distinct addresses (within the window)
 *   than are registered for it: it is probably shared or leaked. Report it (terms of use
 *   §4.e) and consider `revokeToken(record, { reason: "misuse" })`.
 * - `TOKEN_UNREGISTERED_ADDRESS` — the token was used from an address outside the
 *   registered set, without exceeding the registered count: it was lent, or the
 *   application moved without registering its new address. Ask the agency which, and
 *   register the address or revoke the token.
 *
 * @example
 * ```ts
 * import type { TokenMisuseCode } from "@dukcapil-sandbox/core";
 * const code: TokenMisuseCode = "TOKEN_UNREGISTERED_ADDRESS";
 * ```
 */
export type TokenMisuseCode = "TOKEN_SHARED" | "TOKEN_UNREGISTERED_ADDRESS";

interface TokenMisuseFindingBase<C extends TokenMisuseCode> {
  readonly code: C;
  readonly tokenId: string;
  /** Distinct addresses seen within the window, canonical form, sorted. */
  readonly addresses: readonly string[];
  /** Addresses registered for the token, canonical form, sorted. */
  readonly registered: readonly string[];
  /** Seen addresses that are not registered, sorted: never empty. */
  readonly unregistered: readonly string[];
  /** Epoch ms of the use that showed the finding. */
  readonly detectedAt: number;
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
export interface TokenSharedFinding extends TokenMisuseFindingBase<"TOKEN_SHARED"> {}

/**
 * A token was used from an address outside its registered set, while the number of
 * distinct addresses stays within the registered count (with two registered addresses:
 * one registered and one unregistered). Lent, or moved without registering the new
 * address: find out which.
 *
 * @example
 * ```ts
 * import type { TokenUnregisteredAddressFinding } from "@dukcapil-sandbox/core";
 * const finding: TokenUnregisteredAddressFinding = {
 *   code: "TOKEN_UNREGISTERED_ADDRESS", tokenId: "0123456789abcdef",
 *   addresses: ["10.1.2.3", "10.9.9.9"], registered: ["10.1.2.3", "10.1.2.4"],
 *   unregistered: ["10.9.9.9"], detectedAt: Date.now(),
 * };
 * ```
 */
export interface TokenUnregisteredAddressFinding
  extends TokenMisuseFindingBase<"TOKEN_UNREGISTERED_ADDRESS"> {}

/**
 * A misuse signal of the token usage monitor: narrow on `code`.
 *
 * @example
 * ```ts
 * import type { TokenMisuseFinding } from "@dukcapil-sandbox/core";
 * const severity = (finding: TokenMisuseFinding) =>
 *   finding.code === "TOKEN_SHARED" ? "revoke" : "ask the agency";
 * ```
 */
export type TokenMisuseFinding = TokenSharedFinding | TokenUnregisteredAddressFinding;

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
 * Records token uses and reports {@link TokenMisuseFinding}s; see {@link createTokenUsageMonitor}.
 *
 * @example
 * ```ts
 * import { createTokenUsageMonitor, type TokenUsageMonitor } from "@dukcapil-sandbox/core";
 * const monitor: TokenUsageMonitor = createTokenUsageMonitor();
 * ```
 */
export interface TokenUsageMonitor {
  /**
   * Records one use; returns the token's finding as it stands after this use —
   * `TOKEN_SHARED` when it is seen from more addresses than registered, else
   * `TOKEN_UNREGISTERED_ADDRESS` when any address seen is not registered — or `null`.
   */
  record(use: TokenUse): TokenMisuseFinding | null;
  /** The current findings, one per token that has one, by token id. */
  findings(): readonly TokenMisuseFinding[];
  /** Addresses (canonical form) a token was seen from within the window, sorted by address. */
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
 * distinct addresses than are registered for it (`TOKEN_SHARED`), and a token used from
 * any address outside its registered set (`TOKEN_UNREGISTERED_ADDRESS`: with two
 * registered addresses, one registered and one unregistered address is flagged too).
 * `TOKEN_SHARED` takes precedence when both hold. Addresses are compared in canonical
 * form: `::ffff:10.1.2.3` (how Node reports an IPv4 client on a dual-stack socket) is
 * `10.1.2.3`, and IPv6 addresses are compared in RFC 5952 form.
 *
 * @example
 * ```ts
 * import { createTokenUsageMonitor } from "@dukcapil-sandbox/core";
 * const monitor = createTokenUsageMonitor({ windowDays: 30 });
 * const registeredAddresses = ["10.1.2.3"];
 * monitor.record({ tokenId: "0123456789abcdef", address: "::ffff:10.1.2.3", at: Date.now(), registeredAddresses }); // null
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

  function findingOf(tokenId: string, track: TokenTrack): TokenMisuseFinding | null {
    const addresses = [...track.sightings.keys()].sort();
    const registeredSet = new Set(track.registered);
    const unregistered = addresses.filter((address) => !registeredSet.has(address));
    if (unregistered.length === 0) return null;
    const shared = addresses.length > track.registered.length;
    return Object.freeze({
      code: shared ? "TOKEN_SHARED" : "TOKEN_UNREGISTERED_ADDRESS",
      tokenId,
      addresses: Object.freeze(addresses),
      registered: Object.freeze([...track.registered]),
      unregistered: Object.freeze(unregistered),
      detectedAt: track.latestAt,
    });
  }

  return {
    record(use) {
      const parsed = parseOptions(
        useSchema,
        use,
        "record token use",
        "Pass { tokenId, address, at: <epoch ms>, registeredAddresses }.",
      );
      const { tokenId, at } = parsed;
      const address = normaliseAddress(parsed.address);
      const registeredAddresses = parsed.registeredAddresses.map(normaliseAddress);
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
      const found: TokenMisuseFinding[] = [];
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
