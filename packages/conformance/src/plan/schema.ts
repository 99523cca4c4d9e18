/**
 * The PoC plan: one zod schema (decisions/007 "Plans are data"). A plan is a list of
 * criteria; each criterion has a declarative `setup` (simulator state applied through the
 * admin API), `steps` (operator actions the driver makes the app do) and one `expect` from a
 * closed set of expectation kinds, each evaluated by one evaluator in src/criteria/.
 */
import { RECORD_ELEMENTS, type RecordElement, responseCodes } from "@dukcapil-sandbox/core";
import { faultPlanSchema } from "@dukcapil-sandbox/simulator";
import * as z from "zod";

const CODES = responseCodes.map((row) => row.code) as [string, ...string[]];

/**
 * The kinds of magic NIK a step can ask for (the simulator's magic table, same in every seed).
 *
 * @example
 * ```ts
 * import { MAGIC_NIK_KINDS } from "@dukcapil-sandbox/conformance";
 * MAGIC_NIK_KINDS.includes("big-nik"); // true
 * ```
 */
export const MAGIC_NIK_KINDS = Object.freeze([
  "found",
  "deceased",
  "duplicate",
  "not-found",
  "inactive",
  "malformed-nik",
  "big-nik",
  "family",
] as const);

/**
 * Which NIK a lookup step types: a magic NIK by outcome (`{ magic: "deceased" }`), one of the
 * run's canary residents (`{ canary: 0 }`), a random active resident not used before in the
 * run (`{ random: "resident" }`), a literal text typed as is (`{ literal: "12345" }`), or the
 * NIK of an earlier lookup of the same criterion (`{ sameAs: 0 }`, counting lookups from 0).
 *
 * @example
 * ```ts
 * import { nikSelectorSchema } from "@dukcapil-sandbox/conformance";
 * nikSelectorSchema.parse({ magic: "big-nik" });
 * nikSelectorSchema.safeParse({ canary: -1 }).success; // false
 * ```
 */
export const nikSelectorSchema = z.union([
  z.strictObject({ magic: z.enum(MAGIC_NIK_KINDS) }),
  z.strictObject({ canary: z.int().min(0).max(19) }),
  z.strictObject({ random: z.literal("resident") }),
  z.strictObject({ literal: z.string().max(64) }),
  z.strictObject({ sameAs: z.int().min(0) }),
]);

/**
 * A NIK selector (see {@link nikSelectorSchema}).
 *
 * @example
 * ```ts
 * import type { NikSelector } from "@dukcapil-sandbox/conformance";
 * const selector: NikSelector = { random: "resident" };
 * ```
 */
export type NikSelector = z.infer<typeof nikSelectorSchema>;

const repeat = z.int().min(1).max(200).default(1);

/**
 * One step of a criterion: `lookup` (the operator asks about a NIK, `repeat` times, each
 * `random` repetition a new resident), `endOfDay` (the operator closes the service day),
 * `nextDay` (the simulated clock moves to 08:00 WIB of the next day) or `wait`.
 *
 * @example
 * ```ts
 * import { planStepSchema } from "@dukcapil-sandbox/conformance";
 * planStepSchema.parse({ action: "lookup", nik: { random: "resident" }, repeat: 5 });
 * planStepSchema.parse({ action: "nextDay" });
 * ```
 */
export const planStepSchema = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("lookup"), nik: nikSelectorSchema, repeat }),
  z.strictObject({ action: z.literal("endOfDay"), repeat }),
  z.strictObject({ action: z.literal("nextDay") }),
  z.strictObject({ action: z.literal("wait"), ms: z.int().min(0).max(60_000) }),
]);

/**
 * A step (see {@link planStepSchema}).
 *
 * @example
 * ```ts
 * import type { PlanStep } from "@dukcapil-sandbox/conformance";
 * const step: PlanStep = { action: "endOfDay", repeat: 2 };
 * ```
 */
export type PlanStep = z.infer<typeof planStepSchema>;

const addressOrCidr = z
  .string()
  .regex(
    /^[0-9A-Fa-f:.]+(\/\d{1,3})?$/,
    "Expected an IP address or a CIDR block such as 10.0.0.0/8",
  );

