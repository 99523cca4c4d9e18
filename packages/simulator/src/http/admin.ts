/**
 * The registry side of the simulator: the admin API, mounted under `/sandbox/admin`.
 *
 * Every route needs `Authorization: Bearer <admin token>`. Bodies are read and parsed
 * here (not by `express.json()`), so unparseable JSON is a problem+json answer like every
 * other error; bodies and queries are checked with strict zod schemas.
 */
import type { Clock } from "@dukcapil-sandbox/core";
import {
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  Router,
} from "express";
import { z } from "zod";
import { SimulatorError } from "../errors.js";
import { onboardingStates, onboardingTransitions } from "../state/onboarding.js";
import {
  idSchema,
  institutionCreateSchema,
  institutionPatchSchema,
  onboardingDataSchema,
  onboardingTransitionSchema,
  parseInput,
  passwordChangeSchema,
  tokenIssueSchema,
  tokenReapplySchema,
  tokenRevokeSchema,
  tokenRotateSchema,
  userCreateSchema,
  userPatchSchema,
} from "../state/schemas.js";
import type { OnboardingState, SimulatorStore, StoredToken, UserAccount } from "../state/types.js";
import { usageReportCsv } from "../state/usage.js";
import { effectiveDailyQuota } from "../state/users.js";
import { adminTokenGuard } from "./auth.js";
import { readJsonBody } from "./body.js";
import { sendProblem } from "./problem.js";

/** Largest admin request body read, in bytes. */
export const ADMIN_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Options of {@link createAdminRouter}.
 *
 * @example
 * ```ts
 * import { systemClock } from "@dukcapil-sandbox/core";
 * import { createStore, type AdminRouterOptions } from "@dukcapil-sandbox/simulator";
 * const options: AdminRouterOptions = { store: createStore({ clock: systemClock }), clock: systemClock, adminToken: "change-me" };
 * ```
 */
export interface AdminRouterOptions {
  readonly store: SimulatorStore;
  readonly clock: Clock;
  /** The bearer token every admin request must present (compared in constant time). */
  readonly adminToken: string;
}

/** Reads a JSON body (`{}` when empty); another parser (express.json) may have run first. */
function readBody(req: Request): Promise<unknown> {
  return req.body !== undefined
    ? Promise.resolve(req.body as unknown)
    : readJsonBody(req, ADMIN_BODY_LIMIT_BYTES);
}

/** Parses the body with a strict schema (`DKS_SIM_VALIDATION` with `issues` on failure). */
async function body<Schema extends z.ZodType>(
  req: Request,
  schema: Schema,
  action: string,
): Promise<z.output<Schema>> {
  return parseInput(schema, await readBody(req), action);
}

