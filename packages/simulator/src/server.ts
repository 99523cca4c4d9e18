/**
 * App first, server second: `createSimulator` returns an Express 5 app without
 * listening; `startSimulator` listens and resolves to `{ url, close() }`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { createAdminConsoleRouter } from "./admin-console/router.js";
import { parseSimulatorConfig } from "./config.js";
import { SimulatorError } from "./errors.js";
import { createAdminRouter } from "./http/admin.js";
import { answerClientError, rawProblemResponse, sendProblem } from "./http/problem.js";
import { createSandboxRouter } from "./http/sandbox.js";
import { createImitatedTransport } from "./http/transport.js";
import { createPortalRouter } from "./portal/router.js";
import { createSimulatorRuntime, type SimulatorRuntime } from "./runtime.js";

/**
 * The Express app of a simulator, with its runtime once ready.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimulatorApp } from "@dukcapil-sandbox/simulator";
 * const app: SimulatorApp = createSimulator({ population: 10_000 });
 * const runtime = await app.ready;
 * app.listen(8080, () => console.log(`admin token: ${runtime.adminToken}`));
 * ```
 */
export type SimulatorApp = Express & {
  /** Resolves when the state is open and the defaults are seeded. */
  readonly ready: Promise<SimulatorRuntime>;
};

function buildApp(runtime: Promise<SimulatorRuntime>): {
  app: SimulatorApp;
  imitated: Promise<ReturnType<typeof createImitatedTransport>>;
} {
  const imitated = runtime.then((rt) =>
    createImitatedTransport({
      engine: rt.engine,
      deps: rt.deps,
      faults: rt.faults,
      maxBodyBytes: rt.config.maxBodyBytes,
      requestTimeoutMs: rt.config.requestTimeoutMs,
    }),
  );
  // Express is only for the simulator's own API; errors never render HTML.
  const app = express() as Express;
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const transport = await imitated;
      if (!(await transport.handle(req, res))) next();
    } catch (error) {
      next(error);
    }
  });
  const routers = runtime.then((rt) => ({
    admin: createAdminRouter({ store: rt.store, clock: rt.clock, adminToken: rt.adminToken }),
    sandbox: createSandboxRouter(rt),
    portal: createPortalRouter(rt),
    adminConsole: createAdminConsoleRouter(rt),
  }));
  // Each router is built once the runtime is ready; a request before that waits for it.
  const mount = (path: string, pick: (r: Awaited<typeof routers>) => express.RequestHandler) => {
    app.use(path, async (req, res, next) => {
      try {
        await pick(await routers)(req, res, next);
      } catch (error) {
        next(error);
      }
    });
  };
  mount("/sandbox/admin", (r) => r.admin);
  // Express would answer OPTIONS itself with a text/plain list of methods.
  app.use("/sandbox", (req, _res, next) => {
    if (req.method !== "OPTIONS") return next();
    next(
      new SimulatorError(
        "DKS_SIM_METHOD_NOT_ALLOWED",
        `Failed to handle OPTIONS ${req.baseUrl}${req.path}: the sandbox controls answer GET, POST, PUT and DELETE as documented, and no CORS preflight. Call them from a server, a test or curl.`,
      ),
    );
  });
  mount("/sandbox", (r) => r.sandbox);
  // The operator Web Portal (HTML pages; its own error pages).
  mount("/portal", (r) => r.portal);
  // The admin console for Disdukcapil staff (HTML pages; its own sign-in and error pages).
  mount("/admin", (r) => r.adminConsole);
  app.use((req: Request, _res: Response, next: NextFunction) => {
    next(
      new SimulatorError(
        "DKS_SIM_ROUTE_NOT_FOUND",
        `Failed to route ${req.method} ${req.path}: no such route. Imitated endpoints are POST /dukcapil/get_json/<registered path>/<METHOD>; controls are under /sandbox (GET /sandbox/health, /sandbox/magic); the operator Web Portal is /portal, the admin console /admin.`,
      ),
    );
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    sendProblem(res, error);
  });
  return { app: Object.assign(app, { ready: runtime }) as SimulatorApp, imitated };
}

/**
 * Creates the simulator as an Express 5 app (not listening). The configuration is
 * validated at once (a bad one throws DKS_SIM_CONFIG_INVALID naming the field); the state
 * opens in the background and `app.ready` resolves to the runtime.
 *
 * @example
 * ```ts
 * import { createSimulator } from "@dukcapil-sandbox/simulator";
 * const app = createSimulator({ population: 10_000 });
 * const runtime = await app.ready;
 * runtime.defaults?.user.userId;
 * ```
 */
