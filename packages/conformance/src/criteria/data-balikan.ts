/**
 * `data-balikan-complete` (Juknis III, PKS art. 3(2)b): after the operator closed the day, the
 * simulator received exactly one data balikan item per found resident looked up, each with
 * parameters, and no duplicate re-send.
 */
import type { PlanExpectation } from "../plan/schema.js";
import { answeredCheck, type Check, type EvaluatorEntry } from "./types.js";

type Expect = Extract<PlanExpectation, { kind: "data-balikan-complete" }>;

function paramKeys(params: string): number {
  try {
    const value = JSON.parse(params) as unknown;
    if (!Array.isArray(value)) return 0;
    return Math.max(
      0,
      ...value.map((item) =>
        item !== null && typeof item === "object" ? Object.keys(item).length : 0,
      ),
    );
  } catch {
    return 0;
  }
}

function problems(missing: number, repeated: number, extra: number): string {
  return [
    missing > 0 ? `${missing} found resident(s) without an item` : "",
    repeated > 0 ? `${repeated} resident(s) sent more than once` : "",
    extra > 0 ? `${extra} item(s) for NIKs not found in this day's lookups` : "",
  ]
    .filter((part) => part !== "")
    .join("; ");
}

/** Evaluator of `data-balikan-complete`. */
export const dataBalikanComplete: EvaluatorEntry<Expect> = {
  wait: "grace",
  async evaluate({ expect, actions, journal, userId, supportsEndOfDay, dataBalikan }) {
    const checks: Check[] = [answeredCheck(actions)];
    if (!supportsEndOfDay) {
      checks.push({
        name: "the app can close the day",
        ok: false,
        detail:
          "The app has no end-of-day action, so it cannot send data balikan. Implement endOfDay (module apps) or give http.endOfDay in the run config.",
      });
      return { checks };
    }
    const found = new Set(
      journal
        .filter((row) => row.endpoint !== "data-balikan" && row.userId === userId)
        .filter((row) => row.code === "01" && row.nik !== null)
        .map((row) => row.nik!),
    );
    checks.push({
      name: "residents were found",
      ok: found.size > 0,
      detail: `${found.size} distinct resident(s) found upstream during the criterion.`,
    });
    const sends = journal.filter((row) => row.endpoint === "data-balikan");
    const duplicates = sends.filter(
      (row) => row.httpStatus === 400 && /sent before/i.test(row.note ?? ""),
    );
    const invalid = sends.filter(
      (row) => row.httpStatus === 400 && !/sent before/i.test(row.note ?? ""),
    );
    const refused = sends.filter((row) => row.httpStatus === 401);
    checks.push({
      name: "no duplicate re-send",
      ok: duplicates.length === 0,
      detail:
        duplicates.length === 0
          ? `${sends.length} data balikan request(s), none refused as already sent.`
          : `${duplicates.length} request(s) answered "Data sudah pernah dikirim": the app sent items again. Remember what was sent (or treat that answer as done).`,
    });
    checks.push({
      name: "every request accepted (agreed format, valid token)",
      ok: invalid.length === 0 && refused.length === 0,
      detail:
        invalid.length + refused.length === 0
          ? "No data balikan request was refused."
          : `${invalid.length} request(s) refused as malformed${invalid[0]?.note ? ` (${invalid[0].note})` : ""}, ${refused.length} as unauthorized. Send [{ id_lembaga, nama_lembaga, data: [{ NIK, param: [{ … }] }] }] with the institution's Bearer token.`,
    });
    const received = await dataBalikan();
    if (received.kind === "count") {
      checks.push({
        name: "one item per found resident",
        ok: received.count === found.size,
        detail: `${received.count} item(s) received for ${found.size} found resident(s) (a remote simulator reports counts only).`,
      });
      return { checks };
    }
    const byNik = new Map<string, number>();
    for (const item of received.items) byNik.set(item.nik, (byNik.get(item.nik) ?? 0) + 1);
    const missing = [...found].filter((nik) => !byNik.has(nik));
    const repeated = [...byNik].filter(([, count]) => count > 1);
    const extra = [...byNik.keys()].filter((nik) => !found.has(nik));
    checks.push({
      name: "one item per found resident",
      ok: found.size > 0 && missing.length === 0 && repeated.length === 0 && extra.length === 0,
      detail:
        missing.length + repeated.length + extra.length === 0
          ? `${received.items.length} item(s) for ${found.size} found resident(s).`
          : `${problems(missing.length, repeated.length, extra.length)}. Send one item per resident looked up and found, once.`,
    });
    const thin = received.items.filter((item) => paramKeys(item.params) < expect.minParamKeys);
    checks.push({
      name: `each item carries at least ${expect.minParamKeys} parameter(s)`,
      ok: thin.length === 0,
      detail:
        thin.length === 0
          ? "Every item carries the agreed parameters."
          : `${thin.length} item(s) with fewer than ${expect.minParamKeys} parameter key(s). Send the agreed return data (e.g. register number, service, date) in param.`,
    });
    return { checks };
  },
};
