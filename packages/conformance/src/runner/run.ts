/**
 * `runPoc`: starts (or connects to) a simulator, starts the app under test through its driver,
 * runs the plan's criteria in order — each on its own simulated day, its setup applied and
 * restored — evaluates them and returns ONE report object valid against `pocReportSchema`.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { DAY_MS, jakartaDay, nextJakartaMidnight } from "@dukcapil-sandbox/core";
import {
  createPopulation,
  type Population,
  type RunningSimulator,
  startSimulator,
} from "@dukcapil-sandbox/simulator";
import canonicalize from "canonicalize";
import suitePackage from "../../package.json" with { type: "json" };
import type { PocAppContext } from "../app/contract.js";
import { parseRunConfig, type RunConfig, type RunConfigInput } from "../config.js";
import { evaluatorFor } from "../criteria/index.js";
import type { ActionRecord, Check, Evaluation, EvaluationInput } from "../criteria/types.js";
import { createBrowserDriver } from "../drivers/browser.js";
import { createHttpDriver } from "../drivers/http.js";
import { createModuleDriver, type PocAppModule } from "../drivers/module.js";
import type { PocDriver } from "../drivers/types.js";
import { PocError } from "../errors.js";
import { loadPlan, parsePlan, planSha256 } from "../plan/load.js";
import type { PlanCriterion, PocPlan, PocPlanInput } from "../plan/schema.js";
import {
  type CriterionResult,
  type CriterionStatus,
  type PocReport,
  pocReportSchema,
  VERDICT_RULES,
} from "../report/schema.js";
import { createSimulatorControl, type SimulatorControl } from "./control.js";
import {
  actionEvidence,
  MAX_EVIDENCE_ROWS,
  maskDigits,
  requestEvidence,
  sanitiseCriterion,
} from "./evidence.js";
import { NikSelection } from "./select.js";
import { applySetup } from "./setup.js";

/** The runner waits this much longer than appTimeoutMs + graceMs before giving up on an action. */
const HARD_DEADLINE_EXTRA_MS = 500;
/** The WIB time a criterion's simulated day starts at, unless its setup says otherwise. */
const DAY_START_MS = 8 * 3_600_000;

/**
 * A progress event of a run, in order: `run-started`, then per criterion `criterion-started`
 * and `criterion-finished` (a criterion evaluated after the app closes — zero storage —
 * finishes at the end), then `run-finished`.
 *
 * @example
 * ```ts
 * import type { PocProgressEvent } from "@dukcapil-sandbox/conformance";
 * const line = (event: PocProgressEvent) =>
 *   event.type === "criterion-finished" ? `${event.status.toUpperCase()} ${event.id}` : "";
 * ```
 */
export type PocProgressEvent =
  | {
      readonly type: "run-started";
      readonly runId: string;
      readonly planId: string;
      readonly total: number;
      readonly simulatorUrl: string;
      readonly app: string;
    }
  | {
      readonly type: "criterion-started";
      readonly index: number;
      readonly total: number;
      readonly id: string;
      readonly title: string;
    }
  | {
      readonly type: "criterion-finished";
      readonly index: number;
      readonly total: number;
      readonly id: string;
      readonly title: string;
      readonly mandatory: boolean;
      readonly status: CriterionStatus;
      readonly summary: string;
      readonly durationMs: number;
    }
  | {
      readonly type: "run-finished";
      readonly verdict: PocReport["verdict"];
      readonly counts: PocReport["counts"];
      readonly durationMs: number;
    };

/**
 * Options of {@link runPoc}.
 *
 * @example
 * ```ts
 * import type { RunPocOptions } from "@dukcapil-sandbox/conformance";
 * const options: RunPocOptions = {
 *   app: "./examples/paten-kecamatan/src/poc.ts",
 *   plan: "standard",
 *   config: { appTimeoutMs: 5000 },
 *   onProgress: (event) => {
 *     if (event.type === "criterion-finished") process.stderr.write(`${event.id} ${event.status}\n`);
 *   },
 * };
 * ```
 */
export interface RunPocOptions {
  /**
   * The app under test: an `http(s)://` URL (HTTP driver with `config.http`, or browser
   * driver with `config.browser`; needs `config.simulator`), a module path (module driver), a {@link PocAppModule} value, or a
   * ready {@link PocDriver} (e.g. the browser driver) for an app that runs out of band (needs
   * `config.simulator`).
   */
  readonly app: string | PocAppModule | PocDriver;
  /** `"standard"` (default), a plan file path, or a plan object. */
  readonly plan?: "standard" | string | PocPlan | PocPlanInput;
  readonly config?: RunConfigInput;
  readonly onProgress?: (event: PocProgressEvent) => void;
  /** The production specification stated in a passing report; default from the config or the institution. */
  readonly production?: { endpoint: string; methods?: string[]; grant?: string[] };
  /** The directory a module app may write to (default: a new temporary directory, removed after the run). */
  readonly storageDir?: string;
}