/**
 * Declarative simulator state for one criterion, applied through the admin API before its
 * steps and restored after: the PoC user's daily quota, a wrong password (the app's stops
 * working), the user's registered `ip_user`, user and institution status, the institution's
 * allowlist, grant and pattern policy, faults for the institution, and the WIB time of day
 * the criterion starts at.
 *
 * @example
 * ```ts
 * import { planSetupSchema } from "@dukcapil-sandbox/conformance";
 * planSetupSchema.parse({ user: { dailyQuota: 3 }, faults: { error: 503 } });
 * ```
 */
export const planSetupSchema = z.strictObject({
  user: z
    .strictObject({
      dailyQuota: z.int().min(0).nullable().optional(),
      status: z.enum(["active", "inactive"]).optional(),
      /** Change the user's password, so the password the app sends is wrong (code 03). */
      wrongPassword: z.literal(true).optional(),
      /** Register another `ip_user`, so the one the app sends differs (code 04). */
      ipUser: z.ipv4().or(z.ipv6()).optional(),
    })
    .optional(),
  institution: z
    .strictObject({
      status: z.enum(["active", "inactive"]).optional(),
      allowlist: z.array(addressOrCidr).optional(),
      grant: z
        .array(z.enum(RECORD_ELEMENTS as unknown as [RecordElement, ...RecordElement[]]))
        .min(1)
        .optional(),
      patternPolicy: z.enum(["record", "warn", "block"]).optional(),
    })
    .optional(),
  /** A fault plan for the PoC institution (`PUT /sandbox/faults/<institution>`). */
  faults: faultPlanSchema.optional(),
  clock: z
    .strictObject({
      /** The WIB time of day the criterion's simulated day starts at (default 08:00). */
      timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Expected HH:MM (WIB)"),
    })
    .optional(),
});

/**
 * A criterion's setup (see {@link planSetupSchema}).
 *
 * @example
 * ```ts
 * import type { PlanSetup } from "@dukcapil-sandbox/conformance";
 * const setup: PlanSetup = { institution: { status: "inactive" } };
 * ```
 */
export type PlanSetup = z.infer<typeof planSetupSchema>;

const maxCallsPerAction = z.int().min(0).max(20).default(1);

/**
 * What a criterion expects: a closed union of kinds, each evaluated by one evaluator.
 *
 * - `outcome-shown` — the upstream answered `code` at least once; every lookup answer shows the
 *   catalogue's text for it (portal, lookup or verify text or a known variant, any case) or its
 *   Indonesian action; at most `maxUpstreamCallsPerAction` upstream calls per lookup.
 * - `record-shown` — every lookup of a found resident shows the resident's `elements`.
 * - `no-upstream-call` — no request reached the upstream (local validation), every action answered.
 * - `nik-digit-exact` — each answer contains the looked-up NIK digit for digit and not its
 *   float-rounded form.
 * - `quota-exhaustion-handled` — the quota ran out (code 05); the answers after it show the
 *   catalogue's 05 text or action; at most `maxUpstreamCallsPerAction` calls per lookup.
 * - `quota-stop-until-next-day` — the quota ran out; no call after the first 05 until the
 *   simulated day ended; after `nextDay` the app calls again.
 * - `no-usage-patterns` — no usage-pattern finding in the journal rows of the user, and none
 *   from core's detector over the journal's NIK sequence.
 * - `bounded-resilience` — every lookup answered within the run's `appTimeoutMs` + `graceMs`;
 *   at most `maxRetries` + 1 upstream attempts per lookup, with growing gaps; optionally the
 *   record shown (`requireRecord`).
 * - `no-stored-person-data` — after the app closed, no file under its declared storage holds a
 *   canary's full NIK, NO_KK or name.
 * - `attribution-shown` — every answer shows the run's attribution notice.
 * - `data-balikan-complete` — after the steps, the simulator received exactly one item per found
 *   resident looked up, each with at least `minParamKeys` keys, and no duplicate re-send.
 * - `answer-matches` — every lookup answer matches `status`, `regex` and/or a JSONPath check.
 * - `load` — the app sustains a rate with latency and error thresholds (the load runner of
 *   `@dukcapil-sandbox/conformance/load`; skipped for a browser-driven app).
 *
 * @example
 * ```ts
 * import { planExpectationSchema } from "@dukcapil-sandbox/conformance";
 * planExpectationSchema.parse({ kind: "outcome-shown", code: "11" });
 * planExpectationSchema.parse({ kind: "answer-matches", jsonPath: { path: "$.status", equals: "ok" } });
 * ```
 */
