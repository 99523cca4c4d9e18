/**
 * A background WAL checkpointer for a database file.
 *
 * With `synchronous = NORMAL`, the COMMIT that pushes the WAL past `wal_autocheckpoint`
 * runs a checkpoint on the event loop: it fsyncs the WAL written since the last one
 * (up to ~40 MiB) and the database, a 10–200 ms stall on the machines here, every second
 * at 2,000 lookups/s. This worker thread, with its own connection, runs
 * `PRAGMA wal_checkpoint(PASSIVE)` every 100 ms, so that copying and fsyncing happen off
 * the event loop; the in-line autocheckpoint then finds little left to do (it still resets
 * the WAL, which a PASSIVE checkpoint under steady writes never could). PASSIVE never waits
 * for, nor blocks, the writer. If the worker cannot start or fails, nothing else changes:
 * the in-line autocheckpoint keeps the WAL bounded as before. See decisions/006.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** How often the worker checkpoints. */
export const CHECKPOINT_INTERVAL_MS = 100;

// CommonJS, evaluated in the worker: no TypeScript loader or bundled file needed.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 0");
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Busy or closing: the next tick tries again; the in-line autocheckpoint is the backstop.
  }
}, workerData.intervalMs);
parentPort.once("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** A running checkpointer. */
export interface Checkpointer {
  /** Stops the worker (it closes its connection and exits). */
  stop(): void;
}

/**
 * Starts the checkpointer of a database file (call after the file is open in WAL mode).
 * The worker is unref'd: it never keeps the process alive.
 *
 * @internal
 */
export function startCheckpointer(file: string): Checkpointer {
  let worker: Worker;
  try {
    // tsup shims import.meta.url in the CJS build, so one code path serves both formats.
    const module = createRequire(import.meta.url).resolve("better-sqlite3");
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, file, intervalMs: CHECKPOINT_INTERVAL_MS },
    });
  } catch {
    return { stop() {} };
  }
  worker.unref();
  // A failed checkpointer leaves the in-line autocheckpoint in charge, as without it.
  worker.on("error", () => undefined);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      worker.postMessage("stop");
    },
  };
}