interface Target {
  readonly institution: { id: string; path: string; name: string; grant: readonly string[] };
  readonly userId: string;
  readonly password: string | null;
}

/** The version of the simulator package in use (read at run time: it is an external dependency). */
function localSimulatorVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require("@dukcapil-sandbox/simulator/package.json") as { version: string }).version;
  } catch {
    return "unknown";
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((done) => setTimeout(done, ms));
}

function message(error: unknown): string {
  return maskDigits(error instanceof Error ? error.message : String(error));
}

async function resolvePlan(plan: RunPocOptions["plan"]): Promise<PocPlan> {
  if (plan === undefined || plan === "standard") return loadPlan("standard");
  if (typeof plan === "string") return loadPlan(plan);
  return parsePlan(plan);
}

function summarise(evaluation: Evaluation): { status: CriterionStatus; summary: string } {
  if (evaluation.status === "skipped") {
    return { status: "skipped", summary: evaluation.summary ?? "Skipped." };
  }
  const failed = evaluation.checks.find((check) => !check.ok);
  if (evaluation.checks.length === 0) {
    return { status: "failed", summary: "The expectation made no check, so it cannot pass." };
  }
  if (failed === undefined) {
    return {
      status: "passed",
      summary: evaluation.summary ?? `All ${evaluation.checks.length} checks passed.`,
    };
  }
  return { status: "failed", summary: `${failed.name}: ${failed.detail}` };
}

/**
 * Runs a PoC plan against an app and returns the report (unsigned; sign it with `signReport`
 * and write it with `writeReports`). The verdict follows the fixed `VERDICT_RULES`. Throws
 * `PocError` for setup errors that stop the whole run (`DKS_POC_CONFIG_INVALID`,
 * `DKS_POC_PLAN_INVALID`, `DKS_POC_APP_LOAD_FAILED`, `DKS_POC_SIMULATOR_UNAVAILABLE`); a
 * failure inside one criterion makes that criterion `error` instead.
 *
 * @example
 * ```ts
 * import { runPoc } from "@dukcapil-sandbox/conformance";
 * const report = await runPoc({ app: "./my-app.ts", config: { appTimeoutMs: 5000 } });
 * console.log(report.verdict, report.counts);
 * for (const criterion of report.criteria) {
 *   if (criterion.status !== "passed") console.log(criterion.id, criterion.summary);
 * }
 * ```
 */
