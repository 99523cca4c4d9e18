/**
 * What an evaluator gets and returns. One evaluator per expectation kind (src/criteria/*.ts);
 * the runner collects the evidence (actions, journal rows) and the evaluator judges it.
 */
import type { JournalEntry, Resident } from "@dukcapil-sandbox/simulator";
import type { RunConfig } from "../config.js";
import type { DriverAnswer, PocDriver } from "../drivers/types.js";
import type { PlanCriterion, PlanExpectation } from "../plan/schema.js";
import type { ReceivedDataBalikan } from "../runner/control.js";
import type { Canary } from "../runner/select.js";

/** One operator action as the runner made and timed it. Full NIK: never put in a report as is. */
export interface ActionRecord {
  readonly action: "lookup" | "endOfDay";
  /** True for the end of day the runner adds after a criterion's steps. */
  readonly implicit: boolean;
  readonly nik: string | null;
  /** Milliseconds since the run started. */
  readonly tMs: number;
  /** The simulator's clock when the action started (epoch ms). */
  readonly simAt: number;
  /** The simulated Jakarta day of the action. */
  readonly day: string;
  readonly durationMs: number;
  readonly answer: DriverAnswer | null;
  readonly error: string | null;
}

/** One named check of an expectation. */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** An evaluator's verdict on a criterion. */
export interface Evaluation {
  /** `skipped` only for an expectation that cannot run (load on a browser-driven app); else from `checks`. */
  readonly status?: "skipped";
  /** Overrides the summary the runner writes (required with `skipped`). */
  readonly summary?: string;
  readonly checks: readonly Check[];
  readonly notes?: readonly string[];
}

/** Everything an evaluator may read about one criterion's run. */
export interface EvaluationInput<E extends PlanExpectation = PlanExpectation> {
  readonly criterion: PlanCriterion;
  readonly expect: E;
  readonly config: RunConfig;
  readonly actions: readonly ActionRecord[];
  /** The institution's journal rows during the criterion, oldest first (full data). */
  readonly journal: readonly JournalEntry[];
  readonly institutionId: string;
  readonly userId: string;
  /** The resident with a NIK (magic residents included), or `undefined`. */
  resident(nik: string): Resident | undefined;
  readonly canaries: readonly Canary[];
  /** Files and directories the app declared as its storage. */
  readonly storagePaths: readonly string[];
  /** Whether the app has an end-of-day action. */
  readonly supportsEndOfDay: boolean;
  /** What the simulator received as data balikan during the criterion. */
  dataBalikan(): Promise<ReceivedDataBalikan>;
  /** What the entry's `drive` returned (during the steps, before the journal is read and the setup restored). */
  readonly driven?: unknown;
}

/** What an entry's `drive` gets: the app's driver and a source of new random residents. */
export interface DriveInput<E extends PlanExpectation = PlanExpectation> {
  readonly criterion: PlanCriterion;
  readonly expect: E;
  readonly config: RunConfig;
  readonly driver: PocDriver;
  /** A new random active resident's NIK, not used before in the run. */
  randomNik(): string;
}

/** An evaluator and when the runner calls it. */
export interface EvaluatorEntry<E extends PlanExpectation = PlanExpectation> {
  evaluate(input: EvaluationInput<E>): Evaluation | Promise<Evaluation>;
  /** How long to wait after the steps before reading the journal: `settle` or `grace` of the config. */
  readonly wait: "settle" | "grace";
  /**
   * Drives the app itself after the criterion's steps, while its setup applies (the load
   * criterion); the result reaches `evaluate` as `driven`.
   */
  drive?(input: DriveInput<E>): Promise<unknown>;
  /** Evaluate after the app is closed (at the end of the run). */
  readonly afterClose?: boolean;
}

/** Upstream calls of the journal: lookups, verify, family (not data balikan). */
export function upstreamRows(journal: readonly JournalEntry[]): JournalEntry[] {
  return journal.filter((row) => row.endpoint !== "data-balikan");
}

/** The lookup actions of a criterion. */
export function lookups(actions: readonly ActionRecord[]): ActionRecord[] {
  return actions.filter((action) => action.action === "lookup");
}

/** A check that every lookup got an answer (no driver error). */
export function answeredCheck(actions: readonly ActionRecord[]): Check {
  const failed = lookups(actions).filter((action) => action.answer === null);
  return {
    name: "every lookup answered",
    ok: failed.length === 0 && lookups(actions).length > 0,
    detail:
      lookups(actions).length === 0
        ? "The criterion made no lookup."
        : failed.length === 0
          ? `${lookups(actions).length} lookups answered.`
          : `${failed.length} of ${lookups(actions).length} lookups got no answer: ${failed[0]?.error ?? "unknown error"}`,
  };
}

/** Assigns each upstream row to the lookup during (or after) which it arrived. */
export function rowsByLookup(
  actions: readonly ActionRecord[],
  rows: readonly JournalEntry[],
): Map<ActionRecord, JournalEntry[]> {
  const list = lookups(actions);
  const result = new Map<ActionRecord, JournalEntry[]>(list.map((action) => [action, []]));
  for (const row of rows) {
    let owner: ActionRecord | undefined;
    for (const action of list) if (action.simAt <= row.at + 5) owner = action;
    owner ??= list[0];
    if (owner !== undefined) result.get(owner)?.push(row);
  }
  return result;
}
