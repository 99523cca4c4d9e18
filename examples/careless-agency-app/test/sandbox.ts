// Test fixtures (not a test file): a real simulator on an ephemeral port, its admin API, and
// the PoC context the runner would give the app.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningSimulator, startSimulator } from "@dukcapil-sandbox/simulator";
import type { PocAppContext } from "../src/poc.js";

export const ADMIN_TOKEN = "example-careless-agency-app-admin";
/** 09:00 WIB on Tuesday 24 November 2026; the simulator's clock stands still there. */
export const CLOCK_START = "2026-11-24T09:00:00+07:00";
export const ATTRIBUTION = "Layanan ini menggunakan API Dukcapil Kemendagri (sandbox)";

/** The magic NIKs: the same in every simulator, whatever its seed. */
export const MAGIC = {
  found: "3319041307949001",
  deceased: "5208025311479002",
  duplicate: "1208011905789003",
  notFound: "3319041307949999",
  inactive: "3215076005509004",
  malformed: "3319043102940001",
  bigNik: "9601085401569005",
} as const;

/** One journal row, as `GET /sandbox/journal` lists it. */
export interface JournalRow {
  readonly endpoint: string;
  readonly nik: string | null;
  readonly code: string | null;
  readonly httpStatus: number;
  readonly note: string | null;
  readonly at: number;
  readonly findings: readonly string[];
}

/** A simulator with the default seed (so the CLI's default credentials are its own). */
export class Sandbox {
  private constructor(readonly simulator: RunningSimulator) {}

  static async start(): Promise<Sandbox> {
    return new Sandbox(
      await startSimulator({
        population: 10_000,
        seed: "dukcapil-sandbox",
        adminToken: ADMIN_TOKEN,
        clockStartAt: CLOCK_START,
        clockFrozen: true,
      }),
    );
  }

  get url(): string {
    return this.simulator.url;
  }

  /** Calls the sandbox or admin API; throws on a non-2xx answer. */
  async admin(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}/sandbox${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
    return text === "" ? undefined : JSON.parse(text);
  }

  /** Clears all state (journal, quota, data balikan, faults, clock) and seeds the defaults. */
  async reset(): Promise<void> {
    await this.admin("POST", "/reset");
  }

  /** The journal, oldest first. */
  async journal(): Promise<JournalRow[]> {
    const page = (await this.admin("GET", "/journal?limit=1000")) as { entries: JournalRow[] };
    return page.entries.reverse();
  }

  /** The lookups the upstream received, oldest first. */
  async lookups(): Promise<JournalRow[]> {
    return (await this.journal()).filter((row) => row.endpoint === "lookup");
  }

  get institutionId(): string {
    return this.defaults().institution.id;
  }

  get userId(): string {
    return this.defaults().user.userId;
  }

  /** The data balikan the simulator received for the seeded institution. */
  dataBalikan(): { nik: string; params: string }[] {
    return this.simulator.runtime.store.dataBalikan
      .list({ institutionId: this.institutionId })
      .map((item) => ({ nik: item.nik, params: item.params }));
  }

  private defaults() {
    const defaults = this.simulator.runtime.defaults;
    if (defaults === null || defaults.password === null || defaults.token === null) {
      throw new Error("The simulator has no seeded defaults; reset it first.");
    }
    return { ...defaults, password: defaults.password, token: defaults.token };
  }

  /** The context the PoC runner gives an app module. */
  context(storageDir: string): PocAppContext {
    const defaults = this.defaults();
    return {
      upstream: {
        baseUrl: this.url,
        path: defaults.institution.path,
        userId: defaults.user.userId,
        password: defaults.password,
        ipUser: defaults.user.ipUser,
      },
      dataBalikan: { url: `${this.url}/dukcapil/data_balikan`, token: defaults.token },
      attribution: ATTRIBUTION,
      storageDir,
      now: () => new Date(this.simulator.runtime.clock.now()),
    };
  }

  /** The seeded data balikan token (shown once by the simulator). */
  get token(): string {
    return this.defaults().token;
  }

  close(): Promise<void> {
    return this.simulator.close();
  }
}

/** A fresh, empty storage directory (removed by the returned function). */
export async function makeStorageDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "careless-agency-app-storage-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
