/**
 * The typed client of the Dukcapil NIK web service: lookup, verify-by-element,
 * family card and data balikan, with outcomes as values.
 *
 * It does no I/O besides the injected (or global) `fetch`, keeps no state between
 * calls and never caches or persists person data: every answer goes to the caller
 * and nowhere else.
 */

import * as z from "zod";
import { DukcapilCoreError } from "../errors.js";
import { maskNik } from "../nik/mask.js";
import { parseNik } from "../nik/parse.js";
import {
  buildDataBalikanRequest,
  DATA_BALIKAN_MESSAGES,
  dataBalikanResponseSchema,
} from "../wire/data-balikan.js";
import { VERIFY_ELEMENTS, type VerifyElement } from "../wire/fields.js";
import {
  type LosslessJsonValue,
  parseJsonLossless,
  stringifyLossless,
} from "../wire/lossless-json.js";
import {
  DukcapilHttpError,
  DukcapilNetworkError,
  DukcapilResponseFormatError,
  DukcapilTimeoutError,
  isDukcapilHttpError,
  isDukcapilNetworkError,
  isDukcapilTimeoutError,
  maskedExcerpt,
} from "./errors.js";
import {
  type DukcapilMethod,
  type FamilyOutcome,
  familyOutcomeFromBody,
  type LookupOutcome,
  localMalformedNikOutcome,
  lookupOutcomeFromBody,
  type VerifyOutcome,
  verifyOutcomeFromBody,
} from "./outcome.js";

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

/**
 * The path of the data balikan API under `baseUrl` when `sendDataBalikan` gets no `url`.
 * (Not observed upstream, where the URL is per agreement; the simulator serves it here.)
 *
 * @example
 * ```ts
 * import { DEFAULT_DATA_BALIKAN_PATH } from "@dukcapil-sandbox/core";
 * DEFAULT_DATA_BALIKAN_PATH; // "/dukcapil/data_balikan"
 * ```
 */
export const DEFAULT_DATA_BALIKAN_PATH = "/dukcapil/data_balikan";

/** HTTP statuses a retry may help with (besides network failures and timeouts). */
const RETRYABLE_STATUS: ReadonlySet<number> = new Set([502, 503, 504]);

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

const httpUrlSchema = z
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
 * The elements to verify with their expected values (`TGL_LHR` as `YYYY-MM-DD` or
 * `DD-MM-YYYY`; it is sent as `DD-MM-YYYY`, as the real clients do).
 *
 * @example
 * ```ts
 * import type { VerifyElementsInput } from "@dukcapil-sandbox/core";
 * const elements: VerifyElementsInput = { NAMA_LGKP: "SITI AMINAH", TGL_LHR: "1990-01-01" };
 * ```
 */
export type VerifyElementsInput = Readonly<Partial<Record<VerifyElement, string>>>;

/**
 * What to send to the data balikan API.
 *
 * @example
 * ```ts
 * import type { DataBalikanInput } from "@dukcapil-sandbox/core";
 * const input: DataBalikanInput = { token: "t", institutionId: "BPS", institutionName: "BPS",
 *   items: [{ nik: "3204014101900001", params: [{ CUSTOMER_ID: "42" }] }] };
 * ```
 */
export interface DataBalikanInput {
  /** The store API URL; default `baseUrl` + {@link DEFAULT_DATA_BALIKAN_PATH}. */
  readonly url?: string | undefined;
  /** The API token, sent as `Authorization: Bearer <token>`. */
  readonly token: string;
  readonly institutionId: string;
  readonly institutionName: string;
  readonly items: readonly {
    readonly nik: string;
    readonly params: readonly Readonly<Record<string, string>>[];
  }[];
}

/**
 * The outcome of a data balikan call: `sent` (200 Success), `duplicate` (400 "Data
 * sudah pernah dikirim"), `unauthorized` (401), `invalid` (another 400; `message` names
 * the field).
 *
 * @example
 * ```ts
 * import type { DataBalikanOutcome } from "@dukcapil-sandbox/core";
 * const done = (outcome: DataBalikanOutcome) => outcome.outcome === "sent" || outcome.outcome === "duplicate";
 * ```
 */
export type DataBalikanOutcome =
  | { readonly outcome: "sent"; readonly status: number; readonly message: string }
  | { readonly outcome: "duplicate"; readonly status: number; readonly message: string }
  | { readonly outcome: "unauthorized"; readonly status: number; readonly message: string | null }
  | { readonly outcome: "invalid"; readonly status: number; readonly message: string | null };