export async function runPoc(options: RunPocOptions): Promise<PocReport> {
  const config: RunConfig = parseRunConfig(options.config ?? {});
  const plan = await resolvePlan(options.plan);
  const planHash = planSha256(plan);
  const runId = randomUUID();
  const runStarted = Date.now();
  const runStartedPerf = performance.now();
  const given = options.app;
  const readyDriver = isDriver(given) ? given : undefined;
  const isHttp = typeof given === "string" && /^https?:\/\//i.test(given);
  const outOfBand = isHttp || readyDriver !== undefined;
  const appLabel =
    typeof given === "string"
      ? given
      : readyDriver !== undefined
        ? readyDriver.target
        : `module:${(given as PocAppModule).name ?? "module"}`;

  const driven = config.http !== undefined || config.browser !== undefined;
  if (isHttp && (!driven || config.simulator === undefined)) {
    throw new PocError(
      "DKS_POC_CONFIG_INVALID",
      `Failed to run the PoC on ${appLabel}: an HTTP app needs ${driven ? "" : "http.lookup (the request template) or browser.lookup (the form)"}${!driven && config.simulator === undefined ? " and " : ""}${config.simulator === undefined ? "simulator.url and simulator.adminToken (the simulator the app was configured with)" : ""} in the run config (--config run.json).`,
    );
  }
  if (readyDriver !== undefined && config.simulator === undefined) {
    throw new PocError(
      "DKS_POC_CONFIG_INVALID",
      `Failed to run the PoC on ${appLabel}: an app that runs on its own needs simulator.url and simulator.adminToken (the simulator it was configured with) in the run config.`,
    );
  }
  if (!outOfBand && config.simulator !== undefined) {
    throw new PocError(
      "DKS_POC_CONFIG_INVALID",
      "Failed to run the PoC: a module app runs against the runner's own simulator, so the run config must not name one (drop simulator).",
    );
  }

  // --- The simulator ---
  let running: RunningSimulator | undefined;
  let control: SimulatorControl;
  let population: Population;
  let target: Target;
  let dataBalikanToken: string | null = null;
  let simulatorVersion: string;
  if (config.simulator !== undefined) {
    const remote = config.simulator;
    control = createSimulatorControl(remote.url, remote.adminToken);
    const health = await control.health();
    population = createPopulation({ seed: health.seed, size: health.population });
    let institution: Awaited<ReturnType<SimulatorControl["getInstitution"]>>;
    try {
      institution = await control.getInstitution(remote.institutionId);
    } catch (error) {
      throw new PocError(
        "DKS_POC_SIMULATOR_UNAVAILABLE",
        `Failed to find the institution ${remote.institutionId} on the simulator at ${remote.url}: ${message(error)} Set simulator.institutionId to the institution the app uses.`,
        {},
        { cause: error },
      );
    }
    let userId = remote.userId;
    if (userId === undefined) {
      const users = await control.listUsers(institution.id);
      if (users.length !== 1 || users[0] === undefined) {
        throw new PocError(
          "DKS_POC_CONFIG_INVALID",
          `Failed to choose the app's user ID: institution ${institution.id} has ${users.length} users. Set simulator.userId in the run config.`,
        );
      }
      userId = users[0].userId;
    }
    target = {
      institution: {
        id: institution.id,
        path: institution.path,
        name: institution.name,
        grant: institution.grant,
      },
      userId,
      password: remote.password ?? null,
    };
    simulatorVersion = "unknown (remote simulator)";
  } else {
    try {
      running = await startSimulator({
        seed: config.seed,
        population: config.population,
        db: ":memory:",
      });
    } catch (error) {
      throw new PocError(
        "DKS_POC_SIMULATOR_UNAVAILABLE",
        `Failed to start the simulator: ${message(error)}`,
        {},
        { cause: error },
      );
    }
    const defaults = running.runtime.defaults;
    if (defaults === null || defaults.password === null || defaults.token === null) {
      await running.close();
      throw new PocError(
        "DKS_POC_SIMULATOR_UNAVAILABLE",
        "Failed to provision the PoC institution: the simulator seeded no default institution, user and token.",
      );
    }
    control = createSimulatorControl(running.url, running.runtime.adminToken, running.runtime);
    population = running.runtime.population;
    target = {
      institution: {
        id: defaults.institution.id,
        path: defaults.institution.path,
        name: defaults.institution.name,
        grant: defaults.institution.grant,
      },
      userId: defaults.user.userId,
      password: defaults.password,
    };
    dataBalikanToken = defaults.token;
    simulatorVersion = localSimulatorVersion();
  }

  const simulatorUrl = control.url;
  const selectionSeed =
    config.selectionSeed ??
    `${population.seed}:${planHash}${config.simulator === undefined ? "" : `:${runId}`}`;
  let driver: PocDriver | undefined;
  // The driver's name for the app (a module app's package.json name), kept after it closes.
  let appName: string | undefined;
  let storageDir: string | undefined;
  let createdStorage = false;
  const results: (CriterionResult | undefined)[] = plan.criteria.map(() => undefined);
  const progress = (event: PocProgressEvent) => {
    try {
      options.onProgress?.(event);
    } catch {
      // A progress callback never stops the run.
    }
  };

  // A simulator the runner did not start gets its clock back as it was.
  const clockBefore = running === undefined ? await control.clockState() : undefined;
  try {
    // --- The clock: each criterion runs on its own simulated day, from 08:00 WIB, two days
    // after the one before; the journal window of a criterion is its day. ---
    // After the institution's last journal row, so a reused simulator's earlier runs stay
    // out of this run's windows.
    const last = await control.lastActivity(target.institution.id);
    const base = nextJakartaMidnight(Math.max(await control.now(), last ?? 0));
    let day = 0;
    let offset = 0;
    const simNow = () => Date.now() + offset;
    const setDay = async (timeOfDay: number) => {
      const start = base + day * DAY_MS + timeOfDay;
      await control.setClock(start);
      const before = Date.now();
      const now = await control.now();
      offset = now - (before + Date.now()) / 2;
      return start;
    };
    await setDay(DAY_START_MS);

    const selection = new NikSelection(population, selectionSeed, plan.canaries);

    // --- The app ---
    if (readyDriver !== undefined) {
      driver = readyDriver;
    } else if (isHttp && config.browser !== undefined) {
      driver = await createBrowserDriver({ baseUrl: given as string, config: config.browser });
    } else if (isHttp && config.http !== undefined) {
      driver = createHttpDriver({
        baseUrl: given as string,
        lookup: config.http.lookup,
        endOfDay: config.http.endOfDay,
      });
    } else {
      if (options.storageDir === undefined) {
        storageDir = await mkdtemp(join(tmpdir(), "dks-poc-storage-"));
        createdStorage = true;
      } else storageDir = resolve(options.storageDir);
      const runtime = running!.runtime;
      const context: PocAppContext = {
        upstream: {
          baseUrl: simulatorUrl,
          path: target.institution.path,
          userId: target.userId,
          password: target.password!,
          ipUser: (await control.getUser(target.userId)).ipUser,
        },
        dataBalikan: { url: `${simulatorUrl}/dukcapil/data_balikan`, token: dataBalikanToken! },
        attribution: config.attribution,
        storageDir,
        now: () => new Date(runtime.clock.now()),
      };
      driver = await createModuleDriver(given as string | PocAppModule, context);
    }
    const app = driver;
    appName = app.name;
    const storagePaths = [
      ...(storageDir === undefined ? [] : [storageDir]),
      ...config.storage.paths.map((path) => resolve(path)),
    ];

    progress({
      type: "run-started",
      runId,
      planId: plan.id,
      total: plan.criteria.length,
      simulatorUrl,
      app: appLabel,
    });

    const deferred: (() => Promise<void>)[] = [];
    const total = plan.criteria.length;

    const finish = (
      index: number,
      criterion: PlanCriterion,
      startedAtMs: number,
      startedPerf: number,
      outcome: { status: CriterionStatus; summary: string },
      checks: readonly Check[],
      evidence: CriterionResult["evidence"],
      durationMs: number = performance.now() - startedPerf,
    ) => {
      const result = sanitiseCriterion({
        id: criterion.id,
        title: criterion.title,
        clause: criterion.clause,
        mandatory: criterion.mandatory,
        status: outcome.status,
        summary: outcome.summary,
        checks: checks.map((check) => ({ ...check })),
        evidence,
        startedAtMs,
        durationMs: Math.round(durationMs),
      });
      results[index] = result;
      progress({
        type: "criterion-finished",
        index,
        total,
        id: result.id,
        title: result.title,
        mandatory: result.mandatory,
        status: result.status,
        summary: result.summary,
        durationMs: result.durationMs,
      });
    };

    for (const [index, criterion] of plan.criteria.entries()) {
      progress({
        type: "criterion-started",
        index,
        total,
        id: criterion.id,
        title: criterion.title,
      });
      const startedPerf = performance.now();
      const startedAtMs = Date.now() - runStarted;
      const actions: ActionRecord[] = [];
      const notes: string[] = [];
      const entry = evaluatorFor(criterion.expect);
      // Two days apart: every time window of the usage-pattern rules (24 h at most) and the
      // quota day of the criterion before are over.
      day += 2;
      const timeOfDay = criterion.setup.clock?.timeOfDay;
      const dayOffset =
        timeOfDay === undefined
          ? DAY_START_MS
          : (Number(timeOfDay.slice(0, 2)) * 60 + Number(timeOfDay.slice(3))) * 60_000;
      let windowFrom = 0;
      let restore: (() => Promise<void>) | undefined;
      let driven: unknown;
      const personValues: string[] = [];

      const act = async (kind: "lookup" | "endOfDay", nik: string | null, implicit = false) => {
        const simAt = simNow();
        const tMs = Date.now() - runStarted;
        const startedAction = performance.now();
        const hard = config.appTimeoutMs + config.graceMs + HARD_DEADLINE_EXTRA_MS;
        const controller = new AbortController();
        const timer = setTimeout(
          () =>
            controller.abort(
              new PocError(
                "DKS_POC_DRIVER_FAILED",
                `The app gave no answer within ${hard} ms (appTimeoutMs ${config.appTimeoutMs} + grace ${config.graceMs} + ${HARD_DEADLINE_EXTRA_MS}); the runner stopped waiting.`,
              ),
            ),
          hard,
        );
        let answer: ActionRecord["answer"] = null;
        let error: string | null = null;
        try {
          answer =
            kind === "lookup"
              ? await app.lookup(nik ?? "", { signal: controller.signal })
              : await app.endOfDay({ signal: controller.signal });
        } catch (caught) {
          error = message(caught);
        } finally {
          clearTimeout(timer);
        }
        actions.push({
          action: kind,
          implicit,
          nik,
          tMs,
          simAt,
          day: jakartaDay(simAt),
          durationMs: performance.now() - startedAction,
          answer,
          error,
        });
      };

      try {
        windowFrom = await setDay(dayOffset);
        restore = await applySetup(
          control,
          {
            institutionId: target.institution.id,
            userId: target.userId,
            password: target.password,
          },
          criterion.setup,
        );
        const niks: string[] = [];
        for (const step of criterion.steps) {
          if (step.action === "lookup") {
            for (let repeat = 0; repeat < step.repeat; repeat++) {
              const nik = selection.resolve(step.nik, niks);
              niks.push(nik);
              const resident = selection.resident(nik);
              if (resident !== undefined) {
                for (const value of Object.values(resident.record)) {
                  if (typeof value === "string") personValues.push(value);
                }
              }
              await act("lookup", nik);
            }
          } else if (step.action === "endOfDay") {
            for (let repeat = 0; repeat < step.repeat; repeat++) await act("endOfDay", null);
          } else if (step.action === "nextDay") {
            day += 1;
            await setDay(DAY_START_MS);
          } else {
            await sleep(step.ms);
          }
        }
        if (entry.drive !== undefined) {
          driven = await entry.drive({
            criterion,
            expect: criterion.expect,
            config,
            driver: app,
            randomNik: () => selection.resolve({ random: "resident" }, niks),
          });
        }
        if (criterion.steps.length > 0) {
          await sleep(entry.wait === "grace" ? config.graceMs : config.settleMs);
        }
        if (plan.closeDayAfterEachCriterion && app.supportsEndOfDay && criterion.steps.length > 0) {
          await act("endOfDay", null, true);
        }
      } catch (error) {
        const cause = message(error);
        if (restore !== undefined) await restore().catch(() => undefined);
        finish(
          index,
          criterion,
          startedAtMs,
          startedPerf,
          { status: "error", summary: `Error: ${cause}` },
          [],
          {
            actions: actions
              .slice(0, MAX_EVIDENCE_ROWS)
              .map((a) => actionEvidence(a, personValues)),
            requests: [],
            notes: [...notes, cause],
          },
        );
        continue;
      }

      // The journal of the criterion's day, read now: later criteria run on later days.
      const windowTo = simNow() + 1_000;
      let journal: Awaited<ReturnType<SimulatorControl["journal"]>> | undefined;
      let journalError: string | null = null;
      try {
        journal = await control.journal(target.institution.id, windowFrom, windowTo);
      } catch (error) {
        journalError = message(error);
      }
      let restoreError: string | null = null;
      try {
        await restore?.();
      } catch (error) {
        restoreError = message(error);
      }

      const stepsMs = performance.now() - startedPerf;
      const record = async () => {
        const evaluationStarted = performance.now();
        let outcome: { status: CriterionStatus; summary: string };
        let checks: readonly Check[] = [];
        let requests: CriterionResult["evidence"]["requests"] = [];
        if (journal === undefined) {
          outcome = {
            status: "error",
            summary: `Error while reading the journal: ${journalError}`,
          };
        } else {
          requests = journal
            .slice(0, MAX_EVIDENCE_ROWS)
            .map((row) => requestEvidence(row, actions, startedAtMs, windowFrom));
          if (journal.length > MAX_EVIDENCE_ROWS) {
            notes.push(`${journal.length - MAX_EVIDENCE_ROWS} more journal rows not listed.`);
          }
          try {
            const input: EvaluationInput = {
              criterion,
              expect: criterion.expect,
              config,
              actions,
              journal,
              institutionId: target.institution.id,
              userId: target.userId,
              resident: (nik) => selection.resident(nik),
              canaries: selection.canaries,
              storagePaths,
              supportsEndOfDay: app.supportsEndOfDay,
              dataBalikan: () => control.dataBalikan(target.institution.id, windowFrom, windowTo),
              driven,
            };
            const evaluation = await entry.evaluate(input);
            checks = evaluation.checks;
            notes.push(...(evaluation.notes ?? []));
            outcome = summarise(evaluation);
          } catch (error) {
            outcome = { status: "error", summary: `Error while evaluating: ${message(error)}` };
          }
        }
        if (restoreError !== null) {
          notes.push(`Restoring the simulator state failed: ${restoreError}`);
          outcome = { status: "error", summary: `Error: ${restoreError}` };
        }
        finish(
          index,
          criterion,
          startedAtMs,
          startedPerf,
          outcome,
          checks,
          {
            actions: actions
              .slice(0, MAX_EVIDENCE_ROWS)
              .map((a) => actionEvidence(a, personValues)),
            requests,
            notes,
          },
          stepsMs + (performance.now() - evaluationStarted),
        );
      };

      if (entry.afterClose) deferred.push(record);
      else await record();
    }

    await app.close().catch(() => undefined);
    driver = undefined;
    for (const record of deferred) await record();
  } finally {
    if (driver !== undefined) await driver.close().catch(() => undefined);
    if (running !== undefined) await running.close().catch(() => undefined);
    else await restoreClock(control, clockBefore).catch(() => undefined);
    if (createdStorage && storageDir !== undefined) {
      await rm(storageDir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  const criteria = results.map((result, index) => {
    if (result !== undefined) return result;
    const criterion = plan.criteria[index]!;
    return {
      id: criterion.id,
      title: criterion.title,
      clause: criterion.clause,
      mandatory: criterion.mandatory,
      status: "error" as const,
      summary: "Error: the criterion did not run.",
      checks: [],
      evidence: { actions: [], requests: [], notes: [] },
      startedAtMs: 0,
      durationMs: 0,
    };
  });
  const counts = { passed: 0, failed: 0, skipped: 0, error: 0 };
  for (const criterion of criteria) counts[criterion.status]++;
  const verdict = criteria.every((c) => !c.mandatory || c.status === "passed")
    ? "passed"
    : "failed";
  const productionInput = options.production ?? config.production;
  const production =
    verdict === "passed"
      ? {
          endpoint:
            productionInput?.endpoint ??
            `POST <production gateway>/dukcapil/get_json/${target.institution.path}/<METHOD>`,
          methods: productionInput?.methods ?? ["CALL_NIK"],
          grant: productionInput?.grant ?? [...target.institution.grant],
          quota: "unlimited" as const,
        }
      : null;
  const finished = Date.now();
  const report: PocReport = {
    schemaVersion: 1,
    manifest: {
      suite: { name: "@dukcapil-sandbox/conformance", version: suitePackage.version },
      plan: { id: plan.id, title: plan.title, sha256: planHash },
      simulator: {
        version: simulatorVersion,
        seed: population.seed,
        population: population.size,
        datasetSha256: sha256(
          canonicalize({
            seed: population.seed,
            population: population.size,
            magic: population.magic,
          }) ?? "",
        ),
        url: simulatorUrl,
      },
      app: {
        driver:
          readyDriver?.kind ??
          (isHttp ? (config.browser === undefined ? "http" : "browser") : "module"),
        target: appLabel,
        name: appName ?? readyDriver?.name ?? driverName(given as string | PocAppModule),
      },
      institution: {
        id: target.institution.id,
        path: target.institution.path,
        name: target.institution.name,
      },
      runId,
      run: {
        appTimeoutMs: config.appTimeoutMs,
        maxRetries: config.maxRetries,
        graceMs: config.graceMs,
        attribution: config.attribution,
        selectionSeed,
      },
      startedAt: new Date(runStarted).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      durationMs: Math.round(performance.now() - runStartedPerf),
      node: process.version,
    },
    verdict,
    verdictRules: [...VERDICT_RULES],
    counts,
    criteria,
    production,
  };
  const parsed = pocReportSchema.parse(report);
  progress({ type: "run-finished", verdict, counts, durationMs: parsed.manifest.durationMs });
  return parsed;
}

async function restoreClock(
  control: SimulatorControl,
  before: Awaited<ReturnType<SimulatorControl["clockState"]>> | undefined,
): Promise<void> {
  if (before === undefined || before.mode === "real") await control.realClock();
  else if (before.mode === "frozen") await control.setClock(before.now, true);
  else await control.setClock(Date.now() + before.offsetMs);
}

function isDriver(app: RunPocOptions["app"]): app is PocDriver {
  return (
    typeof app === "object" &&
    app !== null &&
    "kind" in app &&
    typeof (app as PocDriver).lookup === "function"
  );
}

function driverName(app: string | PocAppModule): string {
  if (typeof app !== "string") return app.name ?? "module";
  if (/^https?:\/\//i.test(app)) return new URL(app).host;
  const base = app.split(/[\\/]/).pop() ?? app;
  return base.replace(/\.[cm]?[jt]sx?$/i, "");
}
