/**
 * The contract between the PoC runner and an agency app driven by the module driver.
 *
 * An app module exports `createPocApp(context)`. The runner calls it once per run, after it
 * has started a simulator and provisioned the PoC institution and user; the app must use
 * only what `context` gives it (no hard-coded URL or credentials) and must keep any files it
 * writes under `context.storageDir` (the zero-storage criterion scans that directory).
 */

/**
 * The upstream (the simulator imitating the Dukcapil gateway) the app must call.
 *
 * @example
 * ```ts
 * import { createDukcapilClient } from "@dukcapil-sandbox/core";
 * import type { PocUpstream } from "@dukcapil-sandbox/conformance";
 * const clientFor = (upstream: PocUpstream) => createDukcapilClient({ ...upstream, timeoutMs: 1_500 });
 * ```
 */
export interface PocUpstream {
  /** Base URL, e.g. `http://127.0.0.1:43123` (no trailing slash). */
  readonly baseUrl: string;
  /** The institution's registered path, e.g. `DINSOS_3204`. */
  readonly path: string;
  readonly userId: string;
  readonly password: string;
  /** The registered `ip_user` to send. */
  readonly ipUser: string;
}

/**
 * What the runner gives an app module.
 *
 * @example
 * ```ts
 * import { jakartaDay } from "@dukcapil-sandbox/core";
 * import type { PocAppContext } from "@dukcapil-sandbox/conformance";
 * // The quota day comes from the simulator's clock, never from the machine's.
 * const today = (context: PocAppContext) => jakartaDay(context.now().getTime());
 * ```
 */
export interface PocAppContext {
  readonly upstream: PocUpstream;
  /** The data-balikan endpoint and the institution's Bearer token. */
  readonly dataBalikan: { readonly url: string; readonly token: string };
  /** The attribution notice the app must show on every screen or response. */
  readonly attribution: string;
  /** The one directory the app may write files to (scanned for person data after the run). */
  readonly storageDir: string;
  /** The simulator's clock: the app's idea of "today" (quota day) must come from here. */
  readonly now: () => Date;
}

/**
 * What an app showed its user for one action.
 *
 * @example
 * ```ts
 * import type { AppAnswer } from "@dukcapil-sandbox/conformance";
 * const answer: AppAnswer = {
 *   status: 200,
 *   contentType: "text/plain; charset=utf-8",
 *   body: "Data Ditemukan, Meninggal Dunia\nLayanan ini menggunakan API Dukcapil",
 * };
 * ```
 */
export interface AppAnswer {
  /** HTTP status, or 200 for apps that are not HTTP. */
  readonly status: number;
  /** The text the user sees (HTML, JSON or plain text). */
  readonly body: string;
  readonly contentType?: string;
}

/**
 * A running app under test.
 *
 * @example
 * ```ts
 * import type { PocApp } from "@dukcapil-sandbox/conformance";
 * const app: PocApp = {
 *   lookup: async (nik) => ({ status: 200, body: `NIK ${nik.length === 16 ? "diterima" : "tidak valid"}` }),
 *   close: async () => {},
 * };
 * ```
 */
export interface PocApp {
  /** The operator looks a NIK up (the NIK is passed exactly as typed, possibly malformed). */
  lookup(nik: string): Promise<AppAnswer>;
  /** The operator closes the service day: the app sends any pending data balikan. */
  endOfDay?(): Promise<AppAnswer | undefined>;
  /** Stops the app (servers closed, timers cleared). */
  close(): Promise<void>;
}

/**
 * The export an app module must have.
 *
 * @example
 * ```ts
 * import type { CreatePocApp } from "@dukcapil-sandbox/conformance";
 * export const createPocApp: CreatePocApp = (context) => ({
 *   lookup: async () => ({ status: 200, body: context.attribution }),
 *   close: async () => {},
 * });
 * ```
 */
export type CreatePocApp = (context: PocAppContext) => Promise<PocApp> | PocApp;