/**
 * A client of one institution's registration. Methods resolve to outcomes (values);
 * they reject only with transport errors (`DukcapilHttpError`, `DukcapilNetworkError`,
 * `DukcapilTimeoutError`, `DukcapilResponseFormatError`) or usage errors (`DukcapilCoreError`).
 *
 * @example
 * ```ts
 * import { createDukcapilClient, type DukcapilClient } from "@dukcapil-sandbox/core";
 * const client: DukcapilClient = createDukcapilClient({ baseUrl: "http://10.0.0.1:8080",
 *   path: "BPS", userId: "u", password: "p", ipUser: "10.0.0.2" });
 * ```
 */
export interface DukcapilClient {
  /** The attribution notice the application must display on screens using the data. */
  readonly attribution: string;
  /** `CALL_NIK`: the person record granted to the institution. */
  lookup(nik: string): Promise<LookupOutcome>;
  /** `CALL_VERIFY_BY_ELEMEN`: per-element match results against `threshold` (0–100). */
  verify(nik: string, elements: VerifyElementsInput, threshold: number): Promise<VerifyOutcome>;
  /** `CALL_NIK_GET_KK`: the members of the person's family card. */
  family(nik: string): Promise<FamilyOutcome>;
  /** The data balikan (return data) API. */
  sendDataBalikan(input: DataBalikanInput): Promise<DataBalikanOutcome>;
}

const verifyArgumentsSchema = z
  .object({
    elements: z
      .object(
        Object.fromEntries(VERIFY_ELEMENTS.map((key) => [key, z.string().optional()])) as Record<
          VerifyElement,
          z.ZodOptional<z.ZodString>
        >,
      )
      .strict(),
    threshold: z.number().int().min(0).max(100),
  })
  .strict();

