/**
 * The sandbox controls: journal, clock, faults, reset, magic NIKs and health. The
 * simulator's own voice (JSON and problem+json), never the imitated wire format. Every
 * route except `GET /sandbox/health` and `GET /sandbox/magic` needs the admin token.
 */
import { type ResponseCode, responseCodes } from "@dukcapil-sandbox/core";
import { type NextFunction, type Request, type Response, Router } from "express";
import { z } from "zod";
import { CLOCK_RANGE_MS, type ControlledClock, isClockInstant } from "../controls/clock.js";
import { faultPlanSchema } from "../controls/faults.js";
import { SimulatorError } from "../errors.js";
import type { SimulatorRuntime } from "../runtime.js";
import type { JournalFilter } from "../state/types.js";
import { adminTokenGuard } from "./auth.js";
import { readJsonBody } from "./body.js";

const SANDBOX_BODY_LIMIT_BYTES = 64 * 1024;

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new SimulatorError(
    "DKS_SIM_VALIDATION",
    `Failed to read ${what}: ${result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}. Fix the named field.`,
    { issues: result.error.issues.map((i) => ({ path: i.path, message: i.message })) },
  );
}

const instant = z.union([
  z.coerce.number().int().nonnegative(),
  z.iso.datetime({ offset: true }).transform((text) => Date.parse(text)),
]);

/**
 * The query of `GET /sandbox/journal` (also the admin console's journal filter).
 *
 * @internal
 */
export const journalQuerySchema = z
  .object({
    institution: z.string().min(1).optional(),
    user: z.string().min(1).optional(),
    code: z
      .string()
      .regex(/^\d{2}$/)
      .refine((code) => responseCodes.some((row) => row.code === code), "is not a catalogue code")
      .optional(),
    from: instant.optional(),
    to: instant.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/**
 * The body of `POST /sandbox/clock` (also the admin console's clock form).
 *
 * @internal
 */
export const clockChangeSchema = z
  .object({
    set: z.iso.datetime({ offset: true }).optional(),
    frozen: z.boolean().optional(),
    advanceMs: z.number().int().optional(),
    real: z.literal(true).optional(),
  })
  .strict()
  .refine(
    (body) => [body.set, body.advanceMs, body.real].filter((v) => v !== undefined).length === 1,
    "send exactly one of set (with optional frozen), advanceMs or real",
  );

/**
 * The journal filter of a parsed {@link journalQuerySchema} query.
 *
 * @internal
 */
export function journalFilterOf(query: z.output<typeof journalQuerySchema>): JournalFilter {
  return {
    ...(query.institution === undefined ? {} : { institutionId: query.institution }),
    ...(query.user === undefined ? {} : { userId: query.user }),
    ...(query.code === undefined ? {} : { code: query.code as ResponseCode }),
    ...(query.from === undefined ? {} : { from: query.from }),
    ...(query.to === undefined ? {} : { to: query.to }),
  };
}

/**
 * Applies a parsed {@link clockChangeSchema} change to the simulator's clock; throws
 * `DKS_SIM_VALIDATION` (naming `set` or `advanceMs`) when it would leave `CLOCK_RANGE_MS`.
 *
 * @internal
 */
export function applyClockChange(
  clock: ControlledClock,
  body: z.output<typeof clockChangeSchema>,
): void {
  // A clock outside core's range breaks every date computation (core clocks refuse a
  // negative now(); toISOString throws past ±8.64e15 ms): refuse to move it there.
  const field = body.set !== undefined ? "set" : body.advanceMs !== undefined ? "advanceMs" : null;
  if (field !== null) {
    const target =
      body.set !== undefined ? Date.parse(body.set) : clock.now() + (body.advanceMs ?? 0);
    if (!isClockInstant(target)) {
      const message = `moves the clock outside the instants ${CLOCK_RANGE_MS.text}`;
      throw new SimulatorError(
        "DKS_SIM_VALIDATION",
        `Failed to read the clock change: ${field}: ${message}. Pick an instant in that range.`,
        { issues: [{ path: [field], message }] },
      );
    }
  }
  if (body.real) clock.real();
  else if (body.set !== undefined) clock.set(Date.parse(body.set), body.frozen ?? false);
  else if (body.advanceMs !== undefined) clock.advance(body.advanceMs);
}

type Handler = (req: Request, res: Response) => Promise<void> | void;

/** Wraps a handler: admin token first (unless public), errors to the error handler. */
function route(runtime: SimulatorRuntime, handler: Handler, isPublic = false) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (!isPublic) adminTokenGuard(runtime.store, runtime.adminToken).check(req, res);
      await handler(req, res);
    } catch (error) {
      next(error);
    }
  };
}

