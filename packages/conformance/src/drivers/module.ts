/**
 * The module driver: imports an app module (`.js`, `.mjs`, or `.ts` through tsx) and calls its
 * `createPocApp(context)`; lookups and end of day are plain function calls.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import type { AppAnswer, CreatePocApp, PocApp, PocAppContext } from "../app/contract.js";
import { PocError } from "../errors.js";
import { importModule } from "./import.js";
import type { DriverActionOptions, DriverAnswer, PocDriver } from "./types.js";

/**
 * An app given as a value instead of a file: what a module exports.
 *
 * @example
 * ```ts
 * import type { PocAppModule } from "@dukcapil-sandbox/conformance";
 * const app: PocAppModule = {
 *   name: "hello",
 *   createPocApp: (context) => ({
 *     lookup: async () => ({ status: 200, body: context.attribution }),
 *     close: async () => {},
 *   }),
 * };
 * ```
 */
export interface PocAppModule {
  readonly createPocApp: CreatePocApp;
  /** A name for reports; default `module`. */
  readonly name?: string;
}

function toAnswer(answer: AppAnswer | undefined | null, what: string): DriverAnswer | null {
  if (answer === undefined || answer === null) return null;
  if (typeof answer !== "object" || typeof answer.body !== "string") {
    throw new PocError(
      "DKS_POC_DRIVER_FAILED",
      `Failed to read the app's answer to ${what}: expected { status, body: string }, got ${answer === null ? "null" : typeof answer}. Return an AppAnswer (src/app/contract.ts).`,
    );
  }
  return {
    status: typeof answer.status === "number" ? answer.status : 200,
    body: answer.body,
    contentType: answer.contentType ?? null,
  };
}

/** Rejects when `signal` aborts; the app's own promise is left to settle on its own. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolvePromise(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * A module app's name for reports: the `name` of the nearest package.json (scope dropped),
 * else the file name — `src/poc.ts` of a package says nothing about the app.
 */
function appName(file: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(manifest, "utf8"));
        const name = (parsed as { name?: unknown } | null)?.name;
        if (typeof name === "string" && name !== "") return name.replace(/^@[^/]+\//, "");
      } catch {
        // an unreadable package.json names nothing
      }
      break;
    }
    if (dirname(dir) === dir) break;
  }
  return basename(file, extname(file));
}

/**
 * Loads an app module (a path, or a {@link PocAppModule} value), calls `createPocApp(context)`
 * and returns its driver. Throws `PocError` `DKS_POC_APP_LOAD_FAILED` when the module is
 * missing, has no `createPocApp`, or `createPocApp` throws.
 *
 * @example
 * ```ts
 * import { createModuleDriver, type PocAppContext } from "@dukcapil-sandbox/conformance";
 * declare const context: PocAppContext;
 * const driver = await createModuleDriver("./my-app.ts", context);
 * const answer = await driver.lookup("3319041307949001");
 * await driver.close();
 * ```
 */
export async function createModuleDriver(
  source: string | PocAppModule,
  context: PocAppContext,
): Promise<PocDriver> {
  let create: unknown;
  let target: string;
  let name: string;
  if (typeof source === "string") {
    target = resolve(source);
    name = appName(target);
    let namespace: Record<string, unknown>;
    try {
      namespace = await importModule(target);
    } catch (error) {
      throw new PocError(
        "DKS_POC_APP_LOAD_FAILED",
        `Failed to load the app module ${target}: ${(error as Error).message}. Check the path given to --app.`,
        { target },
        { cause: error },
      );
    }
    create =
      namespace.createPocApp ??
      (namespace.default as Record<string, unknown> | undefined)?.createPocApp;
  } else {
    target = `module:${source.name ?? "module"}`;
    name = source.name ?? "module";
    create = source.createPocApp;
  }
  if (typeof create !== "function") {
    throw new PocError(
      "DKS_POC_APP_LOAD_FAILED",
      `Failed to load the app module ${target}: it does not export a function createPocApp(context). Export one (see src/app/contract.ts).`,
      { target },
    );
  }
  let app: PocApp;
  try {
    app = await (create as CreatePocApp)(context);
  } catch (error) {
    throw new PocError(
      "DKS_POC_APP_LOAD_FAILED",
      `Failed to start the app ${target}: createPocApp threw (${(error as Error).message}). Fix the app's start-up.`,
      { target },
      { cause: error },
    );
  }
  if (app === null || typeof app !== "object" || typeof app.lookup !== "function") {
    throw new PocError(
      "DKS_POC_APP_LOAD_FAILED",
      `Failed to start the app ${target}: createPocApp did not return { lookup, close }. Return a PocApp (src/app/contract.ts).`,
      { target },
    );
  }
  let closed = false;
  return {
    kind: "module",
    target,
    name,
    supportsEndOfDay: typeof app.endOfDay === "function",
    async lookup(nik: string, options: DriverActionOptions = {}) {
      const answer = await abortable(Promise.resolve(app.lookup(nik)), options.signal);
      const read = toAnswer(answer, "lookup");
      if (read === null) {
        throw new PocError(
          "DKS_POC_DRIVER_FAILED",
          "Failed to read the app's answer to lookup: it returned nothing. Return an AppAnswer for every lookup.",
        );
      }
      return read;
    },
    async endOfDay(options: DriverActionOptions = {}) {
      if (typeof app.endOfDay !== "function") return null;
      return toAnswer(await abortable(Promise.resolve(app.endOfDay()), options.signal), "endOfDay");
    },
    async close() {
      if (closed) return;
      closed = true;
      if (typeof app.close === "function") await app.close();
    },
  };
}
