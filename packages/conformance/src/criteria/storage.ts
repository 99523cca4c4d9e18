/**
 * `no-stored-person-data` (Juknis II.E.2, PKS art. 3(2)i): after the app is closed, no file
 * under its declared storage holds a canary resident's full NIK, NO_KK or name. The scan is
 * byte-wise (UTF-8/ASCII and UTF-16LE, names in any letter case); masked NIKs are allowed.
 */
import { lstat, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { PlanExpectation } from "../plan/schema.js";
import type { Canary } from "../runner/select.js";
import { answeredCheck, type Check, type EvaluatorEntry } from "./types.js";

type Expect = Extract<PlanExpectation, { kind: "no-stored-person-data" }>;

/** Files larger than this are scanned in their first bytes only (noted in the report). */
export const MAX_SCANNED_BYTES = 64 * 1024 * 1024;

/** One canary value found in a file. */
export interface StorageHit {
  readonly path: string;
  readonly canary: number;
  readonly what: "NIK" | "NO_KK" | "NAMA_LGKP";
}

async function* files(path: string, notes: string[], root: boolean): AsyncGenerator<string> {
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    // A declared root is followed when it is a symbolic link (an app's data directory often
    // is one); links inside the tree are not, since they may point outside the app's storage.
    info = root ? await stat(path) : await lstat(path);
  } catch {
    notes.push(`Declared storage ${path} does not exist (nothing to scan there).`);
    return;
  }
  if (info.isSymbolicLink()) {
    notes.push(`${path} is a symbolic link: not followed (declare its target to scan it).`);
    return;
  }
  if (info.isFile()) {
    yield path;
    return;
  }
  if (!info.isDirectory()) return;
  for (const name of (await readdir(path)).sort()) yield* files(join(path, name), notes, false);
}

/**
 * Scans every file under `paths` for the canaries' values.
 *
 * @internal
 */
export async function scanStorage(
  paths: readonly string[],
  canaries: readonly Canary[],
): Promise<{ hits: StorageHit[]; scanned: number; notes: string[] }> {
  const notes: string[] = [];
  const hits: StorageHit[] = [];
  const needles = canaries.flatMap((canary, index) =>
    (
      [
        ["NIK", canary.nik],
        ["NO_KK", canary.noKk],
        ["NAMA_LGKP", canary.name],
      ] as const
    ).map(([what, value]) => {
      const lower = value.toLowerCase();
      return {
        canary: index,
        what,
        forms: [Buffer.from(lower, "latin1"), Buffer.from(lower, "utf16le")],
      };
    }),
  );
  let scanned = 0;
  for (const root of paths) {
    for await (const file of files(root, notes, true)) {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        notes.push(`Could not read ${file}: ${(error as NodeJS.ErrnoException).code ?? "error"}.`);
        continue;
      }
      if (bytes.length > MAX_SCANNED_BYTES) {
        notes.push(`${file} is larger than ${MAX_SCANNED_BYTES} bytes; its start was scanned.`);
        bytes = bytes.subarray(0, MAX_SCANNED_BYTES);
      }
      scanned++;
      const lower = Buffer.from(bytes.toString("latin1").toLowerCase(), "latin1");
      for (const needle of needles) {
        if (needle.forms.some((form) => lower.includes(form))) {
          hits.push({ path: file, canary: needle.canary, what: needle.what });
        }
      }
    }
  }
  return { hits, scanned, notes };
}

/** Evaluator of `no-stored-person-data`. */
export const noStoredPersonData: EvaluatorEntry<Expect> = {
  wait: "settle",
  afterClose: true,
  async evaluate({ actions, journal, canaries, storagePaths }) {
    const checks: Check[] = [answeredCheck(actions)];
    const lookedUp = canaries.filter((canary) =>
      journal.some((row) => row.nik === canary.nik && row.code === "01"),
    );
    checks.push({
      name: "the canaries were read from the upstream",
      ok: canaries.length > 0 && lookedUp.length === canaries.length,
      detail: `${lookedUp.length} of ${canaries.length} canary residents were answered 01 upstream (only data the app received can be stored).`,
    });
    if (storagePaths.length === 0) {
      checks.push({
        name: "the app declares its storage",
        ok: false,
        detail:
          "No storage to scan: declare the app's directories, database dumps and logs in the run config's storage.paths.",
      });
      return { checks };
    }
    const { hits, scanned, notes } = await scanStorage(storagePaths, canaries);
    const first = hits[0];
    checks.push({
      name: "no canary value in the app's storage",
      ok: hits.length === 0,
      detail:
        first === undefined
          ? `${scanned} file(s) scanned under ${storagePaths.length} declared path(s): no canary NIK, NO_KK or name.`
          : `${hits.length} canary value(s) found, e.g. canary ${first.canary}'s ${first.what} in ${first.path}. Do not store data read from Dukcapil (keep at most a masked NIK).`,
    });
    return { checks, notes };
  },
};
