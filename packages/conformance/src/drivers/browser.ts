/**
 * The browser driver: the app is a web page; each operator action is done in real headless
 * Chromium (playwright-core driving Debian's `chromium`): open the page, type the NIK into the
 * form, submit, and read what the page then shows (its visible text, as the operator reads it).
 *
 * playwright-core is an optional peer dependency, loaded only when a browser driver is made;
 * `npx playwright install` is never needed: the driver launches an installed Chromium.
 */
import { existsSync } from "node:fs";
import * as z from "zod";
import { issueLines, PocError } from "../errors.js";
import type { DriverActionOptions, DriverAnswer, PocDriver } from "./types.js";

/** Chromium's flags for a closed network (no background connections, no first-run UI). */
const CHROMIUM_ARGS = Object.freeze([
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]);

const selector = z.string().trim().min(1);

/**
 * One form of the app: the page that has it, the fields to fill and the button to press.
 *
 * @example
 * ```ts
 * import { browserFormSchema } from "@dukcapil-sandbox/conformance";
 * browserFormSchema.parse({ path: "/", nikField: "#nik", submit: "button[type=submit]" });
 * ```
 */
export const browserFormSchema = z.strictObject({
  /** The page with the form, relative to the app URL. */
  path: z.string().min(1).default("/"),
  /** CSS selector of the NIK input (absent for a form with no NIK, e.g. end of day). */
  nikField: selector.optional(),
  /** CSS selector of the button that submits the form. */
  submit: selector,
});

/**
 * The browser driver's settings in a run configuration (`browser` member).
 *
 * @example
 * ```ts
 * import { browserDriverConfigSchema } from "@dukcapil-sandbox/conformance";
 * const config = browserDriverConfigSchema.parse({
 *   lookup: { path: "/", nikField: "#nik", submit: "form[action='/cek'] button" },
 *   endOfDay: { path: "/", submit: "#tutup" },
 * });
 * config.executablePath; // "/usr/bin/chromium" unless CHROMIUM_PATH says otherwise
 * ```
 */