const dataBalikanInputSchema = z
  .object({
    url: httpUrlSchema.optional(),
    token: z.string().min(1, "Expected the API token"),
    institutionId: z.string().min(1),
    institutionName: z.string(),
    items: z
      .array(
        z
          .object({
            nik: z.string(),
            params: z.array(z.record(z.string(), z.string())),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

function usageError(
  code: "DKS_CORE_CLIENT_CONFIG" | "DKS_CORE_INVALID_OPTIONS",
  what: string,
  error: z.ZodError,
  fix: string,
): DukcapilCoreError {
  const reason = z.prettifyError(error).replace(/\s*\n\s*/g, "; ");
  return new DukcapilCoreError(code, `Failed to ${what}: ${reason}. ${fix}.`, {
    issues: error.issues.map((issue) => ({
      path: issue.path,
      message: issue.message,
      code: issue.code,
    })),
  });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Creates a client for one institution's registration. Options are validated here, so
 * a misconfigured application fails at start-up, not on the first call.
 *
 * URLs: `baseUrl + "/dukcapil/get_json/" + path + "/" + METHOD` with METHOD `CALL_NIK`,
 * `CALL_VERIFY_BY_ELEMEN` or `CALL_NIK_GET_KK`; every call is a `POST` with a JSON body.
 * A NIK is checked locally with `parseNik` first; a malformed one is answered with
 * outcome 15 (`local: true`) without a network call, so it spends no quota.
 *
 * @throws {DukcapilCoreError} `DKS_CORE_CLIENT_CONFIG` for invalid options (`details.issues`).
 *
 * @example
 * ```ts
 * import { createDukcapilClient } from "@dukcapil-sandbox/core";
 * const client = createDukcapilClient({
 *   baseUrl: "http://10.0.0.1:8080", path: "BPS", userId: "u", password: "p", ipUser: "10.0.0.2",
 * });
 * const outcome = await client.lookup("3204014101900001");
 * if (outcome.code === "01") console.log(outcome.record.NAMA_LGKP);
 * else if (outcome.code === "05") console.log("Quota used up until 00:00 WIB");
 * ```
 */
export function createDukcapilClient(options: DukcapilClientOptions): DukcapilClient {
  const parsed = clientOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw usageError(
      "DKS_CORE_CLIENT_CONFIG",
      "create the Dukcapil client",
      parsed.error,
      "Pass baseUrl (http or https URL), path, userId, password and ipUser; see details.issues",
    );
  }
  const config = parsed.data;
  const fetchOrUndefined: typeof fetch | undefined = config.fetch ?? globalThis.fetch;
  if (typeof fetchOrUndefined !== "function") {
    throw new DukcapilCoreError(
      "DKS_CORE_CLIENT_CONFIG",
      "Failed to create the Dukcapil client: no global fetch is available. Pass `fetch` in the options.",
      { issues: [{ path: ["fetch"], message: "No fetch available" }] },
    );
  }
  const fetchImpl: typeof fetch = fetchOrUndefined;
  const regions = config.nikCheck === "format" ? "none" : config.nikCheck;
  const endpoint = (method: DukcapilMethod) =>
    `${config.baseUrl}/dukcapil/get_json/${config.path}/${method}`;

  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  /** One POST; resolves with status and text, or throws a transport error. */
  async function attempt(
    operation: string,
    url: string,
    body: string,
    headers: Record<string, string>,
    acceptStatus: (status: number) => boolean,
  ): Promise<{ status: number; text: string }> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(
          new DukcapilTimeoutError(
            `Failed to ${operation}: no answer within ${config.timeoutMs} ms. Raise timeoutMs or check the gateway; the request may still have counted against the daily quota.`,
            config.timeoutMs,
            { url },
          ),
        );
        controller.abort();
      }, config.timeoutMs);
    });
    try {
      const exchange = (async () => {
        let response: Response;
        try {
          response = await fetchImpl(url, {
            method: "POST",
            headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
            body,
            signal: controller.signal,
          });
        } catch (error) {
          throw networkError(operation, url, error);
        }
        let text: string;
        try {
          text = await response.text();
        } catch (error) {
          throw networkError(operation, url, error);
        }
        return { status: response.status, statusText: response.statusText, text };
      })();
      // Both settle into this race; the loser's rejection is absorbed by `race`.
      const { status, statusText, text } = await Promise.race([exchange, timedOut]);
      if (!acceptStatus(status)) {
        const excerpt = maskedExcerpt(text);
        throw new DukcapilHttpError(
          `Failed to ${operation}: the gateway answered HTTP ${status}${statusText ? ` ${statusText}` : ""}. Check the URL and the gateway; business outcomes come back as HTTP 200.`,
          status,
          excerpt,
          { url },
        );
      }
      return { status, text };
    } finally {
      clearTimeout(timer);
    }
  }

  function networkError(operation: string, url: string, error: unknown): DukcapilNetworkError {
    const cause = error instanceof Error ? error : undefined;
    const detail =
      (cause?.cause as { code?: unknown } | undefined)?.code ?? cause?.message ?? "unknown error";
    return new DukcapilNetworkError(
      `Failed to ${operation}: the connection failed (${String(detail)}). Check the network path to the gateway (closed network, VPN, address, port) and the cause.`,
      { url },
      error,
    );
  }

  function retryable(error: unknown): boolean {
    return (
      isDukcapilNetworkError(error) ||
      isDukcapilTimeoutError(error) ||
      (isDukcapilHttpError(error) && RETRYABLE_STATUS.has(error.status))
    );
  }

  async function send(
    operation: string,
    url: string,
    payload: unknown,
    headers: Record<string, string>,
    acceptStatus: (status: number) => boolean,
  ): Promise<{ status: number; text: string }> {
    const body = stringifyLossless(payload);
    for (let index = 1; ; index++) {
      try {
        return await attempt(operation, url, body, headers, acceptStatus);
      } catch (error) {
        if (index >= config.retry.attempts || !retryable(error)) throw error;
        await sleep(config.retry.backoffMs * 2 ** (index - 1));
      }
    }
  }

  function readJson(operation: string, text: string, method: string): LosslessJsonValue {
    try {
      return parseJsonLossless(text);
    } catch (error) {
      const position = (error as { details?: { position?: unknown } }).details?.position;
      throw new DukcapilResponseFormatError(
        `Failed to ${operation}: the answer is not JSON (at position ${String(position)}). Check the base URL, path and method; details.bodyExcerpt (NIKs masked) shows what arrived.`,
        { method, position, bodyExcerpt: maskedExcerpt(text) },
        error,
      );
    }
  }

  const is2xx = (status: number) => status >= 200 && status < 300;

  function credentialsBody(nik: string) {
    return { nik, user_id: config.userId, password: config.password, ip_user: config.ipUser };
  }

  function checkNik(nik: string) {
    return parseNik(nik, { regions, normalize: true });
  }

  async function callJson(method: DukcapilMethod, nikForMessage: string, payload: unknown) {
    const operation = `call Dukcapil ${method} for NIK ${maskNik(nikForMessage)}`;
    const { text } = await send(operation, endpoint(method), payload, {}, is2xx);
    return readJson(operation, text, method);
  }

  return Object.freeze({
    attribution: config.attribution,

    async lookup(nik: string): Promise<LookupOutcome> {
      const checked = checkNik(nik);
      if (!checked.ok) return localMalformedNikOutcome("lookupText", checked.reason);
      const body = await callJson("CALL_NIK", checked.nik, credentialsBody(checked.nik));
      return lookupOutcomeFromBody(body, "CALL_NIK");
    },

    async family(nik: string): Promise<FamilyOutcome> {
      const checked = checkNik(nik);
      if (!checked.ok) return localMalformedNikOutcome("lookupText", checked.reason);
      const body = await callJson("CALL_NIK_GET_KK", checked.nik, credentialsBody(checked.nik));
      return familyOutcomeFromBody(body);
    },

    async verify(
      nik: string,
      elements: VerifyElementsInput,
      threshold: number,
    ): Promise<VerifyOutcome> {
      const args = verifyArgumentsSchema.safeParse({ elements, threshold });
      if (!args.success) {
        throw usageError(
          "DKS_CORE_INVALID_OPTIONS",
          "verify the NIK by element",
          args.error,
          "Pass elements named as in VERIFY_ELEMENTS with string values, and an integer threshold 0–100",
        );
      }
      const checked = checkNik(nik);
      if (!checked.ok) return localMalformedNikOutcome("verifyText", checked.reason);
      const payload: Record<string, string> = {
        NIK: checked.nik,
        USER_ID: config.userId,
        PASSWORD: config.password,
        IP_USER: config.ipUser,
        TRESHOLD: String(args.data.threshold),
      };
      for (const key of VERIFY_ELEMENTS) {
        const value = args.data.elements[key];
        if (value === undefined) continue;
        const iso = key === "TGL_LHR" ? ISO_DATE.exec(value.trim()) : null;
        payload[key] = iso === null ? value : `${iso[3]}-${iso[2]}-${iso[1]}`;
      }
      const body = await callJson("CALL_VERIFY_BY_ELEMEN", checked.nik, payload);
      return verifyOutcomeFromBody(body);
    },

    async sendDataBalikan(input: DataBalikanInput): Promise<DataBalikanOutcome> {
      const args = dataBalikanInputSchema.safeParse(input);
      if (!args.success) {
        throw usageError(
          "DKS_CORE_INVALID_OPTIONS",
          "send data balikan",
          args.error,
          "Pass token, institutionId, institutionName and items [{ nik, params: [{ KEY: 'value' }] }]",
        );
      }
      const items = args.data.items.map((item, index) => {
        const checked = checkNik(item.nik);
        if (!checked.ok) {
          throw new DukcapilCoreError(
            "DKS_CORE_INVALID_NIK",
            `Failed to send data balikan: items[${index}].nik ${maskNik(item.nik)} is not a valid NIK (${checked.reason}). Send only NIKs that passed parseNik.`,
            { index, reason: checked.reason, nik: maskNik(item.nik) },
          );
        }
        return { nik: checked.nik, params: item.params };
      });
      const url = args.data.url ?? `${config.baseUrl}${DEFAULT_DATA_BALIKAN_PATH}`;
      const operation = "send data balikan";
      const { status, text } = await send(
        operation,
        url,
        buildDataBalikanRequest({
          institutionId: args.data.institutionId,
          institutionName: args.data.institutionName,
          items,
        }),
        { Authorization: `Bearer ${args.data.token}` },
        (code) => is2xx(code) || code === 400 || code === 401,
      );
      const message = readMessage(text);
      if (status === 401) return { outcome: "unauthorized", status, message };
      if (status === 400) {
        return message !== null && sameMessage(message, DATA_BALIKAN_MESSAGES.duplicate)
          ? { outcome: "duplicate", status, message }
          : { outcome: "invalid", status, message };
      }
      if (message === DATA_BALIKAN_MESSAGES.sent) return { outcome: "sent", status, message };
      throw new DukcapilResponseFormatError(
        `Failed to ${operation}: HTTP ${status} without {"message":"${DATA_BALIKAN_MESSAGES.sent}"}. Check the data balikan URL; details.bodyExcerpt (NIKs masked) shows what arrived.`,
        { status, bodyExcerpt: maskedExcerpt(text) },
      );
    },
  });
}

function readMessage(text: string): string | null {
  try {
    const parsed = dataBalikanResponseSchema.safeParse(parseJsonLossless(text));
    return parsed.success ? parsed.data.message : null;
  } catch {
    return null;
  }
}

function sameMessage(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
