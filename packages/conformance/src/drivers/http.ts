/**
 * The HTTP driver: the app is already running (configured out of band); each operator action
 * is one HTTP request built from a template with `{{nik}}` substituted.
 */
import type { HttpRequestTemplate } from "../config.js";
import { PocError } from "../errors.js";
import type { DriverActionOptions, DriverAnswer, PocDriver } from "./types.js";

/**
 * Options of {@link createHttpDriver}.
 *
 * @example
 * ```ts
 * import type { HttpDriverOptions } from "@dukcapil-sandbox/conformance";
 * const options: HttpDriverOptions = {
 *   baseUrl: "http://127.0.0.1:3000",
 *   lookup: { method: "GET", path: "/cek?nik={{nik}}", headers: {} },
 * };
 * ```
 */
export interface HttpDriverOptions {
  /** The app's URL (the value of `--app`). */
  readonly baseUrl: string;
  readonly lookup: HttpRequestTemplate;
  readonly endOfDay?: HttpRequestTemplate | undefined;
  /** The `fetch` to use; default the global one. */
  readonly fetch?: typeof fetch;
}

const PLACEHOLDER = /\{\{\s*nik\s*\}\}/g;

function fill(text: string, value: string): string {
  return text.replace(PLACEHOLDER, () => value);
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/**
 * The request a template makes for a NIK: `{{nik}}` URL-encoded in the path, as is in
 * headers, JSON-escaped in a JSON body, form-encoded in a form body.
 *
 * @internal
 */
export function buildRequest(
  baseUrl: string,
  template: HttpRequestTemplate,
  nik: string,
): { url: string; init: RequestInit } {
  const url = new URL(fill(template.path, encodeURIComponent(nik)), `${baseUrl}/`).href;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(template.headers)) headers[name] = fill(value, nik);
  let body: string | undefined;
  if (template.body !== undefined) {
    const type = headerValue(template.headers, "content-type") ?? "";
    const trimmed = template.body.trim();
    const json = /json/i.test(type) || (type === "" && /^[[{]/.test(trimmed));
    const form = /x-www-form-urlencoded/i.test(type);
    const value = json ? JSON.stringify(nik).slice(1, -1) : form ? encodeURIComponent(nik) : nik;
    body = fill(template.body, value);
    if (json && headerValue(headers, "content-type") === undefined) {
      headers["content-type"] = "application/json";
    }
  }
  return {
    url,
    init: { method: template.method, headers, ...(body === undefined ? {} : { body }) },
  };
}

/**
 * Creates the driver of an app that is already running at `baseUrl`.
 *
 * @example
 * ```ts
 * import { createHttpDriver } from "@dukcapil-sandbox/conformance";
 * const driver = createHttpDriver({
 *   baseUrl: "http://127.0.0.1:3000",
 *   lookup: { method: "POST", path: "/cek", headers: { "content-type": "application/json" },
 *     body: '{"nik":"{{nik}}"}' },
 *   endOfDay: { method: "POST", path: "/tutup-hari", headers: {} },
 * });
 * const answer = await driver.lookup("3319041307949001");
 * ```
 */
export function createHttpDriver(options: HttpDriverOptions): PocDriver {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch;

  async function send(
    template: HttpRequestTemplate,
    nik: string,
    what: string,
    signal: AbortSignal | undefined,
  ): Promise<DriverAnswer> {
    const { url, init } = buildRequest(baseUrl, template, nik);
    let response: Response;
    let body: string;
    try {
      response = await doFetch(url, { ...init, ...(signal === undefined ? {} : { signal }) });
      body = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new PocError(
        "DKS_POC_DRIVER_FAILED",
        `Failed to ${what} through the app at ${baseUrl}: ${(error as Error).message}. Check that the app is running and the request template in the run config.`,
        { baseUrl },
        { cause: error },
      );
    }
    return { status: response.status, body, contentType: response.headers.get("content-type") };
  }

  return {
    kind: "http",
    target: baseUrl,
    name: new URL(baseUrl).host,
    supportsEndOfDay: options.endOfDay !== undefined,
    lookup(nik: string, actionOptions: DriverActionOptions = {}) {
      return send(options.lookup, nik, "look up a NIK", actionOptions.signal);
    },
    async endOfDay(actionOptions: DriverActionOptions = {}) {
      if (options.endOfDay === undefined) return null;
      return send(options.endOfDay, "", "close the day", actionOptions.signal);
    },
    async close() {},
  };
}