export function createSimulator(config: unknown = {}): SimulatorApp {
  parseSimulatorConfig(config);
  const runtime = createSimulatorRuntime(config);
  // The rejection surfaces through `ready` and every request; do not crash the process here.
  runtime.catch(() => undefined);
  return buildApp(runtime).app;
}

/** Header fields a request may carry (Node's default `maxHeadersCount`); more is refused with 431. */
const MAX_HEADER_FIELDS = 2_000;

/**
 * A running simulator: its URL, runtime and HTTP server, and how to stop it.
 *
 * @example
 * ```ts
 * import { type RunningSimulator, startSimulator } from "@dukcapil-sandbox/simulator";
 * const simulator: RunningSimulator = await startSimulator({ population: 10_000 });
 * const health = await fetch(`${simulator.url}/sandbox/health`);
 * simulator.runtime.defaults?.user.userId; // "dinsos3204.operator"
 * await simulator.close();
 * ```
 */
export interface RunningSimulator {
  /** `http://host:port` */
  readonly url: string;
  readonly runtime: SimulatorRuntime;
  readonly server: Server;
  close(): Promise<void>;
}

/**
 * Starts a simulator on `host:port` (default `127.0.0.1:0`). Imitated endpoints are
 * served by a lean node:http dispatch; everything else by the Express app.
 *
 * @example
 * ```ts
 * import { startSimulator } from "@dukcapil-sandbox/simulator";
 * const simulator = await startSimulator({ population: 10_000 });
 * const response = await fetch(`${simulator.url}/sandbox/health`);
 * await simulator.close();
 * ```
 */
export async function startSimulator(config: unknown = {}): Promise<RunningSimulator> {
  const parsed = parseSimulatorConfig(config);
  const runtime = await createSimulatorRuntime(config);
  const { app, imitated } = buildApp(Promise.resolve(runtime));
  const transport = await imitated;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    // Node keeps the first maxHeadersCount fields and drops the rest silently: refuse instead.
    if (req.rawHeaders.length > 2 * MAX_HEADER_FIELDS) {
      sendProblem(
        res,
        new SimulatorError(
          "DKS_SIM_HEADERS_TOO_LARGE",
          `Failed to read the request: it has ${req.rawHeaders.length / 2} header fields, more than ${MAX_HEADER_FIELDS}. Send fewer headers.`,
          { maxHeaderFields: MAX_HEADER_FIELDS },
        ),
      );
      req.resume();
      return;
    }
    transport.handle(req, res).then(
      (handled) => {
        if (!handled) app(req, res);
      },
      (error: unknown) => sendProblem(res, error),
    );
  };
  const server = createServer(
    {
      // Headers within requestTimeoutMs (Node; answered 408 by answerClientError), then the
      // body within requestTimeoutMs more (readBody; 408 in the voice of the surface). Node's
      // whole-request limit is a backstop for a handler that answers without reading an
      // announced body that never comes; checked often enough for short test timeouts.
      headersTimeout: parsed.requestTimeoutMs,
      requestTimeout: 2 * parsed.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(
        1_000,
        Math.max(100, Math.floor(parsed.requestTimeoutMs / 4)),
      ),
    },
    onRequest,
  );
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = MAX_HEADER_FIELDS;
  // An Expect other than 100-continue: served as if absent (Node would answer a bare 417).
  server.on("checkExpectation", onRequest);
  // What Node's HTTP layer refuses (malformed, headers too large, too slow) is answered as
  // problem+json, not with Node's bare status line; CONNECT (no proxy here) with a 405.
  server.on("clientError", answerClientError);
  server.on("connect", (_req, socket: Duplex) => {
    socket.end(
      rawProblemResponse(
        new SimulatorError(
          "DKS_SIM_METHOD_NOT_ALLOWED",
          "Failed to handle CONNECT: the simulator is not a proxy. Send the request itself (e.g. POST /dukcapil/get_json/<registered path>/<METHOD>).",
        ),
      ),
    );
    setTimeout(() => socket.destroy(), 2_000).unref();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(parsed.port, parsed.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    runtime.close();
    throw new SimulatorError(
      "DKS_SIM_CONFIG_INVALID",
      `Failed to listen on ${parsed.host}:${parsed.port}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Choose another --port or stop the process using it.`,
      { field: "port" },
      { cause: error },
    );
  }
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    runtime,
    server,
    close() {
      closed ??= new Promise<void>((resolve) => {
        transport.releaseHeld();
        server.close(() => {
          runtime.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