/** A route parameter (Express 5 types them as `string | string[]`). */
function param(req: Request, name: string): string {
  const value = (req.params as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join("/") : (value ?? "");
}

/**
 * The query of `GET /sandbox/admin/reports/usage` (also the admin console's report form).
 *
 * @internal
 */
export const usageQuerySchema = z.strictObject({
  semester: z.string().min(1, "Pass ?semester=YYYY-1 or YYYY-2"),
  institution: idSchema.optional(),
  format: z.enum(["json", "csv"]).optional(),
});

const onboardingQuerySchema = z.strictObject({
  state: z
    .enum(onboardingStates.map((row) => row.state) as [OnboardingState, ...OnboardingState[]])
    .optional(),
});

/**
 * The admin API as an Express 5 router. Routes (all JSON; errors problem+json):
 *
 * - `GET/POST /institutions`, `GET/PATCH/DELETE /institutions/:id`
 * - `GET/POST /institutions/:id/users`, `GET/PATCH /users/:userId`, `POST /users/:userId/password`
 * - `GET/POST /institutions/:id/tokens` (the token text is returned ONCE), `GET /tokens/:tokenId`,
 *   `POST /tokens/:tokenId/rotate`, `POST /tokens/:tokenId/reapply`, `POST /tokens/:tokenId/revoke`
 * - `GET /onboarding/transitions`, `GET/POST /onboarding`, `GET/PATCH /onboarding/:id`,
 *   `POST /onboarding/:id/transition`
 * - `GET /reports/usage?semester=2026-1[&institution=ID][&format=csv]` (or `Accept: text/csv`)
 *
 * @example
 * ```ts
 * import express from "express";
 * import { systemClock } from "@dukcapil-sandbox/core";
 * import { createAdminRouter, createStore } from "@dukcapil-sandbox/simulator";
 * const store = createStore({ clock: systemClock });
 * const app = express();
 * app.use("/sandbox/admin", createAdminRouter({ store, clock: systemClock, adminToken: "change-me" }));
 * ```
 */
export function createAdminRouter(options: AdminRouterOptions): Router {
  const { store, adminToken } = options;
  if (typeof adminToken !== "string" || adminToken.length === 0) {
    throw new SimulatorError(
      "DKS_SIM_CONFIG_INVALID",
      "Failed to create admin router: adminToken must be a non-empty string. Pass the admin token from the simulator configuration.",
      { field: "adminToken" },
    );
  }
  const router = Router();
  // Shared with the sandbox controls over the same store: wrong tokens count together.
  const guard = adminTokenGuard(store, adminToken);

  const handle =
    (fn: (req: Request, res: Response) => Promise<void> | void): RequestHandler =>
    async (req, res, next) => {
      try {
        await fn(req, res);
      } catch (error) {
        next(error);
      }
    };

  const json = (res: Response, status: number, value: unknown, location?: string): void => {
    if (location !== undefined) res.setHeader("location", `${res.req.baseUrl}${location}`);
    res.status(status).json(value);
  };

  const institutionOr404 = (id: string) => {
    const institution = store.institutions.get(id);
    if (institution === undefined) {
      throw new SimulatorError(
        "DKS_SIM_NOT_FOUND",
        `Failed to find institution ${JSON.stringify(id)}: no such id. List GET /sandbox/admin/institutions to see the registered ones.`,
        { institutionId: id },
      );
    }
    return institution;
  };

  const userView = (user: UserAccount) => {
    const institution = store.institutions.get(user.institutionId);
    return {
      ...user,
      effectiveDailyQuota:
        institution === undefined ? null : effectiveDailyQuota(user, institution.stage),
    };
  };

  const tokenOr404 = (tokenId: string): StoredToken => {
    const stored = store.tokens.get(tokenId);
    if (stored === undefined) {
      throw new SimulatorError(
        "DKS_SIM_NOT_FOUND",
        `Failed to find token ${JSON.stringify(tokenId)}: no such token id. List GET /sandbox/admin/institutions/<id>/tokens.`,
        { tokenId },
      );
    }
    return stored;
  };

  const ticketOr404 = (id: string) => {
    const ticket = store.onboarding.get(id);
    if (ticket === undefined) {
      throw new SimulatorError(
        "DKS_SIM_NOT_FOUND",
        `Failed to find onboarding ticket ${JSON.stringify(id)}: no such ticket. List GET /sandbox/admin/onboarding.`,
        { ticketId: id },
      );
    }
    return ticket;
  };

  // --- Authentication and headers, before every route ---
  router.use((req: Request, res: Response, next: NextFunction) => {
    res.setHeader("cache-control", "no-store");
    try {
      guard.check(req, res);
    } catch (error) {
      if (error instanceof SimulatorError && error.status === 401) {
        res.setHeader("www-authenticate", 'Bearer realm="dukcapil-sandbox admin"');
      }
      sendProblem(res, error);
      return;
    }
    next();
  });

  // --- Institutions ---
  router.get(
    "/institutions",
    handle((_req, res) => json(res, 200, { items: store.institutions.list() })),
  );
  router.post(
    "/institutions",
    handle(async (req, res) => {
      const input = await body(req, institutionCreateSchema, "create institution");
      const institution = store.institutions.create(input);
      json(res, 201, institution, `/institutions/${institution.id}`);
    }),
  );
  router.get(
    "/institutions/:id",
    handle((req, res) => json(res, 200, institutionOr404(param(req, "id")))),
  );
  router.patch(
    "/institutions/:id",
    handle(async (req, res) => {
      const patch = await body(req, institutionPatchSchema, "update institution");
      json(res, 200, store.institutions.update(param(req, "id"), patch));
    }),
  );
  router.delete(
    "/institutions/:id",
    handle((req, res) => {
      store.institutions.delete(param(req, "id"));
      res.status(204).end();
    }),
  );

  // --- Users ---
  router.get(
    "/institutions/:id/users",
    handle((req, res) => {
      const institution = institutionOr404(param(req, "id"));
      json(res, 200, { items: store.users.listByInstitution(institution.id).map(userView) });
    }),
  );
  router.post(
    "/institutions/:id/users",
    handle(async (req, res) => {
      const input = await body(req, userCreateSchema, "create user ID");
      const { user, generatedPassword } = store.users.create(param(req, "id"), input);
      json(
        res,
        201,
        { user: userView(user), password: generatedPassword },
        `/users/${encodeURIComponent(user.userId)}`,
      );
    }),
  );
  router.get(
    "/users/:userId",
    handle((req, res) => {
      const userId = param(req, "userId");
      const user = store.users.get(userId);
      if (user === undefined) {
        throw new SimulatorError(
          "DKS_SIM_NOT_FOUND",
          `Failed to find user ID ${JSON.stringify(userId)}: no such user. List GET /sandbox/admin/institutions/<id>/users.`,
          { userId },
        );
      }
      json(res, 200, userView(user));
    }),
  );
  router.patch(
    "/users/:userId",
    handle(async (req, res) => {
      const patch = await body(req, userPatchSchema, "update user ID");
      json(res, 200, userView(store.users.update(param(req, "userId"), patch)));
    }),
  );
  router.post(
    "/users/:userId/password",
    handle(async (req, res) => {
      const input = await body(req, passwordChangeSchema, "set password");
      const userId = param(req, "userId");
      const { generatedPassword } = store.users.setPassword(userId, input.password);
      json(res, 200, { userId, password: generatedPassword });
    }),
  );

  // --- Data-balikan tokens ---
  router.get(
    "/institutions/:id/tokens",
    handle((req, res) => {
      const institution = institutionOr404(param(req, "id"));
      const items = store.tokens
        .listByInstitution(institution.id)
        .map((stored) => store.tokens.view(stored));
      json(res, 200, { items });
    }),
  );
  router.post(
    "/institutions/:id/tokens",
    handle(async (req, res) => {
      const input = await body(req, tokenIssueSchema, "issue token");
      const institutionId = param(req, "id");
      const { token, record } = await store.tokens.issue(institutionId, input);
      json(
        res,
        201,
        { token, record: store.tokens.view({ record, institutionId }) },
        `/tokens/${record.id}`,
      );
    }),
  );
  router.get(
    "/tokens/:tokenId",
    handle((req, res) => json(res, 200, store.tokens.view(tokenOr404(param(req, "tokenId"))))),
  );
  router.post(
    "/tokens/:tokenId/rotate",
    handle(async (req, res) => {
      const input = await body(req, tokenRotateSchema, "rotate token");
      const current = tokenOr404(param(req, "tokenId"));
      const rotated = await store.tokens.rotate(current.record.id, input);
      const institutionId = current.institutionId;
      json(
        res,
        201,
        {
          token: rotated.token,
          record: store.tokens.view({ record: rotated.record, institutionId }),
          previous: store.tokens.view({ record: rotated.previous, institutionId }),
        },
        `/tokens/${rotated.record.id}`,
      );
    }),
  );
  router.post(
    "/tokens/:tokenId/reapply",
    handle(async (req, res) => {
      const input = await body(req, tokenReapplySchema, "reapply for token");
      const current = tokenOr404(param(req, "tokenId"));
      const issued = await store.tokens.reapply(current.record.id, input);
      json(
        res,
        201,
        {
          token: issued.token,
          record: store.tokens.view({
            record: issued.record,
            institutionId: current.institutionId,
          }),
        },
        `/tokens/${issued.record.id}`,
      );
    }),
  );
  router.post(
    "/tokens/:tokenId/revoke",
    handle(async (req, res) => {
      const input = await body(req, tokenRevokeSchema, "revoke token");
      const current = tokenOr404(param(req, "tokenId"));
      const record = store.tokens.revoke(current.record.id, input.reason);
      json(res, 200, store.tokens.view({ record, institutionId: current.institutionId }));
    }),
  );

  // --- Onboarding (BMKG SOP, then the Juknis PoC steps) ---
  router.get(
    "/onboarding/transitions",
    handle((_req, res) =>
      json(res, 200, { states: onboardingStates, transitions: onboardingTransitions }),
    ),
  );
  router.get(
    "/onboarding",
    handle((req, res) => {
      const query = parseInput(onboardingQuerySchema, req.query, "list onboarding tickets");
      const items = store.onboarding.list(query.state === undefined ? {} : { state: query.state });
      json(res, 200, { items });
    }),
  );
  router.post(
    "/onboarding",
    handle(async (req, res) => {
      const data = await body(req, onboardingDataSchema, "submit onboarding ticket");
      const ticket = store.onboarding.submit(data);
      json(res, 201, ticket, `/onboarding/${ticket.id}`);
    }),
  );
  router.get(
    "/onboarding/:id",
    handle((req, res) => json(res, 200, ticketOr404(param(req, "id")))),
  );
  router.patch(
    "/onboarding/:id",
    handle(async (req, res) => {
      const data = await body(req, onboardingDataSchema, "amend onboarding ticket");
      json(res, 200, store.onboarding.amend(param(req, "id"), data));
    }),
  );
  router.post(
    "/onboarding/:id/transition",
    handle(async (req, res) => {
      const input = await body(req, onboardingTransitionSchema, "move onboarding ticket");
      const id = param(req, "id");
      ticketOr404(id);
      json(res, 200, store.onboarding.transition(id, input.to, input.note));
    }),
  );

  // --- Usage report (Juknis V; PKS Karanganyar Pasal 9) ---
  router.get(
    "/reports/usage",
    handle((req, res) => {
      const query = parseInput(usageQuerySchema, req.query, "build usage report");
      const report = store.reports.usage({
        semester: query.semester,
        ...(query.institution === undefined ? {} : { institutionId: query.institution }),
      });
      const csv =
        query.format === "csv" ||
        (query.format === undefined &&
          req.accepts(["application/json", "text/csv"]) === "text/csv");
      if (!csv) {
        json(res, 200, report);
        return;
      }
      const text = usageReportCsv(report);
      res.status(200);
      res.setHeader("content-type", "text/csv; charset=utf-8; header=present");
      res.setHeader(
        "content-disposition",
        `attachment; filename="usage-${report.semester}${query.institution === undefined ? "" : `-${query.institution}`}.csv"`,
      );
      res.end(text);
    }),
  );

  // --- Anything else under /sandbox/admin ---
  router.use((req: Request, res: Response) => {
    sendProblem(
      res,
      new SimulatorError(
        "DKS_SIM_ROUTE_NOT_FOUND",
        `Failed to route ${req.method} ${req.baseUrl}${req.path}: no such admin route. See the admin API list in the simulator README (institutions, users, tokens, onboarding, reports).`,
        { method: req.method, path: `${req.baseUrl}${req.path}` },
      ),
    );
  });

  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    sendProblem(res, error);
  };
  router.use(onError);
  return router;
}
