/**
 * MSW handlers for in-process tests: an agency app's unit tests get the simulator's
 * answers with no server. Built from the same engine, route table and fault rules as the
 * HTTP server, so the two cannot drift.
 *
 * ```ts
 * const handlers = createHandlers();
 * const server = setupServer(...handlers);
 * server.listen({ onUnhandledRequest: "error" });
 * const { defaults } = await handlers.ready;
 * ```
 */
import { delay, HttpResponse, http, type RequestHandler } from "msw";
import { parseSimulatorConfig } from "./config.js";
import { decideFault, readPreferredFault } from "./controls/faults.js";
import { parseImitatedPath } from "./engine/routing.js";
import { toProblem } from "./http/problem.js";
import { createSimulatorRuntime, type SimulatorRuntime } from "./runtime.js";

/** Options of {@link createHandlers}: any simulator configuration, plus the client's address. */
export interface HandlerOptions {
  /** Simulator configuration (population, seed, …); `db` defaults to `:memory:`. */
  readonly config?: Record<string, unknown>;
  /** The connecting address the engine sees (MSW has no socket). Default `127.0.0.1`. */
  readonly remoteAddress?: string;
}

/** The handlers, with the runtime behind them. */
export type SimulatorHandlers = RequestHandler[] & {
  /** Resolves to the runtime: defaults (`user`, `password`, `token`), store, clock, faults. */
  readonly ready: Promise<SimulatorRuntime>;
  /** Closes the in-memory state. */
  close(): Promise<void>;
};

/**
 * Creates MSW request handlers for the imitated endpoints (lookup, verify, family, data
 * balikan) on any origin. Sandbox controls are not served: use `(await handlers.ready)`
 * for the clock, faults, journal and admin store directly. Bandwidth caps do not apply
 * (there is no socket); latency, HTTP errors, reset (a network error) and no answer do.
 *
 * @example
 * ```ts
 * import { createHandlers } from "@dukcapil-sandbox/simulator/msw";
 * import { setupServer } from "msw/node";
 * const handlers = createHandlers({ config: { seed: "unit-tests" } });
 * const server = setupServer(...handlers);
 * server.listen({ onUnhandledRequest: "error" });
 * const runtime = await handlers.ready;
 * server.close();
 * await handlers.close();
 * ```
 */
export function createHandlers(options: HandlerOptions = {}): SimulatorHandlers {
  const input = { ...options.config };
  parseSimulatorConfig(input);
  const runtime = createSimulatorRuntime(input);
  runtime.catch(() => undefined);
  const remoteAddress = options.remoteAddress ?? "127.0.0.1";
  let inFlight = 0;

  const handler = http.all(/\/dukcapil\//, async ({ request }) => {
    const rt = await runtime;
    const url = new URL(request.url);
    inFlight++;
    try {
      const target = parseImitatedPath(url.pathname);
      const institution =
        target === undefined ? undefined : rt.store.institutions.findByPath(target.registeredPath);
      const action = decideFault(
        [
          rt.faults.global(),
          institution === undefined ? undefined : rt.faults.forInstitution(institution.id),
          readPreferredFault(request.headers.get("prefer") ?? undefined),
        ],
        { now: rt.clock.now(), inFlight, random: Math.random },
      );
      if (action.kind === "no-answer") {
        await delay("infinite");
        return HttpResponse.error();
      }
      if (action.delayMs > 0) await delay(action.delayMs);
      if (action.kind === "reset") return HttpResponse.error();
      if (action.kind === "error") {
        return new HttpResponse(action.body, {
          status: action.status,
          headers: { "content-type": "text/plain; charset=utf-8" },
        });
      }
      const headers: Record<string, string> = {};
      request.headers.forEach((value, key) => {
        headers[key] = value;
      });
      const answer = await rt.engine.handle({
        method: request.method,
        path: url.pathname,
        headers,
        body: await request.text(),
        remoteAddress,
      });
      if (answer === undefined) return undefined;
      return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers });
    } catch (error) {
      const problem = toProblem(error);
      return new HttpResponse(JSON.stringify(problem), {
        status: problem.status,
        headers: { "content-type": "application/problem+json; charset=utf-8" },
      });
    } finally {
      inFlight--;
    }
  });

  return Object.assign([handler] as RequestHandler[], {
    ready: runtime,
    close: async () => {
      (await runtime).close();
    },
  });
}
