/**
 * Importing a user's module (an app under test, a plan): `.js`/`.mjs` natively; `.ts` natively
 * when the process already can (tsx, vitest), else after registering tsx's loaders
 * (`tsx/esm/api`, and `tsx/cjs/api` for .ts files Node would read as CommonJS) once for the
 * process.
 */
import { pathToFileURL } from "node:url";

const TS_EXTENSIONS = /\.(?:ts|mts|cts|tsx)$/i;
let tsxRegistered = false;

/**
 * Imports a module by file path and returns its namespace.
 *
 * @internal
 */
export async function importModule(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    // Plain Node refuses .ts (ERR_UNKNOWN_FILE_EXTENSION) or, outside a "type": "module"
    // scope, parses it as JavaScript (SyntaxError): then tsx is needed.
    const code = (error as NodeJS.ErrnoException).code;
    const noTypeScript = code === "ERR_UNKNOWN_FILE_EXTENSION" || error instanceof SyntaxError;
    if (!TS_EXTENSIONS.test(path) || !noTypeScript) throw error;
  }
  if (!tsxRegistered) {
    // ESM hooks for .ts modules, CommonJS hooks for .ts outside a "type": "module" scope.
    (await import("tsx/esm/api")).register();
    (await import("tsx/cjs/api")).register();
    tsxRegistered = true;
  }
  // A new URL: the failed import above stays cached under the plain one.
  return interop((await import(`${url}?tsx`)) as Record<string, unknown>);
}

/** An ES module compiled to CommonJS arrives as `{ default: exports }`: lift its exports. */
function interop(namespace: Record<string, unknown>): Record<string, unknown> {
  const inner = namespace.default as Record<string, unknown> | null | undefined;
  if (inner === null || typeof inner !== "object" || !("__esModule" in inner)) return namespace;
  return { ...namespace, ...inner, default: inner.default };
}
