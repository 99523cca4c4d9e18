// Child process of the HTTP fuzz test (fuzz-http.test.ts; not a test file itself): a
// simulator on a database file, so that memory is measured in the server's own process and
// the state digest is taken where the state lives. Driven over IPC:
//   → { type: "stats", id, gc?, store? }  ← { type: "stats", id, memory, cpu, state, digest?, polluted }
//   → { type: "close" }      ← exits 0 after closing the simulator
// It prints nothing; anything on stderr fails the test.
import { startSimulator } from "../src/server.js";
import { digestStateFile } from "../src/state/digest.js";

/** What the child tells the test once listening. */
export interface FuzzServerReady {
  readonly type: "ready";
  readonly url: string;
  readonly adminToken: string;
  readonly institutionId: string;
  readonly institutionPath: string;
  readonly userId: string;
  readonly password: string;
  readonly ipUser: string;
  readonly dataBalikanToken: string;
  readonly niks: readonly string[];
}

/** The answer to `stats`. */
export interface FuzzServerStats {
  readonly type: "stats";
  readonly id: number;
  /** `process.memoryUsage()`, after two full garbage collections when asked for with `gc: true`. */
  readonly memory: NodeJS.MemoryUsage;
  /** `process.cpuUsage()` of the server so far. */
  readonly cpu: NodeJS.CpuUsage;
  /**
   * The state read through a second, read-only connection: per-table digests and rows. Every
   * answer the test waited for was sent after its hit was committed, so nothing is pending.
   */
  readonly state: ReturnType<typeof digestStateFile>;
  /** `store.digest()` (flushes the group commit first), when asked for with `store: true`. */
  readonly digest?: string;
  /** Whether a request polluted Object.prototype (the fuzz bodies try `dksPolluted`). */
  readonly polluted: boolean;
}

const config = JSON.parse(process.env.FUZZ_SIMULATOR_CONFIG ?? "{}") as { db: string };
const simulator = await startSimulator(config);
const defaults = simulator.runtime.defaults;
if (defaults === null || defaults.password === null || defaults.token === null) {
  throw new Error("the fuzz server needs the seeded defaults");
}
const ready: FuzzServerReady = {
  type: "ready",
  url: simulator.url,
  adminToken: simulator.runtime.adminToken,
  institutionId: defaults.institution.id,
  institutionPath: defaults.institution.path,
  userId: defaults.user.userId,
  password: defaults.password,
  ipUser: defaults.user.ipUser,
  dataBalikanToken: defaults.token,
  niks: simulator.runtime.population.magic.map((magic) => magic.nik),
};
process.send?.(ready);

const gc = (globalThis as { gc?: () => void }).gc;
process.on("message", (message: { type: string; id?: number; gc?: boolean; store?: boolean }) => {
  if (message.type === "stats") {
    if (message.gc === true) {
      gc?.();
      gc?.();
    }
    const memory = process.memoryUsage();
    const stats: FuzzServerStats = {
      type: "stats",
      id: message.id ?? 0,
      memory,
      cpu: process.cpuUsage(),
      ...(message.store === true ? { digest: simulator.runtime.store.digest() } : {}),
      state: digestStateFile(config.db),
      polluted: "dksPolluted" in {},
    };
    process.send?.(stats);
  } else if (message.type === "close") {
    void simulator.close().then(() => process.exit(0));
  }
});
// The test process died: do not outlive it.
process.on("disconnect", () => {
  void simulator.close().then(() => process.exit(0));
});