function clockView(runtime: SimulatorRuntime) {
  const state = runtime.clock.state();
  return { ...state, iso: new Date(state.now).toISOString() };
}

/**
 * The sandbox controls router, mounted at `/sandbox`.
 *
 * @example
 * ```ts
 * import express from "express";
 * import { createSandboxRouter, createSimulatorRuntime } from "@dukcapil-sandbox/simulator";
 * const runtime = await createSimulatorRuntime();
 * express().use("/sandbox", createSandboxRouter(runtime));
 * ```
 */
export function createSandboxRouter(runtime: SimulatorRuntime): Router {
  const router = Router();

  router.get(
    "/health",
    route(
      runtime,
      (_req, res) => {
        res.json({
          status: "ok",
          population: runtime.population.size,
          seed: runtime.population.seed,
          database: runtime.store.kind,
          clock: clockView(runtime),
        });
      },
      true,
    ),
  );

  router.get(
    "/magic",
    route(
      runtime,
      (_req, res) => {
        res.json({
          note: "These NIKs answer the same in every simulator, whatever its seed. Prefer: code=NN forces any code of the catalogue.",
          magic: runtime.population.magic,
          codes: responseCodes.map((row) => ({
            code: row.code,
            outcome: row.outcome,
            category: row.category,
            lookupText: row.lookupText,
            verifyText: row.verifyText,
            portalText: row.portalText,
          })),
        });
      },
      true,
    ),
  );

  router.get(
    "/journal",
    route(runtime, (req, res) => {
      const query = parse(journalQuerySchema, req.query, "the journal query");
      const filter = journalFilterOf(query);
      const counts = runtime.store.journal.count(filter);
      res.json({
        total: counts.total,
        byCode: counts.byCode,
        limit: query.limit,
        offset: query.offset,
        entries: runtime.store.journal.query({
          ...filter,
          limit: query.limit,
          offset: query.offset,
        }),
      });
    }),
  );

  router.delete(
    "/journal",
    route(runtime, (req, res) => {
      const { institution } = parse(
        z.object({ institution: z.string().min(1).optional() }).strict(),
        req.query,
        "the journal reset query",
      );
      res.json({ deleted: runtime.store.journal.reset(institution) });
    }),
  );

  router.get(
    "/clock",
    route(runtime, (_req, res) => {
      res.json(clockView(runtime));
    }),
  );

  router.post(
    "/clock",
    route(runtime, async (req, res) => {
      const body = parse(
        clockChangeSchema,
        await readJsonBody(req, SANDBOX_BODY_LIMIT_BYTES),
        "the clock change",
      );
      applyClockChange(runtime.clock, body);
      res.json(clockView(runtime));
    }),
  );

  router.get(
    "/faults",
    route(runtime, (_req, res) => {
      res.json(runtime.faults.list());
    }),
  );

  router.put(
    "/faults",
    route(runtime, async (req, res) => {
      const plan = parse(
        faultPlanSchema,
        await readJsonBody(req, SANDBOX_BODY_LIMIT_BYTES),
        "the fault plan",
      );
      runtime.faults.setGlobal(plan);
      res.json(runtime.faults.list());
    }),
  );

  router.delete(
    "/faults",
    route(runtime, (_req, res) => {
      runtime.faults.clear();
      res.json(runtime.faults.list());
    }),
  );

  router.put(
    "/faults/:institutionId",
    route(runtime, async (req, res) => {
      const id = String(req.params.institutionId);
      if (runtime.store.institutions.get(id) === undefined) {
        throw new SimulatorError(
          "DKS_SIM_NOT_FOUND",
          `Failed to set faults for institution ${id}: no such institution. List /sandbox/admin/institutions.`,
        );
      }
      const plan = parse(
        faultPlanSchema,
        await readJsonBody(req, SANDBOX_BODY_LIMIT_BYTES),
        "the fault plan",
      );
      runtime.faults.setInstitution(id, plan);
      res.json(runtime.faults.list());
    }),
  );

  router.delete(
    "/faults/:institutionId",
    route(runtime, (req, res) => {
      runtime.faults.setInstitution(String(req.params.institutionId), undefined);
      res.json(runtime.faults.list());
    }),
  );

  router.post(
    "/reset",
    route(runtime, async (_req, res) => {
      const defaults = await runtime.reset();
      res.json({
        reset: true,
        defaults:
          defaults === null
            ? null
            : {
                institution: defaults.institution.id,
                path: defaults.institution.path,
                userId: defaults.user.userId,
                password: defaults.password,
                ipUser: defaults.user.ipUser,
                dataBalikanToken: defaults.token,
              },
      });
    }),
  );

  return router;
}