export const browserDriverConfigSchema = z.strictObject({
  lookup: browserFormSchema.extend({ nikField: selector }),
  endOfDay: browserFormSchema.optional(),
  /** The Chromium binary; default `$CHROMIUM_PATH` or `/usr/bin/chromium`. */
  executablePath: z
    .string()
    .min(1)
    .default(() => process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"),
});

/**
 * The browser driver's settings, defaults applied.
 *
 * @example
 * ```ts
 * import type { BrowserDriverConfig } from "@dukcapil-sandbox/conformance";
 * const submitOf = (config: BrowserDriverConfig) => config.lookup.submit;
 * ```
 */
export type BrowserDriverConfig = z.infer<typeof browserDriverConfigSchema>;

/**
 * Options of {@link createBrowserDriver}.
 *
 * @example
 * ```ts
 * import type { BrowserDriverOptions } from "@dukcapil-sandbox/conformance";
 * const options: BrowserDriverOptions = {
 *   baseUrl: "http://127.0.0.1:3000",
 *   config: { lookup: { path: "/", nikField: "#nik", submit: "button" } },
 * };
 * ```
 */
export interface BrowserDriverOptions {
  /** The app's URL (the value of `--app`). */
  readonly baseUrl: string;
  /** The forms to use (validated with {@link browserDriverConfigSchema}). */
  readonly config: z.input<typeof browserDriverConfigSchema>;
  /** A short name of the app for reports; default the URL's host. */
  readonly name?: string;
}

// The parts of playwright-core this driver uses, typed here so the package builds without it.
interface PwResponse {
  status(): number;
  headers(): Record<string, string>;
}
interface PwPage {
  goto(url: string, options: { timeout: number }): Promise<PwResponse | null>;
  fill(selector: string, value: string, options: { timeout: number }): Promise<void>;
  waitForNavigation(options: { timeout: number }): Promise<PwResponse | null>;
  click(selector: string, options: { timeout: number; noWaitAfter: boolean }): Promise<void>;
  innerText(selector: string, options: { timeout: number }): Promise<string>;
  close(): Promise<void>;
}
interface PwContext {
  newPage(): Promise<PwPage>;
  close(): Promise<void>;
}
interface PwBrowser {
  newContext(options: { javaScriptEnabled: boolean }): Promise<PwContext>;
  close(): Promise<void>;
}
interface PwChromium {
  launch(options: {
    executablePath: string;
    headless: boolean;
    args: readonly string[];
  }): Promise<PwBrowser>;
}

/** Playwright's own timeout per step: long, the runner's abort signal is what bounds an action. */
const STEP_TIMEOUT_MS = 600_000;

async function loadChromium(): Promise<PwChromium> {
  try {
    const module = (await import("playwright-core")) as unknown as { chromium: PwChromium };
    return module.chromium;
  } catch (error) {
    throw new PocError(
      "DKS_POC_BROWSER_UNAVAILABLE",
      `Failed to load playwright-core (${(error as Error).message}). Install it next to @dukcapil-sandbox/conformance: npm install --save-dev playwright-core`,
    );
  }
}

/**
 * Creates the driver of a web app, operated in headless Chromium. Each action runs in a new
 * page of one browser context, so nothing of one action's page survives into the next except
 * the app's own cookies. The answer's `body` is the page's visible text (`document.body`
 * innerText), `status` the HTTP status of the page the form submitted to.
 * Throws `DKS_POC_BROWSER_UNAVAILABLE` when Chromium or playwright-core is missing.
 *
 * @example
 * ```ts
 * import { createBrowserDriver } from "@dukcapil-sandbox/conformance";
 * const driver = await createBrowserDriver({
 *   baseUrl: "http://127.0.0.1:3000",
 *   config: { lookup: { path: "/", nikField: "#nik", submit: "button[type=submit]" } },
 * });
 * const answer = await driver.lookup("3319041307949001");
 * await driver.close();
 * ```
 */
export async function createBrowserDriver(options: BrowserDriverOptions): Promise<PocDriver> {
  const parsed = browserDriverConfigSchema.safeParse(options.config);
  if (!parsed.success) {
    throw new PocError(
      "DKS_POC_CONFIG_INVALID",
      `Failed to read the browser driver settings:\n${issueLines(parsed.error.issues).join("\n")}`,
    );
  }
  const config = parsed.data;
  if (!existsSync(config.executablePath)) {
    throw new PocError(
      "DKS_POC_BROWSER_UNAVAILABLE",
      `Failed to find Chromium at ${config.executablePath}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const chromium = await loadChromium();
  let browser: PwBrowser;
  try {
    browser = await chromium.launch({
      executablePath: config.executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  } catch (error) {
    throw new PocError(
      "DKS_POC_BROWSER_UNAVAILABLE",
      `Failed to start Chromium at ${config.executablePath}: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  const context = await browser.newContext({ javaScriptEnabled: true });

  const submit = async (
    form: z.infer<typeof browserFormSchema>,
    nik: string | undefined,
    actionOptions: DriverActionOptions | undefined,
  ): Promise<DriverAnswer> => {
    const page = await context.newPage();
    const abort = () => void page.close().catch(() => undefined);
    actionOptions?.signal?.addEventListener("abort", abort, { once: true });
    try {
      const timeout = STEP_TIMEOUT_MS;
      await page.goto(new URL(form.path, `${baseUrl}/`).href, { timeout });
      if (form.nikField !== undefined && nik !== undefined) {
        await page.fill(form.nikField, nik, { timeout });
      }
      const [response] = await Promise.all([
        page.waitForNavigation({ timeout }),
        page.click(form.submit, { timeout, noWaitAfter: true }),
      ]);
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what the operator sees (hidden elements excluded).
      const body = await page.innerText("body", { timeout });
      return {
        status: response?.status() ?? 200,
        body,
        contentType: response?.headers()["content-type"] ?? null,
      };
    } catch (error) {
      if (actionOptions?.signal?.aborted) throw actionOptions.signal.reason;
      throw error;
    } finally {
      actionOptions?.signal?.removeEventListener("abort", abort);
      await page.close().catch(() => undefined);
    }
  };

  return {
    kind: "browser",
    target: baseUrl,
    name: options.name ?? new URL(baseUrl).host,
    supportsEndOfDay: config.endOfDay !== undefined,
    lookup: (nik, actionOptions) => submit(config.lookup, nik, actionOptions),
    async endOfDay(actionOptions) {
      if (config.endOfDay === undefined) return null;
      return submit(config.endOfDay, undefined, actionOptions);
    },
    async close() {
      await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}
