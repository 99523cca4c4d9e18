/**
 * The contract between the PoC runner and an agency app driven by the module driver.
 *
 * An app module exports `createPocApp(context)`. The runner calls it once per run, after it
 * has started a simulator and provisioned the PoC institution and user; the app must use
 * only what `context` gives it (no hard-coded URL or credentials) and must keep any files it
 * writes under `context.storageDir` (the zero-storage criterion scans that directory).
 */

/** The upstream (the simulator imitating the Dukcapil gateway) the app must call. */
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

/** What the runner gives an app module. */
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

/** What an app showed its user for one action. */
export interface AppAnswer {
  /** HTTP status, or 200 for apps that are not HTTP. */
  readonly status: number;
  /** The text the user sees (HTML, JSON or plain text). */
  readonly body: string;
  readonly contentType?: string;
}

/** A running app under test. */
export interface PocApp {
  /** The operator looks a NIK up (the NIK is passed exactly as typed, possibly malformed). */
  lookup(nik: string): Promise<AppAnswer>;
  /** The operator closes the service day: the app sends any pending data balikan. */
  endOfDay?(): Promise<AppAnswer | undefined>;
  /** Stops the app (servers closed, timers cleared). */
  close(): Promise<void>;
}

/** The export an app module must have. */
export type CreatePocApp = (context: PocAppContext) => Promise<PocApp> | PocApp;
