/**
 * The driver interface: how the runner makes the app under test do the two operator actions,
 * whatever the app is (a module, an HTTP service, a web page in a browser).
 */

/**
 * What the app showed its user for one action.
 *
 * @example
 * ```ts
 * import type { DriverAnswer } from "@dukcapil-sandbox/conformance";
 * const shown = (answer: DriverAnswer) => answer.body.includes("Meninggal Dunia");
 * ```
 */
export interface DriverAnswer {
  /** HTTP status, or 200 for apps that are not HTTP. */
  readonly status: number;
  /** The text the user sees (HTML, JSON or plain text). */
  readonly body: string;
  readonly contentType: string | null;
}

/**
 * Options of one driver action.
 *
 * @example
 * ```ts
 * import type { DriverActionOptions } from "@dukcapil-sandbox/conformance";
 * const options: DriverActionOptions = { signal: AbortSignal.timeout(6000) };
 * ```
 */
export interface DriverActionOptions {
  /** Aborted when the runner stops waiting (the app took longer than its timeout plus grace). */
  readonly signal?: AbortSignal;
}

/**
 * A driver: makes the app under test do `lookup` and `endOfDay`, and stops it. The module and
 * HTTP drivers ship with the package; a browser driver (playwright-core) implements the same
 * interface.
 *
 * @example
 * ```ts
 * import type { PocDriver } from "@dukcapil-sandbox/conformance";
 * async function ask(driver: PocDriver, nik: string): Promise<string> {
 *   const answer = await driver.lookup(nik);
 *   return `${driver.kind} ${answer.status}: ${answer.body.length} characters`;
 * }
 * ```
 */
export interface PocDriver {
  readonly kind: "module" | "http" | "browser";
  /** The module path or URL given to `--app`. */
  readonly target: string;
  /** A short name of the app for reports. */
  readonly name: string;
  /** Whether the app has an `endOfDay` action (sends pending data balikan). */
  readonly supportsEndOfDay: boolean;
  /** The operator asks about a NIK, typed exactly as given (possibly malformed). */
  lookup(nik: string, options?: DriverActionOptions): Promise<DriverAnswer>;
  /** The operator closes the service day; `null` when the app shows nothing. */
  endOfDay(options?: DriverActionOptions): Promise<DriverAnswer | null>;
  /** Stops the app (module apps) or releases the driver's resources. */
  close(): Promise<void>;
}
