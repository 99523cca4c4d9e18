/**
 * The options of the typed client: one strict zod schema, validated when the client is
 * created so a misconfigured application fails at start-up, not on its first call.
 */

import * as z from "zod";
import { DukcapilCoreError } from "../errors.js";
import { zodError } from "../internal/zod-issues.js";

/**
 * The attribution notice an application shows when it does not configure its own
 * (terms of use of Indonesian government APIs require one on every screen that uses the data).
 *
 * @example
 * ```ts
 * import { DEFAULT_ATTRIBUTION } from "@dukcapil-sandbox/core";
 * DEFAULT_ATTRIBUTION; // "Layanan ini menggunakan API Dukcapil"
 * ```
 */
export const DEFAULT_ATTRIBUTION = "Layanan ini menggunakan API Dukcapil";

const PATH_SEGMENTS = /^[A-Za-z0-9_.~-]+(?:\/[A-Za-z0-9_.~-]+)*$/;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === "http:" || url.protocol === "https:") &&
      url.search === "" &&
      url.hash === ""
    );
  } catch {
    return false;
  }
}

/**
 * An `http` or `https` URL without query or fragment.
 *
 * @internal
 */
export const httpUrlSchema = z
  .string()
  .refine(isHttpUrl, "Expected an http or https URL without query or fragment");

const clientOptionsSchema = z
  .object({
    baseUrl: httpUrlSchema.transform((url) => url.replace(/\/+$/, "")),
    path: z
      .string()
      .transform((path) => path.replace(/^\/+|\/+$/g, ""))
      .pipe(
        z
          .string()
          .regex(
            PATH_SEGMENTS,
            "Expected path segments such as `BPS` or `32-04/dinkes` (letters, digits, _ . ~ -)",
          ),
      ),
    userId: z.string().min(1, "Expected a non-empty user ID"),
    password: z.string().min(1, "Expected a non-empty password"),
    ipUser: z.string().min(1, "Expected the IP address registered for the user ID"),
    timeoutMs: z.number().int().min(1).max(600_000).default(30_000),
    fetch: z
      .custom<typeof fetch>((value) => typeof value === "function", "Expected a fetch function")
      .optional(),
    nikCheck: z.enum(["strict", "legacy", "format"]).default("legacy"),
    attribution: z.string().trim().min(1).default(DEFAULT_ATTRIBUTION),
    retry: z
      .object({
        attempts: z.number().int().min(1).max(10),
        backoffMs: z.number().int().min(0).max(60_000),
      })
      .strict()
      .default({ attempts: 1, backoffMs: 0 }),
  })
  .strict();

/**
 * Options of {@link createDukcapilClient}.
 *
 * @example
 * ```ts
 * import type { DukcapilClientOptions } from "@dukcapil-sandbox/core";
 * const options: DukcapilClientOptions = {
 *   baseUrl: "http://10.0.0.1:8080", path: "32-04/dinkes", userId: "u", password: "p",
 *   ipUser: "10.0.0.2", timeoutMs: 15_000,
 * };
 * ```
 */
export interface DukcapilClientOptions {
  /** The gateway origin (and optional prefix), `http` or `https`: `http://10.0.0.1:8080`. */
  readonly baseUrl: string;
  /** The registered path before the method: `BPS`, `351552223080001`, `32-04/dinkes`. */
  readonly path: string;
  readonly userId: string;
  readonly password: string;
  /** The IP address registered for the user ID, sent as `ip_user`. */
  readonly ipUser: string;
  /** Abort a call after this many milliseconds (whole request and body); default 30 000. */
  readonly timeoutMs?: number | undefined;
  /** The `fetch` to use; default the global one. */
  readonly fetch?: typeof fetch | undefined;
  /**
   * How the NIK is checked locally before a call: `legacy` (default: current and retired
   * region codes, since a NIK never changes when its region is split), `strict`
   * (current codes only) or `format` (no region check).
   */
  readonly nikCheck?: "strict" | "legacy" | "format" | undefined;
  /** The attribution notice the application must show; default {@link DEFAULT_ATTRIBUTION}. */
  readonly attribution?: string | undefined;
  /**
   * Retries of transport failures: `attempts` in all (1 = no retry, the default) with
   * `backoffMs` doubling per retry. Only network errors, timeouts and HTTP 502/503/504
   * are retried — never an upstream outcome (quota, login, …). Off by default because a
   * timed-out request may already have counted against the daily quota.
   */
  readonly retry?: { readonly attempts: number; readonly backoffMs: number } | undefined;
}

/**
 * The client's options after validation, defaults applied and `fetch` resolved.
 *
 * @internal
 */
export type ClientConfig = Omit<z.output<typeof clientOptionsSchema>, "fetch"> & {
  readonly fetch: typeof fetch;
};

/**
 * Validates the options of `createDukcapilClient`; throws `DKS_CORE_CLIENT_CONFIG`.
 *
 * @internal
 */
export function readClientOptions(options: DukcapilClientOptions): ClientConfig {
  const parsed = clientOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw zodError(
      "DKS_CORE_CLIENT_CONFIG",
      "create the Dukcapil client",
      parsed.error,
      "Pass baseUrl (http or https URL), path, userId, password and ipUser; see details.issues",
    );
  }
  const fetchOrUndefined: typeof fetch | undefined = parsed.data.fetch ?? globalThis.fetch;
  if (typeof fetchOrUndefined !== "function") {
    throw new DukcapilCoreError(
      "DKS_CORE_CLIENT_CONFIG",
      "Failed to create the Dukcapil client: no global fetch is available. Pass `fetch` in the options.",
      { issues: [{ path: ["fetch"], message: "No fetch available" }] },
    );
  }
  return { ...parsed.data, fetch: fetchOrUndefined };
}