export const planExpectationSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("outcome-shown"),
    code: z.enum(CODES),
    maxUpstreamCallsPerAction: maxCallsPerAction,
  }),
  z.strictObject({
    kind: z.literal("record-shown"),
    elements: z
      .array(z.enum(RECORD_ELEMENTS as unknown as [RecordElement, ...RecordElement[]]))
      .min(1)
      .default(["NAMA_LGKP"]),
  }),
  z.strictObject({ kind: z.literal("no-upstream-call") }),
  z.strictObject({ kind: z.literal("nik-digit-exact") }),
  z.strictObject({
    kind: z.literal("quota-exhaustion-handled"),
    maxUpstreamCallsPerAction: maxCallsPerAction,
  }),
  z.strictObject({ kind: z.literal("quota-stop-until-next-day") }),
  z.strictObject({ kind: z.literal("no-usage-patterns") }),
  z.strictObject({
    kind: z.literal("bounded-resilience"),
    requireRecord: z.boolean().default(false),
  }),
  z.strictObject({ kind: z.literal("no-stored-person-data") }),
  z.strictObject({ kind: z.literal("attribution-shown") }),
  z.strictObject({
    kind: z.literal("data-balikan-complete"),
    minParamKeys: z.int().min(0).max(50).default(1),
  }),
  z
    .strictObject({
      kind: z.literal("answer-matches"),
      status: z.int().min(100).max(599).optional(),
      regex: z
        .string()
        .refine((source) => {
          try {
            new RegExp(source);
            return true;
          } catch {
            return false;
          }
        }, "Expected a valid regular expression")
        .optional(),
      jsonPath: z
        .strictObject({
          path: z.string().min(1),
          equals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
          matches: z.string().optional(),
        })
        .optional(),
    })
    .refine(
      (value) =>
        value.status !== undefined || value.regex !== undefined || value.jsonPath !== undefined,
      "Give at least one of status, regex or jsonPath",
    ),
  z.strictObject({
    kind: z.literal("load"),
    ratePerSecond: z.number().positive().max(10_000),
    durationMs: z.int().min(1_000).max(3_600_000),
    maxP95Ms: z.int().min(1),
    maxErrorRate: z.number().min(0).max(1),
  }),
]);

/**
 * An expectation (see {@link planExpectationSchema}).
 *
 * @example
 * ```ts
 * import type { PlanExpectation } from "@dukcapil-sandbox/conformance";
 * const expectation: PlanExpectation = { kind: "attribution-shown" };
 * ```
 */
export type PlanExpectation = z.infer<typeof planExpectationSchema>;

/**
 * The kind names of {@link PlanExpectation}.
 *
 * @example
 * ```ts
 * import type { ExpectationKind } from "@dukcapil-sandbox/conformance";
 * const kind: ExpectationKind = "no-usage-patterns";
 * ```
 */
export type ExpectationKind = PlanExpectation["kind"];

/**
 * One criterion: a stable id (`POC-QUOTA-02`), a title, the seed clause it enforces
 * (`Juknis II.E.1`, `PKS art. 3(2)i`), whether it is mandatory (else advisory), its setup,
 * steps and expectation.
 *
 * @example
 * ```ts
 * import { planCriterionSchema } from "@dukcapil-sandbox/conformance";
 * planCriterionSchema.parse({
 *   id: "POC-DATA-02", title: "Deceased shown", clause: "Juknis II.C.2.b",
 *   steps: [{ action: "lookup", nik: { magic: "deceased" } }],
 *   expect: { kind: "outcome-shown", code: "11" },
 * });
 * ```
 */
