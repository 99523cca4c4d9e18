/**
 * The client's transport: one JSON `POST` through the injected `fetch`, with the
 * timeout, the retries of transport failures, and the mapping of every failure to a
 * transport error whose message, details and cause carry no credential and no person
 * data. No state is kept between calls.
 */

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
} from "./errors.js";
import type { ClientConfig } from "./options.js";
import { maskedExcerpt, scrubText } from "./redact.js";

/** HTTP statuses a retry may help with (besides network failures and timeouts). */
const RETRYABLE_STATUS: ReadonlySet<number> = new Set([502, 503, 504]);

/**
 * One request to send.
 *
 * @internal
 */
export interface TransportRequest {
  /** "call Dukcapil CALL_NIK for NIK 3204**********01": the start of every error message. */
  readonly operation: string;
  readonly url: string;
  readonly payload: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** The statuses answered as a response; any other is a `DukcapilHttpError`. */
  readonly acceptStatus: (status: number) => boolean;
  /** Texts that must not appear in an error (password, user ID, NIK, token). */
  readonly secrets: readonly string[];
}

/**
 * The transport of one client.
 *
 * @internal
 */
export interface Transport {
  /** Sends the request (retrying transport failures as configured); the status and body text. */
  send(request: TransportRequest): Promise<{ status: number; text: string }>;
  /** Reads a body as lossless JSON, or throws `DukcapilResponseFormatError`. */
  readJson(operation: string, text: string, method: string): LosslessJsonValue;
}

/**
 * `true` for a 2xx status.
 *
 * @internal
 */
export const is2xx = (status: number): boolean => status >= 200 && status < 300;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * What a transport failure is called, without its message (a proxy or fetch shim may echo
 * the request body, NIK and password included): the first `code` along the cause chain
 * (`ECONNREFUSED`), else the error's name.
 */
function causeLabel(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Za-z0-9_]{1,40}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  const name = error instanceof Error ? error.name : typeof error;
  return /^[A-Za-z0-9_]{1,40}$/.test(name) ? name : "unknown error";
}

/**
 * A copy of a transport failure safe to keep as `cause`: the same name and `code`, the
 * message with the credentials, the NIK and any echoed body values removed, and the same
 * for its own causes (three levels).
 */
function scrubbedCause(error: unknown, secrets: readonly string[], depth = 0): Error {
  const original = error instanceof Error ? error : undefined;
  const inner = (error as { cause?: unknown } | null | undefined)?.cause;
  const copy = new Error(
    original === undefined ? `A ${typeof error} was thrown` : scrubText(original.message, secrets),
    inner !== undefined && depth < 3
      ? { cause: scrubbedCause(inner, secrets, depth + 1) }
      : undefined,
  );
  if (original !== undefined) copy.name = original.name;
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code === "string") (copy as Error & { code?: string }).code = code;
  return copy;
}

function networkError(
  operation: string,
  url: string,
  error: unknown,
  secrets: readonly string[],
): DukcapilNetworkError {
  const reason = causeLabel(error);
  return new DukcapilNetworkError(
    `Failed to ${operation}: the connection failed (${reason}). Check the network path to the gateway (closed network, VPN, address, port) and the cause.`,
    { url, reason },
    scrubbedCause(error, secrets),
  );
}

function retryable(error: unknown): boolean {
  return (
    isDukcapilNetworkError(error) ||
    isDukcapilTimeoutError(error) ||
    (isDukcapilHttpError(error) && RETRYABLE_STATUS.has(error.status))
  );
}

/**
 * The transport of a client with these options.
 *
 * @internal
 */
export function createTransport(
  config: Pick<ClientConfig, "fetch" | "timeoutMs" | "retry">,
): Transport {
  /** One POST; resolves with status and text, or throws a transport error. */
  async function attempt(
    request: TransportRequest,
    body: string,
  ): Promise<{ status: number; text: string }> {
    const { operation, url, secrets } = request;
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
          response = await config.fetch(url, {
            method: "POST",
            headers: {
              "Content-Type": "application/json",
              Accept: "application/json",
              ...request.headers,
            },
            body,
            signal: controller.signal,
          });
        } catch (error) {
          throw networkError(operation, url, error, secrets);
        }
        let text: string;
        try {
          text = await response.text();
        } catch (error) {
          throw networkError(operation, url, error, secrets);
        }
        return { status: response.status, statusText: response.statusText, text };
      })();
      // Both settle into this race; the loser's rejection is absorbed by `race`.
      const { status, statusText, text } = await Promise.race([exchange, timedOut]);
      if (!request.acceptStatus(status)) {
        throw new DukcapilHttpError(
          `Failed to ${operation}: the gateway answered HTTP ${status}${statusText ? ` ${scrubText(statusText, secrets, 60)}` : ""}. Check the URL and the gateway; business outcomes come back as HTTP 200.`,
          status,
          maskedExcerpt(text),
          { url },
        );
      }
      return { status, text };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async send(request) {
      const body = stringifyLossless(request.payload);
      for (let index = 1; ; index++) {
        try {
          return await attempt(request, body);
        } catch (error) {
          if (index >= config.retry.attempts || !retryable(error)) throw error;
          await sleep(config.retry.backoffMs * 2 ** (index - 1));
        }
      }
    },

    readJson(operation, text, method) {
      try {
        return parseJsonLossless(text);
      } catch (error) {
        const position = (error as { details?: { position?: unknown } }).details?.position;
        throw new DukcapilResponseFormatError(
          `Failed to ${operation}: the answer is not JSON (at position ${String(position)}). Check the base URL, path and method; details.bodyExcerpt (the body's structure and texts, no person data) shows what arrived.`,
          { method, position, bodyExcerpt: maskedExcerpt(text) },
          error,
        );
      }
    },
  };
}
