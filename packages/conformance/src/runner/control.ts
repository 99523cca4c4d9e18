/**
 * The runner's hand on the simulator: its admin API (and, for an in-process simulator, its
 * runtime for the data balikan received). Everything a criterion's setup changes goes through
 * here, so the same code drives a local or a remote simulator.
 */
import { jakartaDay, semesterOf } from "@dukcapil-sandbox/core";
import type {
  FaultPlan,
  Institution,
  JournalEntry,
  SimulatorRuntime,
  UserAccount,
} from "@dukcapil-sandbox/simulator";
import { PocError } from "../errors.js";

/** What the simulator says it received as data balikan in a time window. */
export type ReceivedDataBalikan =
  | {
      readonly kind: "items";
      readonly items: readonly { readonly nik: string; readonly params: string }[];
    }
  | { readonly kind: "count"; readonly count: number };

/** The simulator as the runner sees it. */
export interface SimulatorControl {
  readonly url: string;
  health(): Promise<{ seed: string; population: number }>;
  /** The simulator's clock, epoch ms. */
  now(): Promise<number>;
  /** Sets the clock to `epochMs`; time runs on from there (or stays, `frozen`). */
  setClock(epochMs: number, frozen?: boolean): Promise<void>;
  realClock(): Promise<void>;
  /** The clock's mode and offset, to put it back after the run. */
  clockState(): Promise<{ mode: "real" | "offset" | "frozen"; now: number; offsetMs: number }>;
  getUser(userId: string): Promise<UserAccount>;
  listUsers(institutionId: string): Promise<readonly UserAccount[]>;
  patchUser(
    userId: string,
    patch: Partial<Pick<UserAccount, "dailyQuota" | "status" | "ipUser">>,
  ): Promise<void>;
  setPassword(userId: string, password: string): Promise<void>;
  getInstitution(id: string): Promise<Institution>;
  patchInstitution(id: string, patch: Readonly<Record<string, unknown>>): Promise<void>;
  /** The institution's fault plan, or `undefined`. */
  getFaults(institutionId: string): Promise<FaultPlan | undefined>;
  setFaults(institutionId: string, plan: FaultPlan | undefined): Promise<void>;
  /** The time of the institution's newest journal row, or `null` when it has none. */
  lastActivity(institutionId: string): Promise<number | null>;
  /** Journal rows of the institution with `from <= at < to`, oldest first. */
  journal(institutionId: string, from: number, to: number): Promise<JournalEntry[]>;
  dataBalikan(institutionId: string, from: number, to: number): Promise<ReceivedDataBalikan>;
}

const PAGE = 1000;

/**
 * The control of a simulator at `url`, through its admin API; with `runtime` (an in-process
 * simulator) the data balikan received are read item by item.
 *
 * @internal
 */
export function createSimulatorControl(
  url: string,
  adminToken: string,
  runtime?: SimulatorRuntime,
): SimulatorControl {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${adminToken}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new PocError(
        "DKS_POC_SIMULATOR_UNAVAILABLE",
        `Failed to reach the simulator at ${url} (${method} ${path}): ${(error as Error).message}. Check simulator.url and that the simulator runs.`,
        { url, path },
        { cause: error },
      );
    }
    const text = await response.text();
    if (!response.ok) {
      let detail = text.slice(0, 300);
      try {
        const problem = JSON.parse(text) as { detail?: string; title?: string };
        detail = problem.detail ?? problem.title ?? detail;
      } catch {
        // not JSON: keep the text
      }
      throw new PocError(
        response.status === 401 ? "DKS_POC_SIMULATOR_UNAVAILABLE" : "DKS_POC_SETUP_FAILED",
        `Failed to ${method} ${path} on the simulator: HTTP ${response.status} ${detail.replace(/\d{16}/g, "****************")}${response.status === 401 ? " Check simulator.adminToken." : ""}`,
        { url, path, status: response.status },
      );
    }
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }

  const enc = encodeURIComponent;
  return {
    url,
    async health() {
      const health = await call<{ seed: string; population: number }>("GET", "/sandbox/health");
      return { seed: String(health.seed), population: health.population };
    },
    async now() {
      if (runtime !== undefined) return runtime.clock.now();
      return (await call<{ now: number }>("GET", "/sandbox/clock")).now;
    },
    async setClock(epochMs, frozen = false) {
      await call("POST", "/sandbox/clock", { set: new Date(epochMs).toISOString(), frozen });
    },
    clockState: () => call("GET", "/sandbox/clock"),
    async realClock() {
      await call("POST", "/sandbox/clock", { real: true });
    },
    getUser: (userId) => call("GET", `/sandbox/admin/users/${enc(userId)}`),
    async listUsers(institutionId) {
      return (
        await call<{ items: UserAccount[] }>(
          "GET",
          `/sandbox/admin/institutions/${enc(institutionId)}/users`,
        )
      ).items;
    },
    async patchUser(userId, patch) {
      await call("PATCH", `/sandbox/admin/users/${enc(userId)}`, patch);
    },
    async setPassword(userId, password) {
      await call("POST", `/sandbox/admin/users/${enc(userId)}/password`, { password });
    },
    getInstitution: (id) => call("GET", `/sandbox/admin/institutions/${enc(id)}`),
    async patchInstitution(id, patch) {
      await call("PATCH", `/sandbox/admin/institutions/${enc(id)}`, patch);
    },
    async getFaults(institutionId) {
      const list = await call<{ institutions: Record<string, FaultPlan> }>(
        "GET",
        "/sandbox/faults",
      );
      return list.institutions[institutionId];
    },
    async setFaults(institutionId, plan) {
      if (plan === undefined) await call("DELETE", `/sandbox/faults/${enc(institutionId)}`);
      else await call("PUT", `/sandbox/faults/${enc(institutionId)}`, plan);
    },
    async lastActivity(institutionId) {
      const page = await call<{ entries: JournalEntry[] }>(
        "GET",
        `/sandbox/journal?institution=${enc(institutionId)}&limit=1`,
      );
      return page.entries[0]?.at ?? null;
    },
    async journal(institutionId, from, to) {
      const rows: JournalEntry[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await call<{ total: number; entries: JournalEntry[] }>(
          "GET",
          `/sandbox/journal?institution=${enc(institutionId)}&from=${Math.floor(from)}&to=${Math.ceil(to)}&limit=${PAGE}&offset=${offset}`,
        );
        rows.push(...page.entries);
        if (page.entries.length < PAGE || rows.length >= page.total) break;
      }
      return rows.sort((a, b) => a.at - b.at || a.id - b.id);
    },
    async dataBalikan(institutionId, from, to) {
      if (runtime !== undefined) {
        const items = runtime.store.dataBalikan.list({
          institutionId,
          from: Math.floor(from),
          to: Math.ceil(to),
          limit: 10_000,
        });
        return { kind: "items", items: items.map(({ nik, params }) => ({ nik, params })) };
      }
      // A remote simulator: the usage report counts items per Jakarta day (each criterion
      // runs on its own simulated day, so the day's count is the criterion's).
      const report = await call<{
        institutions: {
          institutionId: string;
          days: { day: string; dataBalikanItems: number }[];
        }[];
      }>(
        "GET",
        `/sandbox/admin/reports/usage?semester=${semesterOf(from)}&institution=${enc(institutionId)}`,
      );
      const fromDay = jakartaDay(from);
      const toDay = jakartaDay(to);
      let count = 0;
      for (const institution of report.institutions) {
        for (const day of institution.days) {
          if (day.day >= fromDay && day.day <= toDay) count += day.dataBalikanItems;
        }
      }
      return { kind: "count", count };
    },
  };
}