export const planCriterionSchema = z.strictObject({
  id: z.string().regex(/^POC-[A-Z]+-\d{2}$/, "Expected an id such as POC-QUOTA-02"),
  title: z.string().trim().min(1).max(200),
  clause: z.string().trim().min(1).max(200),
  mandatory: z.boolean().default(true),
  /** What the criterion checks and why, for the reports. */
  description: z.string().max(2000).optional(),
  setup: planSetupSchema.default({}),
  steps: z.array(planStepSchema).max(100).default([]),
  expect: planExpectationSchema,
});

/**
 * A criterion (see {@link planCriterionSchema}), defaults applied.
 *
 * @example
 * ```ts
 * import type { PlanCriterion } from "@dukcapil-sandbox/conformance";
 * const advisory = (criterion: PlanCriterion) => !criterion.mandatory;
 * ```
 */
export type PlanCriterion = z.infer<typeof planCriterionSchema>;

/**
 * A PoC plan: id, title, the number of canary residents the run picks, whether the runner
 * closes the service day (`endOfDay`) after each criterion, and the criteria in run order.
 * Ids are unique; every `{ canary: n }` is below `canaries`.
 *
 * @example
 * ```ts
 * import { pocPlanSchema } from "@dukcapil-sandbox/conformance";
 * const plan = pocPlanSchema.parse({
 *   id: "my-plan", title: "Attribution only",
 *   criteria: [{ id: "POC-ATTRIB-01", title: "Notice", clause: "Terms of use",
 *     steps: [{ action: "lookup", nik: { magic: "found" } }], expect: { kind: "attribution-shown" } }],
 * });
 * plan.canaries; // 3
 * ```
 */
export const pocPlanSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "Expected a lower-case id such as standard-poc"),
    title: z.string().trim().min(1).max(200),
    version: z.string().max(40).optional(),
    description: z.string().max(4000).optional(),
    canaries: z.int().min(0).max(20).default(3),
    closeDayAfterEachCriterion: z.boolean().default(true),
    criteria: z.array(planCriterionSchema).min(1).max(200),
  })
  .superRefine((plan, ctx) => {
    const seen = new Map<string, number>();
    plan.criteria.forEach((criterion, index) => {
      const first = seen.get(criterion.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["criteria", index, "id"],
          message: `Duplicate id ${criterion.id}: criteria.${first}.id has it too`,
        });
      } else seen.set(criterion.id, index);
      let lookups = 0;
      criterion.steps.forEach((step, stepIndex) => {
        if (step.action !== "lookup") return;
        const selector = step.nik;
        if ("canary" in selector && selector.canary >= plan.canaries) {
          ctx.addIssue({
            code: "custom",
            path: ["criteria", index, "steps", stepIndex, "nik", "canary"],
            message: `Canary ${selector.canary} does not exist: the plan's canaries is ${plan.canaries}; raise canaries or use a lower index`,
          });
        }
        if ("sameAs" in selector && selector.sameAs >= lookups) {
          ctx.addIssue({
            code: "custom",
            path: ["criteria", index, "steps", stepIndex, "nik", "sameAs"],
            message: `sameAs ${selector.sameAs} names a lookup that has not happened yet (${lookups} lookups before this step)`,
          });
        }
        lookups += step.repeat;
      });
    });
  });

/**
 * A plan as written (defaults optional): what a plan file or module holds.
 *
 * @example
 * ```ts
 * import type { PocPlanInput } from "@dukcapil-sandbox/conformance";
 * const plan: PocPlanInput = { id: "tiny", title: "Tiny", criteria: [{ id: "POC-DATA-04",
 *   title: "Not found", clause: "Juknis II.C.2.b", steps: [{ action: "lookup", nik: { magic: "not-found" } }],
 *   expect: { kind: "outcome-shown", code: "13" } }] };
 * ```
 */
export type PocPlanInput = z.input<typeof pocPlanSchema>;

/**
 * A validated plan, defaults applied.
 *
 * @example
 * ```ts
 * import { type PocPlan, standardPlan } from "@dukcapil-sandbox/conformance";
 * const plan: PocPlan = standardPlan;
 * plan.criteria.map((criterion) => criterion.id);
 * ```
 */
export type PocPlan = z.infer<typeof pocPlanSchema>;
