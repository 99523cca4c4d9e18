/**
 * The quota criteria: `quota-exhaustion-handled` (message shown, no retry storm) and
 * `quota-stop-until-next-day` (no call after code 05 for the rest of the simulated day; calls
 * again the next day). Both fail when the quota never ran out (verdict rule 3).
 */
import { jakartaDay } from "@dukcapil-sandbox/core";
import type { JournalEntry } from "@dukcapil-sandbox/simulator";
import type { PlanExpectation } from "../plan/schema.js";
import { showsOutcome } from "./text.js";
import {
  type ActionRecord,
  answeredCheck,
  type Check,
  type EvaluatorEntry,
  lookups,
  rowsByLookup,
  upstreamRows,
} from "./types.js";

type Exhaustion = Extract<PlanExpectation, { kind: "quota-exhaustion-handled" }>;
type StopUntilNextDay = Extract<PlanExpectation, { kind: "quota-stop-until-next-day" }>;

function ranOut(calls: readonly JournalEntry[], asked: number): Check & { first?: JournalEntry } {
  const first = calls.find((row) => row.code === "05");
  return {
    name: "the quota ran out (code 05)",
    ok: first !== undefined,
    detail:
      first !== undefined
        ? `The upstream answered 05 (Kuota Akses Hari ini telah Habis) after ${calls.filter((row) => row.at < first.at).length} calls.`
        : `The quota never ran out: ${calls.length} upstream calls for ${asked} lookups. The expected refusal did not happen, so the criterion cannot pass (verdict rule 3).`,
    ...(first === undefined ? {} : { first }),
  };
}

/** The lookups from the one that received `row` on. */
function fromLookupOf(
  actions: readonly ActionRecord[],
  rows: readonly JournalEntry[],
  row: JournalEntry,
) {
  const owners = rowsByLookup(actions, rows);
  const list = lookups(actions);
  const index = list.findIndex((action) => owners.get(action)?.includes(row));
  return index === -1 ? [] : list.slice(index);
}

/** Evaluator of `quota-exhaustion-handled`. */
export const quotaExhaustionHandled: EvaluatorEntry<Exhaustion> = {
  wait: "grace",
  evaluate({ expect, actions, journal }) {
    const calls = upstreamRows(journal);
    const asked = lookups(actions);
    const out = ranOut(calls, asked.length);
    const checks: Check[] = [out, answeredCheck(actions)];
    if (out.first !== undefined) {
      const after = fromLookupOf(actions, calls, out.first).filter((a) => a.answer !== null);
      const silent = after.filter((action) => !showsOutcome(action.answer!, "05"));
      checks.push({
        name: "the quota message is shown",
        ok: after.length > 0 && silent.length === 0,
        detail:
          silent.length === 0
            ? `${after.length} answers from the exhaustion on show the quota message or its advice.`
            : `${silent.length} of ${after.length} answers after the quota ran out do not say so. Show "Kuota akses hari ini telah habis" (or the catalogue's advice).`,
      });
    }
    const limit = expect.maxUpstreamCallsPerAction * asked.length;
    checks.push({
      name: `at most ${expect.maxUpstreamCallsPerAction} upstream call(s) per lookup`,
      ok: calls.length <= limit,
      detail: `${calls.length} upstream calls for ${asked.length} lookups (limit ${limit}).${calls.length > limit ? " Never retry code 05: it answers the same until 00:00 WIB." : ""}`,
    });
    return { checks };
  },
};

/** Evaluator of `quota-stop-until-next-day`. */
export const quotaStopUntilNextDay: EvaluatorEntry<StopUntilNextDay> = {
  wait: "grace",
  evaluate({ actions, journal }) {
    const calls = upstreamRows(journal);
    const asked = lookups(actions);
    const out = ranOut(calls, asked.length);
    const checks: Check[] = [out, answeredCheck(actions)];
    if (out.first === undefined) return { checks };
    const day = jakartaDay(out.first.at);
    const later = calls.filter((row) => row.at > out.first!.at && jakartaDay(row.at) === day);
    checks.push({
      name: "no upstream call after code 05 the same day",
      ok: later.length === 0,
      detail:
        later.length === 0
          ? `No call after the first 05 until the end of ${day} (WIB).`
          : `${later.length} upstream call(s) after the first 05 on ${day} (codes ${[...new Set(later.map((row) => row.code ?? "none"))].join(", ")}). After 05, stop calling until 00:00 WIB.`,
    });
    const nextDayLookups = asked.filter((action) => action.day > day);
    if (nextDayLookups.length > 0) {
      const nextDayCalls = calls.filter((row) => jakartaDay(row.at) > day);
      checks.push({
        name: "calls again the next day",
        ok: nextDayCalls.length > 0,
        detail:
          nextDayCalls.length > 0
            ? `${nextDayCalls.length} upstream call(s) after 00:00 WIB for ${nextDayLookups.length} lookup(s).`
            : `No upstream call after 00:00 WIB for ${nextDayLookups.length} lookup(s): the quota resets every day, so the app must call again.`,
      });
    }
    return { checks };
  },
};
